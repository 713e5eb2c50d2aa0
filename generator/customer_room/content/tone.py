"""Tone of quotes and clips: the author's, or estimated from the words by VADER (a lexicon and
rules, offline) when the author gave none; strong disagreements point at likely mislabels."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..cache import TextMemo, code_version
from .models import Tone
from .room import ClipEntry, QuoteEntry, Room

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

POSITIVE_FROM = 0.05  # VADER's own cut-offs for its compound score
NEGATIVE_TO = -0.05
MIXED_SENTENCE = 0.3  # one sentence at least this positive and another this negative
STRONG = 0.5  # a given tone this far the other way is probably a slip


@dataclass(frozen=True)
class Estimate:
    tone: Tone
    score: float  # VADER's compound score, -1 (most negative) .. 1 (most positive)


@dataclass(frozen=True)
class Mislabel:
    """A given tone that the words contradict strongly."""

    path: str
    line: int | None
    what: str
    given: Tone
    estimate: Estimate

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return (
            f"{where}: {self.what} is marked {self.given.value}, but its words read "
            f"{self.estimate.tone.value} (score {self.estimate.score:+.2f}) — check the tone"
        )


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    # Loaded when a text is first estimated: a rebuild remembers its estimates.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def estimate(text: str) -> Estimate:
    """positive / negative / neutral by VADER's compound score; mixed when one sentence is
    clearly positive and another clearly negative."""
    analyzer = _analyzer()
    score = float(analyzer.polarity_scores(text)["compound"])
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    parts = [float(analyzer.polarity_scores(s)["compound"]) for s in sentences]
    if len(parts) > 1 and max(parts) >= MIXED_SENTENCE and min(parts) <= -MIXED_SENTENCE:
        return Estimate(Tone.MIXED, score)
    if score >= POSITIVE_FROM:
        return Estimate(Tone.POSITIVE, score)
    if score <= NEGATIVE_TO:
        return Estimate(Tone.NEGATIVE, score)
    return Estimate(Tone.NEUTRAL, score)


def contradicts(given: Tone, found: Estimate) -> bool:
    """Strong disagreement only: positive read as clearly negative, or the other way round."""
    if given is Tone.POSITIVE:
        return found.score <= -STRONG
    if given is Tone.NEGATIVE:
        return found.score >= STRONG
    return False


class Estimates:
    """Estimates remembered between builds by a hash of the words (VADER is the slow part of
    reading a room of thousands of quotes)."""

    def __init__(self, store: Path | None) -> None:
        self.memo = TextMemo(store, code_version((sys.modules[__name__],), ("vaderSentiment",)))

    def of(self, text: str) -> Estimate:
        tone, score = self.memo.of(text, _estimate_as_json)
        return Estimate(Tone(tone), float(score))

    def save(self) -> None:
        self.memo.save()


def _estimate_as_json(text: str) -> list[Any]:
    found = estimate(text)
    return [found.tone.value, found.score]


def assign_tones(room: Room, estimates: Estimates | None = None) -> tuple[Room, list[Mislabel]]:
    """The room with every quote and clip given its tone (estimated where the author left it
    out), and the given tones the words strongly contradict."""
    estimates = estimates or Estimates(None)
    mislabels = []
    quotes = []
    for quote in room.quotes:
        found = estimates.of(quote.quote.text)
        toned, mislabel = _assign(quote, quote.quote.tone, found)
        quotes.append(toned)
        if mislabel:
            mislabels.append(Mislabel(quote.path, quote.line, "the quote", mislabel, found))
    clips = []
    for clip in room.clips:
        found = estimates.of(clip_words(clip))
        toned_clip, mislabel = _assign(clip, clip.clip.tone, found)
        clips.append(toned_clip)
        if mislabel:
            line = clip.lines.get("tone")
            mislabels.append(Mislabel(clip.path, line, "the clip", mislabel, found))
    return room.with_entries(quotes=quotes, clips=clips), mislabels


Entry = TypeVar("Entry", QuoteEntry, ClipEntry)


def _assign(entry: Entry, given: Tone | None, found: Estimate) -> tuple[Entry, Tone | None]:
    if given is None:
        return replace(entry, score=found.score, tone=found.tone, tone_estimated=True), None
    toned = replace(entry, score=found.score, tone=given, tone_estimated=False)
    return toned, given if contradicts(given, found) else None


def clip_words(entry: ClipEntry) -> str:
    """What the customer says in the call (every line when no speaker is the customer), with
    the clip's title and summary."""
    turns = entry.transcript.turns
    customer = [
        t for t in turns if "customer" in t.speaker.lower() or "caller" in t.speaker.lower()
    ]
    lines = [t.text for t in (customer or turns)]
    head = [entry.clip.title, entry.clip.summary or ""]
    return " ".join(part.rstrip(".") + "." for part in [*head, *lines] if part.strip())
