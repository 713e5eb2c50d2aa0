"""End to end: the embedded sample room builds into a complete, private, offline site."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ENGINES, ROOT, engine_build, run_cli, tree_digest
from customer_room.build import read_room
from customer_room.content.schema import SCHEMAS
from customer_room.settings import Settings
from sitehelpers import metadata_markers

OUTSIDE_REFERENCE = re.compile(
    r"""(?:\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?(?:https?:)?//)|(?:@import\s+["']?(?:https?:)?//)""",
    re.I,
)


@pytest.fixture(params=ENGINES)
def built(request: pytest.FixtureRequest) -> tuple[Path, Result, dict[str, str]]:
    """The sample room built with each engine: every test here holds for both."""
    return engine_build(request, request.param)


def test_both_engines_make_the_same_pages(
    sample_build: tuple[Path, Result, dict[str, str]],
    zensical_build: tuple[Path, Result, dict[str, str]],
) -> None:
    """Every page, feed, kiosk file and medium of the room is in both sites; only the
    engines' own files (their theme's assets, search index, sitemap) differ."""

    def room_files(site: Path) -> set[str]:
        paths = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
        engines_own = ("sitemap.xml", "sitemap.xml.gz", "tags.json", "search.json", "search/")
        return {
            path
            for path in paths
            if not path.startswith(engines_own)
            and (not path.startswith("assets/") or path.startswith("assets/customer-room/"))
        }

    mkdocs, zensical = room_files(sample_build[0]), room_files(zensical_build[0])
    assert len(mkdocs) > 80
    assert any(path.startswith("assets/customer-room/") for path in mkdocs)
    assert mkdocs == zensical


def test_sample_room_builds_without_a_warning(built: tuple[Path, Result, dict[str, str]]) -> None:
    _, result, _ = built
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    assert "Customer Room:" in result.stdout and "0 warnings" in result.stdout


def test_every_page_is_there(built: tuple[Path, Result, dict[str, str]]) -> None:
    site, _, _ = built
    room = read_room(Settings(room_dir=ROOT, cache_dir=ROOT / ".cache")).room
    expected = ["index.html", "personas/index.html", "quotes/index.html", "tags/index.html"]
    expected += [f"personas/{p.slug}/index.html" for p in room.personas]
    expected += [f"{p.slug}/index.html" for p in room.pages]
    expected += ["clips/index.html"] + [f"clips/{c.slug}/index.html" for c in room.clips]
    expected += ["visits/index.html", "lending/index.html", "visits.ics", "lending.ics"]
    missing = [path for path in expected if not (site / path).is_file()]
    assert not missing
    home = (site / "index.html").read_text()
    for persona in room.personas:
        assert persona.persona.name in home
    assert "cr-featured" in home
    # 24 November 2026 is a Tuesday: the weekly billing visit is on the home page.
    assert "Today on the floor" in home and "Sam Lee" in home


def test_the_sample_room_is_rich_enough(built: tuple[Path, Result, dict[str, str]]) -> None:
    read = read_room(Settings(room_dir=ROOT, cache_dir=ROOT / ".cache"))
    room, report = read.room, read.report
    assert not report.problems
    assert len(room.personas) >= 6
    industries = {p.persona.industry for p in room.personas}
    assert {"banking", "insurance", "health care"} <= industries
    assert all(p.photo_path for p in room.personas), "every sample persona has a photo"
    assert len(room.quotes) >= 40
    tones = Counter(q.tone.value for q in room.quotes)
    assert set(tones) == {"positive", "negative", "mixed", "neutral"}
    assert tones["positive"] > tones["negative"]
    assert {"call", "survey", "review"} <= {q.quote.source.value for q in room.quotes}
    assert {q.path for q in room.quotes} == {"content/quotes.yml", "content/quotes.csv"}
    assert len(room.pages) >= 4
    assert len(room.clips) >= 8
    suffixes = {c.audio_path.suffix for c in room.clips}
    assert {".wav", ".mp3", ".m4a"} <= suffixes
    transcripts = {Path(c.clip.transcript).suffix for c in room.clips}
    assert {".json", ".vtt", ".srt", ".txt"} <= transcripts
    assert any(c.clip.channels for c in room.clips), "a stereo agent/customer recording"
    assert {c.clip.persona for c in room.clips} >= {"maria-okafor", "walter-brennan"}
    for persona in room.personas:
        assert room.quotes_of(persona.slug), f"{persona.slug} has no quotes"


def test_pages_ask_not_to_be_indexed_and_reference_nothing_outside(
    built: tuple[Path, Result, dict[str, str]],
) -> None:
    site, _, _ = built
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text()
        if page.name != "404.html":
            assert '<meta name="robots" content="noindex, nofollow">' in text, page
        # A link (<a href>) is followed only when someone chooses to; everything else loads.
        # The canonical address (from site_url) names the page where it is published: it is
        # never loaded either.
        loaded = re.sub(r"<a\s[^>]*>|<link rel=\"canonical\" href=\"[^\"]*\">", "", text)
        assert not OUTSIDE_REFERENCE.search(loaded), (page, OUTSIDE_REFERENCE.search(loaded))
    for css in site.rglob("*.css"):
        assert not OUTSIDE_REFERENCE.search(css.read_text()), css
    assert "fonts.googleapis" not in "".join(p.read_text() for p in pages)


def test_no_photo_metadata_and_no_original_reaches_the_site(
    built: tuple[Path, Result, dict[str, str]],
) -> None:
    site, _, _ = built
    originals = {p.read_bytes() for p in (ROOT / "personas").rglob("photo.jpg")}
    assert originals and all(b"Exif" in data for data in originals), "sample photos carry EXIF"
    images = [p for p in (site / "media").rglob("*") if p.is_file()]
    assert len(images) >= 6 * 4
    for image in images:
        data = image.read_bytes()
        assert data not in originals
        assert metadata_markers(data) == [], image
        assert b"Sample Camera" not in data and b"Harbour Row" not in data


def test_raw_content_files_are_not_copied(built: tuple[Path, Result, dict[str, str]]) -> None:
    site, _, _ = built
    leaked = [
        p
        for p in site.rglob("*")
        if p.suffix in {".yml", ".yaml", ".csv", ".wav", ".m4a", ".vtt", ".srt", ".txt"}
        or p.name == "persona.md"
    ]
    assert not leaked


def test_no_original_recording_reaches_the_site(
    built: tuple[Path, Result, dict[str, str]],
) -> None:
    site, _, _ = built
    originals = [
        p.read_bytes() for p in (ROOT / "clips").iterdir() if p.suffix in {".wav", ".mp3", ".m4a"}
    ]
    published = [p.read_bytes() for p in (site / "media" / "clips").iterdir()]
    assert len(published) == len(originals) >= 8
    for data in published:
        assert data[:3] != b"ID3" and data[-128:-125] != b"TAG"
        for original in originals:
            assert data != original
            assert original[1000:1400] not in data, "bytes of a source recording in the output"


def test_clip_pages_hide_what_was_redacted(built: tuple[Path, Result, dict[str, str]]) -> None:
    site, _, _ = built
    page = (site / "clips/maria-card-blocked/index.html").read_text()
    transcript = page.split('class="cr-transcript"', 1)[1]
    assert "Okafor" not in transcript and "[PII]" not in transcript
    assert "nine two nine" not in transcript
    assert "[name]" in transcript and "[personal data]" in transcript
    assert "cr-wave__hidden" in page
    tom = (site / "clips/tom-overdraft-fee/index.html").read_text()
    assert "Hughes" not in tom.split('class="cr-transcript"', 1)[1]
    walter = (site / "personas/walter-brennan/index.html").read_text()
    assert "clips/walter-large-print/" in walter


def test_sources_are_never_modified(built: tuple[Path, Result, dict[str, str]]) -> None:
    _, _, before = built
    assert tree_digest(ROOT / "personas") | tree_digest(ROOT / "content") == before


def test_committed_schemas_match_the_models(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    for name in SCHEMAS:
        made = (tmp_path / f"{name}.schema.json").read_text()
        assert made == (ROOT / "schemas" / f"{name}.schema.json").read_text(), (
            f"schemas/{name}.schema.json is stale: run customer-room schema"
        )


def test_sample_files_point_editors_at_the_schemas() -> None:
    for persona in (ROOT / "personas").glob("*/persona.md"):
        assert "$schema=../../schemas/persona.schema.json" in persona.read_text(), persona
    assert "$schema=../schemas/quotes.schema.json" in (ROOT / "content/quotes.yml").read_text()
    for page in (ROOT / "content").glob("*.md"):
        assert "$schema=../schemas/page.schema.json" in page.read_text(), page


def test_a_quote_links_to_its_moment_in_a_call(built: tuple[Path, Result, dict[str, str]]) -> None:
    site, _, _ = built
    wall = (site / "quotes/index.html").read_text()
    assert 'href="../clips/walter-large-print/#t=4.4"' in wall  # 4.8 s in the recording
