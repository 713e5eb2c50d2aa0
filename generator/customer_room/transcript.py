"""One transcript model for every format contact centers export, and the readers that fill it.

WebVTT (webvtt-py), SRT (srt), Amazon Transcribe and Call Analytics JSON, and plain text with
speaker labels all become turns of words; times are kept where the format has them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import srt
import webvtt

from .sources import SourceError

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


def read_transcript(path: Path, text: str) -> Transcript:
    """Read a transcript by its file type; raise :class:`SourceError` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".vtt":
        return _read_vtt(text)
    if suffix == ".srt":
        return _read_srt(text)
    if suffix == ".json":
        from .transcribe_json import read_transcribe_json

        return read_transcribe_json(text)
    if suffix == ".txt":
        return _read_plain(text)
    raise SourceError("is not a transcript type we read — use .vtt, .srt, .json or .txt")


def _cue_turn(text: str, start: float, end: float, previous: str) -> Turn:
    speaker, words = split_speaker(" ".join(text.split("\n")), previous)
    return Turn(speaker, words_of(words), start, end)


def _read_vtt(text: str) -> Transcript:
    try:
        captions = webvtt.from_string(text)
    except Exception as exc:  # webvtt raises several types for one cause: a malformed file
        raise SourceError(f"is not valid WebVTT ({exc}) — check the cue times") from exc
    turns: list[Turn] = []
    for caption in captions.captions:
        previous = turns[-1].speaker if turns else "Speaker"
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        turns.append(_cue_turn(caption.raw_text, start, end, previous))
    return _checked(Transcript([t for t in turns if t.words]))


def _read_srt(text: str) -> Transcript:
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        line = text[: exc.expected_start].count("\n") + 1
        raise SourceError("is not valid SRT — check the numbering and times", line) from exc
    turns: list[Turn] = []
    for sub in subtitles:
        previous = turns[-1].speaker if turns else "Speaker"
        turns.append(
            _cue_turn(sub.content, sub.start.total_seconds(), sub.end.total_seconds(), previous)
        )
    return _checked(Transcript([t for t in turns if t.words]))


def _read_plain(text: str) -> Transcript:
    turns: list[Turn] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = SPEAKER_LINE.match(line)
        if match and len(match.group(1).split()) <= 3:
            turns.append(Turn(match.group(1).strip(), words_of(match.group(2))))
        elif turns:
            turns[-1].words += words_of(line)
        else:
            raise SourceError(
                "the first line should start with a speaker, e.g. 'Agent: Hello'", number
            )
    return _checked(Transcript([t for t in turns if t.words]))


def _checked(transcript: Transcript) -> Transcript:
    if not transcript.turns:
        raise SourceError("has no spoken lines — is it the right file?")
    return transcript


def load_transcript_json(text: str) -> object:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass  # the standard library says where, in words an author can follow
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"is not valid JSON ({exc.msg})", exc.lineno) from exc
