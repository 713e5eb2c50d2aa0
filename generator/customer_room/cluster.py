"""Where media work runs: a local pool of processes by default, or a Dask cluster
(``media_cluster: tcp://scheduler:8786``) for rooms whose media outgrow one machine.

Dask's client hands out a ``concurrent.futures`` executor, so the media stages do not know which
one they run on. The workers need customer-room installed and the room and its cache folder at
the same paths (shared storage): jobs carry file paths, and results are written to the cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from .errors import Report
from .workpool import LocalPool

CONNECT_SECONDS = 20


@contextmanager
def media_executor(
    address: str | None, report: Report, workers: int | None = None
) -> Iterator[Executor]:
    """Where the media stages run: the cluster's executor, or a local pool of ``workers``
    processes (one per core by default). A problem with the cluster is reported, and the
    local pool is yielded so the build can go on to report the rest."""
    if not address:
        with LocalPool(workers) as pool:
            yield pool
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
        yield LocalPool(workers)
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
        yield LocalPool(workers)
        return
    try:
        yield client.get_executor()
    finally:
        client.close()
