"""Redaction planning: which words of a transcript to hide, and which stretches of audio.

Words are marked in the transcript (their text never reaches the site, a typed marker does);
the audio spans follow from the marked words' times once they are known, padded and merged,
plus the spans written in the clip file. A marked word without a time hides its whole turn.
"""

from __future__ import annotations

import re

from .audio import Span, merge_spans
from .transcript import Transcript, Word

WORD_PAD_SECONDS = 0.15


def _norm(text: str) -> str:
    return re.sub(r"[^\w]", "", text.lower())


def term_kind(term: str) -> str:
    return "number" if any(ch.isdigit() for ch in term) else "name"


def mark_terms(transcript: Transcript, terms: list[str]) -> list[int]:
    """Mark every occurrence of each term (any case, across words); return hits per term."""
    hits = [0] * len(terms)
    for turn in transcript.turns:
        tokens = [_norm(w.text) for w in turn.words]
        for index, term in enumerate(terms):
            parts = [p for p in (_norm(x) for x in term.split()) if p]
            if not parts:
                continue
            for start in range(len(tokens) - len(parts) + 1):
                if tokens[start : start + len(parts)] == parts:
                    hits[index] += 1
                    for word in turn.words[start : start + len(parts)]:
                        word.redacted = word.redacted or term_kind(term)
    return hits


def audio_spans(transcript: Transcript, explicit: list[Span]) -> list[Span]:
    """Audio to hide: marked words (padded) or their turns when untimed, and explicit spans."""
    spans = list(explicit)
    for turn in transcript.turns:
        for word in turn.words:
            if not word.redacted:
                continue
            if _placed_exactly(word, turn.start, turn.end):
                assert word.start is not None and word.end is not None
                spans.append(
                    Span(word.start - WORD_PAD_SECONDS, word.end + WORD_PAD_SECONDS, word.redacted)
                )
            elif turn.start is not None and turn.end is not None:
                spans.append(Span(turn.start, turn.end, word.redacted))
    return merge_spans(spans)


def _placed_exactly(word: Word, turn_start: float | None, turn_end: float | None) -> bool:
    """A word that only inherited its turn's span was not placed: hide the whole turn."""
    return word.timed and (word.start, word.end) != (turn_start, turn_end)
