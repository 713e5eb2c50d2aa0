"""Where the face is in a persona's photo, so that every square crop of it (the site's cards, the
kiosk, the posters) keeps the face whole.

A persona writes ``photo_focus: top`` (the default), ``center``, ``bottom left``, or two
percentages, across then down (``50% 20%``). The crop is placed the way CSS places an
``object-position``: 0% keeps the photo's top (or left) edge, 100% its bottom (or right) edge.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ACROSS = {"left": 0, "right": 100}
_DOWN = {"top": 0, "bottom": 100}
_CENTRE = {"center", "centre", "middle"}
_PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)%?$")
HINT = (
    "write where the face is: top, center or bottom (and left or right), "
    "or two percentages, across then down, like '50% 20%'"
)


class Focus(NamedTuple):
    """A point in the photo, in percent across and down."""

    x: int
    y: int

    def css(self) -> str:
        return f"{self.x}% {self.y}%"


# A portrait photo's head is its highest part: keeping the top never cuts it.
DEFAULT_FOCUS = Focus(50, 0)


def parse_focus(text: str) -> Focus:
    """``text`` as a point, or ValueError saying what to write. As in CSS, an axis no word
    names is centred (``top`` is the middle of the top edge), and a percentage takes the axis
    the word beside it leaves, or else its place: across first, then down."""
    words = [w for w in re.split(r"[\s,]+", text.strip().lower()) if w]
    if not 1 <= len(words) <= 2:
        raise ValueError(f"'{_short(text)}' is not a place in the photo — {HINT}")
    axes: dict[str, float] = {}
    numbers: list[tuple[int, float]] = []
    for place, word in enumerate(words):
        if word in _ACROSS and "x" not in axes:
            axes["x"] = _ACROSS[word]
        elif word in _DOWN and "y" not in axes:
            axes["y"] = _DOWN[word]
        elif (match := _PERCENT.match(word)) and float(match[1]) <= 100:
            numbers.append((place, float(match[1])))
        elif word not in _CENTRE:
            raise ValueError(f"'{_short(text)}' is not a place in the photo — {HINT}")
    if len(words) == 1 and numbers:
        raise ValueError(f"'{_short(text)}' is not a place in the photo — {HINT}")
    for place, number in numbers:
        free = [axis for axis in ("x", "y") if axis not in axes]
        if not free:
            raise ValueError(f"'{_short(text)}' is not a place in the photo — {HINT}")
        axes[free[0] if len(free) == 1 else ("x", "y")[place]] = number
    return Focus(round(axes.get("x", 50)), round(axes.get("y", 50)))


def normal_focus(text: str | None) -> str | None:
    """The field's validator: a point written the one way (``50% 20%``)."""
    return None if text is None else parse_focus(text).css()


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"
