"""The media work of one build, and its whole lifetime: submit, wait, cancel.

Work runs where :mod:`.cluster` says (this machine, or a Dask cluster). Photos and the first
job of each clip are waited for at once (:meth:`MediaJobs.run`): the pages need what they
return. A clip's MP3 is only needed once the site is published, so its encoding is started
(:meth:`MediaJobs.later`) and goes on while the pages are made and the engine builds the site;
:meth:`MediaJobs.wait` collects it. Leaving the ``with`` block lets the workers go: after an
error, work already under way is finished first (it is kept in the cache for the next build);
after an interruption (Ctrl-C), work not started is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Executor, Future
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from ..errors import Report, RoomError
from ..progress import Progress
from .cluster import media_executors

Key = TypeVar("Key", bound=Hashable)
Job = TypeVar("Job")
Result = TypeVar("Result")
OnError = Callable[[Any, Exception], None]


class MediaJobs:
    """Every media job of a build. ``executors`` (work in Python, work waiting on a program)
    are given by tests and benchmarks; a build gets them from the settings' cluster option."""

    def __init__(
        self,
        report: Report,
        *,
        cluster: str | None = None,
        workers: int | None = None,
        executors: tuple[Executor, Executor] | None = None,
    ) -> None:
        self.report = report
        self._cluster, self._workers = cluster, workers
        self._held = ExitStack()
        self._executors = executors
        self._later: dict[Any, tuple[Future[Any], OnError]] = {}
        self._targets: set[Path] = set()

    def __enter__(self) -> MediaJobs:
        if self._executors is None:
            self._executors = self._held.enter_context(
                media_executors(self._cluster, self.report, self._workers)
            )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None or issubclass(kind, Exception):
            try:
                self._collect()  # kept in the cache; its own failures join the report
            finally:
                self._held.close()
        else:
            self.cancel()

    @property
    def _python(self) -> Executor:
        assert self._executors is not None, "use MediaJobs in a with block"
        return self._executors[0]

    def run(
        self,
        jobs: Iterable[tuple[Key, Job]],
        work: Callable[[Job], Result],
        cached: Callable[[Job], Result | None],
        *,
        label: str,
        on_error: Callable[[Key, Exception], None],
    ) -> dict[Key, Result]:
        """The result of every (key, job), in order: from the cache where ``cached`` has it,
        else computed by ``work`` in the workers. A job that fails is handed to ``on_error``
        with its key; the others still finish."""
        results: dict[Key, Result] = {}
        order = []
        futures: dict[Key, Future[Result]] = {}
        # Jobs are submitted as they come, so preparing the next (hashing its file) overlaps
        # with the work on the first.
        for key, job in jobs:
            order.append(key)
            hit = cached(job)
            if hit is not None:
                results[key] = hit
            else:
                futures[key] = self._python.submit(work, job)
        results.update(_results(futures, label, on_error))
        return {key: results[key] for key in order if key in results}

    def python_done(self) -> None:
        """No more work in Python: a local pool's processes go (and their memory with them)
        while the encoder goes on."""
        assert self._executors is not None
        python, programs = self._executors
        if python is not programs:
            python.shutdown(wait=True)

    def later(
        self,
        key: Hashable,
        work: Callable[[Job], None],
        job: Job,
        *,
        target: Path,
        on_error: Callable[[Any, Exception], None],
    ) -> None:
        """Start work whose result is the file ``target``, collected by :meth:`wait`."""
        assert self._executors is not None
        self._later[key] = (self._executors[1].submit(work, job), on_error)
        self._targets.add(target)

    @property
    def pending(self) -> frozenset[Path]:
        """The files still being made."""
        return frozenset(self._targets)

    def wait(self) -> None:
        """Until every file is made; :class:`RoomError` naming each job that failed."""
        before = len(self.report.errors)
        self._collect()
        if len(self.report.errors) > before:
            raise RoomError(self.report.errors[before:])

    def cancel(self) -> None:
        """Drop the work not started, and let the workers go."""
        for future, _ in self._later.values():
            future.cancel()
        self._later, self._targets = {}, set()
        self._held.close()

    def _collect(self) -> None:
        later, self._later = self._later, {}
        futures = {key: future for key, (future, _) in later.items()}

        def failed(key: Any, exc: Exception) -> None:
            later[key][1](key, exc)

        _results(futures, "clip audio", failed)
        self._targets = set()


def _results(
    futures: dict[Key, Future[Result]], label: str, on_error: Callable[[Key, Exception], None]
) -> dict[Key, Result]:
    results: dict[Key, Result] = {}
    progress = Progress(label, len(futures))
    for key, future in futures.items():
        try:
            results[key] = future.result()
        except Exception as exc:  # reported against the job's own file by the caller
            on_error(key, exc)
        progress.advance()
    return results
