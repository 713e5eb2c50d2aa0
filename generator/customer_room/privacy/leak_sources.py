"""Where a hidden value that the leak scan found in the site comes from in the content: the
content file and line that put it there, so a person knows what to change. The value itself is
never printed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .leak_scan import secret_pattern
from .leaks import Leak

CONTENT_GLOBS = (
    "mkdocs.yml",
    "personas/**/*.md",
    "content/**/*",
    "clips/**/*.yml",
    "clips/**/*.yaml",
)
CONTENT_SUFFIXES = {".md", ".yml", ".yaml", ".csv", ".json", ".vtt", ".srt", ".txt"}
MAX_BYTES = 5_000_000  # a content file larger than this is not searched
MAX_PLACES = 3


def with_sources(leaks: list[Leak], room: Path) -> list[Leak]:
    """The leaks, each hidden value's with the content places that show it (the place it was
    hidden in last), one line for all the built files it shows in from the same place (a site
    name on every page)."""
    files = _content_files(room) if any(leak.secret for leak in leaks) else []
    located: list[Leak] = []
    grouped: dict[tuple[str, str], int] = {}
    for leak in leaks:
        if leak.secret is None:
            located.append(leak)
            continue
        pattern = secret_pattern(leak.secret.value)
        hidden_in = leak.origin.split(" ", 1)[0].split(":", 1)[0]
        places = _places(pattern, files, room)
        # The file it was hidden in holds the list that hid it: named only when no other
        # file shows the value (its title, say).
        elsewhere = [place for place in places if place.split(":", 1)[0] != hidden_in]
        places = elsewhere or places
        source = ", ".join(places[:MAX_PLACES])
        key = (leak.origin, source)
        if key in grouped:
            first = located[grouped[key]]
            located[grouped[key]] = replace(first, also=(*first.also, leak.path))
        else:
            grouped[key] = len(located)
            located.append(replace(leak, source=source))
    return located


def _content_files(room: Path) -> list[Path]:
    found = {
        path
        for pattern in CONTENT_GLOBS
        for path in room.glob(pattern)
        if path.is_file() and path.suffix.lower() in CONTENT_SUFFIXES
    }
    return sorted(p for p in found if p.stat().st_size <= MAX_BYTES)


def _places(pattern: re.Pattern[str], files: list[Path], room: Path) -> list[str]:
    """``file:line`` of each line that holds the value, the file named with its field where
    the line reads ``field: value``."""
    places = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if pattern.search(line):
                name = path.relative_to(room).as_posix()
                key = re.match(r"\s*-?\s*([A-Za-z_][\w-]*)\s*:", line)
                places.append(f"{name}:{number}" + (f" ({key.group(1)})" if key else ""))
    return places
