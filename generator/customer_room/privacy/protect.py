"""Protect stage: nothing without consent is published, and personal data is found and
replaced before anything is rendered or encoded.

Every replacement is logged by file, kind and place — never by value. The values themselves are
kept in memory only, for the leak scan of the built site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..cache import TextMemo
from ..content.room import ClipEntry, Room
from ..errors import Report
from ..memo import Memo
from ..settings import Settings
from .names import NameFinder
from .pii import NOTHING_KNOWN, Detector, Finder, Hit, Said
from .privacy_log import PrivacyLog, merged
from .redact import mark_words, replace_hits, word_offsets
from .redaction_plan import approved_only
from .room_detector import detector_for
from .speakers import speaker_of


class RememberedFinds:
    """The detector, skipped for texts it found nothing in during an earlier build (remembered
    by a hash of the text and the terms). Only "nothing here" is written down: a text with
    personal data in it is read again every time, so the cache says nothing about it."""

    def __init__(self, detector: Detector, store: Path | None) -> None:
        self.detector = detector
        # The fingerprint names the terms to hide: only its hash is written down.
        version = hashlib.sha256(detector.fingerprint().encode()).hexdigest()
        self.memo = TextMemo(store, version)

    def find(self, text: str, said: Said = NOTHING_KNOWN) -> list[Hit]:
        # sorted: a set's order changes from one run to the next
        key = "\x00".join(
            [text, *said.terms, "\x01", *sorted(said.known_names), "\x01" if said.by_staff else ""]
        )
        if self.memo.recall(key) is not None:
            return []
        hits = self.detector.find(text, said)
        if not hits:
            self.memo.remember(key, 0)
        return hits

    def save(self) -> None:
        self.memo.save()

    def name_parts(self, hits: Iterable[Hit]) -> set[str]:
        return self.detector.name_parts(hits)

    def speaker_names(self, label: str) -> list[Hit]:
        return self.detector.speaker_names(label)


def protect_room(
    room: Room, settings: Settings, report: Report, finder: Finder | None = None
) -> tuple[Room, PrivacyLog]:
    """A copy of the room to publish: the clips that may be shown, with personal data replaced
    everywhere (found by ``finder``, by default the room's detector); and what was done."""
    log = PrivacyLog()
    shown = [c for c in room.clips if _may_publish(c, settings.today, report, log)]
    log.published_clips = len(shown)
    detector = finder or detector_for(settings, room)
    quotes = []
    for quote in room.quotes:
        # A quote is the customer's own words: their name is hidden even when staff share it,
        # and a name in its text is hidden in its themes and tags too.
        texts = _texts(quote.quote)
        said = _names_in(detector, texts, [Said(by_staff=False)] * len(texts))
        clean = _clean_model(quote.quote, detector, quote.path, log, said, line=quote.line)
        quotes.append(replace(quote, quote=clean))
    personas = []
    for persona in room.personas:
        # A name found in one part of a file is hidden in every part ("married to Betty" in
        # the front matter, "Betty found him" in the story).
        said = _names_in(detector, [persona.body, *_texts(persona.persona)])
        personas.append(
            replace(
                persona,
                persona=_clean_model(persona.persona, detector, persona.path, log, said),
                body=_clean_text(persona.body, detector, persona.path, log, said),
            )
        )
    pages = []
    for page in room.pages:
        said = _names_in(detector, [page.title, page.body, *_texts(page.page)])
        pages.append(
            replace(
                page,
                title=_clean_text(page.title, detector, page.path, log, said, field="title"),
                body=_clean_text(page.body, detector, page.path, log, said),
                page=_clean_model(page.page, detector, page.path, log, said),
            )
        )
    staff = NameFinder(settings.staff_names)  # who speaks for us, by the label of a turn
    clips = _protected_clips(shown, detector, staff, report, log)
    if settings.require_approval:
        clips, held = approved_only(clips, room.approvals, settings, report)
        log.held_back += held
        log.published_clips = len(clips)
    visits = [
        replace(v, visit=_clean_model(v.visit, detector, v.path, log, line=v.line))
        for v in room.visits
    ]
    lends = [
        replace(x, lend=_clean_model(x.lend, detector, x.path, log, line=x.line))
        for x in room.lends
    ]
    reading_list = room.reading_list
    if reading_list is not None:
        plan = _clean_model(reading_list.plan, detector, reading_list.path, log)
        reading_list = replace(reading_list, plan=plan)
    protected = room.with_entries(
        quotes=quotes,
        personas=personas,
        pages=pages,
        clips=clips,
        visits=visits,
        lends=lends,
        reading_list=reading_list,
    )
    return protected, log


# Fields that are not text a reader sees, or are names the room may show: ids and slugs,
# file names, links, repeat rules, the terms to hide, a persona's own name (a composite),
# the people of the schedules (listed), and records about a clip rather than in it.
NOT_READ = frozenset(
    [
        "id", "slug", "persona", "clip", "page", "url", "photo", "audio", "transcript",
        "repeat", "redact_terms", "redact_spans", "speakers", "consent", "trim", "channels",
        "name", "visitor", "host", "agent", "host_contact",
    ]
)  # fmt: skip


def _text_fields(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """Every field of ``model`` a reader may see as text: a text, a list of texts or of
    models, a mapping of texts, a model (not a date, a number or a choice from a list)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in NOT_READ or value is None:
            continue
        if type(value) is str or isinstance(value, (list, dict, BaseModel)):
            yield name, value


def _texts(model: BaseModel) -> list[str]:
    """The texts in ``model``'s published fields, nested models included."""
    texts: list[str] = []
    for _, value in _text_fields(model):
        values = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        for item in values if isinstance(value, (list, dict)) else [value]:
            if type(item) is str:
                texts.append(item)
            elif isinstance(item, BaseModel):
                texts += _texts(item)
    return texts


def _names_in(
    detector: Finder,
    texts: list[str],
    said: list[Said] | None = None,
    found: Iterable[str] = (),
) -> Said:
    """What is known when reading any of ``texts`` (each said as ``said[i]``): the words of
    every name found in one of them (and ``found``), to hide in all. Read as the cleaning reads
    them, so that a text without names is not read again."""
    saying = said or [NOTHING_KNOWN] * len(texts)
    parts = detector.name_parts(
        hit for text, one in zip(texts, saying, strict=True) for hit in detector.find(text, one)
    )
    first = saying[0] if saying else NOTHING_KNOWN
    return replace(first, known_names=frozenset(parts | set(found)))


def _may_publish(clip: ClipEntry, today: dt.date, report: Report, log: PrivacyLog) -> bool:
    consent = clip.clip.consent
    if consent is None:
        reason, advice = "no consent", "add its consent record (reference, date, scope)"
    elif consent.withdrawn:
        reason, advice = "consent withdrawn", "remove the clip from the room"
    elif clip.clip.publish_until is not None and clip.clip.publish_until < today:
        reason, advice = "past publish-until", "remove it, or renew consent and the date"
    else:
        return True
    report.warn(
        clip.path,
        f"left out of the site ({reason}) — {advice}",
        field="consent" if reason != "past publish-until" else "publish_until",
    )
    log.held_back.append({"clip": clip.path, "reason": reason})
    return False


def _clean_text(
    text: str,
    detector: Finder,
    path: str,
    log: PrivacyLog,
    said: Said = NOTHING_KNOWN,
    **where: Any,
) -> str:
    hits = detector.find(text, said)
    for hit in hits:
        log.add(path, hit, **{"line": text.count("\n", 0, hit.start) + 1, **where})
    return replace_hits(text, hits) if hits else text


def _clean_model(
    model: Any,
    detector: Finder,
    path: str,
    log: PrivacyLog,
    said: Said = NOTHING_KNOWN,
    **where: Any,
) -> Any:
    """A copy of ``model`` with personal data replaced in every field a reader sees (see
    :func:`_text_fields`), nested models included."""
    assert isinstance(model, BaseModel)
    changes: dict[str, Any] = {}

    def clean(value: Any, field: str) -> Any:
        if type(value) is str:
            return _clean_text(value, detector, path, log, said, field=field, **where)
        if isinstance(value, BaseModel):
            return _clean_model(value, detector, path, log, said, **where)
        return value  # a number, a date, a choice

    for name, value in _text_fields(model):
        cleaned: Any
        if isinstance(value, list):
            cleaned = [clean(v, name) for v in value]
        elif isinstance(value, dict):  # a label and its text: "Lives with": "…"
            cleaned = {clean(k, name): clean(v, name) for k, v in value.items()}
        else:
            cleaned = clean(value, name)
        if cleaned != value:
            changes[name] = cleaned
    return model.model_copy(update=changes) if changes else model


# Each clip as protected last time, kept while it and the detector are the same.
_protected: Memo[tuple[ClipEntry, PrivacyLog]] = Memo()


def _protected_clips(
    shown: list[ClipEntry], detector: Finder, staff: NameFinder, report: Report, log: PrivacyLog
) -> list[ClipEntry]:
    """Every clip protected: as last time when the clip and the detector are unchanged."""
    looks_for = (_looks_for(detector), staff.fingerprint())
    clips = []
    for clip in shown:
        key = (clip.clip, clip.transcript, clip.path, clip.slug, looks_for)
        kept = _protected.get(clip.path, key, report) if looks_for[0] else None
        if kept is None:
            said, done = Report(), PrivacyLog()
            kept = (_protect_clip(clip, detector, staff, said, done), done)
            if looks_for[0]:
                _protected.put(clip.path, key, kept, said.problems)
            report.extend(said.problems)
        merged(log, kept[1])
        clips.append(replace(clip, clip=kept[0].clip, transcript=kept[0].transcript))
    return clips


def _looks_for(finder: Finder) -> str:
    """What ``finder`` looks for (a remembering finder looks for what its detector does);
    empty for another finder (a test's), whose results are not kept."""
    detector = getattr(finder, "detector", finder)
    return detector.fingerprint() if isinstance(detector, Detector) else ""


def _protect_clip(
    original: ClipEntry, detector: Finder, staff: NameFinder, report: Report, log: PrivacyLog
) -> ClipEntry:
    """A copy of the clip with personal data hidden in its fields and transcript (its words
    marked as hidden, its speakers' labels replaced)."""
    clip = replace(original, transcript=original.transcript.copy())
    terms = tuple(clip.clip.redact_terms)
    page = f"clips/{clip.slug}"
    speakers = {
        turn.speaker: speaker_of(turn.speaker, detector, staff) for turn in clip.transcript.turns
    }
    turns = [
        (turn, word_offsets(turn)[0], Said(terms, by_staff=speakers[turn.speaker].staff))
        for turn in clip.transcript.turns
    ]
    # A name found once in the call is hidden at every mention, by either speaker, and a
    # speaker's label that is a name ("Dana:") is a name said in the call.
    labels = [name for speaker in speakers.values() for name in speaker.names]
    fields = _texts(clip.clip)  # title, summary, tags
    said = _names_in(
        detector,
        [*fields, *(text for _, text, _ in turns)],
        [*(Said(terms) for _ in fields), *(one for _, _, one in turns)],
        detector.name_parts(labels),
    )
    clip = replace(clip, clip=_clean_model(clip.clip, detector, clip.path, log, said, page=page))
    found = Counter[str]()
    for number, (turn, text, one) in enumerate(turns, start=1):
        speaker = speakers[turn.speaker]
        for hit in speaker.names:
            log.add(clip.path, hit, page=page, turn=number, field="speaker")
        turn.speaker = speaker.label
        for index, word in enumerate(turn.words):
            if word.redacted:  # already hidden by the transcription service ([PII])
                log.redactions.append(
                    {
                        "file": clip.path,
                        "kind": word.redacted,
                        "turn": number,
                        "words": [index, index],
                        "by": "transcript",
                    }
                )
        hits = detector.find(text, replace(said, by_staff=one.by_staff))
        for hit, indices in mark_words(turn, hits):
            log.add(
                clip.path,
                hit,
                page=page,
                turn=number,
                words=[indices[0], indices[-1]] if indices else [],
            )
            found[hit.value.lower()] += 1
    for number, term in enumerate(terms, start=1):
        if not found[term.lower()]:
            # The term itself is never printed: logs travel further than the room.
            report.warn(
                clip.path,
                f"term {number} of the list is not in the transcript — check "
                "its spelling, or hide it with redact_spans",
                field="redact_terms",
            )
    return clip
