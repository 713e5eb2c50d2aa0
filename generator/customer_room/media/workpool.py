"""A pool of worker processes on this machine, one per core."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

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
