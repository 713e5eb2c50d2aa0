"""Render stage: the room's models become Markdown pages and assets for the site engine."""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import sys
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..cache import code_version
from ..content.balance import positive_mix
from ..content.clip_models import Moment
from ..content.models import Tone
from ..content.room import ClipEntry, QuoteEntry, Room
from ..content.schedules import LendTime, VisitTime, department_feeds
from ..content.transcript import LEADING, TRAILING, Turn, Word, word_edge
from ..media.clips import ClipMedia
from ..media.photos import PersonaImage
from ..memo import Memo
from ..settings import Settings
from ..site_files import GeneratedFile
from .nav import HOME_INTRO
from .schedule_views import LendGroups, VisitGroups, month_svg, timeline_svg
from .urls import relative_url

TONE_LABELS = {
    Tone.POSITIVE.value: "Positive",
    Tone.MIXED.value: "Mixed",
    Tone.NEUTRAL.value: "Neutral",
    Tone.NEGATIVE.value: "Negative",
}
MOMENT_LABELS = {m.value: m.value.capitalize() for m in Moment}
ASSETS = ("room.css", "filter.js", "player.js", "reading.js", "a11y.js")
CSS_ASSETS = tuple(f"assets/customer-room/{name}" for name in ASSETS if name.endswith(".css"))
JS_ASSETS = tuple(f"assets/customer-room/{name}" for name in ASSETS if name.endswith(".js"))


def _front_matter(data: dict[str, Any]) -> Markup:
    """A page's front matter. Its texts are escaped: MkDocs and the theme put a page's title,
    description and tags into the menu, ``<title>``, meta tags and tag lists as they are."""
    clean = {k: _escaped(v) for k, v in data.items() if v not in (None, [], {})}
    # libyaml's emitter where installed (as for reading): the pure-Python one is ten times slower.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return Markup(yaml.dump(clean, Dumper=dumper, allow_unicode=True, sort_keys=False))


def _escaped(value: Any) -> Any:
    """``value`` safe in an element and in a double-quoted attribute (an apostrophe, common in
    taglines, stays as it is)."""
    if isinstance(value, str):
        return html.escape(value, quote=False).replace('"', "&quot;")
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


@functools.cache
def template_environment(cache_dir: Path | None) -> Environment:
    """The one Jinja environment of the site's pages and the kiosk. With a cache folder, the
    templates are compiled once and kept there (a build then only loads them; the folder is
    named for this code and Jinja's version, which set how they compile)."""
    bytecode = None
    if cache_dir is not None:
        compiled = cache_dir / "templates" / code_version((sys.modules[__name__],), ("jinja2",))
        compiled.mkdir(parents=True, exist_ok=True)
        bytecode = FileSystemBytecodeCache(str(compiled))
    env = Environment(
        loader=PackageLoader("customer_room.pages", "templates"),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["front_matter"] = _front_matter
    env.filters["clock"] = clock
    env.filters["transcript_line"] = transcript_line
    env.filters["waveform_svg"] = waveform_svg
    return env


def waveform_svg(media: ClipMedia) -> Markup:
    """The clip's waveform: a bar per peak, hidden stretches shaded (drawn here rather than in
    the template: a room of thousands of clips renders millions of bars)."""
    count = len(media.peaks)
    scale = count / media.duration if media.duration else 0.0
    hidden = "".join(
        f'<rect class="cr-wave__hidden" x="{s.start * scale:.2f}" y="0" '
        f'width="{max((s.end - s.start) * scale, 0.5):.2f}" height="40"></rect>'
        for s in media.spans
    )
    bars = "".join(
        f'<rect class="cr-wave__bar" x="{i}" y="{20 - max(p * 19, 0.5):.1f}" width="0.7" '
        f'height="{max(p * 38, 1):.1f}"></rect>'
        for i, p in enumerate(media.peaks)
    )
    return Markup(
        f'<svg class="cr-wave" viewBox="0 0 {count} 40" preserveAspectRatio="none" role="img" '
        'aria-label="Waveform of the call; shaded parts are hidden for privacy" '
        f'focusable="false">{hidden}{bars}</svg>'
    )


def transcript_line(turn: Turn) -> Markup:
    """One line of a clip page's transcript: its time and speaker (a button that plays from
    there) and its words, each timed for the player, hidden runs as one marker (drawn here
    rather than in the template: a room of thousands of calls renders millions of words)."""
    words = " ".join(
        f'{escape(word_edge(w.text, LEADING))}<span class="cr-redacted" role="img" '
        f'aria-label="{escape(w.redacted)} removed">[{escape(w.redacted)}]</span>'
        f"{escape(word_edge(w.text, TRAILING))}"
        if w.redacted
        else f'<span class="cr-w" data-start="{w.start:.2f}" data-end="{w.end:.2f}">'
        f"{escape(w.text)}</span>"
        for w in shown_words(turn)
    )
    start = turn.start or 0.0  # clips' lines are timed (aligned) before they are rendered
    end = turn.end or start
    return Markup(
        f'<li class="cr-line" data-start="{start:.2f}" data-end="{end:.2f}">'
        f'<button type="button" class="cr-line__seek" data-seek="{start:.2f}">'
        f'<span class="cr-line__time">{clock(start)}</span> '
        f'<span class="cr-line__speaker">{escape(turn.speaker)}</span></button> '
        f'<span class="cr-line__text">{words}</span></li>'
    )


def shown_words(turn: Turn) -> list[Word]:
    """The words of a line as the page shows them: a run of hidden words is one marker (with
    the punctuation before the first and after the last)."""
    shown: list[Word] = []
    for word in turn.words:
        last = shown[-1] if shown else None
        if word.redacted and last is not None and last.redacted == word.redacted:
            shown[-1] = Word(f"{last.text} {word.text}", last.start, word.end, last.redacted)
        else:
            shown.append(word)
    return shown


def clock(seconds: float) -> str:
    """75.4 -> "1:15"."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass
class PageSpec:
    """One page to render: where it goes, its template, and what the template is given."""

    path: str
    template: str
    context: dict[str, Any]


class PageRenderer:
    """Renders each page with links written relative to that page's own address."""

    def __init__(
        self,
        room: Room,
        images: dict[str, PersonaImage],
        clip_media: dict[str, ClipMedia],
        settings: Settings,
    ) -> None:
        self.env = template_environment(settings.cache_dir)
        self.settings = settings
        self.room = room
        self.clip_media = clip_media
        self.common = {
            "room": room,
            "images": images,
            "clip_media": clip_media,
            "tone_labels": TONE_LABELS,
            "moment_labels": MOMENT_LABELS,
        }

    def text(self, spec: PageSpec, base: str | None = None) -> str:
        """The page's Markdown, its links written from ``base`` (default: its own address)."""
        url = partial(relative_url, base or spec.path, directory_urls=self.settings.directory_urls)
        return self.env.get_template(spec.template).render(**self.common, url=url, **spec.context)

    def file(self, spec: PageSpec) -> GeneratedFile:
        if spec.template not in SELF_CONTAINED:
            return GeneratedFile(spec.path, self.text(spec))
        key = (spec.template, self.settings.directory_urls, sorted(spec.context.items()))
        text = _rendered.get(spec.path, key)
        if text is None:
            text = _rendered.put(spec.path, key, self.text(spec))
        return GeneratedFile(spec.path, text)


# Templates that read nothing but their own page's context (and the labels every page has):
# such a page is rendered again only when its context changed (tests/pages/test_render_memo.py
# checks each reads nothing else).
SELF_CONTAINED = frozenset({"clip.md.j2"})
_rendered: Memo[str] = Memo()


@dataclass
class Schedules:
    """The schedules relative to the build date, for the pages and the home page."""

    zone: ZoneInfo
    visits: VisitGroups
    lends: LendGroups
    visit_times: list[VisitTime]
    lend_times: list[LendTime]
    changed: dict[str, dt.datetime] = field(default_factory=dict)  # from the calendar feeds


def _spec(path: str, template: str, **context: Any) -> PageSpec:
    return PageSpec(path, template, context)


def page_specs(
    room: Room,
    images: dict[str, PersonaImage],
    clip_media: dict[str, ClipMedia],
    settings: Settings,
    schedules: Schedules | None = None,
) -> list[PageSpec]:
    """Every page the room adds to the site, ready to render."""
    published = [c for c in room.clips if c.slug in clip_media]
    specs = [
        _spec(
            "index.md",
            "home.md.j2",
            featured=featured_quote(room, settings),
            voices=voices(room, settings),
            featured_clip=_featured_clip(published, settings),
            intro=room.page(HOME_INTRO),
            schedules=None
            if schedules is None
            else {"visits_today": schedules.visits.today, "away_now": schedules.lends.away_now},
        ),
        _spec("personas/index.md", "persona_index.md.j2"),
        _spec("quotes/index.md", "quotes.md.j2", themes=_themes(room)),
        _spec("tags.md", "tags.md.j2"),
    ]
    for entry in room.personas:
        specs.append(
            _spec(
                f"personas/{entry.slug}.md",
                "persona.md.j2",
                entry=entry,
                p=entry.persona,
                image=images[entry.slug],
                meta=page_meta(entry.persona.name, entry.persona.tagline, entry.persona.tags),
                quotes=room.quotes_of(entry.slug),
                clips=[c for c in published if c.clip.persona == entry.slug],
            )
        )
    if published:
        tags = sorted({t for c in published for t in c.clip.tags}, key=str.lower)
        specs.append(_spec("clips/index.md", "clip_index.md.j2", clip_tags=tags))
    for clip in published:
        specs.append(
            _spec(
                f"clips/{clip.slug}.md",
                "clip.md.j2",
                entry=clip,
                c=clip.clip,
                m=clip_media[clip.slug],
                who=room.persona(clip.clip.persona),
                meta=page_meta(clip.clip.title, clip.clip.summary, clip.clip.tags),
            )
        )
    for page in room.pages:
        if page.slug == HOME_INTRO:
            continue  # the home page's own words
        specs.append(
            _spec(
                f"{page.slug}.md",
                "free_page.md.j2",
                entry=page,
                meta=page_meta(page.title, page.page.summary, page.page.tags),
            )
        )
    specs += _schedule_pages(room, schedules, settings)
    return specs


def _schedule_pages(room: Room, schedules: Schedules | None, settings: Settings) -> list[PageSpec]:
    if schedules is None:
        return []
    specs = []
    if room.visits:
        departments = sorted((name, feed) for feed, (name, _) in department_feeds(room).items())
        specs.append(
            _spec(
                "visits.md",
                "visits.md.j2",
                groups=schedules.visits,
                month_name=settings.today.strftime("%B %Y"),
                month_svg=month_svg(schedules.visits.month, settings.today),
                departments=departments,
                changed=_changed(schedules, "visits"),
            )
        )
    if room.lends:
        specs.append(
            _spec(
                "lending.md",
                "lending.md.j2",
                groups=schedules.lends,
                timeline_svg=timeline_svg(schedules.lends.window, settings.today),
                changed=_changed(schedules, "lending"),
            )
        )
    return specs


def _changed(schedules: Schedules, stem: str) -> str:
    """The day the schedule's content last changed, as its calendar feed says it (not a file's
    time, which a fresh checkout would make today's)."""
    stamp = schedules.changed.get(stem)
    return stamp.strftime("%d %b %Y") if stamp is not None else "unknown"


def page_meta(title: str, description: str | None, tags: list[str]) -> dict[str, Any]:
    """Front matter every room page carries: its title, a description, its tags."""
    return {"title": title, "description": description, "tags": tags}


def asset_files() -> list[GeneratedFile]:
    """The room's own stylesheet and scripts, shipped inside the package."""
    folder = resources.files("customer_room.pages") / "assets"
    return [
        GeneratedFile(f"assets/customer-room/{name}", source=Path(str(folder / name)))
        for name in ASSETS
    ]


def featured_quote(room: Room, settings: Settings) -> QuoteEntry | None:
    """A positive quote for the home page, a different one each day, the same all day."""
    pool = [q for q in room.quotes if q.tone is Tone.POSITIVE] or room.quotes
    if not pool:
        return None
    return pool[settings.today.toordinal() % len(pool)]


VOICES = 4


def voices(room: Room, settings: Settings) -> list[QuoteEntry]:
    """A few more quotes for the home page, a new set each day, with at least
    ``min_positive_share`` of them positive."""
    featured = featured_quote(room, settings)
    pool = positive_mix([q for q in room.quotes if q is not featured], settings.min_positive_share)
    if len(pool) <= VOICES:
        return pool
    positive = [q for q in pool if q.tone is Tone.POSITIVE]
    others = [q for q in pool if q.tone is not Tone.POSITIVE]
    wanted = min(len(positive), math.ceil(VOICES * settings.min_positive_share))
    day = settings.today.toordinal()
    chosen = _rotate(positive, day)[:wanted] + _rotate(others, day)[: VOICES - wanted]
    return sorted(chosen, key=pool.index)


def _rotate(items: list[QuoteEntry], by: int) -> list[QuoteEntry]:
    if not items:
        return []
    start = by % len(items)
    return items[start:] + items[:start]


def _themes(room: Room) -> list[str]:
    return sorted({t for q in room.quotes for t in q.quote.themes}, key=str.lower)


def _featured_clip(clips: list[ClipEntry], settings: Settings) -> ClipEntry | None:
    """A clip for the home page: an uplifting one where there is one, a new one each day."""
    pool = [c for c in clips if c.tone is Tone.POSITIVE] or clips
    return pool[settings.today.toordinal() % len(pool)] if pool else None
