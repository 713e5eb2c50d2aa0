"""Clip audio, measured: redaction spans, speech kept, duration, loudness, tags, formats."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from pydub import AudioSegment

from audiohelpers import (
    FORMATS,
    RATE,
    decode,
    metadata_of,
    render_audio,
    rms,
    speechlike,
    tone_share,
    write_recording,
)
from customer_room.ffmpeg import AudioError
from customer_room.media.audio import AudioPlan, _redact, _segment, read_recording
from customer_room.privacy.hidden_spans import Span

SPANS = (Span(2.0, 3.5, "card number"), Span(6.25, 6.9, "name"))


def plan(spans: tuple[Span, ...] = SPANS, bleep: str = "tone", **changes: object) -> AudioPlan:
    values: dict[str, object] = dict(
        trim_start=1.0,
        trim_end=11.0,
        spans=spans,
        customer_channel=None,
        disguise_factor=0.82,
        bleep=bleep,
        target_lufs=-16.0,
        bitrate_kbps=64,
    )
    values.update(changes)
    return AudioPlan(**values)  # type: ignore[arg-type]


@pytest.fixture
def decoded(tmp_path: Path) -> AudioSegment:
    return read_recording(write_recording(speechlike(12), tmp_path / "call.pcm.wav"))


def test_redaction_is_sample_exact_before_encoding() -> None:
    speech = speechlike(2.0)
    segment = _segment(speech, RATE)
    span = Span(0.5003125, 1.2500625, "card number")  # not on any frame or millisecond edge
    out = np.array(_redact(segment, plan((span,))).get_array_of_samples())
    first, last = round(span.start * RATE), round(span.end * RATE)
    assert len(out) == len(speech)
    assert np.array_equal(out[:first], speech[:first])
    assert np.array_equal(out[last:], speech[last:])
    inside = out[first:last].astype(np.float64)
    t = np.arange(last - first) / RATE
    expected = (0.25 * np.sin(2 * np.pi * 1000 * t) * 32767).astype(np.int16)
    assert np.array_equal(out[first:last], expected)
    assert abs(inside).max() > 0  # a tone, not a gap


@pytest.mark.parametrize("bleep", ["tone", "silence"])
def test_spans_are_covered_from_first_to_last_sample_in_the_mp3(
    decoded: AudioSegment, tmp_path: Path, bleep: str
) -> None:
    target = tmp_path / "clip.mp3"
    render_audio(decoded, plan(bleep=bleep), target)
    out = decode(target)
    window = RATE // 100  # 10 ms
    for span in SPANS:
        first, last = round(span.start * RATE), round(span.end * RATE)
        before = out[first - 4 * window : first - window]
        after = out[last + window : last + 4 * window]
        speech = min(rms(before), rms(after))
        assert speech > 0.02, "speech next to the span was lost"
        assert tone_share(before) < 0.1 and tone_share(after) < 0.1
        edges = [out[first : first + window], out[last - window : last]]
        if bleep == "tone":
            for part in [*edges, out[first:last]]:
                assert tone_share(part) > 0.5, "speech leaks into the span"
        else:
            # The codec rings for a few ms after a hard cut (the neighbouring, public speech):
            # well below it at the edges, and digital silence within.
            for part in edges:
                assert rms(part) < speech * 10 ** (-25 / 20)
            assert rms(out[first + 3 * window : last - 3 * window]) < speech * 10 ** (-50 / 20)


@pytest.mark.parametrize("bleep", ["tone", "silence"])
def test_the_output_does_not_depend_on_what_was_hidden(tmp_path: Path, bleep: str) -> None:
    """Two calls that differ only inside the spans give byte-identical MP3s."""
    base = speechlike(12)
    other = base.copy()
    for span in SPANS:
        first, last = round((span.start + 1.0) * RATE), round((span.end + 1.0) * RATE)
        other[first:last] = speechlike(span.end - span.start + 0.1, seed=99)[: last - first]
    outputs = []
    for index, samples in enumerate((base, other)):
        recording = read_recording(write_recording(samples, tmp_path / f"call{index}.pcm.wav"))
        target = tmp_path / f"clip{index}.mp3"
        render_audio(recording, plan(bleep=bleep), target)
        outputs.append(target.read_bytes())
    assert not np.array_equal(base, other)
    assert outputs[0] == outputs[1]


def test_speech_remains_outside_the_spans(decoded: AudioSegment, tmp_path: Path) -> None:
    target = tmp_path / "clip.mp3"
    render_audio(decoded, plan(), target)
    out = decode(target)
    hidden = np.zeros(len(out), dtype=bool)
    for span in SPANS:
        hidden[round(span.start * RATE) : round(span.end * RATE)] = True
    step = RATE // 10
    quiet = [
        i
        for i in range(RATE // 20, len(out) - step - RATE // 20, step)
        if not hidden[i : i + step].any() and rms(out[i : i + step]) < 0.01
    ]
    assert not quiet, f"silent stretches outside the spans at {[q / RATE for q in quiet]}"


def test_duration_loudness_and_no_tags(decoded: AudioSegment, tmp_path: Path) -> None:
    target = tmp_path / "clip.mp3"
    duration, peaks, _ = render_audio(decoded, plan(), target)
    out = decode(target)
    assert abs(len(out) / RATE - 10.0) < 0.05
    assert abs(duration - 10.0) < 0.05
    loudness = pyloudnorm.Meter(RATE).integrated_loudness(out)
    assert abs(loudness - (-16.0)) < 1.0, loudness
    data = target.read_bytes()
    assert not data.startswith(b"ID3") and data[-128:-125] != b"TAG"
    assert metadata_of(target).strip() == ";FFMETADATA1"
    assert len(peaks) == 240 and max(peaks) == 1.0


def test_other_loudness_target(decoded: AudioSegment, tmp_path: Path) -> None:
    target = tmp_path / "clip.mp3"
    render_audio(decoded, plan(target_lufs=-23.0), target)
    assert abs(pyloudnorm.Meter(RATE).integrated_loudness(decode(target)) + 23.0) < 1.0


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_contact_center_formats_decode(kind: str, tmp_path: Path) -> None:
    source = write_recording(speechlike(3), tmp_path / f"call.{kind}")
    recording = read_recording(source)
    assert abs(recording.duration_seconds - 3.0) < 0.1
    assert recording.rms > 1000


def test_stereo_agent_and_customer_are_mixed_down(tmp_path: Path) -> None:
    left, right = speechlike(4, seed=1), speechlike(4, seed=2)
    right[: RATE * 2] = 0  # the customer is silent for the first two seconds
    stereo = np.column_stack([left, right]).ravel()
    source = write_recording(stereo, tmp_path / "call.mulaw.wav", channels=2)
    recording = read_recording(source)
    assert (recording.channels, recording.frame_rate) == (2, 8000)
    target = tmp_path / "clip.mp3"
    duration, _, _ = render_audio(recording, plan((), trim_start=0.0, trim_end=None), target)
    assert abs(duration - 4.0) < 0.05
    assert metadata_of(target).strip() == ";FFMETADATA1"


def test_voice_disguise_keeps_timing(tmp_path: Path) -> None:
    left, right = speechlike(4, seed=1), np.zeros(RATE * 4, dtype=np.int16)
    right[RATE : RATE * 2] = speechlike(1, seed=3)  # the customer speaks from 1 s to 2 s
    source = write_recording(
        np.column_stack([left * 0, right]).ravel(), tmp_path / "call.pcm.wav", channels=2
    )
    target = tmp_path / "clip.mp3"
    duration, _, _ = render_audio(
        read_recording(source), plan((), trim_start=0.0, trim_end=None, customer_channel=1), target
    )
    out = decode(target)
    assert abs(duration - 4.0) < 0.05
    loud = np.nonzero(np.abs(out) > 0.05)[0] / RATE
    assert abs(loud[0] - 1.0) < 0.06 and abs(loud[-1] - 2.0) < 0.06


@pytest.mark.parametrize("name", ["call.wav", "call.m4a"])
@pytest.mark.parametrize("content", [b"", b"RIFF\x24\x00\x00\x00WAVEfmt ", b"just some text\n"])
def test_broken_recordings_get_a_clear_error(tmp_path: Path, content: bytes, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(AudioError, match=r"cannot be decoded as audio|has no audio"):
        read_recording(source)


@pytest.mark.parametrize("kind", ["pcm.wav", "mulaw.wav", "m4a"])
def test_a_recording_cut_short_is_an_error(tmp_path: Path, kind: str) -> None:
    source = write_recording(speechlike(4), tmp_path / f"call.{kind}")
    data = source.read_bytes()
    source.write_bytes(data[: len(data) // 2])  # the export stopped half-way
    with pytest.raises(AudioError, match=r"cut short|cannot be decoded"):
        read_recording(source)


def test_missing_ffmpeg_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    import imageio_ffmpeg

    from customer_room import ffmpeg

    def no_binary() -> str:
        raise RuntimeError("no ffmpeg in this wheel")

    monkeypatch.delenv(ffmpeg.FFMPEG_VARIABLE, raising=False)
    monkeypatch.setattr(ffmpeg.shutil, "which", lambda name: None)
    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", no_binary)
    ffmpeg.ffmpeg_path.cache_clear()
    try:
        with pytest.raises(AudioError, match="apt-get install ffmpeg"):
            ffmpeg.ffmpeg_path()
    finally:
        ffmpeg.ffmpeg_path.cache_clear()


def test_loudness_meter_agrees_with_pyloudnorm() -> None:
    from customer_room.media.loudness import integrated_loudness

    for seconds, rate, scale in ((30, 8000, 0.5), (12, 16000, 0.05), (3, 44100, 0.9)):
        signal = speechlike(seconds, rate=rate) / 32768 * scale
        expected = pyloudnorm.Meter(rate).integrated_loudness(signal)
        assert abs(integrated_loudness(signal, rate) - expected) < 0.05
    assert integrated_loudness(np.zeros(16000), 16000) == float("-inf")


def test_recordings_over_the_length_limit_are_refused(tmp_path: Path) -> None:
    source = write_recording(speechlike(3), tmp_path / "call.pcm.wav")
    with pytest.raises(AudioError, match=r"over the limit of 0\.02"):
        read_recording(source, max_seconds=1.2)
    m4a = write_recording(speechlike(3), tmp_path / "call.m4a")  # decoded by ffmpeg first
    with pytest.raises(AudioError, match="minutes long"):
        read_recording(m4a, max_seconds=1.2)
