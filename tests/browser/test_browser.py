"""The built sample room in a real Chromium: photos, search, quote filters, no outside requests."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from conftest import ENGINES

pytestmark = pytest.mark.browser


@pytest.fixture
def site_url(request: pytest.FixtureRequest) -> str:
    """The sample site built with MkDocs, or with the engine a test is run with."""
    engine = getattr(request, "param", "mkdocs")
    name = "sample_site_url" if engine == "mkdocs" else f"{engine}_site_url"
    return str(request.getfixturevalue(name))


# The smoke tests, on every engine.
on_both_engines = pytest.mark.parametrize("site_url", ENGINES, indirect=True)


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests  # type: ignore[attr-defined]
    yield page
    context.close()


def search(page: Page, site_url: str, words: str) -> str:
    """Type into the theme's search box once its index has loaded, as a person would; the
    results' text, once they hold ``words``. Material's box is in the header; Zensical's is
    a dialog its button opens."""
    page.goto(site_url, wait_until="networkidle")
    page.locator(".md-search__input, .md-search__button").first.click()
    page.keyboard.type(words, delay=20)
    results = page.locator(".md-search-result__item, dialog[aria-label=Search]")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        said = " ".join(results.all_inner_texts())
        if words.lower() in said.lower():
            return said
        page.wait_for_timeout(200)
    raise AssertionError(f"search found nothing for '{words}'")


@on_both_engines
def test_persona_page_shows_its_photo(page: Page, site_url: str) -> None:
    page.goto(site_url + "personas/maria-okafor/")
    image = page.locator(".cr-persona-hero img")
    image.wait_for()
    assert image.get_attribute("alt")
    loaded = image.evaluate("img => img.complete && img.naturalWidth")
    assert loaded >= 320
    assert image.evaluate("img => img.currentSrc").endswith(".webp")


@on_both_engines
def test_search_finds_a_persona_by_a_word_from_their_story(page: Page, site_url: str) -> None:
    assert "Walter" in search(page, site_url, "pigeons")


@on_both_engines
def test_quote_filter_narrows_the_wall(page: Page, site_url: str) -> None:
    page.goto(site_url + "quotes/")
    visible = ".cr-quote-wall .cr-quote:not([hidden])"
    total = page.locator(visible).count()
    assert total >= 40
    cards = page.locator(visible)
    page.select_option("select[name=tone]", "negative")
    negatives = cards.evaluate_all("cards => cards.map(c => c.dataset.tone)")
    assert 0 < len(negatives) < total
    assert set(negatives) == {"negative"}
    page.select_option("select[name=persona]", "maria-okafor")
    both = cards.evaluate_all("cards => cards.map(c => [c.dataset.tone, c.dataset.persona])")
    assert 0 < len(both) < len(negatives)
    assert {tuple(pair) for pair in both} == {("negative", "maria-okafor")}
    assert "tone=negative" in page.url
    count_text = page.locator(".cr-filter-count").inner_text()
    assert f"of {total} quotes" in count_text
    page.click(".cr-filters button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('{visible}').length === {total}")


@on_both_engines
def test_no_request_leaves_the_site(page: Page, site_url: str) -> None:
    for path in (
        "",
        "personas/",
        "personas/walter-brennan/",
        "quotes/",
        "tags/",
        "empathy-statements/",
        "clips/",
        "clips/tom-overdraft-fee/",
    ):
        page.goto(site_url + path, wait_until="networkidle")
    search(page, site_url, "claim")
    requests: list[str] = page.requests  # type: ignore[attr-defined]
    assert len(requests) > 10
    hosts = {urlparse(url).hostname for url in requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, f"requests left the site: {sorted(hosts)}"


def test_filter_works_from_a_shared_link(page: Page, site_url: str) -> None:
    page.goto(site_url + "quotes/?tone=positive")
    tones = page.locator(".cr-quote-wall .cr-quote:not([hidden])").evaluate_all(
        "cards => cards.map(c => c.dataset.tone)"
    )
    assert tones and set(tones) == {"positive"}
    assert page.locator("select[name=tone]").input_value() == "positive"


CLIP = "clips/walter-large-print/"


def audio_time(page: Page) -> float:
    return float(page.evaluate("document.querySelector('.cr-player audio').currentTime"))


@on_both_engines
def test_clip_page_plays(page: Page, site_url: str) -> None:
    page.goto(site_url + CLIP, wait_until="networkidle")
    assert page.locator(".cr-player audio").get_attribute("controls") is None
    page.click(".cr-player__play")
    page.wait_for_function(
        "() => { const a = document.querySelector('.cr-player audio');"
        " return !a.paused && a.currentTime > 0.5; }",
        timeout=15000,
    )
    assert page.locator(".cr-player__play").get_attribute("aria-label") == "Pause"
    page.click(".cr-player__play")
    assert page.evaluate("document.querySelector('.cr-player audio').paused")


def test_highlighted_line_follows_playback(page: Page, site_url: str) -> None:
    page.goto(site_url + CLIP, wait_until="networkidle")
    lines = page.locator(".cr-transcript .cr-line")
    assert lines.count() >= 6
    for index in (2, 5):
        second_word = lines.nth(index).locator(".cr-w").nth(1)
        start = float(second_word.get_attribute("data-start") or 0)
        end = float(second_word.get_attribute("data-end") or 0)
        middle = (start + end) / 2
        page.evaluate(f"document.querySelector('.cr-player audio').currentTime = {middle}")
        page.wait_for_function(
            f"() => document.querySelectorAll('.cr-line.is-current')[0] === "
            f"document.querySelectorAll('.cr-transcript .cr-line')[{index}]",
            timeout=5000,
        )
        current = page.locator(".cr-line.is-current")
        assert current.count() == 1 and current.get_attribute("aria-current") == "true"
        word = page.locator(".cr-line.is-current .cr-w.is-word")
        assert word.count() == 1
        assert float(word.get_attribute("data-start") or 0) == start


def test_clicking_a_line_seeks_there(page: Page, site_url: str) -> None:
    page.goto(site_url + CLIP, wait_until="networkidle")
    line = page.locator(".cr-transcript .cr-line").nth(4)
    start = float(line.get_attribute("data-start") or 0)
    line.locator(".cr-line__text").click()
    page.wait_for_function(
        f"() => Math.abs(document.querySelector('.cr-player audio').currentTime - {start}) < 0.6",
        timeout=5000,
    )
    page.locator(".cr-transcript .cr-line").nth(1).locator(".cr-line__seek").press("Enter")
    second = float(page.locator(".cr-transcript .cr-line").nth(1).get_attribute("data-start") or 0)
    page.wait_for_function(
        f"() => Math.abs(document.querySelector('.cr-player audio').currentTime - {second}) < 0.6",
        timeout=5000,
    )


def test_a_link_to_a_moment_starts_there(page: Page, site_url: str) -> None:
    page.goto(site_url + CLIP + "#t=20", wait_until="networkidle")
    page.wait_for_function(
        "() => { const a = document.querySelector('.cr-player audio');"
        " return a.currentTime >= 20 && a.currentTime < 23; }",
        timeout=10000,
    )
    assert 20 <= audio_time(page) < 23


def test_clip_filter_narrows_the_list(page: Page, site_url: str) -> None:
    page.goto(site_url + "clips/")
    cards = page.locator("[data-cr-items=clips] > :not([hidden])")
    total = cards.count()
    assert total >= 8
    page.select_option("select[name=moment]", "delight")
    moments = cards.evaluate_all("cards => cards.map(c => c.dataset.moment)")
    assert 0 < len(moments) < total and set(moments) == {"delight"}


@on_both_engines
def test_calendar_timeline_and_subscribe_links(page: Page, site_url: str) -> None:
    page.goto(site_url + "visits/", wait_until="networkidle")
    calendar = page.locator("svg.cr-calendar")
    assert calendar.is_visible()
    assert calendar.locator("rect").count() >= 28
    assert calendar.locator("text", has_text="today").count() == 1
    assert page.locator(".cr-calendar-list li").count() >= 4, "the calendar's text equivalent"
    link = page.locator(".cr-subscribe a").first
    href = link.get_attribute("href") or ""
    assert href.endswith("visits.ics")
    feed = page.request.get(page.url + href)
    assert feed.ok and feed.text().startswith("BEGIN:VCALENDAR")
    page.goto(site_url + "lending/", wait_until="networkidle")
    timeline = page.locator("svg.cr-timeline")
    assert timeline.is_visible() and timeline.locator("rect.cr-timeline__bar").count() >= 1
    box = timeline.bounding_box()
    assert box is not None and box["width"] > 300
    feed = page.request.get(
        page.url + (page.locator(".cr-subscribe a").first.get_attribute("href") or "")
    )
    assert "BEGIN:VEVENT" in feed.text()


@on_both_engines
def test_balance_page_shows_charts_tables_and_each_persona_at_their_best(
    page: Page, site_url: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "balance/")
    charts = page.get_by_role(
        "img", name=re.compile(r"^Tone (of the whole room|by persona|by theme)")
    )
    assert charts.count() == 3
    for index in range(3):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 20
    persona_table = page.locator("table", has=page.locator("caption", has_text="for each persona"))
    assert persona_table.is_visible()
    assert persona_table.locator("tbody tr").count() == 7  # the sample room's seven personas
    verdict = page.locator(".cr-balance-verdict").inner_text()
    assert "% positive" in verdict and "Within the limit of 60% negative" in verdict
    best = page.locator("h2:has-text('At their best') + ul li")
    assert best.count() == 7
    best.first.get_by_role("link").first.click()
    assert "/personas/" in page.url
    page.goto(site_url + "quotes/")
    assert page.get_by_text("(estimated)").first.is_visible()
    assert errors == []
