"""Load stage: content files in, typed models out; every problem noted with file and line."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from .. import site_files
from ..errors import Report, relative_name
from ..memo import Memo, Stamp, settling, stamp
from .approval_models import Approval
from .clip_models import Clip
from .models import FreePage, Persona, Quote, date_order
from .onboarding_models import ReadingItem, ReadingList
from .records import build_model, inside_room, load_table, read_room_file
from .room import (
    ClipEntry,
    LendEntry,
    PageEntry,
    PersonaEntry,
    QuoteEntry,
    ReadingListEntry,
    Room,
    VisitEntry,
)
from .schedule_models import Lend, Visit
from .transcript_files import read_transcript
from .yaml_files import Loc, SourceError, YamlDoc, parse_front_matter, parse_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)
DocT = TypeVar("DocT")

PERSONA_FILE_NAMES = ("persona.md", "index.md")


def load_room(root: Path, report: Report) -> Room:
    """Read every content file of the room at ``root``."""
    return Room(
        root=root,
        personas=_load_personas(root, report),
        quotes=_load_quotes(root, report),
        pages=_load_pages(root, report),
        clips=_load_clips(root, report),
        visits=[VisitEntry(v, p, n) for v, p, n in load_table(root, "visits", Visit, report)],
        lends=[LendEntry(v, p, n) for v, p, n in load_table(root, "lending", Lend, report)],
        reading_list=_load_reading_list(root, report),
        approvals={a.clip: a for a, _, _ in load_table(root, "approvals", Approval, report)},
    )


def _load_reading_list(root: Path, report: Report) -> ReadingListEntry | None:
    for name in ("onboarding.yml", "onboarding.yaml"):
        path = root / "content" / name
        if not path.is_file():
            continue
        doc = _parse(path, root, report, parse_yaml)
        if doc is None:
            return None
        where = relative_name(path, root)
        data, locs = _valid_items(doc, where, report)
        if isinstance(data, dict) and data.get("sections") == [] and doc.data.get("sections"):
            return None  # every section's items had problems, each said: no follow-on error
        plan = build_model(ReadingList, data, doc, where, report)
        return ReadingListEntry(plan, where, doc, locs) if plan else None
    return None


def _valid_items(doc: YamlDoc, where: str, report: Report) -> tuple[Any, list[list[Loc]]]:
    """Check each item of the reading list on its own, so one bad item does not hide the
    problems of the others; keep the valid ones, with where each was written."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return data, []
    sections: list[Any] = []
    locs: list[list[Loc]] = []
    for s_index, section in enumerate(data["sections"]):
        if not isinstance(section, dict) or not isinstance(section.get("items"), list):
            sections.append(section)
            locs.append([])
            continue
        kept, kept_locs = [], []
        for i_index, item in enumerate(section["items"]):
            loc: Loc = ("sections", s_index, "items", i_index)
            if build_model(ReadingItem, item, doc, where, report, prefix=loc) is not None:
                kept.append(item)
                kept_locs.append(loc)
        if section["items"] and not kept:
            continue  # every item had a problem, each reported above
        sections.append({**section, "items": kept})
        locs.append(kept_locs)
    return {**data, "sections": sections}, locs


def _valid_slug(slug: str, where: str, what: str, suffix: str, report: Report) -> bool:
    """A name that becomes an address: lowercase letters, digits and dashes."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        return True
    report.error(
        where,
        f"{what} address — use lowercase letters, digits and dashes, e.g. "
        f"'{site_files.slug(slug, 'page')}{suffix}'",
    )
    return False


def _parse(path: Path, root: Path, report: Report, parse: Callable[[str], DocT]) -> DocT | None:
    """Read and parse one content file, reporting what is wrong with it."""
    text = read_room_file(path, root, report)
    if text is None:
        return None
    try:
        return parse(text)
    except SourceError as exc:
        report.error(relative_name(path, root), exc.message, line=exc.line)
        return None


def _load_personas(root: Path, report: Report) -> list[PersonaEntry]:
    folder = root / "personas"
    if not folder.is_dir():
        return []
    entries = []
    for persona_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        entry = _load_persona(persona_dir, root, report)
        if entry:
            entries.append(entry)
    entries.sort(key=lambda e: (e.persona.order is None, e.persona.order or 0, e.persona.name))
    return entries


def _persona_file(persona_dir: Path, root: Path, report: Report) -> Path | None:
    for name in PERSONA_FILE_NAMES:
        if (persona_dir / name).is_file():
            return persona_dir / name
    found = sorted(persona_dir.glob("*.md"))
    if len(found) == 1:
        return found[0]
    where = relative_name(persona_dir, root)
    if found:
        report.error(where, "has several Markdown files — name the persona's file persona.md")
    else:
        report.error(where, "has no persona.md — add one, or remove the folder")
    return None


def _load_persona(persona_dir: Path, root: Path, report: Report) -> PersonaEntry | None:
    md_path = _persona_file(persona_dir, root, report)
    if md_path is None:
        return None
    name = relative_name(md_path, root)
    slug = persona_dir.name
    if not _valid_slug(
        slug, relative_name(persona_dir, root), "folder name is the persona's", "", report
    ):
        return None
    doc = _parse(md_path, root, report, parse_front_matter)
    if doc is None:
        return None
    persona = build_model(Persona, doc.meta.data, doc.meta, name, report)
    if persona is None:
        return None
    entry = PersonaEntry(slug, persona, doc.body, name, persona_dir)
    if persona.photo:
        entry.photo_path = persona_dir / persona.photo
        entry.photo_line = doc.meta.line_of(("photo",))
        if not persona.photo_alt:
            report.error(
                name,
                "required with a photo — describe the photo for people who cannot see it",
                line=doc.meta.line_of(("photo",)),
                field="photo_alt",
            )
    return entry


def _load_quotes(root: Path, report: Report) -> list[QuoteEntry]:
    return [
        QuoteEntry(quote, path, line)
        for quote, path, line in load_table(root, "quotes", Quote, report)
    ]


def _load_pages(root: Path, report: Report) -> list[PageEntry]:
    folder = root / "content"
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(folder.rglob("*.md")):
        name = relative_name(path, root)
        doc = _parse(path, root, report, parse_front_matter)
        if doc is None:
            continue
        page = build_model(FreePage, doc.meta.data, doc.meta, name, report)
        if page is None:
            continue
        slug = "/".join(
            site_files.slug(part, "page") for part in path.relative_to(folder).with_suffix("").parts
        )
        entries.append(
            PageEntry(slug, page, page.title or _title_of(doc.body, path), doc.body, name)
        )
    entries.sort(key=lambda e: (e.page.order is None, e.page.order or 0, e.title))
    return entries


def _title_of(body: str, path: Path) -> str:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M)
    return match.group(1) if match else path.stem.replace("-", " ").capitalize()


def _load_clips(root: Path, report: Report) -> list[ClipEntry]:
    folder = root / "clips"
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        entry = _clip_read(path, root, report)
        if entry:
            entries.append(entry)
    return entries


# A clip read, with the stamps of its recording and transcript, kept for the next build.
_read_clips: Memo[tuple[ClipEntry, tuple[Stamp, ...]]] = Memo()


def _clip_read(path: Path, root: Path, report: Report) -> ClipEntry | None:
    """The clip at ``path``: as read last time while its files are unchanged."""
    key = (stamp(path), str(root), date_order.get())
    kept = _read_clips.get(
        str(path), key, report, still=lambda kept: all(stamp(Path(s[0])) == s for s in kept[1])
    )
    if kept is not None:
        return kept[0]
    said, began = Report(), time.time_ns()
    entry = _load_clip(path, root, said)
    report.extend(said.problems)
    if entry is not None:
        files = (stamp(entry.audio_path), stamp(path.parent / entry.clip.transcript))
        if not any(settling(s, began) for s in (key[0], *files)):
            _read_clips.put(str(path), key, (entry, files), said.problems)
    return entry


def _load_clip(path: Path, root: Path, report: Report) -> ClipEntry | None:
    name = relative_name(path, root)
    slug = path.stem
    if not _valid_slug(slug, name, "the file name is the clip's", ".yml", report):
        return None
    doc = _parse(path, root, report, parse_yaml)
    if doc is None:
        return None
    clip = build_model(Clip, doc.data, doc, name, report)
    if clip is None:
        return None
    audio = path.parent / clip.audio
    transcript_path = path.parent / clip.transcript
    problems = False
    for field, target in (("audio", audio), ("transcript", transcript_path)):
        if not inside_room(target, root):
            report.error(
                name,
                "points outside the room — keep the file next to the clip's YAML",
                line=doc.line_of((field,)),
                field=field,
            )
            problems = True
        elif not target.is_file():
            report.error(
                name,
                f"no file '{target.name}' in clips/ — check the name",
                line=doc.line_of((field,)),
                field=field,
            )
            problems = True
    if problems:
        return None
    transcript_text = read_room_file(transcript_path, root, report)
    if transcript_text is None:
        return None
    try:
        transcript = read_transcript(transcript_path, transcript_text)
    except SourceError as exc:
        report.error(relative_name(transcript_path, root), exc.message, line=exc.line)
        return None
    for turn in transcript.turns:
        turn.speaker = clip.speakers.get(turn.speaker, _speaker_name(turn.speaker, clip))
    lines = {
        key: doc.line_of((key,))
        for key in ("persona", "voice_disguise", "audio", "tone", "transcript", "redact_terms")
    }
    return ClipEntry(slug, clip, name, audio, relative_name(audio, root), transcript, lines)


def _speaker_name(label: str, clip: Clip) -> str:
    """Channel labels (ch_0 is the left channel) become Agent/Customer when channels are known."""
    if clip.channels and label in ("ch_0", "ch_1"):
        side = "left" if label == "ch_0" else "right"
        return "Agent" if clip.channels.agent == side else "Customer"
    return label
