"""The core's build with any engine: the guard checks whatever folder an engine built, puts the
media in, and only a site that passed replaces the previous one."""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest

from conftest import tree_digest
from customer_room.build import RoomBuild, SiteBuildFailed, build_site, published
from customer_room.build.guard import guard_site
from customer_room.engines.choice import site_engine
from customer_room.pages import clean_pages
from customer_room.settings import Settings


class PlainEngine:
    """The least an engine does: each page through Python-Markdown (with the room's extension
    unless ``sanitize`` is off), each other file as it is; ``extra`` adds files of its own."""

    name = "plain"

    def __init__(self, *, sanitize: bool = True, extra: dict[str, str] | None = None) -> None:
        self.sanitize = sanitize
        self.extra = extra or {}
        self.published: list[str] = []

    def publish(self, made: RoomBuild, out: Path, *, strict: bool) -> None:
        extensions = ["attr_list", "md_in_html", "tables"]
        if self.sanitize:
            extensions.append(clean_pages.makeExtension(cache_dir="", marker_kinds=[]))
        for generated in made.files:
            if generated.is_page:
                body = markdown.markdown(generated.text, extensions=extensions)
                target = out / _html(generated.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
                self.published.append(generated.path)
            elif generated.source is None or "customer_room" in str(generated.source):
                target = out / generated.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(generated.read_bytes())
        for path, text in self.extra.items():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(text, encoding="utf-8")


def _html(page: str) -> str:
    stem = page.removesuffix(".md")
    return f"{stem}.html" if stem.split("/")[-1] == "index" else f"{stem}/index.html"


@pytest.fixture
def room(copy_room: Callable[[str], Path]) -> Settings:
    root = copy_room("kiosk")  # a persona with a photo, quotes, visits and lends
    settings, _, _ = site_engine(str(root / "mkdocs.yml"), None)
    return settings


def test_any_engine_gets_the_guard_and_the_media(room: Settings, tmp_path: Path) -> None:
    engine = PlainEngine()
    site = tmp_path / "site"
    made = build_site(room, engine, site, strict=False)
    assert "personas/lena-moss.md" in engine.published
    assert (site / "personas/lena-moss/index.html").is_file()
    photos = sorted((site / "media/photos").iterdir())
    assert photos, "the guard put the photos in"
    for photo in photos:  # hard links of the cache, not copies
        assert photo.stat().st_nlink >= 2
    report = json.loads(room.privacy_report_file.read_text())
    assert report["summary"] == made.privacy.summary(True)


def test_a_page_the_sanitizer_did_not_see_is_not_published(room: Settings, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(room, PlainEngine(), site, strict=False)
    before = tree_digest(site)
    with pytest.raises(SiteBuildFailed, match="the guard found"):
        build_site(room, PlainEngine(sanitize=False), site, strict=False)
    assert tree_digest(site) == before, "the previous site is untouched"
    report = json.loads(room.privacy_report_file.read_text())
    unseen = {"file": "index.md", "kind": "a page built without the sanitizer"}
    assert unseen in report["leaks"]


def test_live_markup_an_engine_puts_into_a_page_is_not_published(
    room: Settings, tmp_path: Path
) -> None:
    page = f"<html><body>{clean_pages.START}<p>Hi<script>alert(1)</script></p>"
    engine = PlainEngine(extra={"personas/lena-moss/index.html": page + clean_pages.END})

    class Late(PlainEngine):
        """Writes its own page over the room's, after the extension ran."""

        def publish(self, made: RoomBuild, out: Path, *, strict: bool) -> None:
            super().publish(made, out, strict=strict)
            engine.publish(made, out, strict=strict)

    with pytest.raises(SiteBuildFailed, match="the guard found"):
        build_site(room, Late(), tmp_path / "site", strict=False)
    assert not (tmp_path / "site").exists()
    report = json.loads(room.privacy_report_file.read_text())
    live = {"file": "personas/lena-moss.md", "kind": "markup the sanitizer removes"}
    assert report["leaks"] == [live]


def test_personal_data_an_engine_adds_is_found(room: Settings, tmp_path: Path) -> None:
    engine = PlainEngine(extra={"feed.json": '{"author": "jo.bloggs@example.com"}'})
    with pytest.raises(SiteBuildFailed, match="the guard found"):
        build_site(room, engine, tmp_path / "site", strict=False)
    report = json.loads(room.privacy_report_file.read_text())
    assert {"file": "feed.json", "kind": "email address"} in report["leaks"]
    assert not (tmp_path / "site").exists()


def test_the_engine_setting_picks_zensical(copy_room: Callable[[str], Path]) -> None:
    root = copy_room("minimal")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("- customer-room", "- customer-room:\n      engine: zensical")
    )
    settings, engine, _ = site_engine(str(config), None)
    assert (settings.engine, engine.name) == ("zensical", "zensical")
    _, engine, _ = site_engine(str(config), "mkdocs")
    assert engine.name == "mkdocs", "--engine wins over the setting"


def test_a_missing_zensical_is_one_line_saying_how_to_install_it(
    copy_room: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a)
    )
    root = copy_room("minimal")
    settings, engine, _ = site_engine(str(root / "mkdocs.yml"), "zensical")
    with pytest.raises(SiteBuildFailed) as failed:
        build_site(settings, engine, tmp_path / "site", strict=False)
    assert "pip install 'customer-room[zensical]'" in str(failed.value)


def test_a_link_to_a_file_outside_is_read_as_that_file(room: Settings, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Call me on 07700 900123, Jo", encoding="utf-8")

    class Linking(PlainEngine):
        def publish(self, made: RoomBuild, out: Path, *, strict: bool) -> None:
            super().publish(made, out, strict=strict)
            (out / "notes.txt").symlink_to(outside)

    with pytest.raises(SiteBuildFailed, match="the guard found"):
        build_site(room, Linking(), tmp_path / "site", strict=False)
    report = json.loads(room.privacy_report_file.read_text())
    assert {"file": "notes.txt", "kind": "phone number"} in report["leaks"]


def test_a_site_guarded_again_in_place_keeps_its_media_and_report(
    room: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The live preview's site is built and guarded again in the same folder: the media already
    there are not linked again, and a privacy report that says the same is not written again."""
    site = tmp_path / "site"
    made = build_site(room, PlainEngine(), site, strict=False)
    photos = sorted((site / "media/photos").iterdir())
    report = room.privacy_report_file
    os.utime(report, ns=(1, 1))

    def refused(*args: object) -> None:
        raise AssertionError("a medium already in the site was put in again")

    guard = importlib.import_module("customer_room.build.guard")  # the module, not build.guard()
    with monkeypatch.context() as patched:
        patched.setattr(guard.os, "link", refused)
        patched.setattr(guard.shutil, "copyfile", refused)
        assert guard_site(made, site, room) == []
    published(made, room)
    assert report.stat().st_mtime_ns == 1, "the same report was written again"
    # A photo replaced in the site (not the cache's file) is put back from the cache.
    photos[0].unlink()
    photos[0].write_bytes(b"not the photo")
    assert guard_site(made, site, room) == []
    assert photos[0].stat().st_nlink >= 2


def test_what_the_guard_cannot_read_is_not_published(room: Settings, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.txt").write_text("Call me on 07700 900123, Jo", encoding="utf-8")
    phone = "Call me on 07700 900123"

    class Odd(PlainEngine):
        def publish(self, made: RoomBuild, out: Path, *, strict: bool) -> None:
            super().publish(made, out, strict=strict)
            (out / "shared").symlink_to(outside, target_is_directory=True)
            (out / "loop").symlink_to(out / "loop")
            # The theme's own folders are not read; a folder named like them is.
            for folder in ("assets/javascripts", "assets/javascripts2", "x/assets/javascripts"):
                (out / folder).mkdir(parents=True, exist_ok=True)
                (out / folder / "notes.txt").write_text(phone, encoding="utf-8")

    with pytest.raises(SiteBuildFailed, match="the guard found"):
        build_site(room, Odd(), tmp_path / "site", strict=False)
    leaks = json.loads(room.privacy_report_file.read_text())["leaks"]
    assert {"file": "shared", "kind": "a link to a folder"} in leaks
    assert {"file": "loop", "kind": "a link the guard cannot follow"} in leaks
    phones = {leak["file"] for leak in leaks if leak["kind"] == "phone number"}
    assert phones == {"assets/javascripts2/notes.txt", "x/assets/javascripts/notes.txt"}
