"""Balance: shares by tone, estimated tones and likely mislabels, the negative-share limit, the
balance page's charts and tables, and mixes with a floor of positive items."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import build_room
from customer_room.build import check_room
from customer_room.content.balance import positive_mix
from customer_room.content.models import Tone
from customer_room.content.room import QuoteEntry
from customer_room.content.tone import estimate
from customer_room.settings import Settings

Cli = Callable[..., Result]
MakeRoom = Callable[[dict[str, str | bytes]], Path]

PERSONA = """---
name: {name}
segment: Retail banking
tagline: I like things simple.
---
{name} banks with us.
"""


def quote(text: str, persona: str, tone: str | None, themes: str) -> str:
    tone_line = f"    tone: {tone}\n" if tone else ""
    return (
        f'  - text: "{text}"\n    persona: {persona}\n{tone_line}'
        f"    themes: [{themes}]\n    source: survey\n"
    )


ROOM: dict[str, str | bytes] = {
    "personas/ann/persona.md": PERSONA.format(name="Ann Smith"),
    "personas/bob/persona.md": PERSONA.format(name="Bob Jones"),
    "content/quotes.yml": "quotes:\n"
    + quote("Lovely, quick and kind.", "ann", "positive", "app, trust")  # line 2
    + quote("The app froze again.", "ann", "negative", "app")  # line 7
    + quote("Fine, it got done.", "ann", "neutral", "billing")  # line 12
    + quote("Slow on the phone but the fix was good.", "bob", "mixed", "waiting")  # 17
    + quote("Waited an hour for nothing.", "bob", "negative", "waiting")  # line 22
    + quote("I love this bank, wonderful people, great help!", "bob", None, "trust")  # 27
    + quote("Terrible, awful, the worst service I have ever had.", "ann", "positive", "trust"),
}


@pytest.fixture
def room(make_room: MakeRoom) -> Path:
    return make_room(ROOM)


def settings(root: Path, tmp_path: Path, **options: object) -> Settings:
    return Settings(
        room_dir=root, cache_dir=tmp_path / "cache", today=dt.date(2026, 11, 24), **options
    )  # type: ignore[arg-type]


def test_shares_overall_per_persona_and_per_theme(room: Path, tmp_path: Path) -> None:
    balance = check_room(settings(room, tmp_path)).balance
    o = balance.overall
    # 7 quotes: given positive x2 (one a likely mislabel), negative x2, neutral, mixed, and one
    # without a tone whose words are glowing -> estimated positive.
    assert o.total == 7
    assert o.counts == {Tone.POSITIVE: 3, Tone.MIXED: 1, Tone.NEUTRAL: 1, Tone.NEGATIVE: 2}
    assert o.share(Tone.POSITIVE) == pytest.approx(3 / 7)
    by_persona = {s.label: s for s in balance.by_persona}
    assert by_persona["Ann Smith"].counts[Tone.NEGATIVE] == 1
    assert by_persona["Ann Smith"].total == 4
    assert by_persona["Bob Jones"].share(Tone.POSITIVE) == pytest.approx(1 / 3)
    themes = {s.label: s for s in balance.by_theme}
    assert themes["trust"].total == 3 and themes["trust"].counts[Tone.POSITIVE] == 3
    assert themes["app"].counts == {
        Tone.POSITIVE: 1,
        Tone.MIXED: 0,
        Tone.NEUTRAL: 0,
        Tone.NEGATIVE: 1,
    }
    assert balance.by_theme[0].label == "trust"  # the largest theme first
    best = balance.best["ann"]
    assert best is not None and isinstance(best, QuoteEntry)
    assert best.quote.text == "Lovely, quick and kind."  # the most positive of her positives


def test_estimated_tones_are_marked_and_mislabels_listed(
    cli: Cli, room: Path, tmp_path: Path
) -> None:
    checked = check_room(settings(room, tmp_path))
    estimated = checked.balance.estimated
    assert [i.quote.text for i in estimated] == [  # type: ignore[union-attr]
        "I love this bank, wonderful people, great help!"
    ]
    assert estimated[0].tone is Tone.POSITIVE and estimated[0].score > 0.5
    assert [str(m) for m in checked.balance.mislabels] == [
        "content/quotes.yml:31: the quote is marked positive, but its words read negative "
        f"(score {estimate('Terrible, awful, the worst service I have ever had.').score:+.2f})"
        " — check the tone"
    ]
    result = cli("check", "-f", str(room / "mkdocs.yml"))
    assert "1 tones estimated from the words" in result.output
    assert "likely mislabel: content/quotes.yml:31: the quote is marked positive" in result.output

    pages = {f.path: f.text for f in build_room(settings(room, tmp_path)).files if f.is_page}
    assert 'Positive<span class="cr-tone__estimated"' in pages["quotes/index.md"]
    page = pages["balance.md"]
    assert "## Estimated tones" in page and "I love this bank" in page
    assert "## Likely mislabels" in page and "content/quotes.yml:31" in page


def test_a_room_that_mostly_shows_the_worst_warns_and_fails_strict(
    cli: Cli, make_room: MakeRoom
) -> None:
    root = make_room(
        {
            "personas/ann/persona.md": PERSONA.format(name="Ann Smith"),
            "content/quotes.yml": "quotes:\n"
            + quote("Awful.", "ann", "negative", "app")
            + quote("Dreadful wait.", "ann", "negative", "waiting")
            + quote("Never again.", "ann", "negative", "waiting")
            + quote("It worked.", "ann", "neutral", "app"),
        }
    )
    config = root / "mkdocs.yml"
    result = cli("build", "-f", str(config), "-d", str(root / "site"))
    assert result.exit_code == 0, result.stderr
    assert "75% of the room's quotes and clips are negative, over the limit of 60%" in (
        result.stderr
    )
    assert "personas/ann/persona.md: Ann Smith is never shown at their best" in result.stderr
    strict = cli("build", "--strict", "-f", str(config), "-d", str(root / "site"))
    assert strict.exit_code == 1
    check = cli("check", "--strict", "-f", str(config))
    assert check.exit_code == 1 and "over it" in check.output

    config.write_text(
        config.read_text().replace(
            "  - customer-room\n", "  - customer-room:\n      balance_max_negative: 0.8\n"
        ),
        encoding="utf-8",
    )
    relaxed = cli("build", "-f", str(config), "-d", str(root / "site"))
    assert relaxed.exit_code == 0
    assert "over the limit" not in relaxed.stderr


def test_balance_page_has_charts_with_their_tables(room: Path, tmp_path: Path) -> None:
    pages = {f.path: f.text for f in build_room(settings(room, tmp_path)).files if f.is_page}
    page = pages["balance.md"]
    charts = re.findall(r'<svg class="cr-shares".*?</svg>', page, re.S)
    assert len(charts) == 3  # whole room, per persona, per theme
    for chart in charts:
        assert 'role="img"' in chart and "(the table below gives the same figures)" in chart
    persona_chart = charts[1]
    assert "Ann Smith" in persona_chart and "Bob Jones" in persona_chart
    # Ann: 1 of 4 positive given + 1 mislabel counted as given -> positive bar 2/4 of 560 px.
    assert re.search(r'class="cr-shares--positive" x="230.0" y="\d+" width="280.0"', persona_chart)
    tables = re.findall(r'<table class="cr-shares-table">.*?</table>', page, re.S)
    assert len(tables) == 3
    assert "<caption>Share of each tone for each persona</caption>" in tables[1]
    assert '<th scope="row">Bob Jones</th><td>33% (1)</td>' in tables[1]
    assert "Balance" in str(build_room(settings(room, tmp_path)).nav)


def test_mixes_keep_a_floor_of_positive_items(make_room: MakeRoom, tmp_path: Path) -> None:
    texts = [("Great.", "positive")] + [(f"Bad {n}.", "negative") for n in range(7)]
    root = make_room(
        {
            "personas/ann/persona.md": PERSONA.format(name="Ann Smith"),
            "content/quotes.yml": "quotes:\n"
            + "".join(quote(text, "ann", tone, "app") for text, tone in texts),
        }
    )
    result = build_room(settings(root, tmp_path, min_positive_share=0.5))
    data = json.loads(next(f for f in result.files if f.path == "kiosk/data.json").read_bytes())
    tones = [q["tone"] for q in data["quotes"]]
    assert tones.count("positive") / len(tones) >= 0.5
    assert len(tones) == 2  # one positive allows one other
    home = next(f for f in result.files if f.path == "index.md").text
    shown = re.findall(r'data-tone="(\w+)"', home)
    assert shown and shown.count("positive") / len(shown) >= 0.5

    off = build_room(settings(root, tmp_path, min_positive_share=0.0))
    data = json.loads(next(f for f in off.files if f.path == "kiosk/data.json").read_bytes())
    assert len(data["quotes"]) == 8


def test_positive_mix_spreads_the_others_it_keeps() -> None:
    class Item:
        def __init__(self, tone: Tone) -> None:
            self.tone = tone

    items = [Item(Tone.POSITIVE)] * 2 + [Item(Tone.NEGATIVE) for _ in range(6)]
    mixed = positive_mix(items, 0.4)  # type: ignore[type-var]
    assert sum(1 for i in mixed if i.tone is Tone.POSITIVE) == 2
    assert len(mixed) == 5  # 2 positive may carry 3 others at 40 %
    assert positive_mix(items, 0.0) == items  # type: ignore[type-var]
    assert positive_mix([Item(Tone.NEGATIVE)], 0.5) == []  # type: ignore[type-var]


def test_a_held_back_clip_appears_nowhere_in_the_site(
    cli: Cli, make_room: MakeRoom, tmp_path: Path
) -> None:
    """A clip without consent is left out of the balance page too (its charts and tables, its
    likely mislabels with its file and score), and a quote said in it links to nothing."""
    from audiohelpers import speechlike, write_recording

    root = make_room(
        {
            **ROOM,
            "content/quotes.yml": str(ROOM["content/quotes.yml"])
            + quote("I only wanted the fee explained.", "ann", "neutral", "fees")
            + "    clip: overdraft-quarrel\n    at: 1.0\n",
            "clips/overdraft-quarrel.vtt": "WEBVTT\n\n00:00:00.500 --> 00:00:03.000\n"
            "<v Customer>This is terrible, awful, the worst bank I have ever known.\n",
            "clips/overdraft-quarrel.yml": "title: Quibbling over the overdraft fee\n"
            "persona: ann\nmoment: praise\ntone: positive\ntags: [overdraft]\n"
            "audio: overdraft-quarrel.pcm.wav\ntranscript: overdraft-quarrel.vtt\n",
        }
    )
    write_recording(speechlike(4), root / "clips/overdraft-quarrel.pcm.wav")
    site = tmp_path / "site"
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert "clips/overdraft-quarrel.yml: consent: left out of the site" in result.stderr
    hidden = ("overdraft-quarrel", "Quibbling over the overdraft fee", "overdraft")
    found = [
        (value, path.relative_to(site).as_posix())
        for path in sorted(site.rglob("*"))
        if path.is_file()
        for value in hidden
        if value.lower().encode() in path.read_bytes().lower()
    ]
    assert found == []
    page = (site / "balance/index.html").read_text()
    assert "8 quotes and clips" in page, "only the quotes are counted"
    assert "content/quotes.yml:31" in page, "the quote's mislabel is still listed"
