"""Results of slow, pure functions of a text (a tone estimate, the personal data found in it),
remembered between builds by a hash of the text. Only what a build used is kept, and the store
is written only for a room that builds."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson


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
def code_version(modules: tuple[ModuleType, ...], packages: tuple[str, ...] = ()) -> str:
    """A version for remembered results that changes whenever the code that made them does:
    the source of ``modules`` and the installed versions of ``packages``."""
    digest = hashlib.sha256(sys.version.encode())  # Unicode tables change what \\d matches
    for module in modules:
        assert module.__file__ is not None
        digest.update(Path(module.__file__).read_bytes())
    for package in packages:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()[:16]
