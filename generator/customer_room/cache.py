"""Everything a build remembers for the next one, under one rule.

**The rule.** A remembered result holds for the same inputs and the same code only. Its version
is :func:`code_version` of the modules that make it and the packages they use; what else it
depends on (its settings, the file it was made from) is hashed into its key. A store is read
only for the same version, and written whole or not at all (:func:`write_versioned`); results
on disk (processed photos and clips) live in folders named by such a key, and the folders a
build that succeeded did not use are removed (:func:`keep_only`). Nothing is ever invalidated
by hand: change the code, and what it made is made again.

What is remembered: results of slow, pure functions of a text (:class:`TextMemo`: a tone
estimate, "no personal data in this text", "this page is clean"), the SHA-256 of large files
(:class:`FileDigests`), the leak scan's clean files, the name lexicon, the compiled templates,
and the media themselves. Only what a build used is kept, and stores are written only for a
room that builds.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sys
import time
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

from .memo import settling, stamp_of


class TextMemo:
    """``of(text, compute)`` is ``compute(text)``, remembered (the value must be plain JSON).
    Remembered values hold for the same ``version`` only: name in it everything else the
    function depends on (its own version, its settings)."""

    def __init__(self, store: Path | None, version: str = "") -> None:
        self.store = store
        self.version = version
        self.known: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        saved = read_versioned(store, version)
        if isinstance(saved, dict):
            self.known = saved

    def of(self, text: str, compute: Callable[[str], Any]) -> Any:
        key = _key(text)
        value = self.known[key] if key in self.known else compute(text)
        self.used[key] = value
        return value

    def recall(self, text: str) -> Any | None:
        """The value remembered for ``text`` (kept for the next build too), or None."""
        key = _key(text)
        if key in self.known:
            self.used[key] = self.known[key]
        return self.used.get(key)

    def remember(self, text: str, value: Any) -> None:
        self.used[_key(text)] = value

    def save(self) -> None:
        if self.store is not None and self.used != self.known:
            write_versioned(self.store, self.version, self.used)


def read_versioned(store: Path | None, version: str) -> Any | None:
    """What ``store`` keeps for ``version``; None when it is missing, unreadable or from
    another version (a remembered result is then simply made again)."""
    if store is None:
        return None
    try:
        saved = orjson.loads(store.read_bytes())
    except (OSError, ValueError):
        return None
    if isinstance(saved, dict) and saved.get("version") == version:
        return saved.get("items")
    return None


def write_versioned(store: Path, version: str, items: Any) -> None:
    """Write ``items`` whole or not at all: another build reading ``store`` at the same time
    (two rooms share the lexicon) sees the old file or the new one, never half of one."""
    store.parent.mkdir(parents=True, exist_ok=True)
    partial = store.with_name(f".{store.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(orjson.dumps({"version": version, "items": items}))
        os.replace(partial, store)
    finally:
        partial.unlink(missing_ok=True)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@cache
def code_version(modules: tuple[ModuleType | str, ...], packages: tuple[str, ...] = ()) -> str:
    """A version for remembered results that changes whenever the code that made them does:
    the source of ``modules`` (given by name, a module is not imported) and the installed
    versions of ``packages``."""
    digest = hashlib.sha256(sys.version.encode())  # Unicode tables change what \\d matches
    for module in modules:
        digest.update(Path(_source(module)).read_bytes())
    for package in packages:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def _source(module: ModuleType | str) -> str:
    if isinstance(module, str):
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None, module
        return spec.origin
    assert module.__file__ is not None
    return module.__file__


DIGESTS_FILE = "file-digests.json"  # in the cache folder


class FileDigests:
    """SHA-256 of large files (recordings, processed media), remembered by the file's size,
    modification time and inode, so a rebuild does not read gigabytes of audio to learn that
    nothing changed. A file whose stat changed is read and hashed again."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.changed = False
        saved = read_versioned(store, _DIGESTS_VERSION)
        self.known: dict[str, list[Any]] = saved if isinstance(saved, dict) else {}

    def of(self, path: Path) -> str:
        stat = path.stat()
        stamp: list[object] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        # By the path as given (a link is not resolved: its stamp is of the file it leads to).
        key = os.path.abspath(path)
        entry = self.known.get(key)
        if entry is not None and entry[:3] == stamp:
            return str(entry[3])
        began = time.time_ns()
        digest = _sha256(path)
        if not settling(stamp_of(key, stat), began):  # else written again unseen, same stamp
            self.known[key] = [*stamp, digest]
            self.changed = True
        return digest

    def save(self) -> None:
        if self.changed:
            write_versioned(self.store, _DIGESTS_VERSION, self.known)
            self.changed = False


_DIGESTS_VERSION = "sha256"  # what a digest is does not change with the code


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def keep_only(folder: Path, used: set[Path]) -> None:
    """Remove the result folders in ``folder`` that are not in ``used`` (made by older code, or
    for content that is gone)."""
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.is_dir() and child not in used:
            shutil.rmtree(child, ignore_errors=True)
