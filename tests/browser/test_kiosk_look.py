"""The kiosk as a person on the floor sees it, in a real Chromium: whole faces, type sized for
the screen and the distance, slides that fill the screen, the call's moment visible from across
the room, and a sign when the server is gone."""

from __future__ import annotations

import importlib.util
import io
import json
import math
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw
from playwright.sync_api import Browser, Page

from conftest import ROOMS, ROOT
from kioskhelpers import KIOSK, TUESDAY_NOON, build, next_slide, open_at, run
from sitehelpers import serve_folder

pytestmark = pytest.mark.browser

RED = (220, 20, 20)
HEAD = (10, 110)  # rows of the "head" in a 600 x 1000 photo: its highest part
FACE_LOW = (880, 980)  # rows of a face low in a photo (someone sitting, say)


def tall_photo(path: Path, head: tuple[int, int]) -> None:
    """A portrait photo taller than wide: grey ground, a blue body, a red head at ``head``."""
    image = Image.new("RGB", (600, 1000), (128, 128, 128))
    draw = ImageDraw.Draw(image)
    draw.rectangle((150, 0, 450, 1000), fill=(40, 60, 160))
    draw.rectangle((200, head[0], 400, head[1] - 1), fill=RED)
    image.save(path, quality=95)


@pytest.fixture(scope="module")
def faces_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kiosk room with two tall photos: Lena's head at the top (no focus given), Omar's
    face at the bottom (``photo_focus: bottom``)."""
    room = tmp_path_factory.mktemp("faces") / "room"
    shutil.copytree(ROOMS / "kiosk", room)
    tall_photo(room / "personas/lena-moss/lena.jpg", HEAD)
    omar = room / "personas/omar-haddad"
    tall_photo(omar / "omar.jpg", FACE_LOW)
    text = (omar / "persona.md").read_text(encoding="utf-8")
    (omar / "persona.md").write_text(
        text.replace(
            "tags: [prescriptions]",
            "photo: omar.jpg\nphoto_alt: A drawing of Omar\nphoto_focus: bottom\n"
            "tags: [prescriptions]",
        ),
        encoding="utf-8",
    )
    build(room, room / "site")
    return room / "site"


def red_rows(png: bytes) -> int:
    """Rows of a screenshot in which the red head shows across at least a fifth of it."""
    with Image.open(io.BytesIO(png)) as shot:
        image = shot.convert("RGB")
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    rows = 0
    for y in range(height):
        reds = sum(
            1
            for x in range(0, width, 2)
            if (p := pixels[x, y])[0] > 170 and p[1] < 80 and p[2] < 80  # type: ignore[index]
        )
        rows += reds * 2 >= width // 5
    return rows


def shown_head(image: Any, rows: tuple[int, int]) -> tuple[int, float]:
    """(red rows seen, red rows expected) for a 600-wide photo drawn in ``image``'s box."""
    box = image.bounding_box()
    return red_rows(image.screenshot()), (rows[1] - rows[0]) * box["width"] / 600


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)])
def test_a_square_crop_keeps_the_face(
    new_page: Callable[..., Page], faces_site: Path, width: int, height: int
) -> None:
    """On the kiosk, in both orientations, a head at the top of a tall photo is whole (the crop
    keeps the top), and a face low in a photo is whole where the persona says so."""
    with serve_folder(faces_site) as url:
        page = new_page(width, height, reduced_motion="reduce")
        open_at(page, url + "kiosk/?slides=personas&open=always", TUESDAY_NOON)
        for expected in ("Lena Moss", "Omar Haddad"):
            page.wait_for_function(
                f"{KIOSK}.current.id === 'personas/{expected.lower().replace(' ', '-')}'"
            )
            photo = page.locator(".kiosk__slide.is-shown .k-persona__photo img")
            photo.evaluate("img => img.decode()")
            seen, whole = shown_head(photo, HEAD if expected == "Lena Moss" else FACE_LOW)
            assert whole > 20, whole
            assert seen >= whole * 0.9, f"{expected}: {seen} of {whole:.0f} rows of the face shown"
            run(page, 15, step=15)


def test_the_site_cards_keep_the_face(new_page: Callable[..., Page], faces_site: Path) -> None:
    with serve_folder(faces_site) as url:
        page = new_page(1280, 900)
        page.goto(url + "personas/")
        for name, rows in (("Lena Moss", HEAD), ("Omar Haddad", FACE_LOW)):
            photo = page.locator(".cr-card", has_text=name).locator("img")
            photo.scroll_into_view_if_needed()
            photo.evaluate("img => img.decode()")
            seen, whole = shown_head(photo, rows)
            assert seen >= whole * 0.9, f"{name}: {seen} of {whole:.0f} rows of the face shown"


def test_the_posters_keep_the_face(faces_site: Path, tmp_path: Path) -> None:
    """The posters' round photo is cut from the same square: Lena's head at the top and Omar's
    face at the bottom both show (a centred crop shows neither)."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing — install poppler: sudo apt-get install poppler-utils"
    for slug in ("lena-moss", "omar-haddad"):
        out = tmp_path / slug
        pdf = faces_site / f"print/poster-{slug}-a4.pdf"
        subprocess.run([pdftoppm, "-r", "60", "-png", "-singlefile", pdf, out], check=True)
        with Image.open(out.with_suffix(".png")) as poster:
            data = poster.convert("RGB").tobytes()
        pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
        red = sum(1 for r, g, b in pixels if r > 180 and g < 70 and b < 70)
        # The red face is a sixth of the photo's height: on a 56 mm circle at 60 dpi, over 300
        # pixels when it shows at all.
        assert red > 300, f"{slug}: the face is cut off the poster ({red} red pixels)"


def arcminutes(pixels: float, short_side_px: int, inches: float, metres: float) -> float:
    """The angle ``pixels`` of type takes at the eye, on a 16:9 screen of ``inches`` whose short
    side is ``short_side_px`` pixels, read from ``metres``."""
    millimetres = pixels * inches * 25.4 * 9 / math.hypot(16, 9) / short_side_px
    return math.degrees(math.atan(millimetres / (metres * 1000))) * 60


TYPE_CHECK = """() => {
  const slide = document.querySelector('.kiosk__slide.is-shown > article');
  const texts = [...slide.querySelectorAll('*'), document.querySelector('.kiosk__status')]
    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
  const size = (e) => parseFloat(getComputedStyle(e).fontSize);
  const body = [...slide.querySelectorAll('.k-line__text, .k-list__what, .k-persona__quote')];
  const lines = [...slide.querySelectorAll('.k-line__text')];
  return {smallest: Math.min(...texts.map(size)),
          body: body.length ? Math.min(...body.map(size)) : null,
          line: lines.length ? Math.min(...lines.map(size)) : null};
}"""


@pytest.mark.parametrize(
    ("width", "height", "screen"),
    [(1920, 1080, ""), (1080, 1920, ""), (1920, 1080, "&screen_inches=55&viewing_metres=4")],
)
def test_type_is_sized_for_the_screen_and_the_distance(
    new_page: Callable[..., Page], sample_url: str, width: int, height: int, screen: str
) -> None:
    """Nothing on any slide is under 16 arcminutes at the reader's eye (the usual minimum for a
    screen read at a distance), body text (transcript lines, visits, a persona's quote) is at 20
    or more, and a transcript line at 20: by default on a 43" screen from 3 m, or as the address
    says."""
    page = new_page(width, height, reduced_motion="reduce")
    open_at(page, sample_url + "?open=always" + screen, TUESDAY_NOON)
    config = page.evaluate(f"{KIOSK}.config")
    inches, metres = config["screen_inches"], config["viewing_metres"]
    assert (inches, metres) == ((55, 4) if screen else (43, 3))
    seen: dict[str, Any] = {}
    for _ in range(6):
        kind = page.evaluate(f"{KIOSK}.current.type")
        seen.setdefault(kind, page.evaluate(TYPE_CHECK))
        next_slide(page)
    assert set(seen) >= {"personas", "quotes", "clips", "visits"}, seen.keys()
    short = min(width, height)
    for kind, sizes in seen.items():
        smallest = arcminutes(sizes["smallest"], short, inches, metres)
        assert smallest >= 15.9, f"{kind}: type at {smallest:.1f} arcmin"
        if sizes["body"] is not None:
            body = arcminutes(sizes["body"], short, inches, metres)
            assert body >= 19.5, f"{kind}: body text at {body:.1f} arcmin"
        if sizes["line"] is not None:
            line = arcminutes(sizes["line"], short, inches, metres)
            assert 19.5 <= line <= 20.5, f"{kind}: a transcript line at {line:.1f} arcmin"
    assert "clips" in seen and seen["clips"]["line"] is not None


def test_the_offline_sign_comes_and_goes_within_seconds(
    new_page: Callable[..., Page], sample_url: str
) -> None:
    """At the default poll (every 3 minutes), the sign shows within 15 s of the server going
    away, as large as a slide's labels (16 arcminutes or more from 3 m on 43"), and goes when
    the server is back."""
    page = new_page()
    open_at(page, sample_url + "?open=always", TUESDAY_NOON)
    assert page.evaluate(f"{KIOSK}.config.poll_minutes") == 3
    page.route("**/version.json*", lambda route: route.abort())
    page.clock.run_for(16_000)
    page.wait_for_function(f"{KIOSK}.online === false", timeout=5000)
    sign = page.locator(".kiosk__status")
    assert "Offline" in sign.inner_text()
    size = float(sign.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert arcminutes(size, 1080, 43, 3) >= 15.9, size
    box = sign.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1920 and box["y"] + box["height"] <= 1080
    page.unroute("**/version.json*")
    page.clock.run_for(16_000)
    page.wait_for_function(f"{KIOSK}.online === true", timeout=5000)
    assert sign.inner_text().strip() == ""


FILL_CHECK = """() => {
  const slide = document.querySelector('.kiosk__slide.is-shown > article');
  const stage = document.querySelector('.kiosk__stage').getBoundingClientRect();
  const boxes = [...slide.querySelectorAll('*')].map((e) => e.getBoundingClientRect())
    .filter((r) => r.width && r.height);
  const top = Math.min(...boxes.map((r) => r.top));
  const bottom = Math.max(...boxes.map((r) => r.bottom));
  return {type: slide.parentElement.getAttribute('data-type'),
          tall: (bottom - top) / stage.height, text: slide.innerText.length};
}"""


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)])
def test_no_slide_is_mostly_empty(
    new_page: Callable[..., Page], kiosk_url: str, width: int, height: int
) -> None:
    """The kiosk room on a Tuesday: one agent away, a visitor today and one later in the week.
    The lending and visits slides fill at least half the screen's height, and every other slide
    at least two fifths."""
    page = new_page(width, height, reduced_motion="reduce")
    open_at(page, kiosk_url + "?open=always&slides=personas,quotes,visits,lending", TUESDAY_NOON)
    seen: dict[str, Any] = {}
    for _ in range(5):
        fill = page.evaluate(FILL_CHECK)
        seen.setdefault(fill["type"], fill)
        next_slide(page)
    assert set(seen) == {"personas", "quotes", "visits", "lending"}, seen
    for kind, fill in seen.items():
        least = 0.5 if kind in ("visits", "lending") else 0.4
        assert fill["tall"] >= least, f"{kind}: content fills {fill['tall']:.0%} of the height"


MOMENT_CHECK = """() => {
  const wave = document.querySelector('.kiosk__slide.is-shown .k-wave');
  const box = wave.getBoundingClientRect();
  const item = window.customerRoomKiosk.data.clips.find(
    (c) => 'clips/' + c.id.split('/')[1] === window.customerRoomKiosk.current.id);
  return {box: {x: box.x, y: box.y, width: box.width, height: box.height},
          from: item.window[0] / item.duration, to: item.window[1] / item.duration};
}"""


def test_the_calls_moment_shows_from_across_the_room(
    new_page: Callable[..., Page], sample_url: str
) -> None:
    """Seen from 3 m, where the waveform's bars blur together (the shot shrunk eightfold), the
    stretch of the call the slide is about is plainly darker than the rest of the call."""
    page = new_page(reduced_motion="reduce")
    open_at(page, sample_url + "?slides=clips&open=always", TUESDAY_NOON)
    found = page.evaluate(MOMENT_CHECK)
    box, start, end = found["box"], found["from"], found["to"]
    assert end - start > 0.05, found
    with Image.open(io.BytesIO(page.screenshot(clip=box))) as shot:
        far = shot.convert("L").resize((max(1, round(box["width"] / 8)), 4), Image.Resampling.BOX)
    columns = [sum(far.getpixel((x, y)) for y in range(4)) / 4 for x in range(far.width)]  # type: ignore[misc]
    inside = [v for x, v in enumerate(columns) if start + 0.02 < x / far.width < end - 0.02]
    outside = [v for x, v in enumerate(columns) if x / far.width > end + 0.02]
    assert inside and outside, found
    light, dark = sum(outside) / len(outside), sum(inside) / len(inside)
    assert light - dark >= 40, f"moment {dark:.0f}, rest of the call {light:.0f} (of 255)"


def test_the_screenshots_are_what_the_kiosk_shows_now(
    browser: Browser, sample_site_url: str, tmp_path: Path
) -> None:
    """Every slide type in both orientations is in screenshots/ and in the README, and each is
    what the kiosk shows today. Taken again the same way (scripts/kiosk_screenshots.py): the
    same words, every part of the slide within 4 px of where it was, and the picture the same
    once shrunk eightfold (colours, photos, the waveform; font smoothing, which a newer
    Chromium may change, averages out)."""
    spec = importlib.util.spec_from_file_location("shots", ROOT / "scripts/kiosk_screenshots.py")
    assert spec is not None and spec.loader is not None
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    names = shots.shoot(browser, sample_site_url, tmp_path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in ("personas", "quotes", "clips", "visits", "lending"):
        for side in ("landscape", "portrait"):
            assert f"kiosk-{kind}-{side}.png" in names
    redo = "run .venv/bin/python scripts/kiosk_screenshots.py and look at it"
    kept_layouts = json.loads((ROOT / "screenshots/kiosk-layout.json").read_text("utf-8"))
    now_layouts = json.loads((tmp_path / "kiosk-layout.json").read_text("utf-8"))
    for name in names:
        assert f"(screenshots/{name})" in readme, name
        kept, now = kept_layouts[name], now_layouts[name]
        assert kept["text"] == now["text"], f"screenshots/{name} has other words: {redo}"
        assert [p[0] for p in kept["parts"]] == [p[0] for p in now["parts"]], (name, redo)
        for was, is_ in zip(kept["parts"], now["parts"], strict=True):
            moved = max(abs(a - b) for a, b in zip(was[1:], is_[1:], strict=True))
            assert moved <= 4, f"screenshots/{name}: {was[0]} moved {moved} px: {redo}"
        with Image.open(ROOT / "screenshots" / name) as old, Image.open(tmp_path / name) as new:
            assert old.size == new.size, name
            small = (old.width // 8, old.height // 8)
            difference = ImageChops.difference(
                old.convert("L").resize(small, Image.Resampling.BOX),
                new.convert("L").resize(small, Image.Resampling.BOX),
            )
            changed = sum(count for count, level in difference.getcolors(256) or [] if level > 40)
            share = changed / (small[0] * small[1])
            assert share < 0.005, f"screenshots/{name}: {share:.1%} of it looks different: {redo}"
