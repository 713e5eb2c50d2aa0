"""Where media work runs: on this machine by default (a pool of processes for work done in
Python, a pool of threads for work that only waits on ffmpeg), or on a Dask cluster
(``media_cluster: tcp://scheduler:8786``) for rooms whose media outgrow one machine.

Dask's client hands out a ``concurrent.futures`` executor, so the media stages do not know which
one they run on. The workers need customer-room installed and the room and its cache folder at
the same paths (shared storage): jobs carry file paths, and results are written to the cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager

from ..errors import Report
from .workpool import LocalPool, cpu_count

CONNECT_SECONDS = 20


@contextmanager
def media_executors(
    address: str | None, report: Report, workers: int | None = None
) -> Iterator[tuple[Executor, Executor]]:
    """Where the media stages run, as (work in Python, work waiting on a program): the
    cluster's executor for both, or this machine with ``workers`` processes for decoding,
    redaction and photos, and as many threads for the MP3 encoder (one per core by default).
    A problem with the cluster is reported, and this
    machine's executors are yielded so the build can go on to report the rest."""
    if not address:
        with _local(workers) as executors:
            yield executors
        return
    try:
        from distributed import Client
    except ImportError:
        report.error(
            "mkdocs.yml",
            "media_cluster is set, but Dask is not installed — pip install "
            "'customer-room[cluster]' (or remove media_cluster to work on this machine)",
            field="media_cluster",
        )
        with _local(workers) as executors:
            yield executors
        return
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        report.error(
            "mkdocs.yml",
            f"cannot reach the Dask scheduler at {address} ({exc}) — check the address and "
            "that the scheduler is running",
            field="media_cluster",
        )
        with _local(workers) as executors:
            yield executors
        return
    try:
        cluster = client.get_executor()
        yield cluster, cluster
    finally:
        client.close()


@contextmanager
def _local(workers: int | None) -> Iterator[tuple[Executor, Executor]]:
    with (
        LocalPool(workers) as processes,
        ThreadPoolExecutor(workers or cpu_count(), thread_name_prefix="encoder") as threads,
    ):
        yield processes, threads
