"""Accessibility of every page type, checked by axe-core (npm) in Debian's Chromium: no serious
or critical WCAG 2.2 AA violation in the light or the dark scheme, kiosk slides included; a walk
by keyboard only; names, roles and states for screen readers; reflow at 320 px and 200 % zoom."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page

from conftest import ROOT
from customer_room.privacy.redaction_labels import label_markers, marker_pattern

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NOON = dt.datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/London"))

# Every page type of the room, by address.
PAGES = {
    "home": "",
    "persona index": "personas/",
    "persona": "personas/maria-okafor/",
    "quotes wall": "quotes/",
    "quotes wall, filtered": "quotes/?tone=negative",
    "clip index": "clips/",
    "clip": "clips/maria-card-blocked/",
    "visits and calendar": "visits/",
    "lending and timeline": "lending/",
    "reading list": "onboarding/",
    "reading list, print view": "onboarding-print/",
    "balance": "balance/",
    "tags": "tags/",
    "free page": "why-this-room/",
}


def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(
            f"{AXE} is missing — install axe-core from the npm registry: "
            "npm ci --prefix tests/a11y (./dev test does this for you)"
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def site_url(sample_site_url: str) -> str:
    return sample_site_url


def new_page(browser: Browser, **options: Any) -> Page:
    options.setdefault("viewport", {"width": 1280, "height": 900})
    return browser.new_context(**options).new_page()


def axe(page: Page, where: str) -> list[dict[str, Any]]:
    """Run axe on the page as it is now; print what it found; return the violations."""
    page.add_script_tag(content=axe_source())
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
          }));
        }""",
        TAGS,
    )
    for v in violations:
        print(f"axe {where}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}")
    return violations


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_has_no_serious_violations(
    browser: Browser, site_url: str, name: str, scheme: str
) -> None:
    page = new_page(browser, color_scheme=scheme)
    page.goto(site_url + PAGES[name], wait_until="networkidle")
    if name == "clip":  # the player playing, a line highlighted
        page.get_by_role("button", name="Play").click()
        page.wait_for_selector(".cr-line.is-current")
    found = serious(axe(page, f"{name} ({scheme})"))
    page.context.close()
    assert found == [], found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_serious_violations(
    browser: Browser, site_url: str, scheme: str
) -> None:
    page = new_page(browser, color_scheme=scheme)
    page.goto(site_url, wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("mortgage", delay=20)
    page.wait_for_selector(".md-search-result__item")
    # Checked once the results stand still: a colour half-way through a transition is no
    # colour a reader sees.
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta')?.textContent.includes('matching')"
        " && document.getAnimations().every(a => a.playState !== 'running')"
    )
    found = serious(axe(page, f"search results ({scheme})"))
    page.context.close()
    assert found == [], found


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["personas", "quotes", "clips", "visits"])
def test_every_kiosk_slide_has_no_serious_violations(
    browser: Browser, site_url: str, theme: str, kind: str
) -> None:
    page = new_page(
        browser, viewport={"width": 1920, "height": 1080}, bypass_csp=True, reduced_motion="reduce"
    )
    # The clock starts at a Tuesday noon and runs (axe itself needs timers that fire).
    page.clock.install(time=NOON)
    page.goto(site_url + f"kiosk/?theme={theme}&slides={kind}&seconds=600")
    page.wait_for_function("window.customerRoomKiosk && window.customerRoomKiosk.changes >= 1")
    assert page.evaluate("window.customerRoomKiosk.current.type") == kind
    found = serious(axe(page, f"kiosk {kind} ({theme})"))
    page.context.close()
    assert found == [], found


# What each page must let a keyboard reach (by selector) and how many of them at least.
CONTROLS = {
    "clip": [".cr-player__play", ".cr-player__seek", ".cr-player__speed select", ".cr-line__seek"],
    "quotes wall": [".cr-filters select"],
    "clip index": [".cr-filters select"],
    "reading list": [".cr-reading-item__check", ".cr-reading-list__reset"],
    "visits and calendar": ["a[href$='.ics']"],
    "persona": [".cr-reading-footer__mark", ".cr-reading-footer__next"],
}

FOCUS_STYLE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
               (s.boxShadow && s.boxShadow !== 'none');
  const r = e.getBoundingClientRect();
  return {ring, visible: r.width > 0 && r.height > 0, tag: e.tagName,
          cls: String(e.className),
          name: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40)};
}"""


@pytest.mark.parametrize("name", list(CONTROLS))
def test_keyboard_reaches_every_control_with_a_visible_focus_ring(
    browser: Browser, site_url: str, name: str
) -> None:
    page = new_page(browser)
    page.goto(site_url + PAGES[name], wait_until="networkidle")
    wanted = {selector: False for selector in CONTROLS[name]}
    no_ring = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus is None:
            continue
        # A visually hidden input (the theme's scheme switch) shows focus on its label.
        if focus["visible"] and not focus["ring"]:
            no_ring.append(focus)
        for selector in wanted:
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                wanted[selector] = True
        if all(wanted.values()) and page.evaluate(
            "document.activeElement.closest('.md-footer') !== null"
        ):
            break
    page.context.close()
    assert all(wanted.values()), wanted
    assert no_ring == [], no_ring[:5]


def test_controls_work_from_the_keyboard(browser: Browser, site_url: str) -> None:
    page = new_page(browser)
    # Player: Space plays, arrows seek, Enter on a transcript line jumps there.
    page.goto(site_url + PAGES["clip"], wait_until="networkidle")
    page.locator(".cr-player__play").focus()
    page.keyboard.press("Space")
    page.wait_for_function("!document.querySelector('.cr-player__audio').paused")
    page.keyboard.press("Space")
    assert page.evaluate("document.querySelector('.cr-player__audio').paused")
    page.locator(".cr-line__seek").nth(3).focus()
    page.keyboard.press("Enter")
    start = float(page.locator(".cr-line").nth(3).get_attribute("data-start") or 0)
    page.wait_for_function(
        f"Math.abs(document.querySelector('.cr-player__audio').currentTime - {start}) < 0.5"
    )
    # Quote filter: choose a tone with the keyboard.
    page.goto(site_url + PAGES["quotes wall"], wait_until="networkidle")
    before = page.locator(".cr-quote:visible").count()
    page.locator(".cr-filters select[name='tone']").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        f"document.querySelectorAll('.cr-quote:not([hidden])').length < {before}"
    )
    # Reading list: Space ticks a box.
    page.goto(site_url + PAGES["reading list"], wait_until="networkidle")
    box = page.locator(".cr-reading-item__check").first
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    page.context.close()


def test_screen_readers_get_names_roles_and_states(browser: Browser, site_url: str) -> None:
    page = new_page(browser)
    page.goto(site_url + PAGES["clip"], wait_until="networkidle")
    play = page.get_by_role("button", name="Play")
    assert play.count() == 1
    assert page.get_by_role("slider", name="Position in the call").count() == 1
    assert page.get_by_role("combobox", name=re.compile("Speed")).count() == 1
    assert page.get_by_role("list", name="Transcript of the call").count() == 1
    marker = page.get_by_role("img", name=re.compile(r" removed$")).first
    assert marker.is_visible()  # a hidden stretch reads "... removed", not brackets
    live = page.locator(".cr-player [aria-live='polite']")
    assert live.count() == 1
    play.click()
    # The button is renamed when playback starts (the audio's "play" event), not at the click.
    page.get_by_role("button", name="Pause").wait_for()
    page.wait_for_selector(".cr-line[aria-current='true']")
    page.wait_for_function(
        "document.querySelector(\".cr-player [aria-live='polite']\").textContent.length > 0"
    )
    announced = live.inner_text()
    current = page.locator(".cr-line[aria-current='true'] .cr-line__text").inner_text()
    assert current.split()[0] in announced  # the line, announced once, not word by word
    # Charts and drawings have names and a text version beside them.
    page.goto(site_url + PAGES["balance"])
    assert page.get_by_role("img", name=re.compile("^Tone by persona")).count() == 1
    assert page.get_by_role("table", name="Share of each tone for each persona").count() == 1
    page.goto(site_url + PAGES["visits and calendar"])
    assert page.get_by_role("img", name=re.compile("^Visits in")).count() == 1
    page.goto(site_url + PAGES["lending and timeline"])
    assert page.get_by_role("img", name=re.compile("^Lends from")).count() == 1
    # Photos keep their alt text.
    page.goto(site_url + PAGES["persona"])
    assert page.get_by_role("img", name=re.compile("^Illustrated portrait of Maria")).count() >= 1
    page.context.close()


def test_markers_in_any_page_text_read_as_words() -> None:
    html = '<p>My card is [card number], call [phone number].</p><img alt="[name]">'
    labelled = label_markers(html, marker_pattern())
    assert '<span class="cr-redacted" role="img" aria-label="card number removed">' in labelled
    assert 'aria-label="phone number removed">[phone number]</span>' in labelled
    assert '<img alt="[name]">' in labelled  # attributes are left alone
    once = '<span class="cr-redacted" role="img" aria-label="name removed">[name]</span>'
    assert label_markers(once, marker_pattern()) == once
    custom = marker_pattern(["member number"])
    assert "member number removed" in label_markers("<p>[member number]</p>", custom)


REFLOW = """() => ({scroll: document.documentElement.scrollWidth,
                   width: document.documentElement.clientWidth})"""


@pytest.mark.parametrize(
    ("width", "height", "zoom"), [(320, 640, 1), (640, 450, 2)], ids=["320px", "200%"]
)
def test_pages_reflow_without_sideways_scrolling(
    browser: Browser, site_url: str, width: int, height: int, zoom: int
) -> None:
    """320 CSS px wide, and a 1280 px window at 200 % zoom (640 CSS px)."""
    page = new_page(browser, viewport={"width": width, "height": height}, device_scale_factor=zoom)
    wide = {}
    for name, address in PAGES.items():
        page.goto(site_url + address)
        size = page.evaluate(REFLOW)
        if size["scroll"] > size["width"]:
            wide[name] = size
    page.context.close()
    assert wide == {}, wide


def test_kiosk_is_readable_in_both_themes_with_aa_contrast(browser: Browser, site_url: str) -> None:
    """The kiosk's colours, checked by axe above, also hold for its least contrasted text."""
    for theme in ("light", "dark"):
        page = new_page(
            browser,
            viewport={"width": 1920, "height": 1080},
            bypass_csp=True,
            reduced_motion="reduce",
        )
        page.clock.install(time=NOON)
        page.goto(site_url + f"kiosk/?theme={theme}&slides=quotes&seconds=600")
        page.wait_for_function("window.customerRoomKiosk && window.customerRoomKiosk.changes >= 1")
        found = axe(page, f"kiosk contrast ({theme})")
        page.context.close()
        assert [v for v in found if v["id"] == "color-contrast"] == []
