"""SHA-256 of large files (recordings, processed media), remembered between builds by the
file's size, modification time and inode, so a rebuild does not read gigabytes of audio to learn
that nothing changed. A file whose stat changed is read and hashed again."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import orjson

DIGESTS_FILE = "file-digests.json"  # in the cache folder


class FileDigests:
    def __init__(self, store: Path) -> None:
        self.store = store
        self.changed = False
        try:
            self.known: dict[str, list[object]] = orjson.loads(store.read_bytes())
        except (OSError, ValueError):
            self.known = {}

    def of(self, path: Path) -> str:
        stat = path.stat()
        stamp: list[object] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        key = str(path.resolve())
        entry = self.known.get(key)
        if entry is not None and entry[:3] == stamp:
            return str(entry[3])
        digest = _sha256(path)
        self.known[key] = [*stamp, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        if not self.changed:
            return
        self.store.parent.mkdir(parents=True, exist_ok=True)
        partial = self.store.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(orjson.dumps(self.known))
        partial.replace(self.store)
        self.changed = False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
