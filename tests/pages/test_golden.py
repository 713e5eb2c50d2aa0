"""Generated Markdown of small rooms, compared with expected files (UPDATE_GOLDEN=1 rewrites)."""

from __future__ import annotations

import datetime as dt
import html
import os
import random
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOMS, build_room
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


CALL_VTT = (
    "WEBVTT\n\n00:00:00.200 --> 00:00:01.400\n<v Agent>Thanks for calling, how can I help?\n\n"
    "00:00:01.600 --> 00:00:02.800\n<v Customer>I'd like to move my payment date.\n"
)
CALL_YML = (
    "title: Moving a payment date\npersona: lena-moss\nmoment: resolved\ntone: positive\n"
    "audio: call.pcm.wav\ntranscript: call.vtt\n"
    "consent: {reference: CR-7, date: 2026-01-05, scope: internal training}\n"
)
KIOSK_GOLDEN = ROOMS.parent / "golden" / "kiosk-with-clip"


def test_a_room_with_a_clip_schedules_and_a_kiosk_makes_the_expected_files(
    tmp_path: Path,
) -> None:
    """tests/rooms/kiosk with a clip added (its recording made here): the clip's page, the
    schedule pages, the calendar feeds and the kiosk's slides, compared with the files in
    tests/golden/kiosk-with-clip (UPDATE_GOLDEN=1 rewrites them)."""
    from audiohelpers import speechlike, write_recording

    room = tmp_path / "room"
    shutil.copytree(ROOMS / "kiosk", room)
    (room / "clips").mkdir()
    (room / "clips/call.vtt").write_text(CALL_VTT, encoding="utf-8")
    (room / "clips/call.yml").write_text(CALL_YML, encoding="utf-8")
    write_recording(speechlike(3.0), room / "clips/call.pcm.wav")
    settings = Settings(
        room_dir=room,
        cache_dir=tmp_path / "cache",
        today=dt.date(2026, 11, 24),
        workers=1,
        site_url="https://room.example/",  # the clip cards' QR codes open the calls there
    )
    result = build_room(settings)
    assert not result.report.problems
    chosen = {
        f.path: f.content if isinstance(f.content, str) else bytes(f.content or b"").decode()
        for f in result.files
        if f.content is not None and (f.is_page or f.path.endswith((".ics", "data.json")))
    }
    assert any(p.startswith("clips/") for p in chosen), sorted(chosen)
    assert {"visits.md", "lending.md", "visits.ics", "kiosk/data.json"} <= set(chosen)
    listing = "\n".join(sorted(f.path for f in result.files)) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(KIOSK_GOLDEN, ignore_errors=True)
        for path, text in chosen.items():
            (KIOSK_GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (KIOSK_GOLDEN / path).write_bytes(text.encode())  # feeds keep their CRLF
        (KIOSK_GOLDEN / "files.txt").write_text(listing, encoding="utf-8")
    assert listing == (KIOSK_GOLDEN / "files.txt").read_text(encoding="utf-8")
    for path, text in chosen.items():
        assert text == (KIOSK_GOLDEN / path).read_bytes().decode(), path
