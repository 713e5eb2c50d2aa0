"""The kiosk: a standalone full-screen page for the call-center floor, fed by one JSON file of
slides and a tiny version file it polls to pick up new builds without reloading."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..content.balance import positive_mix
from ..content.kiosk_config import KioskConfig, SlideType
from ..content.models import Tone
from ..content.room import ClipEntry, PersonaEntry, QuoteEntry, Room
from ..content.schedule_models import Status
from ..content.schedules import LendTime, VisitTime
from ..content.short_text import short
from ..content.transcript import LEADING, TRAILING, Turn, word_edge
from ..media.clips import ClipMedia
from ..media.photos import PersonaImage
from ..memo import Memo
from ..site_files import GeneratedFile
from .kiosk_palette import palette_css
from .render import MOMENT_LABELS, TONE_LABELS, shown_words, template_environment

FOLDER = "kiosk"
ASSETS = ("kiosk.css", "kiosk.js")
VISIT_DAYS_AHEAD = 35  # the screen may run for weeks between builds
LEND_DAYS_AHEAD = 120
WAVE_BARS = 160
CLIP_LINES = 4
# What a slide shows of a field at most (characters): a field may hold a whole file, and a
# slide has one screen. A persona's quote and a transcript line at these lengths still fit.
QUOTE, TAGLINE, PERSONA_QUOTE, LINE, TITLE, NAME, FOCUS = 600, 240, 320, 320, 160, 80, 200


@dataclass
class KioskInput:
    """What the kiosk shows, taken from the stages before it."""

    room: Room
    images: dict[str, PersonaImage]
    clip_media: dict[str, ClipMedia]
    config: KioskConfig
    site_name: str
    today: dt.date
    zone: ZoneInfo | None = None
    visits: list[VisitTime] | None = None
    lends: list[LendTime] | None = None
    min_positive: float = 0.0
    cache_dir: Path | None = None  # where compiled templates are kept
    primary: str | None = None  # the site's primary colour (Material's name for it)
    logo: str | None = None  # the site's logo, a path in the site


def kiosk_files(source: KioskInput) -> list[GeneratedFile]:
    """The page, its script and style, its slides (``data.json``) and ``version.json``."""
    assets = _asset_files()
    data = kiosk_data(source)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    digest = hashlib.sha256(body)
    for asset in assets:
        digest.update(asset.read_bytes())
    version = digest.hexdigest()[:16]
    palette = palette_css(source.primary)
    if palette is not None:
        digest.update(palette.encode())
        version = digest.hexdigest()[:16]
    page = (
        template_environment(source.cache_dir)
        .get_template("kiosk.html.j2")
        .render(
            site_name=source.site_name,
            version=version,
            palette=palette is not None,
            logo=source.logo,
        )
    )
    return [
        *([GeneratedFile(f"{FOLDER}/palette.css", palette)] if palette is not None else []),
        GeneratedFile(f"{FOLDER}/index.html", page),
        GeneratedFile(f"{FOLDER}/data.json", body),
        GeneratedFile(f"{FOLDER}/version.json", json.dumps({"version": version}) + "\n"),
        *assets,
    ]


def _asset_files() -> list[GeneratedFile]:
    folder = resources.files("customer_room.pages") / "assets" / "kiosk"
    return [GeneratedFile(f"{FOLDER}/{name}", source=Path(str(folder / name))) for name in ASSETS]


def kiosk_data(source: KioskInput) -> dict[str, Any]:
    """Every slide the room can show, plus the schedules the screen filters by its own clock."""
    room = source.room
    published = [c for c in room.clips if c.slug in source.clip_media]
    mix = source.min_positive
    wanted = set(source.config.slides) | {s for d in source.config.dayparts for s in d.slides}
    data: dict[str, Any] = {
        "site": source.site_name,
        "zone": source.zone.key if source.zone else "UTC",
        "config": source.config.as_json(),
        SlideType.PERSONAS: [_persona(p, room, source.images[p.slug]) for p in room.personas],
        SlideType.QUOTES: [_quote(q, room) for q in positive_mix(room.quotes, mix)],
        SlideType.CLIPS: [
            _clip(c, room, source.clip_media[c.slug]) for c in positive_mix(published, mix)
        ],
        SlideType.VISITS: _visits(source),
        SlideType.LENDING: _lends(source),
    }
    for kind in SlideType:  # slides for parts the room does not have are simply absent
        if kind not in wanted or not data[kind]:
            del data[kind]
    return data


def _site_url(path: str) -> str:
    return f"../{path}"


def _persona(entry: PersonaEntry, room: Room, image: PersonaImage) -> dict[str, Any]:
    persona = entry.persona
    quotes = room.quotes_of(entry.slug)
    best = next((q for q in quotes if q.tone is Tone.POSITIVE), quotes[0] if quotes else None)
    if image.variants:
        variant = next((v for v in image.variants if v.width >= 640), image.variants[-1])
        photo = _site_url(variant.webp)
    else:
        photo = _site_url(image.avatar or "")
    return {
        "id": f"personas/{entry.slug}",
        "name": short(persona.name, NAME),
        "segment": short(persona.segment, NAME),
        "tagline": short(persona.tagline, TAGLINE),
        "photo": photo,
        "alt": image.alt,
        "focus": image.focus.css(),
        "quote": short(best.quote.text, PERSONA_QUOTE) if best else None,
    }


def quote_id(entry: QuoteEntry) -> str:
    """A quote's id: its own, or one made from its words (the same after the file is reordered)."""
    if entry.quote.id:
        return entry.quote.id
    return hashlib.sha1(entry.quote.text.encode("utf-8")).hexdigest()[:12]


def _quote(entry: QuoteEntry, room: Room) -> dict[str, Any]:
    quote = entry.quote
    who = room.persona(quote.persona)
    return {
        "id": f"quotes/{quote_id(entry)}",
        "text": short(quote.text, QUOTE),
        "who": short(who.persona.name, NAME) if who else None,
        "segment": short(who.persona.segment, NAME) if who else None,
        "tone": entry.tone.value,
        "tone_label": TONE_LABELS[entry.tone.value],
        "source": quote.source.value,
    }


def _clip(entry: ClipEntry, room: Room, media: ClipMedia) -> dict[str, Any]:
    clip = entry.clip
    who = room.persona(clip.persona)
    name = short(who.persona.name, NAME) if who else None
    at = next((q.quote.at for q in room.quotes_in(entry.slug) if q.quote.at is not None), None)
    key = (clip, entry.tone, name, media, at)
    if (kept := _clips.get(entry.slug, key)) is not None:
        return kept
    turns = [t for t in media.transcript.turns if t.start is not None and t.end is not None]
    first = next((i for i, t in enumerate(turns) if at is not None and (t.end or 0) > at), 0)
    lines = turns[first : first + CLIP_LINES]
    return _clips.put(
        entry.slug,
        key,
        {
            "id": f"clips/{entry.slug}",
            "title": short(clip.title, TITLE),
            "moment": MOMENT_LABELS[clip.moment.value],
            "who": name,
            "tone": entry.tone.value,
            "audio": _site_url(media.audio),
            "duration": round(media.duration, 2),
            "peaks": _bars(media.peaks, WAVE_BARS),
            "hidden": [[round(s.start, 2), round(s.end, 2)] for s in media.spans],
            "window": [round(lines[0].start or 0, 2), round(lines[-1].end or 0, 2)]
            if lines
            else None,
            "lines": [_line(turn) for turn in lines],
        },
    )


# Each clip's slide, kept while what it is made of is the same (the live preview's rebuilds).
_clips: Memo[dict[str, Any]] = Memo()


def _line(turn: Turn) -> dict[str, Any]:
    """A transcript line as words and typed markers for what was removed."""
    return {
        "who": short(turn.speaker, NAME),
        "start": round(turn.start or 0, 2),
        "end": round(turn.end or 0, 2),
        "parts": _bounded(line_parts(turn), LINE),
    }


def _bounded(parts: list[list[str]], limit: int) -> list[list[str]]:
    """The first ``limit`` characters or so of a line's parts, cut at a word."""
    kept: list[list[str]] = []
    left = limit
    for kind, text in parts:
        if len(text) > left:
            space = text[: len(text) - len(text.lstrip())]  # the parts carry their own spaces
            cut = short(text, left) if kind == "said" and left > 1 else "…"
            kept.append(["said", space + cut])
            break
        kept.append([kind, text])
        left -= len(text)
    return kept


def line_parts(turn: Turn) -> list[list[str]]:
    """A transcript line as it is published: runs of what was said, and typed markers for what
    was removed (["said", "It's "], ["removed", "name"], ["said", ". My renewal…"]), to be put
    together as they are: the spaces and the punctuation around a marker are in the runs."""
    parts: list[list[str]] = []

    def said(text: str) -> None:
        if parts and parts[-1][0] == "said":
            parts[-1][1] += text
        elif text:
            parts.append(["said", text])

    for number, word in enumerate(shown_words(turn)):
        space = " " if number else ""
        if word.redacted:
            said(space + word_edge(word.text, LEADING))
            parts.append(["removed", word.redacted])
            said(word_edge(word.text, TRAILING))
        else:
            said(space + word.text)
    return parts


def _bars(peaks: list[float], count: int) -> list[float]:
    """The waveform at the kiosk's resolution: the loudest peak of each of ``count`` stretches."""
    if len(peaks) <= count:
        return [round(p, 2) for p in peaks]
    step = len(peaks) / count
    return [
        round(max(peaks[int(i * step) : max(int((i + 1) * step), int(i * step) + 1)]), 2)
        for i in range(count)
    ]


def _visits(source: KioskInput) -> list[dict[str, Any]]:
    first = source.today - dt.timedelta(days=1)
    last = source.today + dt.timedelta(days=VISIT_DAYS_AHEAD)
    visits = []
    for time in source.visits or []:
        visit = time.entry.visit
        if time.status is Status.CANCELLED or not first <= time.start.date() <= last:
            continue
        visits.append(
            {
                "start": time.start.isoformat(),
                "end": time.end.isoformat(),
                "visitor": short(visit.visitor, NAME),
                "role": visit.role and short(visit.role, NAME),
                "department": visit.department and short(visit.department, NAME),
                "host": short(visit.host, NAME),
                "focus": visit.focus and short(visit.focus, FOCUS),
            }
        )
    return visits


def _lends(source: KioskInput) -> list[dict[str, Any]]:
    first = source.today - dt.timedelta(days=1)
    last = source.today + dt.timedelta(days=LEND_DAYS_AHEAD)
    lends = []
    for time in source.lends or []:
        lend = time.entry.lend
        if time.status is Status.CANCELLED or time.last < first or time.first > last:
            continue
        lends.append(
            {
                "first": time.first.isoformat(),
                "last": time.last.isoformat(),
                "agent": short(lend.agent, NAME),
                "home_team": short(lend.home_team, NAME),
                "host_function": short(lend.host_function, NAME),
            }
        )
    return lends
