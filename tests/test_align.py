"""Forced alignment on a call synthesized here, where every word's true time is known."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from audiohelpers import RATE, write_recording
from customer_room.align import align_transcript, guess_phones
from customer_room.audio import alignment_samples, read_recording
from customer_room.ffmpeg import ffmpeg_path
from customer_room.transcript import read_transcript

LINES = [
    ("Agent", "thank you for calling lakeside how can i help"),
    ("Customer", "my card was declined at the shop this morning"),
    ("Agent", "i am sorry about that let me check the account for you"),
    ("Customer", "thank you my name is maria okafor"),
]


def speak(word: str) -> np.ndarray:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is missing — sudo apt-get install espeak-ng (./dev test does this)")
    wav = subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "170", "--stdout", word], capture_output=True, check=True
    ).stdout
    pcm = subprocess.run(
        [
            ffmpeg_path(),
            "-loglevel",
            "error",
            "-i",
            "pipe:0",
            "-ar",
            str(RATE),
            "-ac",
            "1",
            "-f",
            "s16le",
            "pipe:1",
        ],
        input=wav,
        capture_output=True,
        check=True,
    ).stdout
    samples = np.frombuffer(pcm, dtype=np.int16)
    loud = np.nonzero(np.abs(samples) > 80)[0]
    return samples[loud[0] : loud[-1] + 1]


@pytest.fixture(scope="module")
def call(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[tuple[str, float]]]:
    """A telephone recording (8 kHz mu-law) and a plain transcript; each word's true middle.

    The middle, not the start: a stop consonant's silent closure belongs to the word for the
    aligner, while the first loud sample marks only its release.
    """
    folder = tmp_path_factory.mktemp("align")
    pieces, truth, t = [np.zeros(RATE // 2, dtype=np.int16)], [], 0.5
    for index, (_, text) in enumerate(LINES):
        for position, word in enumerate(text.split()):
            samples = speak(word)
            truth.append((word, t + len(samples) / RATE / 2))
            pieces.append(samples)
            t += len(samples) / RATE
            gap = 0.5 if position == len(text.split()) - 1 else (0.05 + 0.04 * (index % 2))
            pieces.append(np.zeros(int(gap * RATE), dtype=np.int16))
            t += int(gap * RATE) / RATE
    audio = write_recording(np.concatenate(pieces), folder / "call.mulaw.wav")
    transcript = folder / "call.txt"
    transcript.write_text("\n".join(f"{who}: {text}" for who, text in LINES) + "\n")
    return audio, transcript, truth


def test_plain_transcript_words_land_within_150_ms(
    call: tuple[Path, Path, list[tuple[str, float]]], tmp_path: Path
) -> None:
    audio, transcript_path, truth = call
    recording = read_recording(audio)
    assert recording.frame_rate == 8000
    samples = alignment_samples(recording)  # 8 kHz telephone audio, resampled to 16 kHz
    transcript = read_transcript(transcript_path, transcript_path.read_text())
    align_transcript(transcript, samples)
    words = transcript.words
    assert [w.text for w in words] == [w for w, _ in truth]
    errors = {
        w.text: abs(((w.start or 0) + (w.end or 0)) / 2 - middle)
        for w, (_, middle) in zip(words, truth, strict=True)
    }
    assert max(errors.values()) < 0.15, sorted(errors.items(), key=lambda kv: -kv[1])[:5]
    assert float(np.median(list(errors.values()))) < 0.05
    # Turns take the span of their words, in order.
    starts = [t.start or 0 for t in transcript.turns]
    assert starts == sorted(starts) and starts[0] > 0.3


def test_an_unknown_name_still_gets_a_pronunciation() -> None:
    assert guess_phones("okafor") == "AA K AE F AA R"
    assert guess_phones("shona") == "SH AA N AE"
