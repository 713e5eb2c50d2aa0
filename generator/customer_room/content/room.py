"""The loaded room: every content file as a typed model, with where it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .approval_models import Approval
from .clip_models import Clip
from .models import FreePage, Persona, Quote, Tone
from .onboarding_models import ReadingList
from .schedule_models import Lend, Visit
from .transcript import Transcript
from .yaml_files import Loc, YamlDoc


@dataclass
class PersonaEntry:
    slug: str
    persona: Persona
    body: str
    path: str
    folder: Path
    photo_path: Path | None = None
    photo_line: int | None = None  # where ``photo:`` is written, for its problems


@dataclass
class QuoteEntry:
    quote: Quote
    path: str
    line: int
    tone: Tone = Tone.NEUTRAL  # the author's, or estimated (see tone.py)
    tone_estimated: bool = False
    score: float = 0.0


@dataclass
class PageEntry:
    slug: str
    page: FreePage
    title: str
    body: str
    path: str


@dataclass
class ClipEntry:
    slug: str
    clip: Clip
    path: str
    audio_path: Path
    audio_name: str
    transcript: Transcript
    lines: dict[str, int] = field(default_factory=dict)
    tone: Tone = Tone.NEUTRAL  # the author's, or estimated (see tone.py)
    tone_estimated: bool = False
    score: float = 0.0


@dataclass
class VisitEntry:
    visit: Visit
    path: str
    line: int


@dataclass
class LendEntry:
    lend: Lend
    path: str
    line: int


@dataclass
class ReadingListEntry:
    """``content/onboarding.yml`` as read, with where each of its keys was written."""

    plan: ReadingList
    path: str
    doc: YamlDoc
    locs: list[list[Loc]]  # where each item of each section was written

    def line_of(self, section: int, item: int, *field: str) -> int:
        return self.doc.line_of((*self.locs[section][item], *field))


@dataclass
class Room:
    root: Path
    personas: list[PersonaEntry] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    pages: list[PageEntry] = field(default_factory=list)
    clips: list[ClipEntry] = field(default_factory=list)
    visits: list[VisitEntry] = field(default_factory=list)
    lends: list[LendEntry] = field(default_factory=list)
    reading_list: ReadingListEntry | None = None
    approvals: dict[str, Approval] = field(default_factory=dict)  # by clip: the latest
    _indexes: dict[str, dict[Any, list[Any]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def persona(self, slug: str | None) -> PersonaEntry | None:
        found = self._grouped("personas", "slug", lambda p: p.slug).get(slug)
        return found[0] if found else None

    def page(self, slug: str) -> PageEntry | None:
        return next((page for page in self.pages if page.slug == slug), None)

    def quotes_of(self, slug: str) -> list[QuoteEntry]:
        return list(self._grouped("quotes", "persona", lambda q: q.quote.persona).get(slug, []))

    def quotes_in(self, clip: str) -> list[QuoteEntry]:
        """The quotes taken from the call ``clip``."""
        return list(self._grouped("quotes", "clip", lambda q: q.quote.clip).get(clip, []))

    def clip(self, slug: str | None) -> ClipEntry | None:
        found = self._grouped("clips", "slug", lambda c: c.slug).get(slug)
        return found[0] if found else None

    def clips_of(self, slug: str) -> list[ClipEntry]:
        return list(self._grouped("clips", "persona", lambda c: c.clip.persona).get(slug, []))

    def with_entries(self, **lists: Any) -> Room:
        """A new room with some of its lists replaced (a stage's output), this one unchanged."""
        return replace(self, **lists, _indexes={})

    def _grouped(self, name: str, by: str, key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
        """The entries of list ``name`` grouped by ``key`` (named ``by``), in their order: made
        once per room (a stage that changes a list makes a new room), so that rendering
        thousands of quotes and clips does not search the lists for each of them."""
        index_name = f"{name}:{by}"
        groups = self._indexes.get(index_name)
        if groups is None:
            groups = {}
            for item in getattr(self, name):
                groups.setdefault(key(item), []).append(item)
            self._indexes[index_name] = groups
        return groups
