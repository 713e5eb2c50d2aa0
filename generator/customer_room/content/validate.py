"""Validate stage: cross-references between files, unique ids, and photos that can be used."""

from __future__ import annotations

import difflib
import warnings
from collections import Counter
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..errors import Report, amount
from ..settings import Settings
from .records import inside_room
from .room import ClipEntry, PersonaEntry, Room

RESERVED_SLUGS = {
    "index",
    "personas",
    "quotes",
    "tags",
    "media",
    "assets",
    "search",
    "kiosk",
    "clips",
    "visits",
    "lending",
    "onboarding",
    "onboarding-print",
    "balance",
    "print",
}


def validate_room(room: Room, settings: Settings, report: Report) -> None:
    """Check what no single file can check on its own."""
    _check_quote_personas(room, report)
    _check_unique_quotes(room, report)
    _check_page_slugs(room, report)
    for entry in room.personas:
        _check_photo(entry, room.root, settings, report)
    _check_clips(room, settings, report)
    _check_terms_are_not_personas(room, settings, report)
    _check_reading_list(room, report)


def _check_terms_are_not_personas(room: Room, settings: Settings, report: Report) -> None:
    """A term to hide that is a persona's name (or a part of it) would be hidden in the calls
    and then found on the persona's own page: every build would stop. Said at the term, by its
    number in the list (the term itself is never printed)."""
    names: dict[str, str] = {}
    for persona in room.personas:
        name = persona.persona.name
        for part in [name, *name.split()]:
            if len(part) > 1:
                names.setdefault(part.casefold(), persona.path)
    lists = [
        (entry.path, entry.lines.get("redact_terms"), entry.clip.redact_terms)
        for entry in room.clips
    ]
    lists.append(("mkdocs.yml", None, list(settings.redact_terms)))
    for path, line, terms in lists:
        for number, term in enumerate(terms, start=1):
            owner = names.get(term.strip().casefold())
            if owner is not None:
                report.error(
                    path,
                    f"term {number} of the list is a persona's name ({owner}) — a persona's "
                    "name is shown on their page, so hiding it would stop every build: take it "
                    "out of the list (a persona is a composite, not the caller), or give the "
                    "persona another name",
                    line=line,
                    field="redact_terms",
                )


def unknown(kind: str, name: str, known: list[str], otherwise: str) -> str:
    """``no persona 'mario' — did you mean 'maria'?`` (or what to use instead)."""
    close = difflib.get_close_matches(name, known, n=1)
    return f"no {kind} '{name}' — " + (f"did you mean '{close[0]}'?" if close else otherwise)


def _check_reading_list(room: Room, report: Report) -> None:
    """Every item of content/onboarding.yml points at something the room has, once."""
    entry = room.reading_list
    if entry is None:
        return
    known = {
        "persona": ([p.slug for p in room.personas], "use a persona's folder name"),
        "clip": ([c.slug for c in room.clips], "use a clip's file name, without .yml"),
        "page": ([p.slug for p in room.pages], "use a page's file name in content/, without .md"),
    }
    seen: dict[str, int] = {}
    for s_index, section in enumerate(entry.plan.sections):
        for i_index, item in enumerate(section.items):
            loc = entry.locs[s_index][i_index]
            kind, reference = item.target
            line = entry.line_of(s_index, i_index, kind)
            where = ".".join(str(part) for part in (*loc, kind))
            if kind in known and reference not in known[kind][0]:
                names, otherwise = known[kind]
                report.error(
                    entry.path, unknown(kind, reference, names, otherwise), line=line, field=where
                )
            elif kind == "schedule" and not (room.visits if reference == "visits" else room.lends):
                report.error(
                    entry.path,
                    f"the room has no {reference} — add content/{reference}.yml or remove the item",
                    line=line,
                    field=where,
                )
            first = seen.setdefault(item.item_id, line)
            if first != line:
                report.error(
                    entry.path,
                    f"'{item.item_id}' is already in the list (line {first}) — list each "
                    "thing once, or give the items different ids",
                    line=line,
                    field=".".join(str(part) for part in loc),
                )


def _check_recording(entry: ClipEntry, settings: Settings, report: Report) -> None:
    """A recording that is none, is cut short or is too long, found with the content's own
    problems (``check`` finds it too), not only once the audio is made."""
    from ..ffmpeg import AudioError
    from .recordings import recording_seconds  # soundfile loads only for rooms with clips

    line = entry.lines.get("audio")
    try:
        seconds = recording_seconds(entry.audio_path)
    except AudioError as exc:
        report.error(entry.path, f"'{entry.audio_path.name}' {exc}", line=line, field="audio")
        return
    limit = settings.max_clip_minutes * 60
    if seconds > limit:
        report.error(
            entry.path,
            f"'{entry.audio_path.name}' is {amount(seconds / 60)} minutes long, over the limit "
            f"of {amount(limit / 60)} minutes — cut it to the moment you want to show",
            line=line,
            field="audio",
        )


def _check_clips(room: Room, settings: Settings, report: Report) -> None:
    slugs = [p.slug for p in room.personas]
    for entry in room.clips:
        clip = entry.clip
        _check_recording(entry, settings, report)
        megabytes = entry.audio_path.stat().st_size / 1_000_000
        if megabytes > settings.max_clip_megabytes:
            report.error(
                entry.path,
                f"the recording is {amount(megabytes)} MB, over the limit of "
                f"{amount(settings.max_clip_megabytes)} MB — cut it to the moment you want "
                "to show",
                line=entry.lines.get("audio"),
                field="audio",
            )
        if room.persona(clip.persona) is None:
            report.error(
                entry.path,
                unknown("persona", clip.persona, slugs, "use a persona's folder name"),
                line=entry.lines.get("persona"),
                field="persona",
            )
        if clip.voice_disguise and clip.channels is None:
            report.warn(
                entry.path,
                "needs 'channels' (a stereo recording with agent and "
                "customer apart) — without it the voice is not disguised",
                line=entry.lines.get("voice_disguise"),
                field="voice_disguise",
            )
    clip_slugs = [c.slug for c in room.clips]
    for quote in room.quotes:
        name = quote.quote.clip
        if name and room.clip(name) is None:
            report.error(
                quote.path,
                unknown("clip", name, clip_slugs, "use a clip's file name"),
                line=quote.line,
                field="clip",
            )


def _check_quote_personas(room: Room, report: Report) -> None:
    slugs = [p.slug for p in room.personas]
    for entry in room.quotes:
        slug = entry.quote.persona
        if slug and room.persona(slug) is None:
            report.error(
                entry.path,
                unknown("persona", slug, slugs, "use the folder name of a persona in personas/"),
                line=entry.line,
                field="persona",
            )


def _check_unique_quotes(room: Room, report: Report) -> None:
    counts = Counter(q.quote.key for q in room.quotes)
    for entry in room.quotes:
        if counts[entry.quote.key] > 1:
            what = f"id '{entry.quote.id}'" if entry.quote.id else "the same text"
            report.error(
                entry.path,
                f"{what} is used by {counts[entry.quote.key]} quotes — "
                "give each quote its own id (or remove the repeat)",
                line=entry.line,
                field="id",
            )


def _check_page_slugs(room: Room, report: Report) -> None:
    seen: dict[str, str] = {}
    for page in room.pages:
        top = page.slug.split("/")[0]
        if top in RESERVED_SLUGS:
            report.error(
                page.path, f"the name '{top}' is used by the room itself — rename the file"
            )
        elif page.slug in seen:
            report.error(page.path, f"has the same address as {seen[page.slug]} — rename one")
        seen.setdefault(page.slug, page.path)


def _check_photo(entry: PersonaEntry, root: Path, settings: Settings, report: Report) -> None:
    path = entry.photo_path
    if path is None:
        return

    def problem(message: str) -> None:
        report.error(entry.path, message, line=entry.photo_line, field="photo")

    if not inside_room(path, root):
        problem("points outside the room — put the photo in the persona's folder")
        return
    if not path.is_file():
        problem(
            f"no file '{entry.persona.photo}' in {entry.folder.name}/ — check the name, "
            "or remove 'photo' to use an initials avatar"
        )
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        problem(
            f"'{entry.persona.photo}' is far too large — resize it below "
            f"{settings.max_photo_pixels // 1_000_000} megapixels"
        )
        return
    except (UnidentifiedImageError, OSError):
        problem(
            f"'{entry.persona.photo}' is not an image Pillow can read — export it as JPEG, "
            "PNG or WebP"
        )
        return
    if width * height > settings.max_photo_pixels:
        problem(
            f"'{entry.persona.photo}' is {width}x{height} pixels, over the limit of "
            f"{settings.max_photo_pixels // 1_000_000} megapixels — resize it first"
        )
