"""The loaded room: every content file as a typed model, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .clip_models import Clip
from .models import FreePage, Persona, Quote, Tone
from .onboarding_models import ReadingList
from .schedule_models import Lend, Visit
from .sources import Loc, YamlDoc
from .transcript import Transcript


@dataclass
class PersonaEntry:
    slug: str
    persona: Persona
    body: str
    path: str
    folder: Path
    photo_path: Path | None = None


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
    schedule_changed: dict[str, float] = field(default_factory=dict)
    reading_list: ReadingListEntry | None = None

    def persona(self, slug: str | None) -> PersonaEntry | None:
        return next((p for p in self.personas if p.slug == slug), None)

    def quotes_of(self, slug: str) -> list[QuoteEntry]:
        return [q for q in self.quotes if q.quote.persona == slug]

    def clip(self, slug: str | None) -> ClipEntry | None:
        return next((c for c in self.clips if c.slug == slug), None)

    def clips_of(self, slug: str) -> list[ClipEntry]:
        return [c for c in self.clips if c.clip.persona == slug]
