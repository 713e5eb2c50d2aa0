"""Every transcript format becomes the same turns; bad transcripts are explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from customer_room.content.transcript_files import read_transcript
from customer_room.content.yaml_files import SourceError

HERE = Path(__file__).resolve().parent / "transcripts"
SPEAKERS = {"spk_0": "Agent", "spk_1": "Customer"}
EXPECTED = [
    ("Agent", "Lakeside Bank, Callum speaking."),
    ("Customer", "Hi, my card number is [PII] thanks."),
    ("Agent", "Thank you, that matches."),
]


def turns_of(name: str) -> list[tuple[str, str]]:
    path = HERE / name
    transcript = read_transcript(path, path.read_text())
    return [(SPEAKERS.get(t.speaker, t.speaker), t.text) for t in transcript.turns]


@pytest.mark.parametrize(
    "name", ["call.vtt", "call.srt", "call.txt", "call-transcribe.json", "call-analytics.json"]
)
def test_equivalent_transcripts_give_the_same_turns(name: str) -> None:
    assert turns_of(name) == EXPECTED


@pytest.mark.parametrize(
    "name", ["call.vtt", "call.srt", "call-transcribe.json", "call-analytics.json"]
)
def test_timed_formats_keep_turn_times(name: str) -> None:
    path = HERE / name
    transcript = read_transcript(path, path.read_text())
    assert [round(t.start or 0, 1) for t in transcript.turns] == [0.5, 2.4, 5.5]
    assert round(transcript.turns[-1].end or 0, 1) in (6.9, 7.0)


@pytest.mark.parametrize("name", ["call-transcribe.json", "call-analytics.json"])
def test_word_timings_and_pii_marks_are_kept(name: str) -> None:
    path = HERE / name
    transcript = read_transcript(path, path.read_text())
    assert all(w.timed for w in transcript.words)
    [pii] = [w for w in transcript.words if w.redacted]
    assert pii.text == "[PII]" and pii.redacted == "personal data"


def test_plain_text_has_no_times_until_aligned() -> None:
    path = HERE / "call.txt"
    transcript = read_transcript(path, path.read_text())
    assert not transcript.has_turn_times
    assert not any(w.timed for w in transcript.words)


@pytest.mark.parametrize(
    ("name", "text", "message", "line"),
    [
        ("bad.srt", "1\n00:00:01,000 --> nonsense\nHello\n", "not valid SRT", None),
        ("bad.json", '{"results": {"items": [1, 2}\n', "not valid JSON", 1),
        ("bad.json", '{"jobName": "x"}', "not an Amazon Transcribe result", None),
        ("bad.txt", "hello there\nAgent: hi\n", "should start with a speaker", 1),
        ("bad.docx", "Agent: hi", "not a transcript type", None),
        ("empty.vtt", "WEBVTT\n", "no spoken lines", None),
    ],
)
def test_bad_transcripts_are_explained(
    tmp_path: Path, name: str, text: str, message: str, line: int | None
) -> None:
    with pytest.raises(SourceError, match=message) as caught:
        read_transcript(tmp_path / name, text)
    if line is not None:
        assert caught.value.line == line


def test_an_export_without_punctuation_items_keeps_the_lines_punctuation(tmp_path: Path) -> None:
    """Call analytics exports whose words come without their punctuation items still read
    "Lakeside Health, this is Farah." — the line's written form — where the words agree."""
    said = ["Lakeside", "Health", "this", "is", "Farah", "how", "can", "I", "help"]
    part = {
        "ParticipantRole": "AGENT",
        "Content": "Lakeside Health, this is Farah. How can I help?",
        "BeginOffsetMillis": 800,
        "EndOffsetMillis": 4000,
        "Items": [
            {"Content": word, "Type": "pronunciation", "BeginOffsetMillis": 800 + 300 * i,
             "EndOffsetMillis": 1100 + 300 * i}
            for i, word in enumerate(said)
        ],
    }  # fmt: skip
    path = tmp_path / "call.json"
    path.write_text(json.dumps({"Transcript": [part]}), encoding="utf-8")
    [turn] = read_transcript(path, path.read_text()).turns
    assert [w.text for w in turn.words] == [
        "Lakeside", "Health,", "this", "is", "Farah.", "How", "can", "I", "help?",
    ]  # fmt: skip
    assert [w.start for w in turn.words][:2] == [0.8, 1.1], "the times stay the words'"
