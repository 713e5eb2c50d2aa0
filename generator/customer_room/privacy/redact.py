"""Redaction: hits become typed markers in text, marked words in transcripts, and audio spans.

Words are marked in the transcript (their text never reaches the site, a typed marker does);
the audio spans follow from the marked words' times once they are known, padded and merged,
plus the spans written in the clip file. A marked word without a time hides its whole turn.
"""

from __future__ import annotations

from ..content.transcript import Transcript, Turn, Word
from .hidden_spans import Span, merge_spans
from .pii import Hit

WORD_PAD_SECONDS = 0.15


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


def replace_hits(text: str, hits: list[Hit]) -> str:
    """``text`` with each hit replaced by its typed marker, e.g. ``[card number]``."""
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        text = f"{text[: hit.start]}[{hit.kind}]{text[hit.end :]}"
    return text


def word_offsets(turn: Turn) -> tuple[str, list[tuple[int, int]]]:
    """A turn's text (words joined by spaces) and each word's character span in it."""
    spans, position = [], 0
    for word in turn.words:
        spans.append((position, position + len(word.text)))
        position += len(word.text) + 1
    return " ".join(w.text for w in turn.words), spans


def mark_words(turn: Turn, hits: list[Hit]) -> list[tuple[Hit, list[int]]]:
    """Mark the words each hit touches; return the word indices per hit."""
    _, spans = word_offsets(turn)
    marked = []
    for hit in hits:
        indices = [i for i, (a, b) in enumerate(spans) if a < hit.end and b > hit.start]
        for index in indices:
            turn.words[index].redacted = turn.words[index].redacted or hit.kind
        marked.append((hit, indices))
    return marked
