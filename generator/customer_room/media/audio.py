"""Clip audio with pydub over ffmpeg: trim, disguise, downmix, redact, loudness, fades, MP3.

Recordings are read in-process by libsndfile (WAV PCM, G.711 mu-law/A-law, MP3) or, for what it
cannot read (M4A/AAC), decoded by ffmpeg into a temporary folder. Work happens at the
recording's own sample rate. Every step that touches a redaction span works on sample indices,
so a span is tone or silence from its first sample to its last (ffmpeg's
``volume=...:enable=`` works per frame and leaks).
"""

from __future__ import annotations

import tempfile
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import soundfile

from ..content.recordings import check_complete_wav, quiet_stderr
from ..errors import amount
from ..ffmpeg import (
    DECODE_FAILED,
    AudioError,
    decode_to_wav,
    pitch_shift,
)
from ..privacy.hidden_spans import Span, merge_spans
from .audio_plan import AudioPlan
from .dtmf import keypad_spans
from .loudness import integrated_loudness

with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # pydub warns when ffmpeg is not on PATH
    from pydub import AudioSegment

ALIGNMENT_RATE = 16_000
TONE_HZ = 1000.0
TONE_LEVEL = 0.25
FADE_MS = 30
PEAK_BARS = 240


def read_recording(path: Path, max_seconds: float = 3600.0) -> AudioSegment:
    """The recording as 16-bit samples at its own rate; :class:`AudioError` when it is not audio
    or longer than ``max_seconds`` (checked before it is decoded, where the format says)."""
    check_complete_wav(path)
    try:
        with quiet_stderr():  # libsndfile's decoders (mpg123) write their own error lines
            length = soundfile.info(str(path)).duration
    except (soundfile.LibsndfileError, RuntimeError, ValueError):
        length = 0.0
    if length > max_seconds:
        raise AudioError(
            f"is {amount(length / 60)} minutes long, over the limit of "
            f"{amount(max_seconds / 60)} minutes — cut it to the moment you want to show"
        )
    try:
        with quiet_stderr():
            samples, rate = soundfile.read(str(path), dtype="int16", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, ValueError):
        samples, rate = _read_with_ffmpeg(path)
    if len(samples) < rate // 10:
        raise AudioError("has no audio in it (shorter than 0.1 s) — export the recording again")
    if len(samples) / rate > max_seconds:
        raise AudioError(
            f"is {amount(len(samples) / rate / 60)} minutes long, over the limit of "
            f"{amount(max_seconds / 60)} minutes — cut it to the moment you want to show"
        )
    return AudioSegment(
        np.ascontiguousarray(samples).tobytes(),
        frame_rate=rate,
        sample_width=2,
        channels=samples.shape[1],
    )


def _read_with_ffmpeg(path: Path) -> tuple[np.ndarray, int]:
    with tempfile.TemporaryDirectory(prefix="customer-room-") as scratch:
        decoded = Path(scratch) / "decoded.wav"
        decode_to_wav(path, decoded)
        try:
            samples, rate = soundfile.read(str(decoded), dtype="int16", always_2d=True)
        except (soundfile.LibsndfileError, RuntimeError) as exc:
            raise AudioError(DECODE_FAILED) from exc
    return samples, int(rate)


def alignment_samples(recording: AudioSegment) -> np.ndarray:
    """The call as the aligner hears it: mono, 16 kHz (telephone audio is resampled up)."""
    mono = np.array(recording.set_channels(1).get_array_of_samples(), dtype=np.int16)
    if recording.frame_rate == ALIGNMENT_RATE:
        return mono
    from scipy.signal import resample_poly  # slow to import; only alignment needs it

    resampled = resample_poly(mono.astype(np.float64), ALIGNMENT_RATE, recording.frame_rate)
    return np.asarray(np.clip(resampled, -32768, 32767), dtype=np.int16)


def _samples(segment: AudioSegment) -> np.ndarray:
    return np.array(segment.get_array_of_samples(), dtype=np.int16)


def _segment(samples: np.ndarray, rate: int) -> AudioSegment:
    return AudioSegment(
        samples.astype("<i2").tobytes(), frame_rate=rate, sample_width=2, channels=1
    )


@dataclass
class FinishedAudio:
    """A clip's audio as it will be published (trimmed, one channel, redacted, at the target
    loudness, faded), before it is encoded; with what the page shows of it."""

    samples: np.ndarray  # 16-bit mono
    rate: int
    peaks: list[float]
    spans: list[Span]

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate

    def pcm(self) -> bytes:
        """The samples as the encoder reads them: 16-bit little-endian."""
        return self.samples.astype("<i2").tobytes()


def finish_audio(recording: AudioSegment, plan: AudioPlan) -> FinishedAudio:
    """Trim, downmix, hide the plan's spans and any keypad tones found, match loudness, fade."""
    rate = recording.frame_rate
    first = round(plan.trim_start * rate)
    frames = int(recording.frame_count())
    last = frames if plan.trim_end is None else round(plan.trim_end * rate)
    last = min(last, frames)
    if last - first < rate // 10:
        raise AudioError(
            "the trim leaves no audio — check trim start and end against the "
            f"recording's length ({recording.duration_seconds:.1f} s)"
        )
    clip = recording.get_sample_slice(first, last)
    clip = _downmix(clip, plan)
    spans = merge_spans([*plan.spans, *keypad_spans(_samples(clip), rate)])
    plan = replace(plan, spans=tuple(spans))
    clip = _redact(clip, plan)
    clip = _match_loudness(clip, plan.target_lufs)
    clip = clip.fade_in(FADE_MS).fade_out(FADE_MS)
    samples = _samples(clip)
    return FinishedAudio(samples, rate, _peaks(samples), spans)


def _downmix(clip: AudioSegment, plan: AudioPlan) -> AudioSegment:
    """One channel: the average of agent and customer (the customer's voice shifted first)."""
    if clip.channels == 1:
        return clip
    sides = _samples(clip).reshape(-1, clip.channels)[:, :2].astype(np.int32)
    if plan.customer_channel is not None:
        index = plan.customer_channel
        sides[:, index] = pitch_shift(
            sides[:, index].astype(np.int16), clip.frame_rate, plan.disguise_factor
        )
    return _segment((sides.sum(axis=1) // 2).astype(np.int16), clip.frame_rate)


def _redact(clip: AudioSegment, plan: AudioPlan) -> AudioSegment:
    """Replace each span, counted in samples of the trimmed clip, with tone or silence."""
    rate = clip.frame_rate
    total = int(clip.frame_count())
    pieces = []
    cursor = 0
    for span in plan.spans:
        start = max(cursor, min(total, round(span.start * rate)))
        end = max(start, min(total, round(span.end * rate)))
        if end == start:
            continue
        pieces.append(clip.get_sample_slice(cursor, start))
        pieces.append(_cover(end - start, rate, plan.bleep))
        cursor = end
    pieces.append(clip.get_sample_slice(cursor, total))
    result = pieces[0]
    for piece in pieces[1:]:
        result = result + piece
    return result


def _cover(count: int, rate: int, bleep: str) -> AudioSegment:
    if bleep == "silence":
        return _segment(np.zeros(count, dtype=np.int16), rate)
    t = np.arange(count) / rate
    tone = TONE_LEVEL * np.sin(2 * np.pi * TONE_HZ * t) * 32767
    return _segment(tone.astype(np.int16), rate)


def _match_loudness(clip: AudioSegment, target_lufs: float) -> AudioSegment:
    """Measure integrated loudness (ITU-R BS.1770) once, then apply the gain that reaches target."""
    loudness = integrated_loudness(_samples(clip) / 32768, clip.frame_rate)
    if not np.isfinite(loudness):
        return clip
    return clip.apply_gain(target_lufs - loudness)


def _peaks(samples: np.ndarray) -> list[float]:
    if len(samples) == 0:
        return []
    buckets = np.array_split(np.abs(samples.astype(np.int32)), min(PEAK_BARS, len(samples)))
    peaks = np.array([b.max() for b in buckets], dtype=np.float64)
    top = peaks.max() or 1.0
    return [round(float(p / top), 3) for p in peaks]
