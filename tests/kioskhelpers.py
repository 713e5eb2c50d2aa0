"""What the kiosk's browser tests share: the kiosk test room built once, pages in fresh
contexts, a mocked clock, and the kiosk's state object (window.customerRoomKiosk)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from conftest import ROOMS, run_cli
from sitehelpers import serve_folder

LONDON = ZoneInfo("Europe/London")
TUESDAY_NOON = dt.datetime(2026, 11, 24, 12, 0, tzinfo=LONDON)
KIOSK = "window.customerRoomKiosk"


def build(room: Path, site: Path) -> None:
    result = run_cli(
        "build", "-f", str(room / "mkdocs.yml"), "-d", str(site), "--today", "2026-11-24"
    )
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def kiosk_room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/rooms/kiosk: two personas, three quotes, visits and lending, dayparts, open hours."""
    room = tmp_path_factory.mktemp("kiosk") / "room"
    shutil.copytree(ROOMS / "kiosk", room)
    build(room, room / "site")
    return room


@pytest.fixture(scope="module")
def kiosk_url(kiosk_room: Path) -> Iterator[str]:
    with serve_folder(kiosk_room / "site") as url:
        yield url + "kiosk/"


@pytest.fixture
def sample_url(sample_site_url: str) -> str:
    """The sample room's kiosk, which has every slide type, clips included."""
    return sample_site_url + "kiosk/"


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Pages in fresh contexts; playwright's own waits need eval, which the kiosk's CSP forbids,
    so most tests bypass it (test_kiosk_runs_under_its_own_csp checks the real thing)."""
    contexts: list[BrowserContext] = []

    def make(width: int = 1920, height: int = 1080, **options: Any) -> Page:
        options.setdefault("bypass_csp", True)
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


def open_at(page: Page, url: str, when: dt.datetime, *, first_slide: bool = True) -> None:
    """Open the kiosk with the page's clock stopped at ``when``; time moves by run_for only.
    Waits for the first slide (or a closed screen), unless ``first_slide`` is false."""
    # Installed a little before ``when``: the installed clock runs until it is paused, and a
    # pause "in the past" (a machine under load took a moment between the two) is refused.
    # Nothing is loaded yet, so no timer fires on the way.
    page.clock.install(time=when - dt.timedelta(seconds=5))
    page.clock.pause_at(when)
    page.goto(url)
    shown = f"({KIOSK}.changes >= 1 || {KIOSK}.closed)" if first_slide else "true"
    page.wait_for_function(f"{KIOSK} && {shown}")


def run(page: Page, seconds: float, step: float = 0.5) -> None:
    """Move the mocked clock on, a step at a time, letting each slide finish building."""
    for _ in range(round(seconds / step)):
        page.clock.run_for(int(step * 1000))
        page.wait_for_function(f"!{KIOSK}.busy")


def next_slide(page: Page) -> None:
    """Move the clock on by the slide's own seconds: the next slide shows."""
    seconds = page.evaluate(f"{KIOSK}.config.seconds[{KIOSK}.current.type]")
    run(page, seconds, step=seconds)


def shown(page: Page) -> list[tuple[str, str, float]]:
    """(type, id, seconds since the first slide) of every slide shown so far."""
    log = page.evaluate(f"{KIOSK}.log")
    start = log[0]["at"]
    return [(e["type"], e["id"], round((e["at"] - start) / 1000, 3)) for e in log]


def current_text(page: Page) -> str:
    return page.locator(".kiosk__slide.is-shown").inner_text()
