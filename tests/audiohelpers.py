"""Audio fixtures made here: speech-like signals, recordings in contact-center formats, and
measurements of what comes out (energy, tone share, loudness, tags)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np

from customer_room.ffmpeg import encode_mp3, ffmpeg_path
from customer_room.media.audio import AudioPlan, AudioSegment, finish_audio
from customer_room.privacy.hidden_spans import Span

RATE = 16_000

FORMATS = {
    "pcm.wav": ["-c:a", "pcm_s16le"],
    "mulaw.wav": ["-ar", "8000", "-c:a", "pcm_mulaw"],
    "alaw.wav": ["-ar", "8000", "-c:a", "pcm_alaw"],
    "mp3": ["-c:a", "libmp3lame", "-b:a", "64k"],
    "m4a": ["-c:a", "aac", "-b:a", "64k"],
}


def speechlike(seconds: float, seed: int = 1, rate: int = RATE) -> np.ndarray:
    """Voice-band noise with a syllable rhythm; never silent, like a person talking on."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    noise = rng.normal(0, 1, n)
    spectrum = np.fft.rfft(noise)
    freqs = np.fft.rfftfreq(n, 1 / rate)
    spectrum[(freqs < 250) | (freqs > 3400)] = 0
    spectrum[(freqs > 900) & (freqs < 1100)] *= 0.2  # keep 1 kHz, the bleep, easy to tell apart
    voice = np.fft.irfft(spectrum, n)
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 4 * np.arange(n) / rate) ** 2
    signal = voice / np.abs(voice).max() * envelope * 0.5
    return (signal * 32767).astype(np.int16)


def write_recording(
    samples: np.ndarray,
    target: Path,
    rate: int = RATE,
    channels: int = 1,
    output: list[str] | None = None,
) -> Path:
    """Encode interleaved int16 ``samples`` as ``target`` with ffmpeg: in the format its name
    gives (``call.mulaw.wav``), or with the ``output`` arguments given."""
    if output is None:
        output = FORMATS[next(k for k in FORMATS if target.name.endswith(k))]
    subprocess.run(
        [
            ffmpeg_path(),
            "-loglevel",
            "error",
            "-y",
            "-f",
            "s16le",
            "-ar",
            str(rate),
            "-ac",
            str(channels),
            "-i",
            "pipe:0",
            *output,
            str(target),
        ],
        input=samples.astype("<i2").tobytes(),
        check=True,
    )
    return target


def decode(path: Path, rate: int = RATE) -> np.ndarray:
    pcm = subprocess.run(
        [
            ffmpeg_path(),
            "-loglevel",
            "error",
            "-i",
            str(path),
            "-ac",
            "1",
            "-ar",
            str(rate),
            "-f",
            "s16le",
            "pipe:1",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768


def rms(window: np.ndarray) -> float:
    return float(np.sqrt(np.mean(window**2))) if len(window) else 0.0


def tone_share(window: np.ndarray, rate: int = RATE, hz: float = 1000.0) -> float:
    """Share of the window's energy within 60 Hz of ``hz``."""
    spectrum = np.abs(np.fft.rfft(window * np.hanning(len(window)))) ** 2
    freqs = np.fft.rfftfreq(len(window), 1 / rate)
    total = spectrum.sum() or 1.0
    return float(spectrum[np.abs(freqs - hz) <= 60].sum() / total)


def metadata_of(path: Path) -> str:
    """What ffmpeg reads as the file's metadata, in its ffmetadata text form."""
    done = subprocess.run(
        [
            ffmpeg_path(),
            "-loglevel",
            "error",
            "-i",
            str(path),
            "-fflags",
            "+bitexact",
            "-f",
            "ffmetadata",
            "pipe:1",
        ],
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


def speak(text: str, voice: str = "en-us", words_per_minute: int = 170) -> np.ndarray:
    """``text`` spoken by espeak-ng, 16 kHz mono, without the silence espeak puts around it."""
    if shutil.which("espeak-ng") is None:
        raise RuntimeError(
            "espeak-ng is missing — sudo apt-get install espeak-ng (./dev test does this)"
        )
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(words_per_minute), "--stdout", text],
        capture_output=True,
        check=True,
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
    return samples[max(0, loud[0] - 40) : loud[-1] + 40]


def render_audio(
    recording: AudioSegment, plan: AudioPlan, target: Path
) -> tuple[float, list[float], list[Span]]:
    """Write the clip's MP3; return its duration in seconds, waveform peaks (0..1) and the spans
    hidden (the plan's, and any keypad tones found in the clip)."""
    done = finish_audio(recording, plan)
    encode_mp3(done.pcm(), done.rate, target, plan.bitrate_kbps)
    return done.duration, done.peaks, done.spans
