"""Reading a recording's length from its header, and whether it was cut short: quick enough
for ``check`` and the content stage to do for every clip (the audio itself is made later)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import soundfile

from ..ffmpeg import AudioError, probe_seconds
from ..memo import Memo, settling, stamp


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """The process's standard error sent nowhere while a C library reads a file: its own
    error lines ("[src/libmpg123/parse.c:…] error: …") would reach the console beside the
    room's one line about the file (the library's error comes back as an exception)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as nowhere:
            os.dup2(nowhere.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def recording_seconds(path: Path) -> float:
    """How long a recording is, read from its header (or, for what libsndfile cannot read,
    from ffmpeg's reading of it); :class:`AudioError` when it is no recording at all or was
    cut short. Quick: ``check`` and the content stage use it for every clip (and the live
    preview reads a recording again only when its file changed)."""
    stamped, began = stamp(path), time.time_ns()
    if (known := _seconds.get(str(path), stamped)) is not None:
        return known
    seconds = _read_seconds(path)
    if not settling(stamped, began):
        _seconds.put(str(path), stamped, seconds)
    return seconds


_seconds: Memo[float] = Memo()


def _read_seconds(path: Path) -> float:
    check_complete_wav(path)
    try:
        with quiet_stderr():
            return float(soundfile.info(str(path)).duration)
    except (soundfile.LibsndfileError, RuntimeError, ValueError):
        return probe_seconds(path)


def check_complete_wav(path: Path) -> None:
    """A WAV file says how long its audio is; one that holds less was cut short in export."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return
    position = 12
    while position + 8 <= len(head):
        kind, size = (
            head[position : position + 4],
            int.from_bytes(head[position + 4 : position + 8], "little"),
        )
        if kind == b"data":
            declared = position + 8 + size
            actual = path.stat().st_size
            # 0 and 0xFFFFFFFF mean "unknown" (written while streaming): nothing to compare.
            if size not in (0, 0xFFFFFFFF) and actual < declared:
                missing = 100 * (declared - actual) / max(size, 1)
                raise AudioError(
                    f"is cut short: {missing:.0f}% of its audio is missing — export "
                    "the recording again"
                )
            return
        position += 8 + size + (size % 2)
