"""One object for a build's media work: run now, run later, wait, cancel."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from customer_room.errors import Report, RoomError
from customer_room.media.jobs import MediaJobs


def write(path: Path) -> None:
    time.sleep(0.05)
    if path.name.startswith("bad"):
        raise ValueError("the encoder stopped")
    path.write_text("done")


def jobs_on(pool: ThreadPoolExecutor, report: Report) -> MediaJobs:
    return MediaJobs(report, executors=(pool, pool))


def test_run_uses_the_cache_and_names_each_failure(tmp_path: Path) -> None:
    report = Report()
    failed: list[str] = []
    with ThreadPoolExecutor(2) as pool, jobs_on(pool, report) as jobs:
        results = jobs.run(
            [("a", 1), ("b", 2), ("c", 3)],
            lambda n: 10 // (n - 2),
            lambda n: "cached" if n == 3 else None,
            label="test",
            on_error=lambda key, exc: failed.append(key),
        )
    assert results == {"a": -10, "c": "cached"}
    assert failed == ["b"]


def test_wait_collects_later_work_and_reports_what_failed(tmp_path: Path) -> None:
    report = Report()
    good, bad = tmp_path / "good.mp3", tmp_path / "bad.mp3"
    with ThreadPoolExecutor(2) as pool, jobs_on(pool, report) as jobs:
        for path in (good, bad):
            jobs.later(
                path.name,
                write,
                path,
                target=path,
                on_error=lambda key, exc: report.error(key, str(exc)),
            )
        assert jobs.pending == {good, bad}
        with pytest.raises(RoomError) as caught:
            jobs.wait()
        assert jobs.pending == frozenset()
    assert good.read_text() == "done"
    assert [str(p) for p in caught.value.problems] == ["bad.mp3: the encoder stopped"]


def test_cancel_drops_the_work_not_started(tmp_path: Path) -> None:
    report = Report()
    gate = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        jobs = jobs_on(pool, report).__enter__()
        jobs.later("first", lambda _: gate.wait(5), None, target=tmp_path / "x", on_error=print)
        for n in range(5):
            path = tmp_path / f"later-{n}"
            jobs.later(path.name, write, path, target=path, on_error=print)
        jobs.cancel()
        gate.set()
    assert not list(tmp_path.glob("later-*")), "nothing queued ran after the cancel"


def test_leaving_after_an_error_finishes_the_work_under_way(tmp_path: Path) -> None:
    """A build that fails for another reason still keeps what was being encoded (for the next
    build, from the cache)."""
    report = Report()
    path = tmp_path / "kept.mp3"
    with (
        pytest.raises(KeyError),
        ThreadPoolExecutor(1) as pool,
        jobs_on(pool, report) as jobs,
    ):
        jobs.later("kept", write, path, target=path, on_error=print)
        raise KeyError("another stage failed")
    assert path.read_text() == "done"
