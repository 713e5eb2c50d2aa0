"""Markup from content never becomes live markup: a payload in every text field of every
content type (and the site's name), built with MkDocs, then every HTML page parsed: no element
and no attribute comes from a field."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import Result

from audiohelpers import speechlike, write_recording
from conftest import ENGINES

RoomMaker = Callable[[dict[str, str | bytes]], Path]
# Closes an attribute, a tag and a quote, then opens elements that would run script.
PAYLOAD = "x\"'><img src=x onerror=alert(1)><script>alert(2)</script><b data-pwned=1>y"
CONSENT = "consent: {reference: CR-1, date: 2026-01-05, scope: internal training}\n"


def q(value: str = PAYLOAD) -> str:
    """``value`` as a YAML double-quoted string."""
    return json.dumps(value)


def room_files() -> dict[str, str | bytes]:
    p = q()
    return {
        "mkdocs.yml": (
            f"site_name: {p}\nsite_description: {p}\ndocs_dir: content\n"
            "theme: {name: material, font: false}\n"
            "plugins:\n  - search\n  - tags\n  - customer-room:\n      timezone: Europe/London\n"
        ),
        "personas/ada/persona.md": (
            f"---\nname: {p}\nsegment: {p}\nindustry: {p}\ntagline: {p}\n"
            f"goals: [{p}]\nfrustrations: [{p}]\nvalues: [{p}]\nlife: {p}\n"
            f"tags: [{p}]\nat_a_glance: {{{p}: {p}}}\n---\n{PAYLOAD}\n"
        ),
        "content/quotes.yml": (
            f"quotes:\n  - text: {p}\n    persona: ada\n    tone: positive\n"
            f"    source: review\n    themes: [{p}]\n    tags: [{p}]\n"
        ),
        "content/guide.md": f"---\ntitle: {p}\nsummary: {p}\ntags: [{p}]\n---\n\n{PAYLOAD}\n",
        "content/heading.md": f"# {PAYLOAD}\n\nA page titled by its heading.\n",
        "clips/call.yml": (
            f"title: {p}\nsummary: {p}\npersona: ada\nmoment: praise\ntone: positive\n"
            f"audio: call.pcm.wav\ntranscript: call.txt\ntags: [{p}]\n"
            f"speakers: {{Agent: {p}}}\n{CONSENT}"
        ),
        "clips/call.txt": f"Agent: hello {PAYLOAD} how can I help\nCustomer: thanks\n",
        "content/visits.yml": (
            f"visits:\n  - id: one\n    visitor: {p}\n    role: {p}\n    department: {p}\n"
            f"    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: {p}\n"
            f"    focus: {p}\n    notes: {p}\n    tags: [{p}]\n"
        ),
        "content/lending.yml": (
            f"lending:\n  - id: two\n    agent: {p}\n    home_team: {p}\n"
            f"    host_function: {p}\n    start: 2026-06-01\n    end: 2026-06-12\n"
            f"    host_contact: {p}\n    goals: [{p}]\n    outcome: {p}\n    tags: [{p}]\n"
        ),
        "content/onboarding.yml": (
            f"title: {p}\nintro: {p}\nsections:\n  - title: {p}\n    intro: {p}\n"
            f"    items:\n      - page: guide\n        note: {p}\n"
            f"      - url: https://intranet.example/x\n        title: {p}\n        note: {p}\n"
        ),
    }


# Pages whose Markdown body holds the payload: a body may hold HTML, which is cleaned (an
# allow-list keeps <img> and <b>, drops handlers and scripts), so only script is looked for
# there; everywhere else no element at all may come from content.
BODIES = {"guide/index.html", "heading/index.html", "personas/ada/index.html"}
BODIES_TOO = {"onboarding-print/index.html"}  # prints the reading list's pages whole


class Elements(HTMLParser):
    """Every element and attribute of a page that a payload could have made: script always,
    any element of the payload where the page has no body that holds it."""

    def __init__(self, body: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.body = body
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if "onerror" in names:
            self.found.append(f"<{tag} onerror>")
        if not self.body and "data-pwned" in names:
            self.found.append(f"<{tag} data-pwned>")
        if not self.body and tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(2)" in data:
            self.found.append("<script>alert(2)")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_payload_in_every_field_is_text_on_every_page(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path, engine: str
) -> None:
    root = make_room(room_files())
    write_recording(speechlike(3.0), root / "clips/call.pcm.wav")
    site = tmp_path / "site"
    config = str(root / "mkdocs.yml")
    result = cli(
        "build", "-f", config, "-d", str(site), "--today", "2026-06-01", "--engine", engine
    )
    assert result.exit_code == 0, result.stderr
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    live = {}
    for page in pages:
        name = str(page.relative_to(site))
        parser = Elements(body=name in BODIES | BODIES_TOO)
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            live[name] = parser.found
    assert live == {}, json.dumps(live, indent=1)
    shown = (site / "guide/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown, "the payload is shown as text"
    texts = Shown()
    texts.feed(shown)
    if engine == "mkdocs":
        assert texts.logo_title == PAYLOAD, "the site's name is escaped once, not twice"
    else:  # Zensical escapes the name in the logo's tooltip only (said in the README)
        assert texts.logo_title == html.escape(PAYLOAD)
    assert texts.title.endswith(f" - {PAYLOAD}"), texts.title


class Shown(HTMLParser):
    """The page's <title> and its logo's tooltip, as a reader sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.logo_title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and "md-logo" in (found.get("class") or "") and self.logo_title is None:
            self.logo_title = found.get("title")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
