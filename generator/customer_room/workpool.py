"""Slow media work, done once: cached results are reused, the rest runs in a pool of processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import TypeVar

from .progress import Progress

Key = TypeVar("Key", bound=Hashable)
Job = TypeVar("Job")
Result = TypeVar("Result")


def cpu_count() -> int:
    """Cores this process may use (a container's limit, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


BLAS_THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _one_thread_each() -> None:
    """Worker processes already run one per core: a BLAS pool of threads inside each one would
    only fight them (and ffmpeg) for the same cores. Libraries loaded later (the audio ones load
    with the first clip) read the variables; those already loaded are limited directly."""
    for variable in BLAS_THREADS:
        os.environ[variable] = "1"
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def run_jobs(
    jobs: Iterable[tuple[Key, Job]],
    work: Callable[[Job], Result],
    cached: Callable[[Job], Result | None],
    *,
    label: str,
    workers: int | None,
    on_error: Callable[[Key, Exception], None],
    executor: Executor | None = None,
) -> dict[Key, Result]:
    """Results for every (key, job): from the cache where present, else computed by ``work`` in a
    pool of processes (started only when there is work).

    A job that fails is handed to ``on_error`` with its key; the others still finish.
    """
    results: dict[Key, Result] = {}
    futures: dict[Key, Future[Result]] = {}
    pool: Executor | None = executor
    try:
        # Jobs are submitted as they come, so preparing the next (hashing its file) overlaps
        # with the work on the first.
        for key, job in jobs:
            hit = cached(job)
            if hit is not None:
                results[key] = hit
                continue
            if pool is None:
                pool = ProcessPoolExecutor(
                    max_workers=workers or cpu_count(), initializer=_one_thread_each
                )
            futures[key] = pool.submit(work, job)
        progress = Progress(label, len(futures))
        for key, future in futures.items():
            try:
                results[key] = future.result()
            except Exception as exc:  # reported against the job's own file by the caller
                on_error(key, exc)
            progress.advance()
    finally:
        if executor is None and pool is not None:
            pool.shutdown()
    return results
