"""The site's menu: index pages only, so every page does not carry every persona and quote."""

from __future__ import annotations

import html
from typing import Any

from ..content.room import Room

# content/home.md: the home page's heading and words, in place of the tool's own.
HOME_INTRO = "home"


def site_nav(room: Room, *, prints: bool = False) -> list[dict[str, Any]]:
    """The menu: index pages only, so every page does not carry every persona and quote;
    ``prints``: the room has its print page."""
    nav: list[dict[str, Any]] = [
        {"Home": "index.md"},
        {"Personas": "personas/index.md"},
        {"Quotes": "quotes/index.md"},
    ]
    if room.clips:
        nav.append({"Clips": "clips/index.md"})
    if room.visits:
        nav.append({"Peer visits": "visits.md"})
    if room.lends:
        nav.append({"Lending program": "lending.md"})
    if room.reading_list is not None:
        nav.append({"Reading list": "onboarding.md"})
    nav.append({"Balance": "balance.md"})
    if prints:
        nav.append({"Print": "print/index.md"})
    # MkDocs writes menu titles as they are: a content title is escaped here
    guides = [
        {html.escape(page.title): f"{page.slug}.md"}
        for page in room.pages
        if page.page.nav and page.slug != HOME_INTRO
    ]
    if guides:
        nav.append({"Guides": guides})
    nav.append({"Tags": "tags.md"})
    return nav
