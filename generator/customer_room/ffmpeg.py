"""The ffmpeg binary: found once, checked once, and used for decoding, pitch and MP3 encoding.

The static build inside the imageio-ffmpeg wheel is used (a fresh machine needs no manual
step), else an ffmpeg on the PATH. That build has no ffprobe, so nothing here relies on
probing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


FFMPEG_VARIABLE = "CUSTOMER_ROOM_FFMPEG"


class AudioError(Exception):
    """A recording that cannot be used; the message says why and what to do."""


@lru_cache(maxsize=1)
def ffmpeg_path() -> str:
    """The ffmpeg to use, checked to run; raise :class:`AudioError` with the fix otherwise."""
    # The static build from the wheel starts in ~10 ms (a shared-library build in ~60 ms), and
    # is the same binary on every machine.
    candidates = [os.environ.get(FFMPEG_VARIABLE)]
    try:
        import imageio_ffmpeg

        candidates.append(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        pass
    candidates.append(shutil.which("ffmpeg"))
    chosen = os.environ.get(FFMPEG_VARIABLE)
    if chosen and not _runs(chosen):
        raise AudioError(
            f"{FFMPEG_VARIABLE} is set to '{chosen}', where no ffmpeg runs — set it to the "
            "path of an ffmpeg binary, or unset it to use the one installed"
        )
    for candidate in filter(None, candidates):
        if _runs(candidate):
            return candidate
    raise AudioError(
        "ffmpeg is missing — install it (sudo apt-get install ffmpeg, or "
        "pip install imageio-ffmpeg), or set CUSTOMER_ROOM_FFMPEG to its path"
    )


DURATION = re.compile(rb"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")


def probe_seconds(path: Path) -> float:
    """How long ffmpeg reads ``path`` to be (from its header, without decoding it all);
    :class:`AudioError` when ffmpeg cannot read it as audio."""
    done = subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-i", str(path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    found = DURATION.search(done.stderr)
    if found is None or b"Audio:" not in done.stderr:
        raise AudioError(DECODE_FAILED)
    hours, minutes, seconds = found.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _runs(candidate: str) -> bool:
    try:
        done = subprocess.run(
            [candidate, "-hide_banner", "-version"], capture_output=True, timeout=30, check=False
        )
    except OSError:
        return False
    return done.returncode == 0


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


DECODE_FAILED = "cannot be decoded as audio — is it a recording, and complete?"


def decode_to_wav(source: Path, target: Path) -> None:
    """Decode any recording ffmpeg reads (M4A/AAC and the rest) to 16-bit PCM WAV, same rate."""
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
            "-f",
            "wav",
            str(target),
        ],
        DECODE_FAILED,
    )


def _mono_pcm_input(rate: int) -> list[str]:
    """ffmpeg arguments that read mono 16-bit samples from standard input."""
    return ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]


def encode_mp3(pcm: bytes, rate: int, target: Path, bitrate_kbps: int) -> None:
    """Mono 16-bit little-endian samples to an MP3 with no metadata, streamed in (no unredacted
    temp file). The MP3 appears at ``target`` only when complete."""
    partial = target.with_name(target.name + ".part")
    try:
        _run_encoder(partial, rate, bitrate_kbps, pcm)
    except AudioError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)


def _run_encoder(target: Path, rate: int, bitrate_kbps: int, pcm: bytes) -> None:
    _run(
        [
            "-y",
            *_mono_pcm_input(rate),
            *MP3_CLEAN_ARGS,
            "-codec:a",
            "libmp3lame",
            "-b:a",
            f"{bitrate_kbps}k",
            "-f",
            "mp3",
            str(target),
        ],
        "MP3 encoding failed",
        data=pcm,
    )


def pitch_shift(samples: np.ndarray, rate: int, factor: float) -> np.ndarray:
    """Shift pitch by ``factor`` keeping the duration (rubberband), sample count unchanged."""
    raw = _run(
        [
            *_mono_pcm_input(rate),
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
    import numpy as np

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
