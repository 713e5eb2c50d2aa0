"""Amazon Transcribe results: batch jobs (``results.items``) and Call Analytics (``Transcript``)."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from .transcript import PII_MARK, Transcript, Turn, Word
from .yaml_files import SourceError

ROLE_NAMES = {"AGENT": "Agent", "CUSTOMER": "Customer"}


def read_transcribe_json(text: str) -> Transcript:
    data = load_transcript_json(text)
    if isinstance(data, dict) and isinstance(data.get("Transcript"), list):
        return _call_analytics(data["Transcript"])
    results = data.get("results") if isinstance(data, dict) else None
    if isinstance(results, dict) and isinstance(results.get("items"), list):
        return _batch(results)
    raise SourceError(
        "is not an Amazon Transcribe result — expected 'results.items' (batch) "
        "or 'Transcript' (Call Analytics)"
    )


def _word(content: str, start: float | None, end: float | None) -> Word:
    return Word(content, start, end, redacted="personal data" if PII_MARK in content else None)


def _batch(results: dict[str, Any]) -> Transcript:
    speaker_at = _speaker_lookup(results)
    turns: list[Turn] = []
    for item in results["items"]:
        alternatives = item.get("alternatives") or [{}]
        content = str(alternatives[0].get("content", "")).strip()
        if not content:
            continue
        if item.get("type") == "punctuation":
            if turns and turns[-1].words:
                turns[-1].words[-1].text += content
            continue
        try:
            start, end = float(item["start_time"]), float(item["end_time"])
        except (KeyError, TypeError, ValueError) as exc:
            raise SourceError(f"a word '{content}' has no start_time/end_time") from exc
        speaker = (
            item.get("speaker_label")
            or item.get("channel_label")
            or speaker_at.get(item["start_time"])
            or "Speaker"
        )
        if not turns or turns[-1].speaker != speaker:
            turns.append(Turn(speaker, start=start))
        turns[-1].words.append(_word(content, start, end))
        turns[-1].end = end
    if not turns:
        raise SourceError("has no spoken words in results.items")
    return Transcript(turns)


def _speaker_lookup(results: dict[str, Any]) -> dict[str, str]:
    """Word start time -> speaker or channel label, from the job's label sections."""
    lookup: dict[str, str] = {}
    for segment in (results.get("speaker_labels") or {}).get("segments", []):
        for item in segment.get("items", []):
            lookup[str(item.get("start_time"))] = str(item.get("speaker_label"))
    for channel in (results.get("channel_labels") or {}).get("channels", []):
        for item in channel.get("items", []):
            lookup.setdefault(str(item.get("start_time")), str(channel.get("channel_label")))
    return lookup


def _call_analytics(parts: list[Any]) -> Transcript:
    turns: list[Turn] = []
    for part in parts:
        role = str(part.get("ParticipantRole", "Speaker"))
        speaker = ROLE_NAMES.get(role.upper(), role)
        start, end = _millis(part.get("BeginOffsetMillis")), _millis(part.get("EndOffsetMillis"))
        items = [i for i in part.get("Items") or [] if str(i.get("Content", "")).strip()]
        words: list[Word] = []
        for item in items:
            content = str(item["Content"]).strip()
            if item.get("Type") == "punctuation" and words:
                words[-1].text += content
                continue
            words.append(
                _word(
                    content,
                    _millis(item.get("BeginOffsetMillis")),
                    _millis(item.get("EndOffsetMillis")),
                )
            )
        if not words:
            words = [_word(w, None, None) for w in str(part.get("Content", "")).split()]
        else:
            _punctuate(words, str(part.get("Content", "")))
        if words:
            turns.append(Turn(speaker, words, start, end))
    if not turns:
        raise SourceError("has no spoken lines in 'Transcript'")
    return Transcript(turns)


def _punctuate(words: list[Word], content: str) -> None:
    """Give timed words the punctuation of the line as written ("Farah" -> "Farah." from
    "…this is Farah."): some exports list a line's words without their punctuation items. A
    word takes its written form only where the two agree, in order."""
    written = content.split()
    at = 0
    for word in words:
        bare = _bare(word.text)
        for index in range(at, min(at + 3, len(written))):  # a word or two the export dropped
            if _bare(written[index]) == bare and bare:
                word.text = written[index]
                at = index + 1
                break


def _bare(text: str) -> str:
    return re.sub(r"^\W+|\W+$", "", text).lower()


def _millis(value: Any) -> float | None:
    return None if value is None else float(value) / 1000


def load_transcript_json(text: str) -> object:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass  # the standard library says where, in words an author can follow
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"is not valid JSON ({exc.msg})", exc.lineno) from exc
