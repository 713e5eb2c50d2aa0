"""One transcript model for every format contact centers export, and the readers that fill it.

WebVTT (webvtt-py), SRT (srt), Amazon Transcribe and Call Analytics JSON, and plain text with
speaker labels all become turns of words; times are kept where the format has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPEAKER_LINE = re.compile(r"^\s*(?:\[[\d:.]+\]\s*)?([A-Za-z][\w .'-]{0,30}?)\s*:\s*(.*)$")
VOICE_TAG = re.compile(r"^\s*<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?\s*$", re.S)
PII_MARK = "[PII]"


@dataclass
class Word:
    text: str
    start: float | None = None
    end: float | None = None
    redacted: str | None = None  # the kind of data hidden here, e.g. "card number"

    @property
    def timed(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass
class Turn:
    speaker: str
    words: list[Word] = field(default_factory=list)
    start: float | None = None
    end: float | None = None

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Transcript:
    turns: list[Turn] = field(default_factory=list)

    @property
    def has_turn_times(self) -> bool:
        return all(t.start is not None and t.end is not None for t in self.turns)

    @property
    def words(self) -> list[Word]:
        return [w for t in self.turns for w in t.words]

    def copy(self) -> Transcript:
        """A copy to change (words marked hidden, aligned) with this one left as it is."""
        return Transcript(
            [
                Turn(
                    t.speaker,
                    [Word(w.text, w.start, w.end, w.redacted) for w in t.words],
                    t.start,
                    t.end,
                )
                for t in self.turns
            ]
        )


def words_of(text: str) -> list[Word]:
    return [
        Word(part, redacted="personal data" if part == PII_MARK else None) for part in text.split()
    ]


# The punctuation around a hidden word stays ("Thanks [name]. I have…"): it is not data.
LEADING = re.compile(r"^[^\w\s]*")
TRAILING = re.compile(r"[^\w\s]*$")
WORD_CHARACTER = re.compile(r"\w")
EDGE_NON_WORD = re.compile(r"^\W+|\W+$")


def word_edge(text: str, edge: re.Pattern[str]) -> str:
    """The punctuation at one edge (``LEADING`` or ``TRAILING``) of a word or a run of words;
    none for one of punctuation only. A transcription service's own mark ("[PII]") is a
    word, not punctuation around one."""
    text = text.replace(PII_MARK, "x")
    match = edge.search(text)
    return match.group() if match and match.group() != text else ""


def hide_words(transcript: Transcript) -> bool:
    """Put each hidden word's kind in place of its text, between the punctuation around it
    ("(jo@example.com)." becomes "(email address)."): what its page shows, and all that is
    kept of it, in the cache too. True when a word changed."""
    changed = False
    for word in transcript.words:
        if word.redacted and WORD_CHARACTER.search(word.text):
            # Word characters at the kind's ends: the page reads the punctuation off the edges.
            kind = EDGE_NON_WORD.sub("", word.redacted) or "removed"
            text = word_edge(word.text, LEADING) + kind + word_edge(word.text, TRAILING)
            changed = changed or text != word.text
            word.text = text
    return changed


def split_speaker(text: str, default: str) -> tuple[str, str]:
    """``"Agent: hello"`` or ``"<v Agent>hello"`` -> (``"Agent"``, ``"hello"``)."""
    voice = VOICE_TAG.match(text)
    if voice:
        return voice.group(1).strip(), voice.group(2).strip()
    line = SPEAKER_LINE.match(text)
    if line and len(line.group(1).split()) <= 3:
        return line.group(1).strip(), line.group(2).strip()
    return default, text.strip()
