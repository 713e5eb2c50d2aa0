"""Leak scan of a built site: the last line of defence before anything is published.

Every text file is read as a reader would see it (HTML without markup, JSON strings) and run
through the same detectors as the content, and searched for every value that was redacted.
Audio must not be, or contain, a source recording; images must carry no metadata. A finding
names the file and the kind of data, never the value.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .pii import Detector
from .spoken import as_digits

TEXT_SUFFIXES = {".html", ".htm", ".json", ".xml", ".txt", ".ics", ".md", ".csv", ".vtt", ".srt"}
AUDIO_SUFFIXES = {".mp3", ".wav", ".m4a", ".aac", ".ogg", ".opus", ".flac"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}
THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/")
METADATA_MARKERS = (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"<x:xmpmeta", b"Photoshop 3.0")
OWN_URL = re.compile(r"https?://[^\s<>\"']+")
ATTRIBUTE_TEXT = re.compile(r'\b(?:alt|title|aria-label|content|placeholder)="([^"]*)"')


@dataclass(frozen=True)
class Leak:
    path: str
    kind: str

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.kind} found in the built site — nothing was published; "
            "find where it comes from in the content and hide it"
        )


def scan_site(
    site: Path, detector: Detector, secrets: Iterable[str], recordings: Iterable[Path]
) -> list[Leak]:
    """Every leak in the built site at ``site``."""
    patterns = [(_secret_pattern(s)) for s in set(secrets)]
    originals = [p.read_bytes() for p in recordings if p.is_file()]
    leaks: list[Leak] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES and not name.startswith(THEME_FOLDERS):
            text = _readable_text(path)
            # The site's own links (a preview server's 127.0.0.1 in the sitemap) are not data.
            kinds = {hit.kind for hit in detector.find(OWN_URL.sub(" ", text))}
            if any(p.search(text) for p in patterns):
                kinds.add("a value that was redacted")
            leaks += [Leak(name, kind) for kind in sorted(kinds)]
        elif suffix in AUDIO_SUFFIXES and _holds_source(path, originals):
            leaks.append(Leak(name, "a source recording"))
        elif suffix in IMAGE_SUFFIXES and _has_metadata(path):
            leaks.append(Leak(name, "photo metadata (EXIF, XMP, IPTC or a comment)"))
    return leaks


def _secret_pattern(value: str) -> re.Pattern[str]:
    """A redacted value as it might reappear: any case; digits with any separators."""
    digits = re.sub(r"\D", "", as_digits(value).text)
    if len(digits) >= 6:
        return re.compile(r"(?<!\d)" + r"[\s\-./]?".join(digits) + r"(?!\d)")
    return re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.I)


def _readable_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() == ".json":
        try:
            return "\n".join(_strings(json.loads(raw)))
        except json.JSONDecodeError:
            return raw
    if path.suffix.lower() in (".html", ".htm", ".xml"):
        attributes = " ".join(ATTRIBUTE_TEXT.findall(raw))
        return html.unescape(_without_markup(raw) + "\n" + attributes)
    return raw


def _without_markup(text: str) -> str:
    """What a reader sees: no scripts, styles or drawings (an SVG calendar is a grid of numbers),
    no comments, no tags."""
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return re.sub(r"<[^>]+>", "", text)


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield _without_markup(html.unescape(data))
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _holds_source(path: Path, originals: list[bytes]) -> bool:
    data = path.read_bytes()
    for original in originals:
        if data == original:
            return True
        for offset in range(len(original) // 8, len(original) - 4096, max(len(original) // 6, 1)):
            if original[offset : offset + 4096] in data:
                return True
    return False


def _has_metadata(path: Path) -> bool:
    data = path.read_bytes()
    if any(marker in data for marker in METADATA_MARKERS):
        return True
    try:
        with Image.open(path) as image:
            return bool(image.getexif()) or bool(
                {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(image.info)
            )
    except OSError:
        return False
