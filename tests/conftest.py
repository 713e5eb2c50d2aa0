"""Shared fixtures: small real rooms made in temp folders, a CLI runner, and photo makers."""

from __future__ import annotations

import hashlib
import io
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from customer_room.build import RoomBuild, start_room
from customer_room.cli import main
from customer_room.settings import Settings

# The kiosk's browser tests share their fixtures (the kiosk room, pages in fresh contexts).
pytest_plugins = ["kioskhelpers"]

ROOT = Path(__file__).resolve().parent.parent
ROOMS = Path(__file__).resolve().parent / "rooms"

MKDOCS_YML = """\
site_name: Test room
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - tags
  - customer-room
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (path -> text or bytes) under ``root``; a room needs its content folder."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root


@pytest.fixture
def make_room(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """A tiny real room in a temp folder, from a dict of files."""

    def make(files: dict[str, str | bytes]) -> Path:
        return write_files(tmp_path / "room", files)

    return make


@pytest.fixture
def copy_room(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of one of the rooms in tests/rooms (or 'sample' for the embedded sample room)."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        if name == "sample":
            target.mkdir()
            for part in ("personas", "clips", "content", "schemas", "mkdocs.yml"):
                source = ROOT / part
                if source.is_dir():
                    shutil.copytree(source, target / part)
                elif source.is_file():
                    shutil.copy2(source, target / part)
        else:
            shutil.copytree(ROOMS / name, target, ignore=shutil.ignore_patterns("expected*"))
        return target

    return copy


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


def jpeg_with_metadata(
    size: tuple[int, int] = (800, 600), orientation: int = 1, color: str = "#3366aa"
) -> bytes:
    """A JPEG carrying EXIF (orientation, GPS, camera), XMP, an IPTC block and a comment."""
    image = Image.new("RGB", size, color)
    # A bright block in the top-left corner shows where "up" was.
    image.paste((255, 255, 0), (0, 0, size[0] // 4, size[1] // 4))
    exif = image.getexif()
    exif[0x0112] = orientation
    exif[0x010F] = "Leaky Camera"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>'
        b"<dc:creator>Jane Secret</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), xmp=xmp, comment=b"home address here")
    data = buffer.getvalue()
    # IPTC lives in a Photoshop APP13 segment; insert one right after SOI.
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x50\x00\x08Jane Doe"
    app13 = b"\xff\xed" + (len(iptc) + 2).to_bytes(2, "big") + iptc
    return data[:2] + app13 + data[2:]


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: what a decompression bomb looks like at the door."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes: to prove nothing changed."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


ENGINES = ("mkdocs", "zensical")


def _build_sample(
    tmp_path_factory: pytest.TempPathFactory, engine: str
) -> tuple[Path, Result, dict[str, str]]:
    before = tree_digest(ROOT / "personas") | tree_digest(ROOT / "content")
    site = tmp_path_factory.mktemp(f"sample-{engine}") / "site"
    result = run_cli(
        "build",
        "-f",
        str(ROOT / "mkdocs.yml"),
        "-d",
        str(site),
        "--today",
        "2026-11-24",
        "--engine",
        engine,
    )
    return site, result, before


@pytest.fixture(scope="session")
def sample_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Result, dict[str, str]]:
    """The sample room, built with MkDocs once per test session for every test that reads or
    browses it (the build day fixed): its site, the command's result, and its sources' digest
    before."""
    return _build_sample(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Result, dict[str, str]]:
    """The sample room built with Zensical, once per test session."""
    return _build_sample(tmp_path_factory, "zensical")


def engine_build(
    request: pytest.FixtureRequest, engine: str
) -> tuple[Path, Result, dict[str, str]]:
    """The sample room's build on ``engine`` (built on first use)."""
    name = "sample_build" if engine == "mkdocs" else f"{engine}_build"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def sample_site_url(sample_build: tuple[Path, Result, dict[str, str]]) -> Iterator[str]:
    """The sample site served on localhost."""
    from sitehelpers import serve_folder

    site, result, _ = sample_build
    assert result.exit_code == 0, result.stderr
    with serve_folder(site) as url:
        yield url


@pytest.fixture(scope="session")
def zensical_site_url(zensical_build: tuple[Path, Result, dict[str, str]]) -> Iterator[str]:
    """The sample site built with Zensical, served on localhost."""
    from sitehelpers import serve_folder

    site, result, _ = zensical_build
    assert result.exit_code == 0, result.stderr
    with serve_folder(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one for every browser test (media may play without a click)."""
    from sitehelpers import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[*CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"],
            headless=True,
        )
        yield browser
        browser.close()


def build_room(settings: Settings) -> RoomBuild:
    """The core's stages up to the pages, with every medium made: what an engine is handed."""
    with ExitStack() as held:
        made = start_room(settings, held)
        assert made.media is not None
        made.media.wait()
    return made
