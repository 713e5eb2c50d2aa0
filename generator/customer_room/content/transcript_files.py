"""Reading a transcript file: WebVTT, SRT, plain "Speaker: words" lines, or an Amazon
Transcribe JSON; a file that cannot be read is a :class:`SourceError` with its line."""

from __future__ import annotations

from pathlib import Path

import srt
import webvtt

from .transcribe_json import read_transcribe_json
from .transcript import SPEAKER_LINE, Transcript, Turn, split_speaker, words_of
from .yaml_files import SourceError


def read_transcript(path: Path, text: str) -> Transcript:
    """Read a transcript by its file type; raise :class:`SourceError` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".vtt":
        return _read_vtt(text)
    if suffix == ".srt":
        return _read_srt(text)
    if suffix == ".json":
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
