"""The loaded room: every content file as a typed model, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .models import FreePage, Persona, Quote


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


@dataclass
class PageEntry:
    slug: str
    page: FreePage
    title: str
    body: str
    path: str


@dataclass
class Room:
    root: Path
    personas: list[PersonaEntry] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    pages: list[PageEntry] = field(default_factory=list)

    def persona(self, slug: str | None) -> PersonaEntry | None:
        return next((p for p in self.personas if p.slug == slug), None)

    def quotes_of(self, slug: str) -> list[QuoteEntry]:
        return [q for q in self.quotes if q.quote.persona == slug]
