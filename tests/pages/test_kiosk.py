"""The kiosk's files and settings: what data.json holds, what is left out, and how problems in
the settings are reported."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from PIL import Image

from conftest import ROOMS
from customer_room.content.photo_focus import parse_focus
from customer_room.content.transcript import Turn, Word
from customer_room.pages.kiosk import _line
from customer_room.pages.kiosk_palette import MATERIAL_PRIMARY, _rgb, contrast, palette_css

Cli = Callable[..., Result]


def build(cli: Cli, room: Path) -> Path:
    site = room / "site"
    result = cli("build", "-f", str(room / "mkdocs.yml"), "-d", str(site), "--today", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    return site


@pytest.fixture
def kiosk_room(tmp_path: Path) -> Path:
    room = tmp_path / "room"
    shutil.copytree(ROOMS / "kiosk", room)
    return room


def test_kiosk_files_and_data(cli: Cli, kiosk_room: Path) -> None:
    site = build(cli, kiosk_room)
    folder = site / "kiosk"
    assert {p.name for p in folder.iterdir()} == {
        "index.html",
        "data.json",
        "version.json",
        "kiosk.js",
        "kiosk.css",
    }
    data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    assert data["zone"] == "Europe/London"
    assert [p["name"] for p in data["personas"]] == ["Lena Moss", "Omar Haddad"]
    lena = data["personas"][0]
    assert lena["quote"].startswith("She rang back")  # her positive quote, not her complaint
    assert (folder / lena["photo"]).resolve().is_file()
    assert lena["photo"].endswith(".webp") and lena["alt"].startswith("Drawing of a woman")
    assert data["personas"][1]["photo"].endswith(".svg")  # no photo: the initials avatar
    assert [q["id"] for q in data["quotes"]] == [
        "quotes/lena-callback",
        "quotes/omar-app",
        "quotes/lena-photos",
    ]
    assert [v["visitor"] for v in data["visits"]] == ["Sam Lee", "Ollie Grant"]  # not cancelled
    assert data["visits"][0]["start"] == "2026-11-24T10:00:00+00:00"
    assert [lend["agent"] for lend in data["lending"]] == ["Moira Campbell", "Priya Shah"]
    assert "clips" not in data  # the room has none: no clip slides
    config = data["config"]
    assert config["seconds"] == {
        "personas": 6.0,
        "quotes": 4.0,
        "clips": 20.0,
        "visits": 4.0,
        "lending": 4.0,
    }
    assert config["dayparts"][0]["from"] == 7 * 60 and config["dayparts"][0]["to"] == 10 * 60
    assert config["open"][0]["days"] == ["mon", "tue", "wed", "thu", "fri"]

    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'self'" in page
    assert 'name="robots" content="noindex' in page
    assert "md-header" not in page  # standalone: none of the site's chrome
    version = json.loads((folder / "version.json").read_text(encoding="utf-8"))["version"]
    assert f'data-loaded-version="{version}"' in page


def test_version_changes_with_the_content_only(cli: Cli, kiosk_room: Path) -> None:
    site = build(cli, kiosk_room)
    first = (site / "kiosk" / "version.json").read_text(encoding="utf-8")
    assert (site / "kiosk" / "version.json").read_text(encoding="utf-8") == first
    build(cli, kiosk_room)
    assert (site / "kiosk" / "version.json").read_text(encoding="utf-8") == first
    quotes = kiosk_room / "content" / "quotes.yml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("bus stop", "tram stop"))
    build(cli, kiosk_room)
    assert (site / "kiosk" / "version.json").read_text(encoding="utf-8") != first


def test_slides_for_missing_parts_are_absent(cli: Cli, make_room: Callable[..., Path]) -> None:
    room = make_room(
        {
            "content/quotes.yml": (
                "quotes:\n  - text: Lovely service.\n    tone: positive\n    source: survey\n"
            ),
        }
    )
    data = json.loads((build(cli, room) / "kiosk" / "data.json").read_text(encoding="utf-8"))
    assert [q["text"] for q in data["quotes"]] == ["Lovely service."]
    assert not {"personas", "clips", "visits", "lending"} & set(data)


def test_slide_types_not_configured_are_left_out(cli: Cli, kiosk_room: Path) -> None:
    config = kiosk_room / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("slides: [personas, quotes, visits, lending]", "slides: [quotes]")
    text = text.replace("slides: [visits, lending]", "slides: [quotes]")
    config.write_text(text, encoding="utf-8")
    data = json.loads((build(cli, kiosk_room) / "kiosk" / "data.json").read_text("utf-8"))
    assert "quotes" in data and not {"personas", "visits", "lending"} & set(data)


def test_problems_in_the_kiosk_settings_name_their_line(cli: Cli, kiosk_room: Path) -> None:
    config = kiosk_room / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("slides: [personas, quotes, visits, lending]", "slides: [personas, memes]")
    text = text.replace("personas: 6", "personas: -1")
    text = text.replace('to: "10:00"', 'to: "25:00"')
    text = text.replace("shift_pixels: 8", "shift_pixels: 8\n        colour: red")
    config.write_text(text, encoding="utf-8")
    site = kiosk_room / "site"
    result = cli("build", "-f", str(config), "-d", str(site))
    assert result.exit_code == 1
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(lines, start=1) if fragment in line)

    errors = [line for line in result.stderr.splitlines() if line.startswith("error: mkdocs.yml")]
    assert f"error: mkdocs.yml:{line_of('memes')}: kiosk.slides.1: " in "\n".join(errors)
    assert f"error: mkdocs.yml:{line_of('seconds:')}: kiosk.seconds: " in "\n".join(errors)
    assert f"error: mkdocs.yml:{line_of('25:00')}: kiosk.dayparts.0.to: " in "\n".join(errors)
    assert f"error: mkdocs.yml:{line_of('colour')}: kiosk.colour: unknown setting" in "\n".join(
        errors
    )
    assert "Traceback" not in result.stderr
    assert not site.exists()

    check = cli("check", "-f", str(config))
    assert check.exit_code == 1
    assert "kiosk.slides.1" in check.output + check.stderr


def test_a_screen_too_small_for_its_distance_says_what_to_change(
    cli: Cli, kiosk_room: Path
) -> None:
    config = kiosk_room / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("shift_pixels: 8", "shift_pixels: 8\n        viewing_metres: 6")
    config.write_text(text, encoding="utf-8")
    result = cli("check", "-f", str(config))
    assert result.exit_code == 1
    said = result.output + result.stderr
    assert "a 43-inch screen cannot be read from 6 m" in said, said
    assert "use a screen of at least 64 inches, or set viewing_metres to 4 or less" in said, said
    assert "Traceback" not in said


@pytest.mark.parametrize(
    ("written", "point"),
    [
        ("top", (50, 0)),
        ("Center", (50, 50)),
        ("bottom left", (0, 100)),
        ("left top", (0, 0)),
        ("right", (100, 50)),
        ("50% 20%", (50, 20)),
        ("30 70", (30, 70)),
        ("left 30%", (0, 30)),
        ("30% top", (30, 0)),
        ("centre, bottom", (50, 100)),
        ("20% center", (20, 50)),
        ("center 20%", (50, 20)),
        ("top 30%", (30, 0)),
    ],
)
def test_photo_focus_reads_words_and_percentages(written: str, point: tuple[int, int]) -> None:
    assert parse_focus(written) == point


NOT_PLACES = ["", "up", "30%", "top bottom", "left right", "top top", "1 2 3", "101% 0%"]


@pytest.mark.parametrize("written", [*NOT_PLACES, "-5% 10%", "x" * 9000])
def test_photo_focus_refuses_what_is_not_a_place(written: str) -> None:
    with pytest.raises(ValueError, match="is not a place in the photo — write where the face is"):
        parse_focus(written)


def test_the_focus_reaches_the_kiosk_and_the_cards(cli: Cli, kiosk_room: Path) -> None:
    persona = kiosk_room / "personas" / "lena-moss" / "persona.md"
    text = persona.read_text(encoding="utf-8")
    persona.write_text(text.replace("photo: lena.jpg", "photo: lena.jpg\nphoto_focus: 30% 70%"))
    site = build(cli, kiosk_room)
    data = json.loads((site / "kiosk" / "data.json").read_text(encoding="utf-8"))
    focus = {p["id"]: p.get("focus") for p in data["personas"]}
    assert focus["personas/lena-moss"] == "30% 70%"
    assert focus["personas/omar-haddad"] == "50% 0%"  # an avatar: the default, harmless
    cards = (site / "personas" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="cr-face cr-fx-30 cr-fy-70"[^>]*alt="Drawing of a woman', cards)


def test_transcript_line_keeps_removed_parts_typed() -> None:
    turn = Turn(
        "Customer",
        [
            Word("my", 1.0, 1.2),
            Word("card", 1.2, 1.5),
            Word("4111", 1.5, 2.0, redacted="card number"),
            Word("1111", 2.0, 2.5, redacted="card number"),
            Word("thanks", 2.6, 3.0),
        ],
        1.0,
        3.0,
    )
    assert _line(turn) == {
        "who": "Customer",
        "start": 1.0,
        "end": 3.0,
        "parts": [["said", "my card "], ["removed", "card number"], ["said", " thanks"]],
    }


def test_transcript_line_keeps_its_punctuation_around_what_was_removed() -> None:
    """The kiosk shows a line as the clip page does: "It's [name]. My renewal…", not
    "It's [name] My renewal"."""
    words = [Word("Hi,", 0, 1), Word("it's", 1, 2), Word("(Dev).", 2, 3, redacted="name")]
    words += [Word("My", 3, 4), Word("renewal", 4, 5)]
    parts = _line(Turn("Customer", words, 0.0, 5.0))["parts"]
    assert parts == [
        ["said", "Hi, it's ("],
        ["removed", "name"],
        ["said", "). My renewal"],
    ]
    assert "".join(f"[{t}]" if kind == "removed" else t for kind, t in parts) == (
        "Hi, it's ([name]). My renewal"
    )


@pytest.mark.parametrize("name", sorted(MATERIAL_PRIMARY))
def test_the_kiosk_takes_the_sites_colour_and_keeps_it_readable(name: str) -> None:
    css = palette_css(name)
    assert css is not None
    light, dark = css.split("@media", 1)
    for block, background in ((light, (1.0, 1.0, 1.0)), (dark, (0.0, 0.0, 0.0))):
        for colour in re.findall(r"--k-accent: (#[0-9a-f]{6})", block):
            assert contrast(_rgb(colour), background) >= 4.5, (name, colour)
    if contrast(_rgb(MATERIAL_PRIMARY[name]), (1.0, 1.0, 1.0)) >= 4.6:
        assert f"--k-accent: {MATERIAL_PRIMARY[name]};" in light  # kept as it is where it reads
    assert palette_css("no-such-colour") is None


def test_the_kiosk_wears_the_sites_palette_and_logo_and_the_home_page_its_own_words(
    cli: Cli, kiosk_room: Path
) -> None:
    config = kiosk_room / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  font: false\n",
            "  font: false\n  logo: assets/logo.png\n  palette:\n    primary: indigo\n",
        )
    )
    (kiosk_room / "content/assets").mkdir(parents=True)
    Image.new("RGB", (120, 40), "#4051b5").save(kiosk_room / "content/assets/logo.png")
    (kiosk_room / "content/home.md").write_text(
        "---\ntitle: Welcome to Northwind's room\n---\n\nOur customers, *in their words*.\n"
    )
    site = build(cli, kiosk_room)
    page = (site / "kiosk/index.html").read_text()
    assert '<img class="kiosk__logo" src="../assets/logo.png" alt="">' in page
    assert (site / "assets/logo.png").is_file()
    assert '<link rel="stylesheet" href="palette.css?v=' in page
    assert "--k-accent: #4051b5;" in (site / "kiosk/palette.css").read_text()
    home = (site / "index.html").read_text()
    assert "Welcome to Northwind&rsquo;s room" in home or "Welcome to Northwind's room" in home
    assert "<em>in their words</em>" in home
    assert "Meet the people we serve" not in home
    assert not (site / "home").exists() and 'href="home/"' not in home


@pytest.mark.parametrize("text", ["x" * 500, "word " * 100, "a" * 79 + " bc", "short"])
def test_short_text_stays_within_its_limit(text: str) -> None:
    from customer_room.content.short_text import short

    cut = short(text, 80)
    assert len(cut) <= 80
    assert cut == " ".join(text.split()) or cut.endswith("…")
