"""A Python-Markdown extension that every engine runs on every page (MkDocs and Zensical both
render Markdown with Python-Markdown): the page's HTML is sanitized, its typed markers
(``[card number]``) become words for screen readers, and the result is marked so that the guard
can find the page's content in the engine's output and check it.

In ``mkdocs.yml`` (the room's build adds it; written out only for a plain ``mkdocs build``)::

    markdown_extensions:
      - customer_room.pages.clean_pages:
          cache_dir: .cache/customer-room
          marker_kinds: [member number]
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from ..privacy.redaction_labels import label_markers, marker_pattern
from ..privacy.sanitize import RememberedSanitizer

START = "<!-- customer-room:content -->"
END = "<!-- /customer-room:content -->"
_OURS = re.compile(r"<!--[^>]*customer-room:content.*?-->", re.S)
_REGION = re.compile(re.escape(START) + "(.*?)" + re.escape(END), re.S)
NAME = "customer_room.pages.clean_pages"


def content_of(html: str) -> list[str]:
    """The content the extension wrote in a built page (once, or again where a theme repeats
    it)."""
    return _REGION.findall(html)


def clean_store(cache_dir: Path) -> Path:
    """Where content found clean is remembered (by hash) between builds."""
    return cache_dir / "clean-pages.json"


class _Clean(Postprocessor):
    def __init__(self, md: Markdown, sanitizer: RememberedSanitizer, markers: re.Pattern[str]):
        super().__init__(md)
        self.sanitizer = sanitizer
        self.markers = markers

    def run(self, text: str) -> str:
        # A comment in the content that looks like ours could end the guard's region early.
        clean = _OURS.sub("", label_markers(self.sanitizer(text), self.markers))
        return f"{START}{clean}{END}"


class CleanPages(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "cache_dir": ["", "the room's cache folder (clean pages are remembered there)"],
            "marker_kinds": [[], "kinds of the room's own redact_patterns"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        cache_dir = self.getConfig("cache_dir")
        sanitizer = _sanitizer(clean_store(Path(cache_dir)) if cache_dir else None)
        markers = marker_pattern(self.getConfig("marker_kinds"))
        # Last of all: after raw HTML is put back into the page.
        md.postprocessors.register(_Clean(md, sanitizer, markers), "customer-room-clean", 0)


_SANITIZERS: dict[Path | None, tuple[float, RememberedSanitizer]] = {}


def _sanitizer(store: Path | None) -> RememberedSanitizer:
    """One per store for every page of a build (an engine makes a Markdown per page), read
    again once the guard has written the store anew."""
    try:
        changed = store.stat().st_mtime if store is not None else 0.0
    except OSError:
        changed = 0.0
    known = _SANITIZERS.get(store)
    if known is None or known[0] != changed:
        known = _SANITIZERS[store] = (changed, RememberedSanitizer(store))
    return known[1]


def makeExtension(**kwargs: Any) -> CleanPages:
    return CleanPages(**kwargs)


def extension_config(cache_dir: Path, marker_kinds: list[str]) -> dict[str, Any]:
    return {"cache_dir": str(cache_dir), "marker_kinds": marker_kinds}
