"""Forced alignment on a call synthesized here, where every word's true time is known."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pocketsphinx
import pytest

from audiohelpers import RATE, speak, write_recording
from customer_room.content.transcript_files import read_transcript
from customer_room.media.align import align_transcript, guess_phones
from customer_room.media.audio import alignment_samples, read_recording

LINES = [
    ("Agent", "thank you for calling lakeside how can i help"),
    ("Customer", "my card was declined at the shop this morning"),
    ("Agent", "i am sorry about that let me check the account for you"),
    ("Customer", "thank you my name is maria okafor"),
]


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
            gap = 0.5 if position == len(text.split()) - 1 else 0.01 * (index % 3)
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
    known = dictionary_words()
    errors = [
        (w.text, abs(((w.start or 0) + (w.end or 0)) / 2 - middle))
        for w, (_, middle) in zip(words, truth, strict=True)
        if w.text in known
    ]
    assert len(errors) >= len(words) - 2
    worst = sorted(errors, key=lambda pair: -pair[1])
    assert worst[0][1] < 0.15, worst[:5]
    assert float(np.median([error for _, error in errors])) < 0.05
    # A name the dictionary lacks is placed, or falls back to a span that still holds it.
    for word, (_, middle) in zip(words, truth, strict=True):
        if word.text not in known:
            assert word.start is not None and word.end is not None
            assert word.start - 0.15 <= middle <= word.end + 0.15, word
    # Turns take the span of their words, in order.
    starts = [t.start or 0 for t in transcript.turns]
    assert starts == sorted(starts) and starts[0] > 0.3


def dictionary_words() -> set[str]:
    """The words PocketSphinx's own English dictionary knows (not ones added while aligning)."""
    path = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
    return {line.split()[0].split("(")[0] for line in path.read_text().splitlines() if line}


def test_an_unknown_name_still_gets_a_pronunciation() -> None:
    assert guess_phones("okafor") == "AA K AE F AA R"
    assert guess_phones("shona") == "SH AA N AE"
