"""Slow media work, done once: cached results are reused, the rest runs in a pool of processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from ..progress import Progress

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


class LocalPool(Executor):
    """Worker processes on this machine, one per core, started with the first job: a rebuild
    whose media are all cached starts none."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or cpu_count()
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., Result], /, *args: Any, **kwargs: Any) -> Future[Result]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=_one_thread_each)
        return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait, cancel_futures=cancel_futures)


class Pending(Generic[Key, Result]):
    """Jobs submitted and not yet collected, by key."""

    def __init__(self, futures: dict[Key, Future[Result]] | None = None) -> None:
        self.futures = futures or {}

    def wait(self, label: str, on_error: Callable[[Key, Exception], None]) -> dict[Key, Result]:
        """Every job's result; a job that fails is handed to ``on_error`` with its key, and the
        others still finish."""
        results: dict[Key, Result] = {}
        progress = Progress(label, len(self.futures))
        for key, future in self.futures.items():
            try:
                results[key] = future.result()
            except Exception as exc:  # reported against the job's own file by the caller
                on_error(key, exc)
            progress.advance()
        self.futures = {}
        return results

    def cancel(self) -> None:
        """Drop the jobs that have not started (the build stopped)."""
        for future in self.futures.values():
            future.cancel()
        self.futures = {}


def run_jobs(
    jobs: Iterable[tuple[Key, Job]],
    work: Callable[[Job], Result],
    cached: Callable[[Job], Result | None],
    *,
    label: str,
    on_error: Callable[[Key, Exception], None],
    executor: Executor,
) -> dict[Key, Result]:
    """Results for every (key, job): from the cache where present, else computed by ``work`` on
    ``executor``. A job that fails is handed to ``on_error`` with its key; the others still
    finish."""
    results: dict[Key, Result] = {}
    order = []
    pending: Pending[Key, Result] = Pending()
    # Jobs are submitted as they come, so preparing the next (hashing its file) overlaps with
    # the work on the first.
    for key, job in jobs:
        order.append(key)
        hit = cached(job)
        if hit is not None:
            results[key] = hit
        else:
            pending.futures[key] = executor.submit(work, job)
    results.update(pending.wait(label, on_error))
    return {key: results[key] for key in order if key in results}
