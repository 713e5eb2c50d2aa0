"""Generated Markdown of small rooms, compared with expected files (UPDATE_GOLDEN=1 rewrites)."""

from __future__ import annotations

import datetime as dt
import html
import os
import random
from pathlib import Path

import pytest
import yaml

from conftest import ROOMS
from customer_room.build import build_room
from customer_room.pages.render import _front_matter
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


def test_front_matter_reads_back_as_written() -> None:
    """Front matter is written by libyaml's emitter: whatever the text (quotes, colons, line
    breaks, any script, characters YAML must escape), MkDocs reads back the same values, with
    their markup escaped."""
    rng = random.Random(5)
    alphabet = "ab :#'\"-\n\t\\{}[],&*!|>%@`ü漢🙂\u2028\x85\u00a0"
    for _ in range(500):
        data = {
            "title": "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))),
            "tags": ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))],
            "hide": ["toc"],
            "count": rng.randint(0, 9),
        }
        text = str(_front_matter(data))
        read = yaml.load(text, Loader=yaml.SafeLoader)
        assert "<" not in read["title"] and '"' not in read["title"], "escaped for HTML"
        assert _unescaped(read) == data, text


def _unescaped(value: object) -> object:
    """Front matter as a browser shows it (its texts are escaped for the theme's HTML)."""
    if isinstance(value, str):
        return html.unescape(value)
    if isinstance(value, list):
        return [_unescaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _unescaped(item) for key, item in value.items()}
    return value
