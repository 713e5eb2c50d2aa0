"""Clip throughput against plain ffmpeg, measured in the same run on the same files.

N one-minute stereo 8 kHz mu-law calls (the commonest contact-center export), each with an
Amazon Transcribe transcript and a card number to hide. Ours: the clip media stage (decode,
trim, redact, loudness, fades, MP3), one process per core. Baseline: ffmpeg alone doing the same
cut/fade/gain/encode on the same files with the same parallelism, at the same (the recording's
own) sample rate. Prints seconds of audio per
wall second for both and their ratio (target >= 0.8), and peak memory.

    .venv/bin/python bench/clips_bench.py --clips 24
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
from memory import tree_pss_kb  # noqa: E402
from synthroom import transcript  # noqa: E402

from audiohelpers import speechlike, write_recording  # noqa: E402
from customer_room.build import read_room  # noqa: E402
from customer_room.errors import Report  # noqa: E402
from customer_room.ffmpeg import ffmpeg_path  # noqa: E402
from customer_room.media.clips import process_clips  # noqa: E402
from customer_room.media.jobs import MediaJobs  # noqa: E402
from customer_room.media.workpool import LocalPool, cpu_count  # noqa: E402
from customer_room.privacy.protect import protect_room  # noqa: E402
from customer_room.settings import Settings  # noqa: E402

SECONDS = 60.0


def make_room(folder: Path, count: int) -> None:
    (folder / "personas/ada").mkdir(parents=True)
    (folder / "content").mkdir()
    (folder / "clips").mkdir()
    (folder / "personas/ada/persona.md").write_text("---\nname: Ada\nsegment: s\ntagline: t\n---\n")
    for index in range(count):
        left, right = (
            speechlike(SECONDS, seed=index, rate=8000),
            speechlike(SECONDS, seed=index + 10_000, rate=8000),
        )
        write_recording(
            np.column_stack([left, right]).ravel(),
            folder / "clips" / f"call{index}.mulaw.wav",
            rate=8000,
            channels=2,
        )
        (folder / "clips" / f"call{index}.json").write_text(transcript(SECONDS, index))
        (folder / "clips" / f"call{index}.yml").write_text(
            f"title: Call {index}\npersona: ada\nmoment: praise\ntone: positive\n"
            f"audio: call{index}.mulaw.wav\ntranscript: call{index}.json\n"
            "trim: {start: 1.0, end: 59.0}\nchannels: {agent: left, customer: right}\n"
            "consent: {reference: CR-1, date: 2026-01-05, scope: benchmark}\n"
        )


class PeakMemory(threading.Thread):
    """Samples the proportional memory (PSS) of this process and all its children."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            self.peak_kb = max(self.peak_kb, tree_pss_kb(os.getpid()))
            time.sleep(0.1)


def ours(folder: Path, cache: Path) -> float:
    settings = Settings(room_dir=folder, cache_dir=cache)
    read = read_room(settings)
    room, _ = protect_room(read.room, settings, read.report)
    started = time.perf_counter()
    report = Report()
    with LocalPool() as pool, MediaJobs(report, executors=(pool, pool)) as jobs:
        media, _ = process_clips(room, settings, report, jobs)
        jobs.wait()
    elapsed = time.perf_counter() - started
    assert len(media) == len(room.clips)
    return elapsed


def plain_ffmpeg(folder: Path, out: Path) -> float:
    out.mkdir()
    sources = sorted((folder / "clips").glob("*.wav"))

    def one(source: Path) -> None:
        subprocess.run(
            [
                ffmpeg_path(),
                "-loglevel",
                "error",
                "-y",
                "-ss",
                "1.0",
                "-to",
                "59.0",
                "-i",
                str(source),
                "-ac",
                "1",
                "-af",
                "afade=t=in:d=0.03,afade=t=out:st=57.97:d=0.03,volume=6dB",
                "-map_metadata",
                "-1",
                "-c:a",
                "libmp3lame",
                "-b:a",
                "64k",
                str(out / (source.stem + ".mp3")),
            ],
            check=True,
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(cpu_count()) as pool:
        list(pool.map(one, sources))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", type=int, default=24)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "room"
        make_room(folder, args.clips)
        audio = args.clips * 58.0
        base = plain_ffmpeg(folder, Path(scratch) / "ffmpeg-out")
        sampler = PeakMemory()
        sampler.start()
        mine = ours(folder, Path(scratch) / "cache")
        sampler.running = False
        sampler.join()
        again = ours(folder, Path(scratch) / "cache")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"clips: {args.clips} x {SECONDS:.0f} s, {cpu_count()} cores, pid {os.getpid()}")
    print(f"plain ffmpeg : {base:6.2f} s  {audio / base:7.1f} s of audio per s")
    print(f"customer-room: {mine:6.2f} s  {audio / mine:7.1f} s of audio per s")
    print(f"ratio (ours / ffmpeg throughput): {base / mine:.2f}  (target >= 0.8)")
    print(f"rebuild with nothing changed: {again:.3f} s (nothing encoded)")
    print(
        f"peak memory of the clip stage (PSS, all processes together): "
        f"{sampler.peak_kb / 1024:.0f} MB (target < 500 MB for 200 clips)"
    )
    print(f"peak RSS: main process {peak_self:.0f} MB, largest child {peak_child:.0f} MB")


if __name__ == "__main__":
    main()
