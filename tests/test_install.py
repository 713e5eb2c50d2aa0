"""Your own room on a fresh machine, as the README says: the wheel ./dev wheel makes, installed
with pip into a new virtual environment, makes a starter room that checks and builds at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_the_wheel_installs_into_a_new_environment_and_makes_a_room_that_builds(
    tmp_path: Path,
) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, ROOT)
    (wheel,) = dist.glob("customer_room-*-py3-none-any.whl")
    env = tmp_path / "env"
    run(sys.executable, "-m", "venv", env)
    run(env / "bin/python", "-m", "pip", "install", "-q", wheel)
    tool = env / "bin/customer-room"
    said = run(tool, "new", "my-room", cwd=tmp_path)
    room = tmp_path / "my-room"
    for made in (".gitignore", ".github/workflows/room.yml", "content/quotes.csv"):
        assert made in said and (room / made).is_file(), made
    assert (room / "schemas/visits.schema.json").is_file()
    assert "customer-room check --strict" in (room / ".github/workflows/room.yml").read_text()
    assert run(tool, "check", "--strict", cwd=room).count("0 errors, 0 warnings") == 1
    run(tool, "build", "--strict", cwd=room)
    home = (room / "site/index.html").read_text(encoding="utf-8")
    assert "Jordan Ellis" in home
    assert (room / "site/personas/first-customer/index.html").is_file()
    # A room with nothing in it yet gets its schemas too.
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "wrote schemas/persona.schema.json" in run(tool, "schema", cwd=empty)
    # Nothing is overwritten.
    refused = subprocess.run([tool, "new", "my-room"], cwd=tmp_path, capture_output=True, text=True)
    assert refused.returncode == 1 and "is not empty" in refused.stderr
