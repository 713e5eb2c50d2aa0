"""Content cut to the room a place has for it: a poster, a card, a kiosk slide. A field may hold
a whole file; what shows of it is bounded."""

from __future__ import annotations


def short(text: str, limit: int) -> str:
    """``text`` with its spaces made single, cut at a word to at most ``limit`` characters,
    the ellipsis included."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
