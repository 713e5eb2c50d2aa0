"""The room's printed documents as HTML: what each PDF says, and on what paper. Every text is
escaped by the templates; pictures are put in as data (a document reads nothing but itself)."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import math
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from ..content.balance import positive_mix
from ..content.models import Tone
from ..content.plugin_options import option_lines
from ..content.print_config import CardSet, PrintConfig
from ..content.room import ClipEntry, PersonaEntry, QuoteEntry, Room
from ..content.schedule_models import Status
from ..content.schedules import LendTime, VisitTime
from ..content.short_text import short
from ..errors import Report
from ..media.clips import ClipMedia
from ..media.photos import PersonaImage
from ..pages.kiosk import CLIP_LINES, line_parts
from ..pages.kiosk_palette import paper_colours
from ..pages.render import MOMENT_LABELS, TONE_LABELS, template_environment
from ..settings import Settings
from ..site_files import GeneratedFile, slug

CARDS_PER_SHEET = 4


@dataclass(frozen=True)
class PrintDoc:
    """One PDF to make: its file name under ``print/``, its title, what kind it is, its paper,
    and its HTML."""

    name: str
    title: str
    kind: str
    paper: str
    html: str
    clips: tuple[tuple[str, ...], ...] = ()  # the clip pages (clips/<slug>) each page shows


@dataclass(frozen=True)
class PrintInput:
    room: Room
    images: dict[str, PersonaImage]
    clip_media: dict[str, ClipMedia]
    media_files: list[GeneratedFile]
    config: PrintConfig
    settings: Settings
    visits: list[VisitTime]
    lends: list[LendTime]

    @functools.cached_property
    def media(self) -> dict[str, GeneratedFile]:
        return {f.path: f for f in self.media_files}

    @functools.cached_property
    def logo(self) -> str | None:
        """The site's logo as a data address, read once for every document."""
        return _logo(self.settings)


def print_documents(source: PrintInput, report: Report) -> list[PrintDoc]:
    """Every document the room prints, as ``print:`` asks."""
    docs: list[PrintDoc] = []
    config = source.config
    if config.posters:
        docs += [
            poster(source, entry, paper)
            for entry in source.room.personas
            for paper in config.poster_sizes
        ]
    if config.quote_cards:
        docs += quote_card_sets(source, report)
    if config.clip_cards:
        docs += clip_cards(source, report)
    if config.week_notice:
        docs.append(week_notice(source))
    return docs


def _env() -> Environment:
    """The pages' environment (its filters and its escaping), reading the print templates."""
    env = template_environment(None).overlay(
        loader=PackageLoader("customer_room.printing", "templates"), lstrip_blocks=True
    )
    env.filters = {**env.filters, "short": short}  # its own: the pages' stay as they are
    return env


_ENV = _env()


def _render(template: str, source: PrintInput, **context: Any) -> str:
    accent, tint = paper_colours(source.settings.theme_primary)
    return _ENV.get_template(template).render(
        site_name=source.settings.site_name,
        accent=accent,
        tint=tint,
        logo=source.logo,
        tone_labels=TONE_LABELS,
        moment_labels=MOMENT_LABELS,
        **context,
    )


def render_page(template: str, **context: Any) -> str:
    """A page of the site the print stage adds (Markdown)."""
    return _ENV.get_template(template).render(**context)


def poster(source: PrintInput, entry: PersonaEntry, paper: str) -> PrintDoc:
    """A persona's poster: their face, who they are, what they want and value, and one of
    their quotes at their best."""
    persona = entry.persona
    quotes = [q for q in source.room.quotes_of(entry.slug) if q.tone is Tone.POSITIVE]
    best = max(quotes, key=lambda q: q.score, default=None)
    title = f"{persona.name} — persona poster ({paper})"
    words = [persona.tagline[:TAGLINE], (persona.life or "")[:LIFE]]
    words += [best.quote.text[:QUOTE] if best else ""]
    lists = [persona.goals[:ITEMS], persona.frustrations[:ITEMS], persona.values[:ITEMS]]
    words += [item[:ITEM] for items in lists for item in items]
    html = _render(
        "poster.html.j2",
        source,
        title=title,
        paper=paper,
        fit=_fit(sum(len(text) for text in words)),
        limits={"tagline": TAGLINE, "life": LIFE, "quote": QUOTE, "item": ITEM, "items": ITEMS},
        p=persona,
        face=_picture(source, source.images[entry.slug]),
        alt=source.images[entry.slug].alt,
        best=best,
    )
    return PrintDoc(f"poster-{entry.slug}-{paper.lower()}.pdf", title, "poster", paper, html)


POSTER_WORDS = 1300  # characters a poster holds at its full type size
# What a poster shows of each field at most (characters), and of each list (items).
TAGLINE, LIFE, QUOTE, ITEM, ITEMS = 240, 700, 320, 160, 6


def _fit(characters: int) -> float:
    """How much smaller a poster's type is set so that all it says fits its one page."""
    return max(0.5, min(1.0, math.sqrt(POSTER_WORDS / max(characters, 1))))


def quote_card_sets(source: PrintInput, report: Report) -> list[PrintDoc]:
    """Quote cards, four A6 to an A4 sheet: every quote, each persona's, and the sets
    ``quote_card_sets`` names. A set keeps the room's share of positive quotes; a set with none
    is not printed (a wall of complaints is not the picture of the customers)."""
    room = source.room
    sets = [("all", CardSet(title="Every quote"))]
    sets += [
        (f"persona-{p.slug}", CardSet(title=short(p.persona.name, 80), persona=[p.slug]))
        for p in room.personas
    ]
    names: set[str] = set()
    for number, card_set in enumerate(source.config.quote_card_sets):
        name = _unique(f"set-{slug(card_set.title, str(number + 1))}"[:60], names)
        sets.append((name, card_set))
    lines = option_lines(source.settings.config_file, "print")
    docs = []
    for name, card_set in sets:
        chosen = [q for q in room.quotes if _in_set(q, card_set)]
        mix = positive_mix(chosen, source.settings.min_positive_share)
        if not mix:
            if name.startswith("set-"):  # a set of the room's own choosing
                where = ("quote_card_sets", source.config.quote_card_sets.index(card_set))
                report.warn(
                    "mkdocs.yml",
                    f"the quote card set “{card_set.title}” has no positive quote, so it is not "
                    "printed — add positive tones, themes or personas to it",
                    line=lines.get(where),
                    field=f"print.quote_card_sets.{where[1]}",
                )
            continue
        title = f"Quote cards — {card_set.title}"
        cards = [_quote_card(source.room, q) for q in mix]
        html = _render("quote_cards.html.j2", source, title=title, sheets=_sheets(cards))
        docs.append(PrintDoc(f"quote-cards-{name}.pdf", title, "quote cards", "A4", html))
    return docs


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or with a number after it when another set has it."""
    number, found = 2, name
    while found in taken:
        found, number = f"{name}-{number}", number + 1
    taken.add(found)
    return found


def _quote_card(room: Room, entry: QuoteEntry) -> dict[str, Any]:
    who = room.persona(entry.quote.persona)
    return {
        "text": entry.quote.text,
        "who": who.persona.name if who else "A customer",
        "tone": entry.tone.value,
        "source": entry.quote.source.value,
        "themes": entry.quote.themes,
    }


def _in_set(quote: QuoteEntry, card_set: CardSet) -> bool:
    q = quote.quote
    return (
        (not card_set.tone or quote.tone in card_set.tone)
        and (not card_set.theme or any(t.lower() in card_set.theme for t in q.themes))
        and (not card_set.persona or (q.persona or "") in card_set.persona)
    )


def clip_cards(source: PrintInput, report: Report) -> list[PrintDoc]:
    """A card per published clip: its title, who and what moment, a few lines of the call as
    published (hidden stretches still hidden), and a QR code to its page on the intranet."""
    published = [c for c in source.room.clips if c.slug in source.clip_media]
    if not published:
        return []
    base = source.settings.site_url
    if not base:
        report.warn(
            "mkdocs.yml",
            "the clip cards are printed without QR codes: the site's address is not known — "
            "set site_url to where the room is published (https://intranet/room/)",
            field="site_url",
        )
    cards = [_clip_card(source, entry, base) for entry in published]
    title = "Clip cards — hear the call"
    html = _render("clip_cards.html.j2", source, title=title, sheets=_sheets(cards))
    # Which clips each sheet shows: the leak scan looks for each one's hidden names there.
    sheets = tuple(tuple(f"clips/{e.slug}" for e in sheet) for sheet in _sheets(published))
    return [PrintDoc("clip-cards.pdf", title, "clip cards", "A4", html, sheets)]


def _clip_card(source: PrintInput, entry: ClipEntry, base: str | None) -> dict[str, Any]:
    media = source.clip_media[entry.slug]
    who = source.room.persona(entry.clip.persona)
    turns = [t for t in media.transcript.turns if t.words][:CLIP_LINES]
    address = None
    if base:
        page = (
            f"clips/{entry.slug}/" if source.settings.directory_urls else f"clips/{entry.slug}.html"
        )
        address = base.rstrip("/") + "/" + page
    return {
        "title": entry.clip.title,
        "who": who.persona.name if who else None,
        "moment": MOMENT_LABELS[entry.clip.moment.value],
        "tone": entry.tone.value,
        "lines": [{"who": t.speaker, "parts": line_parts(t)} for t in turns[:3]],
        "address": address,
        "qr": Markup(segno.make(address, error="m").svg_inline(scale=3, omitsize=True))
        if address
        else None,
    }


def week_notice(source: PrintInput) -> PrintDoc:
    """The week's peer visits and who is away on a lend, for the notice board."""
    today = source.settings.today
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    visits = [
        v
        for v in source.visits
        if v.status is not Status.CANCELLED and monday <= v.start.date() <= sunday
    ]
    lends = [
        lend
        for lend in source.lends
        if lend.status is not Status.CANCELLED and lend.first <= sunday and lend.last >= monday
    ]
    title = f"This week on the floor — {monday.day} {monday:%B} to {sunday.day} {sunday:%B %Y}"
    html = _render(
        "week_notice.html.j2",
        source,
        title=title,
        visits=sorted(visits, key=lambda v: v.start),
        lends=sorted(lends, key=lambda lend: lend.first),
    )
    return PrintDoc("this-week.pdf", title, "notice", "A4", html)


def _sheets(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + CARDS_PER_SHEET] for i in range(0, len(items), CARDS_PER_SHEET)]


def _picture(source: PrintInput, image: PersonaImage) -> str:
    """The persona's largest photo (or avatar) as a data address."""
    wanted = image.largest.jpeg if image.largest is not None else image.fallback
    generated = source.media.get(wanted)
    if generated is None:
        return ""
    kind = mimetypes.guess_type(wanted)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(generated.read_bytes()).decode('ascii')}"


def _logo(settings: Settings) -> str | None:
    if settings.logo_file is None or not settings.logo_file.is_file():
        return None
    path: Path = settings.logo_file
    kind = mimetypes.guess_type(path.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
