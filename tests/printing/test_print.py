"""The room on paper: posters, quote cards, clip cards and the week's notice, as PDFs read back
with poppler (text, page sizes, metadata) and their QR codes decoded with zbar."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from conftest import ROOT, build_room
from customer_room.build import RoomBuild
from customer_room.engines.mkdocs.engine import room_settings
from customer_room.engines.mkdocs.room_config import room_date
from customer_room.printing import print_stage
from customer_room.privacy.leak_scan import SiteScan
from customer_room.privacy.pii import Detector

SampleBuild = tuple[Path, Result, dict[str, str]]


def tool(name: str, package: str) -> str:
    """A program the tests read PDFs with; the test fails with how to install it."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is missing — install it: sudo apt-get install {package} (./dev test does)"
        )
    return found


def pdf_text(pdf: Path) -> str:
    run = subprocess.run([tool("pdftotext", "poppler-utils"), str(pdf), "-"], capture_output=True)
    assert run.returncode == 0, run.stderr
    return " ".join(run.stdout.decode("utf-8").split())


def pdf_info(pdf: Path) -> dict[str, str]:
    run = subprocess.run([tool("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.decode("utf-8").splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def qr_codes(pdf: Path, folder: Path) -> list[str]:
    """Every QR code on every page, decoded."""
    pages = folder / pdf.stem
    subprocess.run(
        [tool("pdftoppm", "poppler-utils"), "-r", "150", "-png", str(pdf), str(pages)], check=True
    )
    found = []
    for image in sorted(folder.glob(f"{pdf.stem}*.png")):
        run = subprocess.run(
            [
                tool("zbarimg", "zbar-tools"),
                "--raw",
                "-q",
                "-Sdisable",
                "-Sqrcode.enable",
                str(image),
            ],
            capture_output=True,
        )
        assert run.returncode in (0, 4), run.stderr  # 4: no code on this page
        found += run.stdout.decode("utf-8").split()
    return found


def built(root: Path, tmp_path: Path, today: str = "2026-11-24") -> RoomBuild:
    """The room's core stages on ``today``, with a cache of its own."""
    with room_date(today):
        settings = room_settings(str(root / "mkdocs.yml"))
    return build_room(dataclasses.replace(settings, cache_dir=tmp_path / "cache"))


def personas() -> dict[str, dict[str, object]]:
    found = {}
    for path in sorted((ROOT / "personas").glob("*/persona.md")):
        front = path.read_text(encoding="utf-8").split("---")[1]
        found[path.parent.name] = yaml.safe_load(front)
    return found


def test_every_persona_has_a_poster_on_a3_and_a4(sample_build: SampleBuild) -> None:
    site, result, _ = sample_build
    assert result.exit_code == 0, result.output
    for slug, persona in personas().items():
        for paper, size in (
            ("a3", "841.89 x 1190.55 pts (A3)"),
            ("a4", "595.276 x 841.89 pts (A4)"),
        ):
            pdf = site / "print" / f"poster-{slug}-{paper}.pdf"
            info = pdf_info(pdf)
            assert info["Page size"] == size and info["Pages"] == "1"
            assert info["Title"] == f"{persona['name']} — persona poster ({paper.upper()})"
            # Nothing about the PDF itself beyond its title: no producer, creator or dates.
            assert not {"Producer", "Creator", "Author", "CreationDate", "ModDate"} & set(info)
            assert info["Metadata Stream"] == "no"
            text = pdf_text(pdf)  # real text: a reader can select and search it
            assert str(persona["name"]) in text
            assert " ".join(str(persona["tagline"]).split()) in text
            for goal in persona.get("goals") or []:  # type: ignore[attr-defined]
                assert " ".join(str(goal).split())[:40] in text


def test_quote_cards_come_four_to_a_sheet_and_keep_the_balance(sample_build: SampleBuild) -> None:
    site, _, _ = sample_build
    pdf = site / "print" / "quote-cards-all.pdf"
    text = pdf_text(pdf)
    tones = re.findall(r"\b(Positive|Mixed|Neutral|Negative)\b", text)
    assert len(tones) >= 8
    assert tones.count("Positive") / len(tones) >= 0.5, "the set keeps the room's positive share"
    assert int(pdf_info(pdf)["Pages"]) == math.ceil(len(tones) / 4)
    assert pdf_info(pdf)["Page size"] == "595.276 x 841.89 pts (A4)"
    for slug in personas():  # a set for each persona, their own quotes only
        own = site / "print" / f"quote-cards-persona-{slug}.pdf"
        if own.exists():
            others = [str(p["name"]) for s, p in personas().items() if s != slug]
            assert not [name for name in others if name in pdf_text(own)]


def test_each_clip_card_opens_its_page(sample_build: SampleBuild, tmp_path: Path) -> None:
    site, _, _ = sample_build
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
    published = sorted(p.parent.name for p in (site / "clips").glob("*/index.html"))
    assert len(published) >= 5
    codes = qr_codes(site / "print" / "clip-cards.pdf", tmp_path)
    assert sorted(codes) == sorted(f"{base['site_url']}clips/{slug}/" for slug in published)
    text = pdf_text(site / "print" / "clip-cards.pdf")
    assert "removed" in text, "a hidden stretch is shown as removed, never as its words"
    hidden = [
        term
        for path in (ROOT / "clips").glob("*.yml")
        for term in yaml.safe_load(path.read_text(encoding="utf-8")).get("redact_terms") or []
    ]
    assert hidden, "the sample hides names in its calls"
    assert not [term for term in hidden if re.search(rf"\b{re.escape(term)}\b", text, re.I)]


def test_the_week_notice_lists_the_weeks_visits(sample_build: SampleBuild) -> None:
    site, _, _ = sample_build
    text = pdf_text(site / "print" / "this-week.pdf")
    assert "This week on the floor — 23 November to 29 November 2026" in text
    slides = json.loads((site / "kiosk" / "data.json").read_text(encoding="utf-8"))
    week = [v for v in slides.get("visits", []) if "2026-11-23" <= v["start"][:10] <= "2026-11-29"]
    for visit in week:
        assert visit["visitor"] in text
    if not week:
        assert "No visits this week" in text


def test_the_print_page_lists_every_pdf_with_its_first_page(sample_build: SampleBuild) -> None:
    site, _, _ = sample_build
    page = (site / "print" / "index.html").read_text(encoding="utf-8")
    pdfs = sorted(p.name for p in (site / "print").glob("*.pdf"))
    assert len(pdfs) >= 2 * len(personas()) + 2
    for name in pdfs:
        assert f'href="{name}"' in page
        preview = name.removesuffix(".pdf") + ".png"
        assert f'src="{preview}"' in page
        assert (site / "print" / preview).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'href="print/"' in (site / "index.html").read_text(encoding="utf-8"), "in the menu"


def test_a_pdf_with_personal_data_or_metadata_is_not_published(tmp_path: Path) -> None:
    import weasyprint

    site = tmp_path / "site"
    site.mkdir()
    html = "<p>Ring Jo Bloggs on 07700 900123 about the claim.</p>"
    (site / "notes.pdf").write_bytes(weasyprint.HTML(string=html).write_pdf())
    leaks = SiteScan(site, Detector(), [], []).scan()
    kinds = {leak.kind for leak in leaks}
    assert "phone number" in kinds
    assert "PDF metadata beyond a title (Producer)" in kinds
    (site / "notes.pdf").write_bytes(b"%PDF-1.7 not really")
    assert {leak.kind for leak in SiteScan(site, Detector(), [], []).scan()} == {
        "a PDF the guard cannot read"
    }


def test_a_rebuild_prints_only_what_changed(
    copy_room: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_room("sample")
    with room_date("2026-11-24"):
        settings = room_settings(str(root / "mkdocs.yml"))
    settings = dataclasses.replace(settings, cache_dir=tmp_path / "cache")
    made: list[str] = []
    make = print_stage.make_pdf

    def counting(doc: print_stage.PrintDoc, folder: Path) -> None:
        made.append(doc.name)
        make(doc, folder)

    monkeypatch.setattr(print_stage, "make_pdf", counting)
    build_room(settings)
    assert len(made) >= 2 * len(personas()) + 3
    made.clear()
    build_room(settings)
    assert made == [], "an unchanged room prints nothing again"
    persona = root / "personas" / "dev-patel" / "persona.md"
    text = persona.read_text(encoding="utf-8")
    persona.write_text(text.replace("name: Dev Patel", "name: Dev Patil"), encoding="utf-8")
    build_room(settings)
    assert "poster-dev-patel-a3.pdf" in made and "poster-dev-patel-a4.pdf" in made
    assert not [name for name in made if name.startswith("poster-") and "dev-patel" not in name]


def test_print_options_pick_kinds_paper_and_sets(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_room("sample")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - customer-room:\n",
            "  - customer-room:\n"
            "      print:\n"
            "        poster_sizes: a4\n"
            "        clip_cards: false\n"
            "        week_notice: false\n"
            "        quote_card_sets:\n"
            "          - {title: Mortgages, theme: Mortgages}\n"
            "          - {title: Complaints, tone: negative}\n",
        ),
        encoding="utf-8",
    )
    made = built(config.parent, tmp_path)
    printed = sorted(f.path for f in made.files if f.path.endswith(".pdf"))
    assert not [p for p in printed if p.endswith("-a3.pdf")]
    assert "print/clip-cards.pdf" not in printed and "print/this-week.pdf" not in printed
    assert "print/quote-cards-set-mortgages.pdf" in printed
    assert "print/quote-cards-set-complaints.pdf" not in printed  # a set of complaints only
    warned = [str(w) for w in made.report.warnings]
    assert [w for w in warned if "Complaints" in w and "no positive quote" in w]


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("poster_sizes: [B5]", "print.poster_sizes.0"),
        ("colour: teal", "unknown setting"),
        ("quote_card_sets: [{title: Dev, persona: dev-patle}]", "did you mean 'dev-patel'?"),
    ],
)
def test_a_wrong_print_option_is_one_located_line(
    copy_room: Callable[[str], Path], tmp_path: Path, option: str, said: str
) -> None:
    from conftest import run_cli

    root = copy_room("sample")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - customer-room:\n", f"  - customer-room:\n      print:\n        {option}\n"
        ),
        encoding="utf-8",
    )
    result = run_cli("check", "-f", str(config))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if said in line]
    assert lines and all(re.match(r"error: mkdocs\.yml:\d+: ", line) for line in lines), lines
    assert "Traceback" not in result.output


def test_without_the_sites_address_clip_cards_have_no_code(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_room("sample")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", text), encoding="utf-8")
    made = built(config.parent, tmp_path)
    assert [str(w) for w in made.report.warnings if "site_url" in str(w)]
    [cards] = [f for f in made.files if f.path == "print/clip-cards.pdf"]
    assert cards.source is not None
    assert qr_codes(cards.source, tmp_path) == []


def test_markup_and_huge_fields_stay_text_on_one_page(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_room("sample")
    persona = root / "personas" / "walter-brennan" / "persona.md"
    text = persona.read_text(encoding="utf-8")
    tagline = next(line for line in text.splitlines() if line.startswith("tagline:"))
    huge = "<b>Loud</b> <img src=https://example.com/x.png> " + "and on " * 20_000
    persona.write_text(text.replace(tagline, f"tagline: {json.dumps(huge)}"), encoding="utf-8")
    made = built(root, tmp_path)
    [poster] = [f for f in made.files if f.path == "print/poster-walter-brennan-a4.pdf"]
    assert poster.source is not None
    assert pdf_info(poster.source)["Pages"] == "1"
    shown = pdf_text(poster.source)
    assert "“<b>Loud</b> <img src=" in shown  # as text, not markup
    assert "…" in shown and len(shown) < 20_000


def test_a_clip_held_back_is_not_printed(copy_room: Callable[[str], Path], tmp_path: Path) -> None:
    root = copy_room("sample")
    clip = root / "clips" / "dev-app-renewal.yml"
    text = clip.read_text(encoding="utf-8")
    clip.write_text(text.replace("publish_until: '2030-12-31'", "publish_until: '2026-01-01'"))
    made = built(root, tmp_path)
    assert "dev-app-renewal" not in made.clip_media, "its consent has run out"
    [cards] = [f for f in made.files if f.path == "print/clip-cards.pdf"]
    assert cards.source is not None
    codes = qr_codes(cards.source, tmp_path)
    assert len(codes) == len(made.clip_media)
    assert not [code for code in codes if "dev-app-renewal" in code]
    assert "A renewal price that jumped" not in pdf_text(cards.source)


def test_posters_wear_the_sites_colour_and_logo(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    from PIL import Image

    from customer_room.pages.kiosk_palette import paper_colours

    root = copy_room("sample")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("primary: teal", "primary: red")
        .replace("  language: en\n", "  language: en\n  logo: assets/logo.png\n"),
        encoding="utf-8",
    )
    (root / "content/assets").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (120, 40), "#c0392b").save(root / "content/assets/logo.png")
    made = built(config.parent, tmp_path)
    [poster] = [f for f in made.files if f.path == "print/poster-tom-hughes-a4.pdf"]
    assert poster.source is not None
    images = subprocess.run(
        [tool("pdfimages", "poppler-utils"), "-list", str(poster.source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert len(images) >= 2, "the persona's photo and the logo"
    subprocess.run(
        [
            tool("pdftoppm", "poppler-utils"),
            "-r",
            "40",
            "-png",
            "-singlefile",
            str(poster.source),
            str(tmp_path / "poster"),
        ],
        check=True,
    )
    accent = paper_colours("red")[0]
    assert accent != paper_colours(None)[0], "not the colour used where the site names none"
    wanted = tuple(int(accent[i : i + 2], 16) for i in (1, 3, 5))
    data = Image.open(tmp_path / "poster.png").convert("RGB").tobytes()
    drawn = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    near = sum(
        1 for pixel in drawn if sum(abs(a - b) for a, b in zip(pixel, wanted, strict=True)) < 30
    )
    assert near > 200, "headings and rules in the site's primary colour"
    logo = sum(1 for pixel in drawn if pixel == (0xC0, 0x39, 0x2B))
    assert logo > 20, "the logo is on the poster"


def test_the_week_notice_says_who_is_away_on_a_lend(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    made = built(copy_room("sample"), tmp_path, today="2026-10-14")  # a lend moved to 12-23 Oct
    [notice] = [f for f in made.files if f.path == "print/this-week.pdf"]
    assert notice.source is not None
    text = pdf_text(notice.source)
    assert "12 October to 18 October 2026" in text
    assert "Moira Campbell" in text and "Claims operations" in text
    assert "Nobody is away" not in text


def test_a_persona_never_positive_gets_a_poster_without_a_quote(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_room("sample")
    (root / "personas" / "nell-quiet").mkdir()
    (root / "personas" / "nell-quiet" / "persona.md").write_text(
        "---\nname: Nell Quiet\nsegment: Savings\ntagline: Just tell me once.\n---\n",
        encoding="utf-8",
    )
    made = built(root, tmp_path)
    [poster] = [f for f in made.files if f.path == "print/poster-nell-quiet-a4.pdf"]
    assert poster.source is not None
    text = pdf_text(poster.source)
    assert "Nell Quiet" in text and "Just tell me once." in text
    assert "NQ" in text, "no photo: the initials avatar"
    assert "at their best" not in text.lower()
    assert pdf_info(poster.source)["Pages"] == "1"


def test_a_name_hidden_in_a_call_is_looked_for_on_the_sheet_that_shows_the_call(
    tmp_path: Path,
) -> None:
    """A name hidden in one call only (a caller who shares a colleague's name) is looked for
    where that call is shown: on paper, the sheets of clip cards that carry it."""
    import weasyprint

    from customer_room.privacy.privacy_log import Secret

    site = tmp_path / "site"
    (site / "print").mkdir(parents=True)
    sheets = "<p>Hi, it's Rhona about my renewal.</p><p style='page-break-before: always'>Hello</p>"
    (site / "print" / "clip-cards.pdf").write_bytes(
        weasyprint.HTML(string=sheets).write_pdf(finisher=lambda doc, pdf: pdf.info.clear())
    )
    hidden = Secret("Rhona", page="clips/dev-app-renewal", origin="clips/dev-app-renewal.txt")

    def found(on_paper: dict[str, tuple[tuple[str, ...], ...]]) -> set[str]:
        scan = SiteScan(site, Detector(), [hidden], [], pages_on_paper=on_paper)
        return {leak.kind for leak in scan.scan()}

    assert found({"print/clip-cards.pdf": (("clips/dev-app-renewal",), ())}) == {
        "a value that was redacted"
    }
    # Not on the sheet of another call (there, it is a colleague's name).
    assert found({"print/clip-cards.pdf": (("clips/maria-card-blocked",), ())}) == set()


def test_a_machine_that_cannot_print_says_how_to_fix_it_once(
    copy_room: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import run_cli

    monkeypatch.setattr(
        print_stage, "printer_problem", lambda: "the room cannot be printed here: install Pango"
    )
    root = copy_room("sample")
    result = run_cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "site"))
    assert result.exit_code == 1
    said = [line for line in result.output.splitlines() if "install Pango" in line]
    assert said == ["error: mkdocs.yml: print: the room cannot be printed here: install Pango"]
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists(), "nothing was published"
