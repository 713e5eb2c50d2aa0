"""The balance page: shares by tone as charts with their tables, each persona at their best,
estimated tones and likely mislabels."""

from __future__ import annotations

from ..content.balance import TONES, Balance
from .balance_views import shares_svg
from .render import PageSpec

BALANCE_PAGE = "balance.md"


def balance_page(balance: Balance) -> PageSpec:
    return PageSpec(
        BALANCE_PAGE,
        "balance.md.j2",
        {
            "balance": balance,
            "tones": TONES,
            "overall_svg": shares_svg([balance.overall], "Tone of the whole room", "cr-overall"),
            "persona_svg": shares_svg(balance.by_persona, "Tone by persona", "cr-by-persona"),
            "theme_svg": shares_svg(balance.by_theme, "Tone by theme", "cr-by-theme"),
        },
    )
