"""Protect stage: nothing without consent is published, and personal data is found and
replaced before anything is rendered or encoded.

Every replacement is logged by file, kind and place — never by value. The values themselves are
kept in memory only, for the leak scan of the built site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import Report
from .memo import TextMemo
from .pii import CustomPattern, Detector, Finder, Hit
from .redact import mark_words, replace_hits, word_offsets
from .room import ClipEntry, Room
from .settings import Settings


@dataclass
class PrivacyLog:
    """What was hidden where (no values), what was held back and why, and the values to scan
    the output for."""

    redactions: list[dict[str, Any]] = field(default_factory=list)
    held_back: list[dict[str, str]] = field(default_factory=list)
    published_clips: int = 0
    secrets: set[str] = field(default_factory=set)

    def add(self, path: str, hit: Hit, **where: Any) -> None:
        self.redactions.append({"file": path, "kind": hit.kind, **where})
        if len(hit.value.strip()) >= 3:
            self.secrets.add(hit.value.strip())

    def counts(self) -> Counter[str]:
        return Counter(r["kind"] for r in self.redactions)

    def summary(self) -> str:
        reasons = Counter(h["reason"] for h in self.held_back)
        held = ", ".join(f"{n} {reason}" for reason, n in reasons.items())
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.counts().items()))
        return (
            f"Privacy: {self.published_clips} clips published, {len(self.held_back)} held "
            f"back{f' ({held})' if held else ''}; redactions: {kinds or 'none'}"
        )


class RememberedFinds:
    """The detector, skipped for texts it found nothing in during an earlier build (remembered
    by a hash of the text and the terms). Only "nothing here" is written down: a text with
    personal data in it is read again every time, so the cache says nothing about it."""

    def __init__(self, detector: Detector, store: Path | None) -> None:
        self.detector = detector
        # The fingerprint names the terms to hide: only its hash is written down.
        version = hashlib.sha256(detector.fingerprint().encode()).hexdigest()
        self.memo = TextMemo(store, version)

    def find(self, text: str, extra_terms: Iterable[str] = ()) -> list[Hit]:
        terms = tuple(extra_terms)
        key = "\x00".join([text, *terms])
        if self.memo.recall(key) is not None:
            return []
        hits = self.detector.find(text, terms)
        if not hits:
            self.memo.remember(key, 0)
        return hits

    def save(self) -> None:
        self.memo.save()


def detector_for(settings: Settings) -> Detector:
    return Detector(
        settings.phone_region,
        settings.redact_terms,
        [CustomPattern(kind, pattern) for kind, pattern in settings.redact_patterns],
    )


def protect_room(
    room: Room, settings: Settings, report: Report, finder: Finder | None = None
) -> PrivacyLog:
    """Hold back clips that may not be shown; replace personal data everywhere else (found by
    ``finder``, by default the room's detector)."""
    log = PrivacyLog()
    room.clips = [c for c in room.clips if _may_publish(c, settings.today, report, log)]
    log.published_clips = len(room.clips)
    detector = finder or detector_for(settings)
    for quote in room.quotes:
        quote.quote = _clean_model(
            quote.quote, ["text"], detector, quote.path, log, line=quote.line
        )
    for persona in room.personas:
        persona.persona = _clean_model(
            persona.persona,
            ["tagline", "goals", "frustrations", "values", "life", "at_a_glance", "photo_alt"],
            detector,
            persona.path,
            log,
        )
        persona.body = _clean_text(persona.body, detector, persona.path, log)
    for page in room.pages:
        page.body = _clean_text(page.body, detector, page.path, log)
        page.page = _clean_model(page.page, ["summary"], detector, page.path, log)
    for clip in room.clips:
        _protect_clip(clip, detector, report, log)
    for visit in room.visits:
        visit.visit = _clean_model(
            visit.visit, ["focus", "notes"], detector, visit.path, log, line=visit.line
        )
    for lend in room.lends:
        lend.lend = _clean_model(
            lend.lend, ["goals", "outcome"], detector, lend.path, log, line=lend.line
        )
    return log


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
    extra: tuple[str, ...] = (),
    **where: Any,
) -> str:
    hits = detector.find(text, extra)
    for hit in hits:
        log.add(path, hit, **{"line": text.count("\n", 0, hit.start) + 1, **where})
    return replace_hits(text, hits) if hits else text


def _clean_model(
    model: Any,
    fields: list[str],
    detector: Finder,
    path: str,
    log: PrivacyLog,
    extra: tuple[str, ...] = (),
    **where: Any,
) -> Any:
    """A copy of ``model`` with personal data replaced in the named text fields."""
    assert isinstance(model, BaseModel)
    changes: dict[str, Any] = {}
    for name in fields:
        value = getattr(model, name)
        clean: Any
        if isinstance(value, str):
            clean = _clean_text(value, detector, path, log, extra, field=name, **where)
        elif isinstance(value, list):
            clean = [_clean_text(v, detector, path, log, extra, field=name, **where) for v in value]
        elif isinstance(value, dict):
            clean = {
                k: _clean_text(v, detector, path, log, extra, field=name, **where)
                for k, v in value.items()
            }
        else:
            continue
        if clean != value:
            changes[name] = clean
    return model.model_copy(update=changes) if changes else model


def _protect_clip(clip: ClipEntry, detector: Finder, report: Report, log: PrivacyLog) -> None:
    terms = tuple(clip.clip.redact_terms)
    clip.clip = _clean_model(clip.clip, ["title", "summary"], detector, clip.path, log, terms)
    found = Counter[str]()
    for number, turn in enumerate(clip.transcript.turns, start=1):
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
        text, _ = word_offsets(turn)
        hits = detector.find(text, terms)
        for hit, indices in mark_words(turn, hits):
            log.add(clip.path, hit, turn=number, words=[indices[0], indices[-1]] if indices else [])
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
