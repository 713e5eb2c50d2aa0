"""Charts of the balance page, drawn at build time as SVG: one stacked bar per group, the share
of each tone along it. The page gives the same figures as a table beside each chart."""

from __future__ import annotations

from html import escape

from ..content.balance import TONES, Shares

ROW = 34
LABEL = 230
BAR = 560
LEGEND = 30


def shares_svg(rows: list[Shares], title: str, chart_id: str) -> str:
    """A stacked bar per row (tone shares from 0 to 100%), labelled, with a legend."""
    height = LEGEND + len(rows) * ROW + 4
    parts = [
        f'<svg class="cr-shares" viewBox="0 0 {LABEL + BAR + 70} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)} (the table below gives the same '
        "figures)</title>"
    ]
    x = LABEL
    for tone in TONES:
        parts.append(
            f'<rect class="cr-shares__key cr-shares--{tone.value}" x="{x}" y="6" width="14" '
            f'height="14"></rect><text class="cr-shares__legend" x="{x + 20}" y="18">'
            f"{tone.value.capitalize()}</text>"
        )
        x += 120
    for index, row in enumerate(rows):
        y = LEGEND + index * ROW
        label = row.label if len(row.label) <= 28 else row.label[:27] + "…"
        parts.append(
            f'<text class="cr-shares__label" x="{LABEL - 10}" y="{y + 21}" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        start = 0.0
        for tone in TONES:
            width = row.share(tone) * BAR
            if width > 0:
                parts.append(
                    f'<rect class="cr-shares--{tone.value}" x="{LABEL + start:.1f}" y="{y + 4}" '
                    f'width="{width:.1f}" height="{ROW - 10}"></rect>'
                )
            start += width
        parts.append(
            f'<text class="cr-shares__total" x="{LABEL + BAR + 8}" y="{y + 21}">{row.total}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
