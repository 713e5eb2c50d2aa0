"""What the core produces: files of the site, by their path in the site, in memory or on disk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the built site: ``content`` in memory, or ``source`` on disk (media, cached)."""

    path: str
    content: str | bytes | None = None
    source: Path | None = None

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")

    @property
    def text(self) -> str:
        """A page's Markdown (pages are always made in memory, as text)."""
        if isinstance(self.content, str):
            return self.content
        return self.read_bytes().decode("utf-8")

    def read_bytes(self) -> bytes:
        if self.source is not None:
            return self.source.read_bytes()
        if isinstance(self.content, str):
            return self.content.encode("utf-8")
        return self.content or b""


def slug(text: str, empty: str) -> str:
    """A piece of an address made from text: lowercase letters and digits joined by dashes
    ("Legal & Compliance" -> "legal-compliance"), ``empty`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or empty
