"""Balance: how much of the room shows customers at their best, overall, per persona and per
theme; a warning when it mostly shows the worst; mixes with a floor of positive items."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ..errors import Report
from .clip_models import Moment
from .models import Tone
from .room import ClipEntry, QuoteEntry, Room
from .tone import Mislabel

TONES = (Tone.POSITIVE, Tone.MIXED, Tone.NEUTRAL, Tone.NEGATIVE)
BEST_MOMENTS = (Moment.DELIGHT, Moment.PRAISE)

Item = QuoteEntry | ClipEntry
T = TypeVar("T", QuoteEntry, ClipEntry)


@dataclass
class Shares:
    """Counts of items by tone, for one group (the room, a persona, a theme)."""

    label: str
    counts: dict[Tone, int] = field(default_factory=lambda: dict.fromkeys(TONES, 0))
    key: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, tone: Tone) -> float:
        return self.counts[tone] / self.total if self.total else 0.0

    def add(self, tone: Tone) -> None:
        self.counts[tone] += 1


@dataclass
class Balance:
    overall: Shares
    by_persona: list[Shares]
    by_theme: list[Shares]
    best: dict[str, Item | None]  # persona slug -> an item at their best, or None
    estimated: list[Item]
    mislabels: list[Mislabel]
    max_negative: float

    @property
    def too_negative(self) -> bool:
        return self.overall.total > 0 and self.overall.share(Tone.NEGATIVE) > self.max_negative

    def summary(self) -> list[str]:
        """What ``customer-room check`` prints."""
        o = self.overall
        parts = ", ".join(f"{o.share(t):.0%} {t.value}" for t in TONES)
        lines = [
            f"Balance: {o.total} quotes and clips — {parts} "
            f"(limit {self.max_negative:.0%} negative{', over it' if self.too_negative else ''})"
        ]
        for shares in self.by_persona:
            lines.append(
                f"  {shares.label}: {shares.total} items, {shares.share(Tone.POSITIVE):.0%} "
                f"positive, {shares.share(Tone.NEGATIVE):.0%} negative"
                + ("" if self.best.get(shares.key) else " — nothing at their best")
            )
        lines.append(f"  {len(self.estimated)} tones estimated from the words")
        lines += [f"  likely mislabel: {m}" for m in self.mislabels]
        return lines


def room_balance(
    room: Room, published: Sequence[ClipEntry], mislabels: list[Mislabel], max_negative: float
) -> Balance:
    """Shares by tone of the quotes and published clips, each persona's best item, and the
    likely mislabels among them (a clip held back is nowhere in the site, not even here)."""
    items: list[Item] = [*room.quotes, *published]
    shown = {item.path for item in items}
    overall = Shares("The whole room")
    personas = {p.slug: Shares(p.persona.name, key=p.slug) for p in room.personas}
    themes: dict[str, Shares] = {}
    own: dict[str | None, list[Item]] = {}
    for item in items:
        overall.add(item.tone)
        slug = _persona_of(item)
        own.setdefault(slug, []).append(item)
        if slug in personas:
            personas[slug].add(item.tone)
        for theme in _themes_of(item):
            themes.setdefault(theme.lower(), Shares(theme, key=theme.lower())).add(item.tone)
    best = {p.slug: _best_of(own.get(p.slug, [])) for p in room.personas}
    return Balance(
        overall,
        list(personas.values()),
        sorted(themes.values(), key=lambda s: (-s.total, s.label.lower())),
        best,
        [i for i in items if i.tone_estimated],
        [m for m in mislabels if m.path in shown],
        max_negative,
    )


def check_balance(balance: Balance, room: Room, report: Report) -> None:
    """Warnings: a room that mostly shows the worst, and personas never shown at their best."""
    if balance.too_negative:
        report.warn(
            "content/",
            f"{balance.overall.share(Tone.NEGATIVE):.0%} of the room's quotes and clips are "
            f"negative, over the limit of {balance.max_negative:.0%} — add moments where "
            "customers are at their best (balance_max_negative in mkdocs.yml sets the limit)",
        )
    for persona in room.personas:
        if balance.best.get(persona.slug) is None:
            report.warn(
                persona.path,
                f"{persona.persona.name} is never shown at their best — add a positive quote "
                "or clip, or a clip of a moment of delight or praise",
            )


def _persona_of(item: Item) -> str | None:
    return item.quote.persona if isinstance(item, QuoteEntry) else item.clip.persona


def _themes_of(item: Item) -> list[str]:
    return item.quote.themes if isinstance(item, QuoteEntry) else item.clip.tags


def _best_of(own: list[Item]) -> Item | None:
    """A persona's strongest positive item (of ``own``, theirs): a delight or praise clip, else
    a positive clip or quote."""
    moments = [i for i in own if isinstance(i, ClipEntry) and i.clip.moment in BEST_MOMENTS]
    positive = sorted((i for i in own if i.tone is Tone.POSITIVE), key=lambda i: -i.score)
    return next(iter(moments + positive), None)


def positive_mix(items: Sequence[T], min_positive: float) -> list[T]:
    """The items in their order, leaving out enough of the others that positive ones make up
    at least ``min_positive`` of the mix (spread evenly over the ones that stay)."""
    if min_positive <= 0:
        return list(items)
    positive = [i for i in items if i.tone is Tone.POSITIVE]
    others = [i for i in items if i.tone is not Tone.POSITIVE]
    if not positive:
        return []
    room_for = math.floor(len(positive) * (1 - min_positive) / min_positive + 1e-9)
    if room_for >= len(others):
        return list(items)
    step = len(others) / room_for if room_for else 0
    kept = {id(others[math.floor(k * step)]) for k in range(room_for)}
    return [i for i in items if i.tone is Tone.POSITIVE or id(i) in kept]
