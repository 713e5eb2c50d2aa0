"""The README's nginx example (deploy/nginx.conf) keeps the site working: the sample site served
with every header of its pages' location, browsed in Chromium, breaks no rule of its Content
Security Policy and still searches, plays, filters and rotates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from playwright.sync_api import Browser, ConsoleMessage, Page

from conftest import ROOT
from sitehelpers import serve_folder

CONFIG = ROOT / "deploy/nginx.conf"


def _block(text: str, opening: str) -> str:
    """The body of the block that starts with ``opening`` (braces counted)."""
    start = text.index(opening) + len(opening)
    depth, at = 1, start
    while depth:
        at += 1
        depth += {"{": 1, "}": -1}.get(text[at], 0)
    return text[start:at]


def nginx_headers() -> tuple[tuple[str, str], ...]:
    page_location = _block(CONFIG.read_text(encoding="utf-8"), "location / {")
    found = re.findall(r'add_header\s+(\S+)\s+"([^"]*)"\s+always;', page_location)
    assert len(found) >= 5, "the pages' location lists its headers"
    return tuple(found)


def nginx_types() -> tuple[tuple[str, str], ...]:
    body = _block(CONFIG.read_text(encoding="utf-8"), "types {")
    return tuple((f".{suffix}", kind) for kind, suffix in re.findall(r"(\S+/\S+)\s+(\w+);", body))


@pytest.fixture(scope="module")
def deployed(sample_build: tuple[Path, Result, dict[str, str]]) -> Iterator[str]:
    site, result, _ = sample_build
    assert result.exit_code == 0, result.stderr
    with serve_folder(site, nginx_headers(), nginx_types()) as url:
        yield url


def _watched(browser: Browser) -> tuple[Page, list[str]]:
    page = browser.new_page()
    refused: list[str] = []

    def heard(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refused.append(message.text)

    page.on("console", heard)
    page.on("pageerror", lambda error: refused.append(str(error)))
    return page, refused


def test_the_headers_are_the_ones_the_site_expects(deployed: str, browser: Browser) -> None:
    page, _ = _watched(browser)
    answer = page.goto(deployed)
    assert answer is not None
    headers = answer.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-robots-tag"] == "noindex, nofollow"
    feed = page.request.get(deployed + "visits.ics")
    assert feed.headers["content-type"].startswith("text/calendar")
    page.close()


@pytest.mark.parametrize("path", ["", "personas/", "quotes/", "visits/", "onboarding/"])
def test_pages_keep_to_the_policy(deployed: str, browser: Browser, path: str) -> None:
    page, refused = _watched(browser)
    page.goto(deployed + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert refused == []
    page.close()


def test_search_a_clip_and_the_kiosk_work_under_the_policy(deployed: str, browser: Browser) -> None:
    page, refused = _watched(browser)
    page.goto(deployed)
    page.locator(".md-search__input").fill("prescription")
    # The search worker builds its index first: slow on a loaded machine, so a generous wait.
    page.wait_for_selector(".md-search-result__item", timeout=45_000)
    page.goto(deployed + "clips/")
    page.locator("a[href*='clips/'], a[href$='/']").first.wait_for()
    first_clip = page.locator("article a[href]").filter(has_text=re.compile(r"\w")).first
    first_clip.click()
    audio = page.locator("audio").first
    audio.wait_for(state="attached")
    ready = page.evaluate(
        "async () => { const a = document.querySelector('audio'); a.muted = true;"
        " await a.play(); return a.readyState }"
    )
    assert ready >= 2
    page.goto(deployed + "kiosk/")
    page.wait_for_selector(".kiosk__slide.is-shown", timeout=15_000)
    assert refused == []
    page.close()
