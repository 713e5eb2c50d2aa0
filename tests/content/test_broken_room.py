"""A room where every file is broken in its own way: the error log is the expected output."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ROOMS, png_header_only, tree_digest, write_files

EXPECTED = ROOMS / "broken" / "expected-problems.txt"


@pytest.fixture
def broken_room(copy_room: Callable[[str], Path], tmp_path: Path) -> Path:
    root = copy_room("broken")
    # What git cannot hold or should not carry: made here.
    (root / "personas/latin1").mkdir()
    (root / "personas/latin1/persona.md").write_bytes(
        b"---\nname: Jos\xe9\nsegment: s\ntagline: t\n---\n"
    )
    (root / "personas/huge-photo/huge.png").write_bytes(png_header_only(20000, 20000))
    outside = tmp_path / "outside-secret.jpg"
    outside.write_text("secret")
    (root / "personas/linked-out/link.jpg").symlink_to(outside)
    return root


def problem_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("error:", "warning:"))]


def test_check_reports_every_problem_once_each_as_one_line(
    broken_room: Path, cli: Callable[..., Result]
) -> None:
    result = cli("check", "-f", str(broken_room / "mkdocs.yml"))
    assert result.exit_code == 1
    lines = problem_lines(result)
    if os.environ.get("UPDATE_GOLDEN"):
        EXPECTED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == EXPECTED.read_text(encoding="utf-8").splitlines()
    assert "Traceback" not in result.output + result.stderr


def test_failed_build_leaves_the_previous_site_and_the_sources_untouched(
    broken_room: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    good = write_files(tmp_path / "good", {"content/quotes.yml": "quotes: []\n"})
    assert cli("build", "-f", str(good / "mkdocs.yml"), "-d", str(site)).exit_code == 0
    before_site = tree_digest(site)
    before_room = tree_digest(broken_room)

    result = cli("build", "-f", str(broken_room / "mkdocs.yml"), "-d", str(site))

    assert result.exit_code == 1
    assert "previous site, if any, is untouched" in result.stderr
    assert tree_digest(site) == before_site
    assert tree_digest(broken_room) == before_room
    assert not list(tmp_path.glob(".site.*")), "the staging folder was left behind"
    # The build names the same problems as check does, all of them.
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert sorted(problem_lines(result)[:-1]) == sorted(expected)


def test_quote_html_is_shown_as_text_not_run(
    make_room: Callable[[dict[str, str | bytes]], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = make_room(
        {
            "content/quotes.yml": "quotes:\n  - text: \"<script>alert('x')</script> <b>nice</b>\"\n"
            "    tone: positive\n    source: call\n",
            "personas/ada/persona.md": "---\nname: Ada\nsegment: s\ntagline: t\n---\n"
            'Ada <img src=x onerror="alert(1)"> likes <em>tea</em>.\n'
            "<script>steal()</script>\n",
        }
    )
    for site in (tmp_path / "out", tmp_path / "again"):  # the second build remembers
        assert cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site)).exit_code == 0
        wall = (site / "quotes/index.html").read_text()
        assert "&lt;script&gt;alert('x')&lt;/script&gt; &lt;b&gt;nice&lt;/b&gt;" in wall
        assert "<script>alert" not in wall
        persona = (site / "personas/ada/index.html").read_text()
        assert "onerror" not in persona and "steal()" not in persona
        assert "<em>tea</em>" in persona


def test_strict_turns_a_warning_into_a_failure(
    make_room: Callable[[dict[str, str | bytes]], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = make_room(
        {"personas/ada/persona.md": "---\nname: Ada\nsegment: s\ntagline: t\ncolour: blue\n---\n"}
    )
    relaxed = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "a"))
    assert relaxed.exit_code == 0
    assert "warning: personas/ada/persona.md:5: colour: unknown field" in relaxed.stderr
    strict = cli("build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "b"))
    assert strict.exit_code == 1
    assert "strict mode" in strict.stderr
    assert not (tmp_path / "b").exists()
    assert cli("check", "--strict", "-f", str(root / "mkdocs.yml")).exit_code == 1
