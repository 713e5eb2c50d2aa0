"""Generated Markdown of small rooms, compared with expected files (UPDATE_GOLDEN=1 rewrites)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import ROOMS
from customer_room.pipeline import build_room
from customer_room.settings import Settings


@pytest.mark.parametrize("name", ["minimal", "full"])
def test_generated_pages_match_the_expected_files(name: str, tmp_path: Path) -> None:
    settings = Settings(
        room_dir=ROOMS / name, cache_dir=tmp_path / "cache", today=dt.date(2026, 3, 2), workers=1
    )
    result = build_room(settings)
    assert not result.report.problems
    expected = ROOMS / name / "expected"
    listing = "\n".join(sorted(f.path for f in result.files)) + "\n"
    pages = {f.path: str(f.content) for f in result.files if f.is_page}
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            (expected / path).parent.mkdir(parents=True, exist_ok=True)
            (expected / path).write_text(text, encoding="utf-8")
        (expected / "files.txt").write_text(listing, encoding="utf-8")
    assert listing == (expected / "files.txt").read_text(encoding="utf-8")
    for path, text in pages.items():
        assert text == (expected / path).read_text(encoding="utf-8"), path


def test_nav_lists_index_pages_only(tmp_path: Path) -> None:
    result = build_room(Settings(room_dir=ROOMS / "full", cache_dir=tmp_path))
    flat = str(result.nav)
    assert "personas/index.md" in flat and "empathy.md" in flat
    assert "personas/lena-moss.md" not in flat, "persona pages stay out of the global nav"
    assert "archive.md" not in flat, "a page with nav: false stays out of the menu"
