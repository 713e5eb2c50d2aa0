"""The scale benchmark at a size CI can afford: the synthetic room is deterministic, and the
whole-room benchmark runs end to end and reports every figure (its timings are read, not
asserted: speed is measured in bench/, not timed in tests)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, tree_digest

sys.path.insert(0, str(ROOT / "bench"))
from synthroom import make_room


def test_the_synthetic_room_is_the_same_every_time(tmp_path: Path) -> None:
    counts = make_room(tmp_path / "a", 3, 4, 20, seconds=3)
    make_room(tmp_path / "b", 3, 4, 20, seconds=3)
    assert counts == {"personas": 3, "clips": 4, "quotes": 20}
    first = tree_digest(tmp_path / "a")
    assert first == tree_digest(tmp_path / "b")
    assert len([p for p in first if p.endswith("/persona.md")]) == 3
    assert len([p for p in first if p.startswith("clips/") and p.endswith(".yml")]) == 4
    bigger = make_room(tmp_path / "c", 6, 8, 40, seconds=3)
    assert bigger == {"personas": 6, "clips": 8, "quotes": 40}


def test_the_room_benchmark_runs_and_reports_every_ratio(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable, str(ROOT / "bench" / "room_bench.py"), "--personas", "2",
            "--clips", "3", "--quotes", "12", "--seconds", "4", "--scales", "1", "2",
            "--repeat", "1", "--keep", str(tmp_path),
        ],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for row, base in [
        ("cold build", "a\\+b"),
        ("rebuild, nothing changed", "b"),
        ("rebuild, one persona edited", "b"),
        ("rebuild, one clip edited", "b"),
    ]:
        assert re.search(rf"{row} +\d+\.\d s +\d+\.\d\d x {base} ", out), row
    assert out.count("files written to the media cache by the unchanged rebuild: 0") == 2
    assert re.search(r"\(a\) plain ffmpeg, same audio work +\d+\.\d s", out)
    assert re.search(r"\(b\) plain mkdocs, same \d+ pages +\d+\.\d s", out)
    peaks = [float(p) for p in re.findall(r"peak memory (\d+) MB", out)]
    assert len(peaks) == 2 and all(p > 20 for p in peaks)
    assert "growth with size" in out and out.count("the fastest of 1 runs each") == 2
    edited = tmp_path / "room-2-3-12" / "site" / "personas" / "person-0000" / "index.html"
    assert "I really want" in edited.read_text(encoding="utf-8"), "the persona edit was built"


def test_the_print_benchmark_runs_and_reports_its_ratio() -> None:
    done = subprocess.run(
        [
            sys.executable, str(ROOT / "bench" / "print_bench.py"), "--personas", "2",
            "--clips", "3", "--quotes", "12", "--seconds", "4",
        ],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    made = re.search(r"PDFs: (\d+) \((\d+) pages", out)
    assert made and int(made.group(1)) >= 2 * 2 + 3, out  # posters, quote cards, notice, clips
    assert re.search(r"print stage, cold: [\d.]+ s \([\d.]+x b\)", out), out
    assert "0 PDFs made again" in out, out
