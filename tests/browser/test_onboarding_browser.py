"""The reading list in a real Chromium: ticks kept across reloads and rebuilds, "next" links,
"mark as read", the print view, and the list without JavaScript."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import ROOMS, run_cli
from sitehelpers import serve_folder

pytestmark = pytest.mark.browser


def build(room: Path) -> None:
    result = run_cli("build", "-f", str(room / "mkdocs.yml"), "-d", str(room / "site"))
    assert result.exit_code == 0, result.stderr


def built_copy(folder: Path) -> Path:
    """tests/rooms/full, copied and built: its reading list has two personas, a page, a link
    and an optional page."""
    target = folder / "full"
    shutil.copytree(ROOMS / "full", target, ignore=shutil.ignore_patterns("expected"))
    build(target)
    return target


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One build for the tests that only read the list (each in a fresh browser context)."""
    with serve_folder(built_copy(tmp_path_factory.mktemp("reading")) / "site") as url:
        yield url


@pytest.fixture
def room(tmp_path: Path) -> Path:
    """A room of its own, for a test that changes the list."""
    return built_copy(tmp_path)


@pytest.fixture
def own_site_url(room: Path) -> Iterator[str]:
    with serve_folder(room / "site") as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def ticked(page: Page) -> list[str]:
    return page.locator(".cr-reading-item__check:checked").evaluate_all(
        "boxes => boxes.map(b => b.closest('[data-item]').dataset.item)"
    )


def test_a_ticked_item_stays_ticked_after_a_reload(page: Page, site_url: str) -> None:
    page.goto(site_url + "onboarding/")
    status = page.locator(".cr-reading-list__status")
    assert page.locator(".cr-reading-list__progress").is_visible()
    assert status.inner_text() == "0 of 4 required items read · 15 minutes to go"
    page.get_by_label("Read: Omar Haddad").check()
    assert status.inner_text() == "1 of 4 required items read · 14 minutes to go"
    page.reload()
    assert ticked(page) == ["persona-omar-haddad"]
    assert page.locator(".cr-reading-list__bar").evaluate("bar => bar.value") == 1
    assert status.inner_text() == "1 of 4 required items read · 14 minutes to go"

    page.get_by_role("button", name="Reset my progress").click()
    assert ticked(page) == []
    page.reload()
    assert ticked(page) == []
    assert page.errors == []  # type: ignore[attr-defined]


def test_progress_survives_reordering_the_list(page: Page, room: Path, own_site_url: str) -> None:
    page.goto(own_site_url + "onboarding/")
    page.get_by_label("Read: Lena Moss").check()
    page.get_by_label("Read: Empathy statements").check()

    plan = room / "content" / "onboarding.yml"
    text = plan.read_text(encoding="utf-8")
    # Empathy first, Lena last: different positions, same ids.
    text = text.replace("      - persona: lena-moss\n", "")
    text = text.replace("      - page: empathy\n", "")
    text = text.replace("    items:\n", "    items:\n      - page: empathy\n", 1)
    text += "      - persona: lena-moss\n"
    plan.write_text(text, encoding="utf-8")
    time.sleep(1.1)  # the test server's Last-Modified has one-second steps: let it see the change
    build(room)

    page.reload()
    order = page.locator("[data-item]").evaluate_all("items => items.map(i => i.dataset.item)")
    assert order[0] == "page-empathy" and order[-1] == "persona-lena-moss"
    assert sorted(ticked(page)) == ["page-empathy", "persona-lena-moss"]


def test_next_goes_to_the_next_item_and_mark_as_read_ticks_it(page: Page, site_url: str) -> None:
    page.goto(site_url + "personas/lena-moss/")
    footer = page.locator(".cr-reading-footer")
    assert "item 1 of 5" in footer.inner_text()
    footer.get_by_role("link", name="Next in your reading list: Omar Haddad →").click()
    assert page.url == site_url + "personas/omar-haddad/"
    page.get_by_role("button", name="Mark as read").click()
    assert page.locator(".cr-reading-footer__mark").get_attribute("aria-pressed") == "true"
    page.locator(".cr-reading-footer").get_by_role("link", name="Empathy statements").click()
    assert page.url == site_url + "empathy/"
    next_link = page.locator(".cr-reading-footer__next")
    assert next_link.get_attribute("href") == "https://intranet.example/complaints"

    page.goto(site_url + "onboarding/")
    assert ticked(page) == ["persona-omar-haddad"]


def test_print_view_contains_every_required_item(page: Page, site_url: str) -> None:
    page.goto(site_url + "onboarding/")
    required = page.locator('[data-required="true"] .cr-reading-item__link').all_inner_texts()
    assert required == ["Lena Moss", "Omar Haddad", "Empathy statements", "Complaints policy"]
    page.get_by_role("link", name="The whole path as one document").click()
    page.wait_for_url(site_url + "onboarding-print/")
    page.wait_for_load_state("load")  # the whole document, not the first part to arrive
    page.emulate_media(media="print")
    headings = page.locator("h3.cr-print-item").all_inner_texts()
    for number, title in enumerate(required, start=1):
        assert f"{number}. {title}" in headings
        assert page.get_by_role("heading", name=f"{number}. {title}").is_visible()
    assert page.get_by_text("After the storm Lena called us").is_visible()
    assert not page.locator(".md-header").is_visible()  # paper gets the text only
    assert not page.locator(".md-sidebar--primary").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_the_list_works_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "onboarding/")
    links = page.locator(".cr-reading-item__link")
    assert links.count() == 5
    assert not page.locator(".cr-reading-item__check").first.is_visible()  # ticks need JS
    assert not page.locator(".cr-reading-list__progress").is_visible()
    assert (
        "5 items, about 18 minutes of reading"
        in page.locator(".cr-reading-list__totals").inner_text()
    )
    links.first.click()
    assert page.url == site_url + "personas/lena-moss/"
    assert page.locator(".cr-reading-footer__next").is_visible()
    assert not page.locator(".cr-reading-footer__mark").is_visible()
    assert all(r.startswith(site_url) for r in requests), requests
    context.close()
