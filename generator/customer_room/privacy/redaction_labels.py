"""Typed markers (``[card number]``) in a page's HTML become words for screen readers: "card
number removed", not "left bracket card number right bracket"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from .pii import PRIORITY

TAG = re.compile(r"(<[^>]+>)")


def marker_pattern(extra_kinds: Iterable[str] = ()) -> re.Pattern[str]:
    kinds = sorted({*PRIORITY, "personal data", *extra_kinds}, key=len, reverse=True)
    return re.compile(r"\[(" + "|".join(re.escape(k) for k in kinds) + r")\]")


def label_markers(html: str, pattern: re.Pattern[str]) -> str:
    """Wrap each marker in the text of ``html`` (not in tags, not one already wrapped, not in
    an SVG drawing, where a ``span`` is not drawn: a chart's label stays as it is)."""
    if not pattern.search(html):  # most pages hold none: no need to take them apart
        return html
    parts = TAG.split(html)
    in_svg = 0
    for index in range(0, len(parts), 2):  # even parts are text between tags
        previous = parts[index - 1] if index else ""
        if previous.startswith("<svg"):
            in_svg += 1
        elif previous.startswith("</svg"):
            in_svg -= 1
        if in_svg or "cr-redacted" in previous or "[" not in parts[index]:
            continue
        parts[index] = pattern.sub(
            lambda m: (
                f'<span class="cr-redacted" role="img" aria-label="{escape(m.group(1))} '
                f'removed">{m.group(0)}</span>'
            ),
            parts[index],
        )
    return "".join(parts)
