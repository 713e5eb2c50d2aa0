"""What the leak scan found clean before, so a rebuild scans only what changed."""

from __future__ import annotations

from pathlib import Path

from ..cache import read_versioned, write_versioned


class ScanMemory:
    """Files (and pieces of files) found clean by an earlier scan, by their content's SHA-256,
    valid only for the same detectors, redacted values and source recordings: a rebuild scans
    only what changed."""

    def __init__(self, store: Path | None, fingerprint: str) -> None:
        self.store = store
        self.fingerprint = fingerprint
        stored = read_versioned(store, fingerprint)
        # A clean file, by its hash, with the hashes of its pieces (kept while the file is).
        self.clean: dict[str, list[str]] = stored if isinstance(stored, dict) else {}
        self.seen: dict[str, list[str]] = {}

    def recall(self, key: str) -> bool:
        """Whether ``key`` was found clean before; it is then kept, with its pieces."""
        pieces = self.clean.get(key)
        if pieces is None:
            return False
        self.seen[key] = pieces
        for piece in pieces:
            self.seen[piece] = []
        return True

    def remember(self, key: str, pieces: list[str] | None = None) -> None:
        self.seen[key] = pieces or []

    def save(self) -> None:
        """Keep what this scan found clean (files no longer in the site are forgotten)."""
        if self.store is not None:
            write_versioned(self.store, self.fingerprint, dict(sorted(self.seen.items())))
