"""One build of a room at a time: builds share the room's media cache and state."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

log = logging.getLogger("mkdocs.plugins.customer_room")

_held: dict[Path, int] = {}  # rooms this process holds the lock of, and how many times


class AnotherBuildRuns(Exception):
    """Another process builds or previews the room."""


def build_lock(room: Path) -> Path:
    """The lock file of a room's builds: in the system's temporary folder, named for the room
    (the room itself is left as it is)."""
    digest = hashlib.sha256(str(room.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"customer-room-{digest}.lock"


@contextmanager
def one_build_at_a_time(room: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the room's build lock. Held already by this process (a build the CLI started),
    it is held once more; held by another, a build says so at once and a preview's rebuild
    (``wait``) waits for it."""
    room = room.resolve()
    if room in _held:
        _held[room] += 1
        try:
            yield
        finally:
            _held[room] -= 1
        return
    lock_path = build_lock(room)
    try:
        handle = lock_path.open("a+")
    except OSError:
        yield  # no writable temporary folder: nothing to share, nothing to lock
        return
    with handle:
        _take(handle, wait)
        _held[room] = 1
        try:
            yield
        finally:
            del _held[room]
            fcntl.flock(handle, fcntl.LOCK_UN)


def _take(handle: IO[str], wait: bool) -> None:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if not wait:
            raise AnotherBuildRuns(
                "another build or preview of this room is running — wait for it to finish "
                "(or stop the preview), then build again"
            ) from None
        log.info("Waiting for another build of this room to finish…")
        fcntl.flock(handle, fcntl.LOCK_EX)
