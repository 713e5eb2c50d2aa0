"""The reading list: ``content/onboarding.yml`` becomes /onboarding/ (the path, with progress kept
in the browser), a one-document print view, and a footer on each page of the path that links
to the next one."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from ..content.onboarding_models import ReadingItem
from ..content.room import ReadingListEntry, Room
from ..errors import Report
from ..site_files import GeneratedFile, slug
from .render import PageRenderer, PageSpec

WORDS_PER_MINUTE = 200
LIST_PAGE = "onboarding.md"
PRINT_PAGE = "onboarding-print.md"
KIND_LABELS = {
    "persona": "Persona",
    "clip": "Call clip",
    "page": "Guide",
    "schedule": "Schedule",
    "url": "Outside document",
}
SCHEDULE_TITLES = {"visits": "Peer visits", "lending": "Lending program"}


@dataclass(frozen=True)
class Step:
    """One item of the path, resolved: what it is called, where it is, how long it takes."""

    id: str
    number: int
    section: int
    title: str
    kind: str
    page: str | None  # the room page (``personas/maria.md``), or None for an outside document
    url: str | None  # the outside document's address
    minutes: int | None
    estimated: bool
    required: bool
    note: str | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Section:
    title: str
    intro: str | None
    steps: list[Step]


def reading_list_files(
    entry: ReadingListEntry,
    renderer: PageRenderer,
    specs: list[PageSpec],
    pages: list[GeneratedFile],
    report: Report,
) -> list[GeneratedFile]:
    """The pages with the reading list's footer on each page of the path, plus its two pages."""
    room = renderer.room
    by_path = {page.path: page for page in pages}
    sections = _sections(entry, room, by_path, renderer, report)
    steps = [step for section in sections for step in section.steps]
    store = "customer-room:" + slug(renderer.settings.site_name, "room") + ":reading-list"
    context = {
        "plan": entry.plan,
        "sections": sections,
        "steps": steps,
        "store": store,
        "totals": _totals(steps),
    }
    spec_of = {spec.path: spec for spec in specs}
    bodies = {
        step.id: _print_body(renderer.text(spec_of[step.page], base=PRINT_PAGE))
        for step in steps
        if step.page is not None
    }
    footers = {
        step.page: renderer.text(
            PageSpec(
                step.page,
                "reading_footer.md.j2",
                {**context, "step": step, "next": steps[i + 1] if i + 1 < len(steps) else None},
            )
        )
        for i, step in enumerate(steps)
        if step.page is not None
    }
    decorated = [
        replace(page, content=f"{page.text}\n{footers[page.path]}")
        if page.path in footers
        else page
        for page in pages
    ]
    extra = [
        renderer.file(PageSpec(LIST_PAGE, "onboarding.md.j2", context)),
        renderer.file(
            PageSpec(PRINT_PAGE, "onboarding_print.md.j2", {**context, "bodies": bodies})
        ),
    ]
    return decorated + extra


def _sections(
    entry: ReadingListEntry,
    room: Room,
    pages: dict[str, GeneratedFile],
    renderer: PageRenderer,
    report: Report,
) -> list[Section]:
    media = renderer.clip_media
    sections = []
    number = 0
    for s_index, section in enumerate(entry.plan.sections):
        steps = []
        for i_index, item in enumerate(section.items):
            line = entry.line_of(s_index, i_index)
            kind, reference = item.target
            if kind == "clip" and reference not in media:
                report.warn(
                    entry.path,
                    f"the clip '{reference}' is not published (see the privacy summary) — "
                    "it is left out of the reading list",
                    line=line,
                    field="clip",
                )
                continue
            page = _page_of(kind, reference)
            title = item.title or _title_of(kind, reference, room)
            minutes, estimated = _minutes(item, page, pages, media.get(reference))
            if minutes is None:
                report.warn(
                    entry.path,
                    "give 'minutes' for an outside document — it is linked, never fetched, so "
                    "its length is unknown",
                    line=line,
                    field="minutes",
                )
            number += 1
            steps.append(
                Step(
                    item.item_id,
                    number,
                    s_index + 1,
                    title,
                    kind,
                    page,
                    item.url,
                    minutes,
                    estimated,
                    item.required,
                    item.note,
                )
            )
        sections.append(Section(section.title, section.intro, steps))
    return sections


def _page_of(kind: str, reference: str) -> str | None:
    return {
        "persona": f"personas/{reference}.md",
        "clip": f"clips/{reference}.md",
        "page": f"{reference}.md",
        "schedule": f"{reference}.md",
    }.get(kind)


def _title_of(kind: str, reference: str, room: Room) -> str:
    if kind == "persona":
        persona = room.persona(reference)
        return persona.persona.name if persona else reference
    if kind == "clip":
        clip = room.clip(reference)
        return clip.clip.title if clip else reference
    if kind == "page":
        return next((p.title for p in room.pages if p.slug == reference), reference)
    return SCHEDULE_TITLES.get(reference, reference)


def _minutes(
    item: ReadingItem, page: str | None, pages: dict[str, GeneratedFile], clip: object
) -> tuple[int | None, bool]:
    """Minutes given in the list, else estimated: a clip's length, a page's words at 200 a
    minute; an outside document cannot be estimated."""
    if item.minutes is not None:
        return item.minutes, False
    duration = getattr(clip, "duration", None)
    if duration is not None:
        return max(1, math.ceil(duration / 60)), True
    if page is None or page not in pages:
        return None, False
    return max(1, math.ceil(count_words(pages[page].text) / WORDS_PER_MINUTE)), True


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def count_words(markdown: str) -> int:
    """Words a reader reads on a generated page: no front matter, markup or link addresses."""
    text = FRONT_MATTER.sub("", markdown)
    text = re.sub(r"<svg.*?</svg>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text))


def _print_body(markdown: str) -> str:
    """A page as a chapter of the print view: no front matter, no title (the chapter has
    one), headings two levels down."""
    text = FRONT_MATTER.sub("", markdown)
    text = re.sub(r"^# .*\n", "", text, count=1, flags=re.M)
    text = re.sub(
        r"^(#{2,4}) ", lambda m: "#" * min(len(m.group(1)) + 2, 6) + " ", text, flags=re.M
    )
    text = re.sub(r"<h([1-4])\b", lambda m: f"<h{int(m.group(1)) + 2}", text)
    return re.sub(r"</h([1-4])>", lambda m: f"</h{int(m.group(1)) + 2}>", text)


def _totals(steps: list[Step]) -> dict[str, int]:
    def total(chosen: list[Step]) -> int:
        return sum(s.minutes or 0 for s in chosen)

    required = [s for s in steps if s.required]
    return {
        "items": len(steps),
        "required_items": len(required),
        "minutes": total(steps),
        "required_minutes": total(required),
        "optional_minutes": total(steps) - total(required),
    }
