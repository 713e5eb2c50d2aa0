"""What a process that builds again and again (the live preview) reuses between builds: a clip
read, protected and rendered again only when it, or what it is read with, changed — and what is
reused is what running the step again would give, problems included."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import build_room
from customer_room.build import RoomBuild
from customer_room.content import load, recordings, records
from customer_room.engines.mkdocs.engine import room_settings
from customer_room.engines.mkdocs.room_config import room_date
from customer_room.errors import Report
from customer_room.media import clips
from customer_room.memo import SETTLE_FINE_NS, Memo
from customer_room.pages import kiosk, render
from customer_room.privacy import protect
from customer_room.settings import Settings

TODAY = "2026-12-05"


def pages(made: RoomBuild) -> dict[str, str]:
    return {f.path: str(f.content) for f in made.files if f.is_page}


def kiosk_data(made: RoomBuild) -> bytes:
    [data] = [f.content for f in made.files if f.path == "kiosk/data.json"]
    assert isinstance(data, bytes)
    return data


def problems(made: RoomBuild) -> list[str]:
    return sorted(str(p) for p in made.report.problems)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Fresh memos, and how often each step ran for a clip."""
    calls: Counter[str] = Counter()
    for module, name in (
        (load, "_read_clips"),
        (protect, "_protected"),
        (render, "_rendered"),
        (records, "_tables"),
        (clips, "_results"),
        (clips, "_jobs"),
        (kiosk, "_clips"),
        (recordings, "_seconds"),
    ):
        monkeypatch.setattr(module, name, Memo())

    def counting(module: Any, name: str) -> None:
        step = getattr(module, name)

        def run(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return step(*args, **kwargs)

        monkeypatch.setattr(module, name, run)

    counting(load, "_load_clip")
    counting(protect, "_protect_clip")
    counting(clips, "_new_job")
    counting(kiosk, "_bars")
    counting(recordings, "_read_seconds")
    text = render.PageRenderer.text

    def rendering(self: render.PageRenderer, spec: render.PageSpec, base: str | None = None) -> str:
        if base is None:  # the page itself (the reading list renders some again, as its own)
            calls[spec.template] += 1
        return text(self, spec, base)

    monkeypatch.setattr(render.PageRenderer, "text", rendering)
    return calls


def sample_settings(root: Path, tmp_path: Path) -> Settings:
    # Files just written are not remembered (their stamp may not change at the next write):
    # the room's copy is let settle first.
    time.sleep(SETTLE_FINE_NS / 1e9 * 1.5)
    with room_date(TODAY):
        settings = room_settings(str(root / "mkdocs.yml"))
    return dataclasses.replace(settings, cache_dir=tmp_path / "cache")


def test_a_rebuild_redoes_only_the_clip_that_changed(
    copy_room: Callable[[str], Path], tmp_path: Path, counted: Counter[str]
) -> None:
    root = copy_room("sample")
    settings = sample_settings(root, tmp_path)
    first = build_room(settings)
    count = len(first.room.clips)
    assert count >= 5
    assert counted["_load_clip"] == counted["_protect_clip"] == count
    assert counted["clip.md.j2"] == counted["_new_job"] == counted["_read_seconds"] == count
    assert counted["_bars"] >= 1  # the kiosk's slides of the clips

    counted.clear()
    again = build_room(settings)
    assert (counted["_load_clip"], counted["_protect_clip"], counted["clip.md.j2"]) == (0, 0, 0)
    assert (counted["_new_job"], counted["_bars"], counted["_read_seconds"]) == (0, 0, 0)
    assert pages(again) == pages(first)
    assert kiosk_data(again) == kiosk_data(first)
    assert problems(again) == problems(first)  # said again, though not worked out again

    transcript = root / "clips/dev-app-renewal.txt"
    transcript.write_text(
        transcript.read_text()
        .replace("finds", "digs out")
        .replace("how can I help?", "how can I help today?")
    )
    counted.clear()
    edited = build_room(settings)
    assert (counted["_load_clip"], counted["_protect_clip"], counted["clip.md.j2"]) == (1, 1, 1)
    assert counted["_new_job"] == 1 and counted["_read_seconds"] == 0  # the recording is as it was
    assert counted["_bars"] <= 1  # its slide, if the kiosk shows it

    # The recording written again: its length is read again, the clip's job is the same.
    recording = edited.room.clip("dev-app-renewal").audio_path  # type: ignore[union-attr]
    recording.write_bytes(recording.read_bytes())
    counted.clear()
    rewritten = build_room(settings)
    assert (counted["_read_seconds"], counted["_protect_clip"], counted["_new_job"]) == (1, 0, 0)
    assert pages(rewritten) == pages(edited)
    changed = {p for p, text in pages(edited).items() if pages(first).get(p) != text}
    assert "clips/dev-app-renewal.md" in changed
    assert ">today?<" in pages(edited)["clips/dev-app-renewal.md"]
    assert not {p for p in changed if p.startswith("clips/") and p.endswith(".md")} - {
        "clips/dev-app-renewal.md",
        "clips/index.md",
    }


def test_what_is_reused_is_what_a_fresh_build_makes(
    copy_room: Callable[[str], Path],
    tmp_path: Path,
    counted: Counter[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = copy_room("sample")
    settings = sample_settings(root, tmp_path)
    build_room(settings)
    # A term to hide that the detector did not look for before: every clip is protected again.
    hidden = dataclasses.replace(settings, redact_terms=[*settings.redact_terms, "telematics"])
    counted.clear()
    reused = build_room(hidden)
    assert counted["_protect_clip"] == len(reused.room.clips)
    assert "telematics" not in pages(reused)["clips/dev-app-renewal.md"].lower()
    for module, name in (
        (load, "_read_clips"),
        (protect, "_protected"),
        (render, "_rendered"),
        (clips, "_jobs"),
        (kiosk, "_clips"),
        (recordings, "_seconds"),
    ):
        monkeypatch.setattr(module, name, Memo())
    fresh = build_room(hidden)
    assert pages(fresh) == pages(reused)
    assert kiosk_data(fresh) == kiosk_data(reused)
    assert problems(fresh) == problems(reused)
    assert fresh.privacy.redactions == reused.privacy.redactions
    assert fresh.privacy.secrets == reused.privacy.secrets


def test_a_memo_gives_a_result_only_for_equal_inputs_and_says_its_problems_again() -> None:
    memo: Memo[str] = Memo()
    said = Report()
    said.warn("clips/a.yml", "term 1 of the list is not in the transcript", field="redact_terms")
    memo.put("a", ("same", [1, 2]), "result", said.problems)
    report = Report()
    assert memo.get("a", ("same", [1, 2]), report) == "result"
    assert [str(p) for p in report.problems] == [str(p) for p in said.problems]
    assert memo.get("a", ("same", [1, 3])) is None
    assert memo.get("b", ("same", [1, 2])) is None
    assert memo.get("a", ("same", [1, 2]), still=lambda value: False) is None


@pytest.mark.parametrize(
    ("file", "before", "after", "clip"),
    [
        (
            "personas/walter-brennan/persona.md",
            "name: Walter Brennan",
            "name: Walt Brennan",
            "walter-large-print",
        ),
        ("content/quotes.yml", "    at: 4.8\n", "    at: 9.5\n", "walter-large-print"),
        ("clips/dev-app-renewal.yml", "tone: mixed", "tone: positive", "dev-app-renewal"),
    ],
)
def test_a_kiosk_slide_follows_what_it_shows(
    copy_room: Callable[[str], Path],
    tmp_path: Path,
    counted: Counter[str],
    monkeypatch: pytest.MonkeyPatch,
    file: str,
    before: str,
    after: str,
    clip: str,
) -> None:
    """A clip's slide shows its persona's name, the line a quote was taken at and its tone:
    an edit of any of them gives the slide a fresh build gives."""
    root = copy_room("sample")
    settings = sample_settings(root, tmp_path)
    first = build_room(settings)
    assert f'"clips/{clip}"'.encode() in kiosk_data(first), "the clip is on the kiosk"
    edited = root / file
    text = edited.read_text(encoding="utf-8")
    assert before in text
    edited.write_text(text.replace(before, after), encoding="utf-8")
    reused = build_room(settings)
    assert kiosk_data(reused) != kiosk_data(first)
    monkeypatch.setattr(kiosk, "_clips", Memo())
    assert kiosk_data(build_room(settings)) == kiosk_data(reused)
