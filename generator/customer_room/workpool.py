"""Slow media work, done once: cached results are reused, the rest runs in a pool of processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
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


def run_jobs(
    jobs: Mapping[Key, Job],
    work: Callable[[Job], Result],
    cached: Callable[[Job], Result | None],
    *,
    label: str,
    workers: int | None,
    on_error: Callable[[Key, Exception], None],
    executor: Executor | None = None,
) -> dict[Key, Result]:
    """Results for every job: from the cache where present, else computed by ``work`` in a pool.

    A job that fails is handed to ``on_error`` with its key; the others still finish.
    """
    results: dict[Key, Result] = {}
    todo: dict[Key, Job] = {}
    for key, job in jobs.items():
        hit = cached(job)
        if hit is None:
            todo[key] = job
        else:
            results[key] = hit
    if not todo:
        return results
    pool = executor or ProcessPoolExecutor(max_workers=min(len(todo), workers or cpu_count()))
    progress = Progress(label, len(todo))
    try:
        futures = {key: pool.submit(work, job) for key, job in todo.items()}
        for key, future in futures.items():
            try:
                results[key] = future.result()
            except Exception as exc:  # reported against the job's own file by the caller
                on_error(key, exc)
            progress.advance()
    finally:
        if executor is None:
            pool.shutdown()
    return results
