"""Synthesize the sample room's call clips, so anyone can regenerate them.

Each call in ``sample_calls.py`` is spoken by espeak-ng (a different voice for agent and
customer), placed on a timeline with natural gaps, put on the telephone band with a little line
noise, and exported the way contact centers export calls: stereo G.711 mu-law or A-law WAV,
8 kHz PCM WAV, MP3 or M4A. Word times come from aligning each utterance on its own; the
transcripts are written as Amazon Transcribe JSON (with the card number already [PII]), Call
Analytics JSON, WebVTT, SRT or plain text. Needs espeak-ng and ffmpeg:

    sudo apt-get install espeak-ng ffmpeg && .venv/bin/python scripts/make_sample_clips.py
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sample_calls import CALLS

from audiohelpers import speak, write_recording
from customer_room.content.transcript import Word
from customer_room.media.align import align_words

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "clips"
RATE = 16_000
AGENT_VOICE = "en-gb-scotland"
NUMBER_WORDS = {
    "zero",
    "oh",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
}


@dataclass
class Utterance:
    speaker: str
    text: str
    start: float
    samples: np.ndarray
    words: list[Word] = field(default_factory=list)

    @property
    def end(self) -> float:
        return self.start + len(self.samples) / RATE


def build_call(lines: list[tuple[str, str]], voice: str, seed: int) -> list[Utterance]:
    rng = np.random.default_rng(seed)
    t = 0.8
    utterances = []
    for speaker, text in lines:
        samples = speak(text, AGENT_VOICE if speaker == "Agent" else voice, 165)
        utterance = Utterance(speaker, text, t, samples, [Word(w) for w in text.split()])
        align_words(samples, utterance.words, offset=t)
        _fill(utterance)
        utterances.append(utterance)
        t = utterance.end + float(rng.uniform(0.35, 0.7))
    return utterances


def _fill(utterance: Utterance) -> None:
    """Words the aligner missed get times between their neighbours (sample data only)."""
    words = utterance.words
    for index, word in enumerate(words):
        if word.timed:
            continue
        before = next((w.end for w in reversed(words[:index]) if w.end), utterance.start)
        after = next((w.start for w in words[index + 1 :] if w.start), utterance.end)
        word.start, word.end = before, max(before + 0.05, after)


def mix(utterances: list[Utterance], seed: int) -> np.ndarray:
    """Stereo, agent left and customer right, with a little line noise."""
    total = int((utterances[-1].end + 0.8) * RATE)
    stereo = np.zeros((total, 2), dtype=np.float64)
    for u in utterances:
        first = int(u.start * RATE)
        side = 0 if u.speaker == "Agent" else 1
        stereo[first : first + len(u.samples), side] += u.samples * 0.6
    stereo += np.random.default_rng(seed).normal(0, 60, stereo.shape)
    return np.clip(stereo, -32768, 32767).astype(np.int16)


def export(stereo: np.ndarray, kind: str, target: Path) -> None:
    mono = kind not in ("mulaw-stereo", "alaw-stereo")
    codec = {
        "mulaw-stereo": ["-ar", "8000", "-c:a", "pcm_mulaw"],
        "alaw-stereo": ["-ar", "8000", "-c:a", "pcm_alaw"],
        "mulaw-mono": ["-ar", "8000", "-c:a", "pcm_mulaw"],
        "pcm-8k": ["-ar", "8000", "-c:a", "pcm_s16le"],
        "mp3": ["-ar", "16000", "-c:a", "libmp3lame", "-b:a", "24k"],
        "m4a": ["-ar", "16000", "-c:a", "aac", "-b:a", "24k"],
    }[kind]
    band = ["-af", "highpass=f=300,lowpass=f=3400", "-ac", "1" if mono else "2"]
    write_recording(stereo, target, RATE, 2, [*band, "-map_metadata", "-1", *codec])


def is_number(word: Word) -> bool:
    return re.sub(r"[^a-z]", "", word.text.lower()) in NUMBER_WORDS


def number_runs(utterances: list[Utterance], minimum: int = 7) -> list[list[Word]]:
    """Runs of spoken digits long enough to be a card or phone number."""
    runs = []
    for u in utterances:
        run: list[Word] = []
        for word in [*u.words, Word("")]:
            if is_number(word):
                run.append(word)
            else:
                if len(run) >= minimum:
                    runs.append(run)
                run = []
    return runs


def _t(value: float | None) -> str:
    return f"{value or 0:.3f}"


def _clock(value: float, comma: bool = False) -> str:
    ms = round(value * 1000)
    text = f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    return text.replace(".", ",") if comma else text


def transcribe_json(utterances: list[Utterance], pii: set[int]) -> dict[str, object]:
    items: list[dict[str, object]] = []
    channels: dict[str, list[dict[str, str]]] = {"ch_0": [], "ch_1": []}
    for u in utterances:
        label = "ch_0" if u.speaker == "Agent" else "ch_1"
        for word in u.words:
            bare = word.text.rstrip(",.?!")
            content = "[PII]" if id(word) in pii else bare
            item = {
                "start_time": _t(word.start),
                "end_time": _t(word.end),
                "alternatives": [{"confidence": "0.98", "content": content}],
                "type": "pronunciation",
            }
            items.append(item)
            channels[label].append({"start_time": _t(word.start), "end_time": _t(word.end)})
            if bare != word.text:
                items.append(
                    {
                        "alternatives": [{"confidence": "0.0", "content": word.text[-1]}],
                        "type": "punctuation",
                    }
                )
    text = " ".join(u.text for u in utterances)
    return {
        "jobName": "sample-call",
        "status": "COMPLETED",
        "results": {
            "transcripts": [{"transcript": text}],
            "channel_labels": {
                "channels": [{"channel_label": k, "items": v} for k, v in channels.items()],
                "number_of_channels": 2,
            },
            "items": items,
        },
    }


def call_analytics_json(utterances: list[Utterance]) -> dict[str, object]:
    parts = []
    for u in utterances:
        parts.append(
            {
                "ParticipantRole": "AGENT" if u.speaker == "Agent" else "CUSTOMER",
                "Content": u.text,
                "BeginOffsetMillis": round((u.words[0].start or u.start) * 1000),
                "EndOffsetMillis": round((u.words[-1].end or u.end) * 1000),
                "Items": [
                    {
                        "Content": w.text.rstrip(",.?!"),
                        "Type": "pronunciation",
                        "BeginOffsetMillis": round((w.start or 0) * 1000),
                        "EndOffsetMillis": round((w.end or 0) * 1000),
                    }
                    for w in u.words
                ],
            }
        )
    return {"JobName": "sample-call", "LanguageCode": "en-US", "Transcript": parts}


def cue_text(u: Utterance, style: str) -> str:
    return f"<v {u.speaker}>{u.text}" if style == "vtt" else f"{u.speaker}: {u.text}"


def write_transcript(slug: str, kind: str, utterances: list[Utterance], pii: set[int]) -> str:
    if kind == "transcribe":
        name, body = f"{slug}.json", json.dumps(transcribe_json(utterances, pii), indent=1)
    elif kind == "call-analytics":
        name, body = f"{slug}.json", json.dumps(call_analytics_json(utterances), indent=1)
    elif kind in ("vtt", "vtt-prefix"):
        cues = [f"{_clock(u.start)} --> {_clock(u.end)}\n{cue_text(u, kind)}" for u in utterances]
        name, body = f"{slug}.vtt", "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
    elif kind == "srt":
        cues = [
            f"{i}\n{_clock(u.start, True)} --> {_clock(u.end, True)}\n{u.speaker}: {u.text}"
            for i, u in enumerate(utterances, 1)
        ]
        name, body = f"{slug}.srt", "\n\n".join(cues) + "\n"
    else:
        name, body = f"{slug}.txt", "\n".join(f"{u.speaker}: {u.text}" for u in utterances) + "\n"
    (OUT / name).write_text(body, encoding="utf-8")
    return name


def make(slug: str, call: dict[str, object], seed: int) -> None:
    utterances = build_call(call["lines"], str(call["voice"]), seed)  # type: ignore[arg-type]
    stereo = mix(utterances, seed)
    kind = str(call["format"])
    suffix = {"mp3": ".mp3", "m4a": ".m4a"}.get(kind, ".wav")
    audio = f"{slug}{suffix}"
    export(stereo, kind, OUT / audio)
    runs = number_runs(utterances)
    pii = {id(w) for run in runs for w in run} if call["transcript"] == "transcribe" else set()
    transcript = write_transcript(slug, str(call["transcript"]), utterances, pii)
    spans = (
        []
        if pii
        else [
            {
                "start": round((run[0].start or 0) - 0.1, 2),
                "end": round((run[-1].end or 0) + 0.1, 2),
                "kind": "card number" if len(run) >= 12 else "phone number",
            }
            for run in runs
        ]
    )
    clip = {
        "title": call["title"],
        "persona": call["persona"],
        "summary": call["summary"],
        "moment": call["moment"],
        "tone": call["tone"],
        "audio": audio,
        "transcript": transcript,
        "trim": {"start": 0.4, "end": round(utterances[-1].end + 0.4, 2)},
        **({"channels": {"agent": "left", "customer": "right"}} if kind.endswith("stereo") else {}),
        "consent": {
            "reference": f"CR-2026-{100 + seed:03d}",
            "date": "2026-03-02",
            "scope": "internal training and the customer room",
        },
        "publish_until": "2030-12-31",
        "redact_terms": call.get("redact", []),
        "redact_spans": spans,
        "voice_disguise": bool(call["disguise"]),
        "date": "2026-02-27",
        "tags": call["tags"],
    }
    header = "# yaml-language-server: $schema=../schemas/clip.schema.json\n"
    (OUT / f"{slug}.yml").write_text(
        header + yaml.safe_dump(clip, sort_keys=False, allow_unicode=True, width=100)
    )
    print(f"{slug}: {utterances[-1].end:.1f} s, {kind}, {transcript}, {len(runs)} number runs")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for seed, (slug, call) in enumerate(CALLS.items(), start=1):
        make(slug, call, seed)


if __name__ == "__main__":
    main()
