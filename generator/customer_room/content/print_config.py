"""What the room prints, written under ``print:`` in the plugin's options in ``mkdocs.yml``:
which kinds of PDF are made (posters, quote cards, clip cards, the week's notice), on what
paper, and which sets of quote cards."""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import Report
from .models import Tone
from .plugin_options import listed, option_lines, read_option
from .room import Room


class Paper(StrEnum):
    A3 = "A3"
    A4 = "A4"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CardSet(_Strict):
    """A set of quote cards: the quotes of some tones, themes or personas (all when left out)."""

    title: str = Field(min_length=1, max_length=80, description="what the set is called")
    tone: list[Tone] = Field(default_factory=list, description="positive, mixed, neutral, negative")
    theme: list[str] = Field(default_factory=list, description="themes, as the quotes name them")
    persona: list[str] = Field(default_factory=list, description="persona slugs")

    @field_validator("tone", "theme", "persona", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return listed(value)


class PrintConfig(_Strict):
    posters: bool = True
    poster_sizes: list[Paper] = Field(
        default_factory=lambda: [Paper.A3, Paper.A4], min_length=1, max_length=2
    )
    quote_cards: bool = True
    quote_card_sets: list[CardSet] = Field(default_factory=list, max_length=50)
    clip_cards: bool = True
    week_notice: bool = True

    @field_validator("poster_sizes", mode="before")
    @classmethod
    def _sizes(cls, value: object) -> object:
        return listed(value, str.upper)

    @property
    def anything(self) -> bool:
        return self.posters or self.quote_cards or self.clip_cards or self.week_notice


def read_print_config(raw: dict[str, Any], config_file: Path | None, report: Report) -> PrintConfig:
    """Validate ``print:``; every problem is reported with its line in ``mkdocs.yml``."""
    return read_option(PrintConfig, "print", raw, config_file, report)


def check_card_sets(
    config: PrintConfig, room: Room, config_file: Path | None, report: Report
) -> None:
    """A set of quote cards names personas the room has (an error) and themes its quotes have
    (a warning: the set is then smaller than meant)."""
    personas = [p.slug for p in room.personas]
    themes = sorted({t.lower() for q in room.quotes for t in q.quote.themes})
    lines = option_lines(config_file, "print")
    for number, card_set in enumerate(config.quote_card_sets):
        line = lines.get(("quote_card_sets", number))
        for key, named, known, said in (
            ("persona", card_set.persona, personas, "whom the room does not have"),
            ("theme", card_set.theme, themes, "which no quote has"),
        ):
            for value in named:
                if value in known:
                    continue
                close = difflib.get_close_matches(value, known, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"write a {key} the room has"
                (report.error if key == "persona" else report.warn)(
                    "mkdocs.yml",
                    f"the quote card set “{card_set.title}” names the {key} '{value}', {said} "
                    f"— {hint}",
                    line=lines.get(("quote_card_sets", number, key)) or line,
                    field=f"print.quote_card_sets.{number}.{key}",
                )
