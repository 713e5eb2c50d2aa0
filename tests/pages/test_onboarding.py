"""The reading list: references checked with their lines, minutes estimated, the path threaded
through its pages, and a print view that holds every item."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import Result

from conftest import ROOMS, build_room
from customer_room.content.onboarding_models import ReadingItem
from customer_room.pages.onboarding import _minutes, count_words
from customer_room.settings import Settings

Cli = Callable[..., Result]


@pytest.fixture
def full_room(tmp_path: Path) -> Path:
    room = tmp_path / "full"
    shutil.copytree(ROOMS / "full", room, ignore=shutil.ignore_patterns("expected"))
    return room


def pages_of(room: Path, tmp_path: Path) -> dict[str, str]:
    result = build_room(
        Settings(room_dir=room, cache_dir=tmp_path / "cache", today=dt.date(2026, 3, 2))
    )
    assert not result.report.problems, result.report.problems
    return {f.path: str(f.content) for f in result.files if f.is_page}


def test_unknown_references_are_errors_with_file_and_line(cli: Cli, full_room: Path) -> None:
    (full_room / "content" / "onboarding.yml").write_text(
        "sections:\n"  # 1
        "  - title: Week 1\n"  # 2
        "    items:\n"  # 3
        "      - persona: lena-mos\n"  # 4
        "      - clip: no-such-clip\n"  # 5
        "      - page: empaty\n"  # 6
        "      - schedule: visits\n"  # 7
        "      - url: https://intranet.example/a\n"  # 8
        "      - persona: omar-haddad\n"  # 9
        "        page: empathy\n"  # 10
        "      - persona: omar-haddad\n"  # 11
        "      - persona: omar-haddad\n"  # 12
        "        persnoa: x\n",  # 13
        encoding="utf-8",
    )
    result = cli("check", "-f", str(full_room / "mkdocs.yml"))
    assert result.exit_code == 1
    out = result.output + result.stderr
    expected = [
        "content/onboarding.yml:4: sections.0.items.0.persona: no persona 'lena-mos' — "
        "did you mean 'lena-moss'?",
        "content/onboarding.yml:5: sections.0.items.1.clip: no clip 'no-such-clip' — "
        "use a clip's file name, without .yml",
        "content/onboarding.yml:6: sections.0.items.2.page: no page 'empaty' — "
        "did you mean 'empathy'?",
        "content/onboarding.yml:7: sections.0.items.3.schedule: the room has no visits — "
        "add content/visits.yml or remove the item",
        "content/onboarding.yml:8: title: required with url — the document's title",
        "content/onboarding.yml:9: give exactly one of persona, clip, page, "
        "schedule or url (this item has persona, page)",
        "content/onboarding.yml:13: persnoa: unknown field, ignored — did you mean 'persona'?",
        "content/onboarding.yml:12: sections.0.items.7: 'persona-omar-haddad' is already in the "
        "list (line 11)",
    ]
    for line in expected:
        assert line in out, out
    assert "Traceback" not in out

    build = cli("build", "-f", str(full_room / "mkdocs.yml"), "-d", str(full_room / "site"))
    assert build.exit_code == 1
    assert "content/onboarding.yml:4: sections.0.items.0.persona" in build.stderr


def test_an_item_listed_twice_is_an_error(cli: Cli, full_room: Path) -> None:
    (full_room / "content" / "onboarding.yml").write_text(
        "sections:\n  - title: A\n    items:\n      - persona: lena-moss\n"
        "  - title: B\n    items:\n      - persona: lena-moss\n",
        encoding="utf-8",
    )
    result = cli("check", "-f", str(full_room / "mkdocs.yml"))
    assert result.exit_code == 1
    assert (
        "content/onboarding.yml:7: sections.1.items.0: 'persona-lena-moss' is already in the "
        "list (line 4)" in result.output + result.stderr
    )


def test_minutes_are_estimated_unless_given(full_room: Path, tmp_path: Path) -> None:
    words = " ".join(["word"] * 450)
    (full_room / "content" / "long.md").write_text(
        f"---\ntitle: Long read\n---\n# Long read\n\n{words}\n", encoding="utf-8"
    )
    (full_room / "content" / "onboarding.yml").write_text(
        "sections:\n  - title: A\n    items:\n      - page: long\n"
        "      - page: empathy\n        minutes: 7\n",
        encoding="utf-8",
    )
    pages = pages_of(full_room, tmp_path)
    own_words = pages["long.md"].split('<nav class="cr-reading-footer"')[0]
    assert count_words(own_words) == 450 + 2  # the heading's two words
    listing = pages["onboarding.md"]
    assert 'data-item="page-long" data-minutes="3"' in listing  # 452 words at 200 a minute
    assert 'data-item="page-empathy" data-minutes="7"' in listing  # given, not estimated
    assert "2 items, about 10 minutes of reading" in listing

    def item(**fields: object) -> ReadingItem:
        return ReadingItem.model_validate({"clip": "a-call", **fields})

    clip = SimpleNamespace(duration=61.0)
    assert _minutes(item(), "clips/a-call.md", {}, clip) == (2, True)  # a clip: its length
    assert _minutes(item(minutes=5), "clips/a-call.md", {}, clip) == (5, False)
    link = ReadingItem.model_validate({"url": "https://intranet.example/x", "title": "X"})
    assert _minutes(link, None, {}, None) == (None, False)  # never fetched: unknown


def test_outside_document_without_minutes_is_a_warning(cli: Cli, full_room: Path) -> None:
    (full_room / "content" / "onboarding.yml").write_text(
        "sections:\n  - title: A\n    items:\n"
        "      - title: Policy\n        url: https://intranet.example/policy\n",
        encoding="utf-8",
    )
    result = cli("build", "-f", str(full_room / "mkdocs.yml"), "-d", str(full_room / "site"))
    assert result.exit_code == 0, result.stderr
    assert "content/onboarding.yml:4: minutes: give 'minutes' for an outside document" in (
        result.stderr
    )
    strict = cli(
        "build", "--strict", "-f", str(full_room / "mkdocs.yml"), "-d", str(full_room / "site")
    )
    assert strict.exit_code == 1


def test_each_page_of_the_path_links_to_the_next(full_room: Path, tmp_path: Path) -> None:
    pages = pages_of(full_room, tmp_path)
    lena = pages["personas/lena-moss.md"]
    assert 'data-item="persona-lena-moss"' in lena
    assert 'href="../omar-haddad/" rel="next">Next in your reading list: Omar Haddad' in lena
    assert "item 1 of 5" in lena
    omar = pages["personas/omar-haddad.md"]
    assert 'href="../../empathy/" rel="next">Next in your reading list: Empathy statements' in omar
    empathy = pages["empathy.md"]  # the next item is an outside document: linked directly
    assert 'href="https://intranet.example/complaints" rel="next"' in empathy
    archive = pages["archive.md"]
    assert "That was the last item" in archive and 'href="../onboarding/"' in archive
    assert "cr-reading-footer" not in pages["quotes/index.md"]  # not on the path


def test_print_view_holds_every_item_in_order(full_room: Path, tmp_path: Path) -> None:
    pages = pages_of(full_room, tmp_path)
    printed = pages["onboarding-print.md"]
    titles = [
        "1. Lena Moss",
        "2. Omar Haddad",
        "3. Empathy statements",
        "4. Complaints policy",
        "5. Archive",
    ]
    positions = [printed.index(title) for title in titles]
    assert positions == sorted(positions)
    # Each page's own words are in it, headings moved down under the item's heading.
    assert "After the storm Lena called us at seven in the morning." in printed
    assert "I can hear how stressful this has been." in printed
    assert "https://intranet.example/complaints" in printed
    assert "\n# Empathy statements" not in printed
    assert "exclude: true" in printed  # kept out of search: its pages are indexed already
