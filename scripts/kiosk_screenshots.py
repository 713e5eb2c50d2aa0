"""Take the README's kiosk screenshots: the sample room's kiosk at 1920x1080 and 1080x1920,
on a Tuesday at noon, and one of every slide type in both orientations
(kiosk-<type>-<orientation>.png), on the Thursday after next at noon, when someone is away on a
lend and a visitor comes that day. tests/browser/test_kiosk_look.py takes them again the same
way and checks them against these.

    .venv/bin/python scripts/kiosk_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from customer_room.cli import main  # noqa: E402
from sitehelpers import CHROMIUM, CHROMIUM_ARGS, serve_folder  # noqa: E402

NOON = dt.datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/London"))
THURSDAY = dt.datetime(2026, 12, 3, 12, 0, tzinfo=ZoneInfo("Europe/London"))
SHOTS = [(1920, 1080, "kiosk-landscape.png"), (1080, 1920, "kiosk-portrait.png")]
TYPES = ["personas", "quotes", "clips", "visits", "lending"]
ORIENTATIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def take() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        result = CliRunner().invoke(
            main,
            ["build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site), "--today", "2026-11-24"],
        )
        if result.exit_code:
            sys.exit(result.output)
        with serve_folder(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in shoot(browser, url, ROOT / "screenshots"):
                print("wrote", f"screenshots/{name}")
            browser.close()


# What each screenshot shows, beside the picture: the slide's words and where each of its
# parts is. A test compares these exactly (a changed word, a moved line) and the pictures only
# coarsely (colours and photos), so a newer Chromium's font smoothing does not fail it.
LAYOUT = """() => {
  const slide = document.querySelector('.kiosk__slide.is-shown > article');
  const parts = [...slide.querySelectorAll('*')].map((e) => {
    const r = e.getBoundingClientRect();
    return [e.tagName.toLowerCase() + '.' + [...e.classList].join('.'),
            Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
  }).filter((p) => p[3] && p[4]);
  return {type: slide.parentElement.getAttribute('data-type'), text: slide.innerText, parts};
}"""


def shoot(browser: Browser, url: str, out: Path) -> list[str]:
    """Every screenshot of the sample site served at ``url``, into ``out`` with what each shows
    (kiosk-layout.json); the screenshots' names."""
    match = shutil.which("fc-match")
    font = subprocess.run([match, "DejaVu Sans"], capture_output=True, text=True) if match else None
    if font is None or "DejaVuSans" not in font.stdout:
        # The kiosk's first font: the committed screenshots are set in it, and another would
        # move every line (the kiosk itself falls back to the system's own sans-serif).
        sys.exit("DejaVu Sans is missing: sudo apt-get install fonts-dejavu-core (./dev does it)")
    shots = [("", NOON, width, height, name) for width, height, name in SHOTS]
    shots += [
        (f"?slides={kind}&open=always", THURSDAY, *size, f"kiosk-{kind}-{side}.png")
        for kind in TYPES
        for side, size in ORIENTATIONS.items()
    ]
    layouts: dict[str, object] = {}
    for query, when, width, height, name in shots:
        context = browser.new_context(
            viewport={"width": width, "height": height}, reduced_motion="reduce"
        )
        page = context.new_page()
        # Installed a little early: a pause at a time the running clock has already passed (a
        # busy machine) is refused.
        page.clock.install(time=when - dt.timedelta(seconds=5))
        page.clock.pause_at(when)
        page.goto(url + "kiosk/" + query)
        page.wait_for_selector(".kiosk__slide.is-shown article", state="attached")
        for photo in page.locator(".kiosk__slide.is-shown img").all():
            photo.evaluate("img => img.decode()")
        page.screenshot(path=str(out / name))
        layouts[name] = page.evaluate(LAYOUT)
        context.close()
    (out / "kiosk-layout.json").write_text(json.dumps(layouts, indent=1) + "\n", encoding="utf-8")
    return [name for *_, name in shots]


if __name__ == "__main__":
    take()
