"""The ffmpeg binary: found once, checked once, and used for decoding and pitch shifting.

Debian's ffmpeg is used when installed; otherwise the static build inside the imageio-ffmpeg
wheel, so a fresh machine needs no manual step. That build has no ffprobe, so nothing here
relies on probing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import numpy as np

FFMPEG_VARIABLE = "CUSTOMER_ROOM_FFMPEG"


class AudioError(Exception):
    """A recording that cannot be used; the message says why and what to do."""


@lru_cache(maxsize=1)
def ffmpeg_path() -> str:
    """The ffmpeg to use, checked to run; raise :class:`AudioError` with the fix otherwise."""
    candidates = [os.environ.get(FFMPEG_VARIABLE), shutil.which("ffmpeg")]
    try:
        import imageio_ffmpeg

        candidates.append(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        pass
    for candidate in filter(None, candidates):
        try:
            done = subprocess.run(
                [candidate, "-hide_banner", "-version"],
                capture_output=True,
                timeout=30,
                check=False,
            )
        except OSError:
            continue
        if done.returncode == 0:
            return candidate
    raise AudioError(
        "ffmpeg is missing — install it (sudo apt-get install ffmpeg, or "
        "pip install imageio-ffmpeg), or set CUSTOMER_ROOM_FFMPEG to its path"
    )


def _run(args: list[str], what: str, data: bytes | None = None) -> bytes:
    done = subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error", *args],
        input=data,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"ffmpeg exit code {done.returncode}"
        raise AudioError(f"{what} ({reason})")
    return done.stdout


def decode_to_wav(source: Path, target: Path, rate: int) -> None:
    """Decode any recording (WAV PCM, G.711 mu-law/A-law, MP3, M4A...) to 16-bit PCM WAV."""
    _run(
        [
            "-y",
            "-i",
            str(source),
            "-vn",
            "-map",
            "0:a:0",
            "-acodec",
            "pcm_s16le",
            "-ar",
            str(rate),
            "-f",
            "wav",
            str(target),
        ],
        "cannot be decoded as audio — is it a recording, and complete?",
    )


def pitch_shift(samples: np.ndarray, rate: int, factor: float) -> np.ndarray:
    """Shift pitch by ``factor`` keeping the duration (rubberband), sample count unchanged."""
    raw = _run(
        [
            "-f",
            "s16le",
            "-ar",
            str(rate),
            "-ac",
            "1",
            "-i",
            "pipe:0",
            "-af",
            f"rubberband=pitch={factor}:transients=smooth",
            "-f",
            "s16le",
            "-ar",
            str(rate),
            "-ac",
            "1",
            "pipe:1",
        ],
        "voice disguise failed",
        data=samples.astype("<i2").tobytes(),
    )
    shifted = np.frombuffer(raw, dtype="<i2")
    out = np.zeros_like(samples)
    out[: min(len(shifted), len(samples))] = shifted[: len(samples)]
    return out


MP3_CLEAN_ARGS = [
    # No ID3v1/v2 tags, no metadata copied from the source, no encoder tag.
    "-map_metadata",
    "-1",
    "-fflags",
    "+bitexact",
    "-flags:a",
    "+bitexact",
    "-id3v2_version",
    "0",
    "-write_id3v1",
    "0",
]
