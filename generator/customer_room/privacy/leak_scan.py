"""Leak scan of a built site: the last line of defence before anything is published.

Every text file is read as a reader would see it (HTML without markup, JSON strings) and run
through the same detectors as the content, and searched for every value that was redacted.
Audio must not be, or contain, a source recording; images must carry no metadata. A finding
names the file and the kind of data, never the value.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from ..cache import code_version
from ..memo import Memo, is_link_of, settling, stamp_of
from .as_read import as_read
from .leaks import Leak
from .media_leaks import has_metadata, holds_source, pdf_metadata, pdf_pages
from .pii import Detector
from .privacy_log import Secret
from .scan_memory import ScanMemory
from .site_walk import site_files
from .spoken_numbers import as_digits

TEXT_SUFFIXES = {".html", ".htm", ".json", ".xml", ".txt", ".ics", ".md", ".csv", ".vtt", ".srt"}
TEXT_SUFFIXES |= {".pdf"}  # read as the text a reader sees on each page
AUDIO_SUFFIXES = {".mp3", ".wav", ".m4a", ".aac", ".ogg", ".opus", ".flac"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}
OWN_URL = re.compile(r"https?://[^\s<>\"']+")
ATTRIBUTE_TEXT = re.compile(r'\b(?:alt|title|aria-label|content|placeholder)="([^"]*)"')


# Each site file's digest, by its stamp: a site folder built again in place (the live
# preview's) is read only where it changed.
_digests: Memo[str] = Memo()


class SiteScan:
    """The leak scan of a built site, in as many passes as the build needs: each
    :meth:`scan` reads the files that appeared since the last one (the pages while the clips are
    still being encoded, then the clips).

    ``own_audio`` maps the site's clip files (``media/clips/x.mp3``) to the recording each was
    made from: those are compared in depth with their own recording only (and with every
    recording as a whole); any other audio file is compared in depth with every recording.
    ``memory_file`` remembers clean files between builds (see :class:`ScanMemory`);
    ``digest_of`` gives a file's SHA-256 (default: read and hash it), for recordings and for
    site files that are hard links of the cache files ``linked_from`` names, so unchanged media
    are not read at all."""

    def __init__(
        self,
        site: Path,
        detector: Detector,
        secrets: Iterable[Secret | str],
        recordings: Iterable[Path],
        *,
        own_audio: dict[str, Path] | None = None,
        memory_file: Path | None = None,
        digest_of: Callable[[Path], str] | None = None,
        linked_from: dict[str, Path] | None = None,
        pages_on_paper: dict[str, tuple[tuple[str, ...], ...]] | None = None,
    ) -> None:
        wanted = {s if isinstance(s, Secret) else Secret(s) for s in secrets}
        self.site = site
        self.digest = digest_of or (lambda path: _digest(path.read_bytes()))
        sources = {p: self.digest(p) for p in recordings if p.is_file()}
        fingerprint = json.dumps(
            [
                code_version((__name__, "customer_room.privacy.media_leaks")),
                detector.fingerprint(),
                sorted((s.value, s.page or "") for s in wanted),
                sorted(sources.values()),
            ]
        )
        scoped: dict[str, list[_Wanted]] = {}
        for secret in wanted:
            if secret.page is not None:
                scoped.setdefault(secret.page, []).append((secret_pattern(secret.value), secret))
        self.files = _Scan(
            detector,
            [(secret_pattern(s.value), s) for s in sorted(wanted, key=_order) if s.page is None],
            scoped,
            ScanMemory(memory_file, hashlib.sha256(fingerprint.encode()).hexdigest()),
            sources,
            own_audio or {},
            pages_on_paper or {},
        )
        self.linked = linked_from or {}
        self.scanned: set[str] = set()

    def scan(self) -> list[Leak]:
        """Leaks in the files not scanned yet."""
        leaks: list[Leak] = []
        memory = self.files.memory
        unreadable: list[Leak] = []
        for name, entry in site_files(str(self.site), "", unreadable):
            if name in self.scanned:
                continue
            path = Path(entry.path)
            try:
                info = entry.stat()
            except OSError:
                continue  # gone since the folder was listed: not published
            self.scanned.add(name)
            stamped, data = stamp_of(entry.path, info), None
            if (known := _digests.get(entry.path, stamped)) is not None:
                content = known  # the file as it was when it was last read (the preview's)
            elif (cached := self.linked.get(name)) is not None and is_link_of(info, cached):
                content = self.digest(cached)
                if not settling(stamped, time.time_ns()):
                    _digests.put(entry.path, stamped, content)
            else:
                began = time.time_ns()
                data = path.read_bytes()
                content = _digest(data)
                if not settling(stamped, began):
                    _digests.put(entry.path, stamped, content)
            if memory.recall(content):
                continue
            found, pieces = self.files.file(path, name, path.read_bytes() if data is None else data)
            if not found:
                memory.remember(content, pieces)
            leaks += found
        return unreadable + leaks

    def again(self, names: set[str]) -> None:
        """Read these files again at the next :meth:`scan` (they were replaced)."""
        self.scanned -= names

    def save(self) -> None:
        """Remember what was found clean, for the next build."""
        self.files.memory.save()


_Wanted = tuple[re.Pattern[str], Secret]


def _order(secret: Secret) -> tuple[str, str]:
    return secret.origin, secret.value


@dataclass
class _Scan:
    detector: Detector
    patterns: list[_Wanted]
    scoped: dict[str, list[_Wanted]]  # a clip's page (clips/<slug>) -> its names
    memory: ScanMemory
    sources: dict[Path, str]  # recording -> its SHA-256
    own: dict[str, Path]  # the site's clip file -> the recording it was made from
    on_paper: dict[str, tuple[tuple[str, ...], ...]]  # a PDF -> the clip pages on each page

    def file(self, path: Path, name: str, data: bytes) -> tuple[list[Leak], list[str]]:
        """The leaks in one file, and the keys of its pieces (a text file's)."""
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            kinds, shown, pieces = self.text_kinds(path, data, name)
            hidden = {secret.origin: secret for secret in shown}
            if suffix == ".pdf" and (told := pdf_metadata(data)) != []:
                kinds.add(
                    "a PDF the guard cannot read"
                    if told is None
                    else f"PDF metadata beyond a title ({', '.join(told)})"
                )
            return [Leak(name, kind) for kind in sorted(kinds)] + [
                Leak(name, "a value that was redacted", origin, secret=secret)
                for origin, secret in sorted(hidden.items())
            ], pieces
        if suffix in AUDIO_SUFFIXES:
            suspects = [self.own[name]] if name in self.own else list(self.sources)
            if _digest(data) in self.sources.values() or holds_source(data, suspects):
                return [Leak(name, "a source recording")], []
        if suffix in IMAGE_SUFFIXES and has_metadata(path, data):
            return [Leak(name, "photo metadata (EXIF, XMP, IPTC or a comment)")], []
        return [], []

    def text_kinds(
        self, path: Path, data: bytes, name: str
    ) -> tuple[set[str], list[Secret], list[str]]:
        """The kinds of data a text file shows, the hidden values it shows, and the keys of its
        pieces. It is read piece by piece: a piece is remembered clean by a hash of its raw
        text, so known pieces are not even turned into readable text."""
        kinds: set[str] = set()
        shown: list[Secret] = []
        keys = []
        for number, piece in enumerate(_pieces(path, data)):
            key = _digest("\x00".join([piece.markup, *piece.raw]).encode())
            keys.append(key)
            if self.memory.recall(key):
                continue
            text = as_read(piece.readable()).text  # as a visitor reads it, as the guard did
            # The site's own links (a preview server's 127.0.0.1 in the sitemap) are not data.
            # A one-word name guessed from the words around it ("thanks bill", "to Ofwat") is
            # not a finding here: an excerpt, a card or a search entry puts words side by side
            # that the content never did, and the content guard has read every field whole.
            # Whole names, announced names and every other kind are findings.
            found = {
                hit.kind
                for hit in self.detector.find(OWN_URL.sub(" ", text))
                if not (hit.guessed and len(hit.value.split()) == 1)
            }
            patterns = self.patterns + [
                p for page in self._pages_of(name, piece, number) for p in self.scoped.get(page, [])
            ]
            seen = [secret for pattern, secret in patterns if pattern.search(text)]
            if not found and not seen:
                self.memory.remember(key)
            kinds |= found
            shown += seen
        return kinds, shown, keys

    def _pages_of(self, name: str, piece: _Piece, number: int) -> list[str]:
        """The clips whose names are looked for in ``piece``: the clip's own page, the
        records of a JSON file (search index, kiosk) that point to it, and the clips a page of
        a printed file shows."""
        if not self.scoped:
            return []
        if name in self.on_paper:
            pages = self.on_paper[name]
            return list(pages[number]) if number < len(pages) else list(self.scoped)
        if piece.markup == "strings":
            joined = "\n".join(piece.raw)
            return [page for page in self.scoped if _points_to(joined, page)]
        return [page for page in self.scoped if _points_to(name, page)]


def _points_to(text: str, page: str) -> bool:
    return re.search(rf"(?:^|[/\s\"']){re.escape(page)}(?:/|\.html|\.md|$)", text, re.M) is not None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def secret_pattern(value: str) -> re.Pattern[str]:
    """A redacted value as it might reappear: any case; digits with any separators."""
    digits = re.sub(r"\D", "", as_digits(value).text)
    # Inside another word or code ("Annabel", "Lee-Anne", "U4111…") it is something else.
    if len(digits) >= 6:
        return re.compile(r"(?<![\w\-])" + r"[\s\-./]?".join(digits) + r"(?![\w]|-\w)")
    return re.compile(rf"(?<![\w\-]){re.escape(value)}(?![\w]|-\w)", re.I)


@dataclass(frozen=True)
class _Piece:
    """A piece of a text file as written (``raw``: the strings of a JSON record, or the whole
    file), and how a reader sees it."""

    raw: list[str]
    markup: str  # "html" (tags hidden, attributes a reader meets kept), "strings", or "plain"

    def readable(self) -> str:
        if self.markup == "strings":  # each string alone: a tag never spans two of them
            return "\n".join(_without_markup(html.unescape(s)) for s in self.raw)
        if self.markup == "html":
            [page] = self.raw
            attributes = "\n".join(ATTRIBUTE_TEXT.findall(page))
            return html.unescape(_without_markup(page) + "\n" + attributes)
        return "\n".join(self.raw)


def _pieces(path: Path, data: bytes) -> list[_Piece]:
    """A text file in pieces that are scanned (and remembered) apart: one per record of a JSON
    file (a search index entry, a kiosk slide), so a changed page rescans its own entry only;
    any other file whole."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return [_Piece([page], "plain") for page in pdf_pages(data)]
    if suffix == ".json":
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError:
            try:  # what orjson refuses and Python's json reads (NaN, huge numbers)
                document = json.loads(data.decode("utf-8", errors="replace"))
            except ValueError:
                document = None
        if document is not None:
            return [_Piece(record, "strings") for record in _json_records(document)]
    raw = data.decode("utf-8", errors="replace")
    return [_Piece([raw], "html" if suffix in (".html", ".htm", ".xml") else "plain")]


def _without_markup(text: str) -> str:
    """What a reader sees: no scripts, styles or drawings (an SVG calendar is a grid of numbers),
    no comments, no tags."""
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    # A block ends a line for a reader: "Priya Nair</h3><p>Banking" is not "NairBanking".
    text = BLOCK_TAG.sub("\n\n", text)  # a paragraph apart, as the content wrote them
    return re.sub(r"<[^>]+>", "", text)


BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|tr|td|th|table|article|section|header|footer|nav|"
    r"aside|main|figure|figcaption|blockquote|dd|dt|dl|label|button|option|summary|details)\b"
    r"[^>]*>",
    re.I,
)


# A JSON value that is only an address of one of the site's own files ("../media/photos/
# ann-1c0f3a2b-320.webp"): its hex digest and size can look like a phone number.
SITE_FILE = re.compile(r"(?:\.{1,2}/|/)?(?:[\w\-]+/)*[\w\-.]+\.[a-z0-9]{2,5}(?:[?#]\S*)?")


def _json_records(data: object) -> list[list[str]]:
    """The strings of a JSON document (but the site's own file addresses), by record: every
    object or list inside a list is a record of its own; the rest belongs to the one around it."""
    records: list[list[str]] = []

    def walk(value: object, record: list[str]) -> None:
        if isinstance(value, str):
            if not SITE_FILE.fullmatch(value):
                record.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, record)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, (dict, list)):
                    inner: list[str] = []
                    walk(item, inner)
                    records.append(inner)
                else:
                    walk(item, record)

    top: list[str] = []
    walk(data, top)
    return [record for record in [top, *records] if record]
