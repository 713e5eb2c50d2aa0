"""A crowded room on the kiosk, in a real Chromium: nothing runs off a slide whatever the
content, and every list shows its entries or counts, as its last item, those it left out."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from conftest import ROOMS
from kioskhelpers import KIOSK, TUESDAY_NOON, build, next_slide, open_at
from sitehelpers import serve_folder

pytestmark = pytest.mark.browser

LONG = "and then, because nobody had written it down anywhere, we went through it again "


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kiosk room on a busy Tuesday, with content far longer than a slide: five agents
    away, six visitors today and three later in the week, a quote and a
    tagline thousands of characters long, and a segment without a space in it."""
    room = tmp_path_factory.mktemp("crowded") / "room"
    shutil.copytree(ROOMS / "kiosk", room)
    lends = "".join(
        f"  - id: away-{n}\n    agent: Agent Number {n} Fitzgerald-Okonkwo\n"
        f"    home_team: Retention and renewals line {n}\n"
        f"    host_function: Pricing, product and digital team {n}\n"
        f"    start: 2026-11-{16 + n}\n    end: 2026-12-{4 + n:02d}\n"
        for n in range(1, 5)
    )
    with (room / "content/lending.yml").open("a", encoding="utf-8") as file:
        file.write(lends)
    visits = "".join(
        f"  - id: busy-{n}\n    visitor: Visitor {n} Abernathy-Castellanos\n"
        f"    role: Senior product manager\n    department: Digital channels\n"
        f'    date: 2026-11-{24 if n < 6 else 26}\n    start: "{9 + n:02d}:00"\n'
        f'    end: "{10 + n:02d}:00"\n    host: Claims team (Moira)\n    focus: {LONG * 3}\n'
        for n in range(9)
    )
    with (room / "content/visits.yml").open("a", encoding="utf-8") as file:
        file.write(visits)
    with (room / "content/quotes.yml").open("a", encoding="utf-8") as file:
        file.write(
            f'  - id: huge\n    text: "{LONG * 60}"\n    persona: omar-haddad\n'
            "    tone: positive\n    source: call\n"
        )
    lena = room / "personas/lena-moss/persona.md"
    text = lena.read_text(encoding="utf-8")
    text = text.replace("segment: Home insurance", "segment: " + "homeandcontentsinsurance" * 6)
    text = text.replace(
        "name: Lena Moss",
        "name: Lena Moss of the seaside town with the long pier and the old lighthouse",
    )
    lena.write_text(
        text.replace(
            'tagline: "Tell me what happens next, and I\'ll be fine."', f'tagline: "{LONG * 50}"'
        ),
        encoding="utf-8",
    )
    build(room, room / "site")
    return room / "site"


OVERFLOW_CHECK = """() => {
  const slide = document.querySelector('.kiosk__slide.is-shown > article');
  const lists = [...slide.querySelectorAll('.k-lends, .k-list__items, .k-clip__lines')];
  const count = (list) => {
    const note = list.querySelector(':scope > .k-list__more');
    return [list.querySelectorAll(':scope > li:not(.k-list__more)').length,
            note ? parseInt(note.textContent.replace(/\\D+/g, ''), 10) : 0];
  };
  return {type: slide.parentElement.getAttribute('data-type'),
          id: window.customerRoomKiosk.current.id,
          cut: [...slide.querySelectorAll('[data-fit=cut]')].map((e) => e.textContent)
            .filter((text) => text.includes('…')),
          fitted: (slide.getAttribute('data-fitted') || '').split(' ').filter(Boolean),
          quote: !!slide.querySelector('.k-persona__quote'),
          over: slide.scrollHeight - slide.clientHeight,
          wide: slide.scrollWidth - slide.clientWidth,
          lists: lists.map(count),
          notes: slide.querySelectorAll('.k-list__more').length,
          notesInLists: slide.querySelectorAll(':is(ul, ol) > li.k-list__more').length};
}"""


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920), (1280, 1024)])
@pytest.mark.parametrize("metres", [3, 4])
def test_everything_on_a_crowded_slide_shows_or_is_counted(
    new_page: Callable[..., Page], crowded_site: Path, width: int, height: int, metres: int
) -> None:
    """No slide runs off the screen, whatever its content: long words break, long fields are
    cut short, the large type comes down, and entries that do not fit are counted ("and 4
    more"): what shows and what is counted add up to all there is."""
    with serve_folder(crowded_site) as url:
        page = new_page(width, height, reduced_motion="reduce")
        open_at(
            page,
            url + "kiosk/?open=always&slides=personas,quotes,visits,lending"
            f"&viewing_metres={metres}",
            TUESDAY_NOON,
        )
        seen: dict[str, list[Any]] = {}
        for _ in range(16):
            check = page.evaluate(OVERFLOW_CHECK)
            seen.setdefault(check["type"], []).append(check)
            next_slide(page)
    assert set(seen) == {"personas", "quotes", "visits", "lending"}, seen.keys()
    ids = {check["id"] for checks in seen.values() for check in checks}
    assert {"quotes/huge", "personas/lena-moss", "personas/omar-haddad"} <= ids, ids
    for kind, checks in seen.items():
        for check in checks:
            assert check["over"] <= 1 and check["wide"] <= 1, (kind, check)
            for text in check["cut"]:  # cut at a word, with words left, a quote still closed
                assert len(text.split("…")[0].strip("“ ")) >= 10, (kind, text)
                assert text.startswith("“") == text.endswith("”"), (kind, text)
            if kind == "personas" and "cut" in check["fitted"]:  # the quote goes first
                assert not check["quote"], check
            # Each note is the last item of the list it counts, never under another one.
            assert check["notes"] == check["notesInLists"], (kind, check)
    # 1 + 4 agents away (with five away, who comes next is left to the site); 1 + 6 visitors
    # today and 1 + 3 later in the week: each list shows or counts all of its own.
    lending = seen["lending"][0]
    assert [sum(counts) for counts in lending["lists"]] == [5], lending
    visits = seen["visits"][0]
    assert [sum(counts) for counts in visits["lists"]] == [7, 4], visits
    assert any(more for _, more in visits["lists"]), visits
    if (width, height, metres) == (1280, 1024, 4):  # Lena's words do not fit: her quote goes
        lena = [c for c in seen["personas"] if c["id"] == "personas/lena-moss"]
        assert all("drop" in c["fitted"] and not c["quote"] for c in lena), lena


CLIP_CHECK = """() => {
  const slide = document.querySelector('.kiosk__slide.is-shown > article');
  const id = window.customerRoomKiosk.current.id;
  const item = window.customerRoomKiosk.data.clips.find(
    (c) => 'clips/' + c.id.split('/')[1] === id);
  const note = slide.querySelector('.k-clip__lines > .k-list__more');
  return {id, over: slide.scrollHeight - slide.clientHeight, lines: item.lines.length,
          shown: slide.querySelectorAll('.k-clip__lines > .k-line').length,
          note: note ? note.textContent : ''};
}"""


def clip_slides(page: Page) -> Iterator[int]:
    """Every clip in turn, checked: nothing runs off, and the lines shown and counted ("and 1
    more line") are all the call's lines; yields how many were counted."""
    for _ in range(len(page.evaluate(f"{KIOSK}.data.clips"))):
        check = page.evaluate(CLIP_CHECK)
        assert check["over"] <= 1, check
        left = int(check["note"].split()[1]) if check["note"] else 0
        assert check["shown"] + left == check["lines"], check
        if left:
            assert check["note"] == f"and {left} more line{'s' if left > 1 else ''}", check
        yield left
        next_slide(page)


def test_a_transcript_that_does_not_fit_counts_its_lines(
    new_page: Callable[..., Page], sample_url: str
) -> None:
    """Read from 4 m, the type is larger and a long call's lines may not all fit: those that
    do not are counted under the transcript ("and 1 more line"), never lost without a word."""
    counted = 0
    for width, height in ((1920, 1080), (1280, 720)):
        page = new_page(width, height, reduced_motion="reduce")
        open_at(page, sample_url + "?open=always&slides=clips&viewing_metres=4", TUESDAY_NOON)
        counted += sum(clip_slides(page))
    assert counted, "no transcript was long enough to leave a line out: make one longer"


COVER_CHECK = """() => {
  const box = (e) => e.getBoundingClientRect();
  const meet = (a, b) =>
    a.right > b.left && a.left < b.right && a.bottom > b.top && a.top < b.bottom;
  const sign = box(document.querySelector('.kiosk__status'));
  const pause = box(document.querySelector('.kiosk__pause'));
  const frame = document.querySelector('.kiosk__slide.is-shown');
  const slide = frame.querySelector('article');
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const covered = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (meet(r, sign) || meet(r, pause)) covered.push(node.textContent.slice(0, 40));
    }
  }
  return {type: frame.getAttribute('data-type'), covered, sign: sign.height,
          signOnSlide: meet(sign, box(frame)), pauseOnSlide: meet(pause, box(frame))};
}"""


@pytest.mark.parametrize(
    ("width", "height", "turn"),
    [(1920, 1080, ""), (1080, 1920, ""), (1920, 1080, "&orientation=portrait")],
)
def test_the_offline_sign_covers_nothing_on_a_full_slide(
    new_page: Callable[..., Page], crowded_site: Path, width: int, height: int, turn: str
) -> None:
    """Offline, with every slide as full as it gets (read from 4 m, so the type is at its
    largest), on a screen the right way up or turned on its side: the sign in the corner and
    the pause button are off the slides' area, and over no text."""
    with serve_folder(crowded_site) as url:
        page = new_page(width, height, reduced_motion="reduce")
        open_at(page, url + "kiosk/?open=always&viewing_metres=4" + turn, TUESDAY_NOON)
        page.route("**/version.json*", lambda route: route.abort())
        page.clock.run_for(16_000)
        page.wait_for_function(f"{KIOSK}.online === false", timeout=5000)
        seen = set()
        for _ in range(8):
            check = page.evaluate(COVER_CHECK)
            assert check["sign"] > 20, check
            assert check["covered"] == [], check
            assert not check["signOnSlide"] and not check["pauseOnSlide"], check
            seen.add(check["type"])
            next_slide(page)
    assert seen >= {"personas", "quotes", "visits", "lending"}, seen


@pytest.fixture(scope="module")
def short_week_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short week with long words: a visitor today and one on Thursday (so the slide is set
    large), three after the week (so "Coming up" fills it), every focus 200 characters."""
    room = tmp_path_factory.mktemp("short-week") / "room"
    shutil.copytree(ROOMS / "kiosk", room)
    days = ["2026-11-24", "2026-11-26", "2026-12-01", "2026-12-02", "2026-12-03"]
    (room / "content/visits.yml").write_text(
        "visits:\n"
        + "".join(
            f"  - id: visit-{n}\n    visitor: Visitor {n} Abernathy-Castellanos\n"
            f"    role: Senior product manager\n    department: Digital channels\n"
            f'    date: {day}\n    start: "14:00"\n    end: "15:00"\n'
            f"    host: Claims team (Moira)\n    focus: {LONG * 3}\n"
            for n, day in enumerate(days)
        ),
        encoding="utf-8",
    )
    build(room, room / "site")
    return room / "site"


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("metres", [3, 4])
def test_a_short_week_with_long_words_gives_up_size_before_people(
    new_page: Callable[..., Page], short_week_site: Path, width: int, height: int, metres: int
) -> None:
    """Two visitors are set large with who comes next under them; where that runs off the
    screen, the large type goes first, then "Coming up" (there only to fill the screen): the
    two visitors always show in full, and "Coming up" is whole or gone, never counted."""
    with serve_folder(short_week_site) as url:
        page = new_page(width, height, reduced_motion="reduce")
        query = f"kiosk/?open=always&slides=visits&viewing_metres={metres}"
        open_at(page, url + query, TUESDAY_NOON)
        check = page.evaluate(OVERFLOW_CHECK)
        classes = page.locator(".kiosk__slide.is-shown > article").get_attribute("class")
        coming = page.locator(".kiosk__slide.is-shown .k-coming").count()
    assert check["over"] <= 1 and check["wide"] <= 1, check
    assert check["notes"] == 0, check
    assert check["lists"][:2] == [[1, 0], [1, 0]], check
    assert coming in (0, 2), coming  # the heading with its list, or neither
    assert classes is not None and "is-few" not in classes.split(), classes  # it had to fit


LONG_LINE = "and the letter said one thing, the app another, and the branch a third thing again, "


def test_a_crowded_call_fits_a_square_screen_read_from_far(
    new_page: Callable[..., Page], sample_url: str
) -> None:
    """Every transcript line over 300 characters, a name hidden in it, and a long title, on a
    5:4 screen read from 4 m (the type at its largest for the screen): nothing runs off, lines
    that do not fit are counted, the long ones are cut at a word with "…" after the hidden
    name, whose marker stays whole."""
    page = new_page(1280, 1024, reduced_motion="reduce")

    def crowd(route: Any) -> None:
        data = route.fetch().json()
        for clip in data["clips"]:
            clip["title"] = (LONG_LINE * 3)[:200]
            for line in clip["lines"]:
                line["parts"] = [["text", "It was "], ["removed", "name"], ["text", LONG_LINE * 4]]
        route.fulfill(json=data)

    page.route("**/kiosk/data.json*", crowd)
    open_at(page, sample_url + "?open=always&slides=clips&viewing_metres=4", TUESDAY_NOON)
    for _ in clip_slides(page):
        lines = page.locator(".kiosk__slide.is-shown .k-line__text")
        texts = lines.all_inner_texts()
        assert texts and all(text.startswith("It was [name]") for text in texts), texts
        assert all(text.endswith("…") and len(text) < 300 for text in texts), texts
        words = {word.strip(",") for word in LONG_LINE.split()}
        assert all(text[:-1].split()[-1].strip(",") in words for text in texts), texts
        markers = page.locator(".kiosk__slide.is-shown .k-line__text .k-removed").all_inner_texts()
        assert markers == ["[name]"] * len(texts), markers


@pytest.mark.parametrize(
    ("slides", "portrait", "landscape"),
    [("personas", (1024, 1280), (1280, 1024)), ("visits", (1080, 1920), (1920, 1080))],
)
def test_a_screen_turned_on_its_side_fits_the_slide_on_show_again(
    new_page: Callable[..., Page],
    crowded_site: Path,
    slides: str,
    portrait: tuple[int, int],
    landscape: tuple[int, int],
) -> None:
    """The screen turns from portrait to landscape (orientation auto) while a full slide is on
    show: it fits the new shape at once, not only from the next slide (Lena's quote goes, the
    visits are cut); turned back, it is as it was (nothing given up for the other shape stays
    given up), its photo still showing."""
    with serve_folder(crowded_site) as url:
        page = new_page(*portrait, reduced_motion="reduce")
        open_at(page, url + f"kiosk/?open=always&slides={slides}&viewing_metres=4", TUESDAY_NOON)
        before = page.evaluate(OVERFLOW_CHECK)
        page.set_viewport_size(dict(zip(("width", "height"), landscape, strict=True)))
        page.wait_for_function("document.documentElement.dataset.layout === 'landscape'")
        turned = page.evaluate(OVERFLOW_CHECK)
        page.set_viewport_size(dict(zip(("width", "height"), portrait, strict=True)))
        page.wait_for_function("document.documentElement.dataset.layout === 'portrait'")
        back = page.evaluate(OVERFLOW_CHECK)
        assert page.evaluate(f"{KIOSK}.changes") == 1
        photos = page.locator(".kiosk__slide.is-shown img").evaluate_all(
            "images => images.map((img) => img.complete && img.naturalWidth > 0)"
        )
    assert turned["over"] <= 1 and turned["wide"] <= 1, turned
    assert turned["fitted"] != before["fitted"], (before, turned)  # the new shape asked more
    keep = ("cut", "lists", "fitted", "quote")
    assert [back[k] for k in keep] == [before[k] for k in keep], (before, back)
    assert photos == ([True] if slides == "personas" else []), photos
