"""What a process that builds the room again and again (the live preview) keeps between builds:
the last result of a step for one item — a clip read, a clip protected, a clip's page — reused
while the step's inputs are *equal* to last time's.

A result is only ever reused for equal inputs (compared with ``==``, after an identity check
that makes an unchanged object cost nothing), so reusing one gives what running the step would
give. Files are compared by their stamp (size, modification time, inode), as make and MkDocs
compare them. One result is kept per item, so the memory kept is one build's worth. A plain
``customer-room build`` runs each step once: it only fills the memo.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .errors import Problem, Report

V = TypeVar("V")

Stamp = tuple[str, int, int, int, int] | tuple[str]


def stamp(path: Path) -> Stamp:
    """A file as make sees it: where it is, its size, when it and its inode were last
    changed, which inode. Taken before the file is read, so an edit during the read is seen
    at the next build."""
    try:
        info = path.stat()
    except OSError:
        return (str(path),)
    return stamp_of(str(path), info)


def stamp_of(path: str, info: os.stat_result) -> Stamp:
    """The stamp of a file already stat'ed (by a walk of its folder)."""
    return (path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def is_link_of(info: os.stat_result, source: Path) -> bool:
    """Whether the file ``info`` was taken of is ``source`` (or a hard link of it)."""
    try:
        theirs = source.stat()
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (theirs.st_dev, theirs.st_ino)


# How long after a write its stamp may still change without changing: two seconds on a file
# system that keeps whole seconds (FAT keeps two), a tenth of a second on one that keeps finer
# times (the kernel's clock there ticks every few milliseconds).
SETTLE_NS = 2_000_000_000
SETTLE_FINE_NS = 100_000_000


def settling(stamped: Stamp, began: int) -> bool:
    """Whether a file was written so close to ``began`` (when it was read, in ns) that a
    second write in the same tick of its file system's clock would keep its stamp: its result
    is not kept."""
    if len(stamped) < 5:
        return True
    modified = int(stamped[2])
    window = SETTLE_NS if modified % 1_000_000_000 == 0 else SETTLE_FINE_NS
    # A copy that keeps its modification time (cp -p, rsync -a) is new by its inode's change.
    return max(modified, int(stamped[3])) >= began - window


@dataclass(frozen=True)
class Kept(Generic[V]):
    key: object
    value: V
    problems: tuple[Problem, ...] = ()  # what the step said, said again when it is reused


class Memo(Generic[V]):
    """The last result of one step, per item."""

    def __init__(self) -> None:
        self._kept: dict[str, Kept[V]] = {}

    def get(
        self,
        item: str,
        key: object,
        report: Report | None = None,
        still: Callable[[V], bool] | None = None,
    ) -> V | None:
        """The result kept for ``item`` if it was made from ``key`` (and, with ``still``, is
        still good), its problems said again into ``report``; else None."""
        kept = self._kept.get(item)
        if kept is None or not _same(kept.key, key):
            return None
        if still is not None and not still(kept.value):
            return None
        if report is not None:
            report.extend(kept.problems)
        return kept.value

    def put(self, item: str, key: object, value: V, problems: list[Problem] | None = None) -> V:
        self._kept[item] = Kept(key, value, tuple(problems or ()))
        return value


def _same(kept: object, key: object) -> bool:
    try:
        return kept is key or bool(kept == key)
    except Exception:  # values that cannot be compared are not the same
        return False
