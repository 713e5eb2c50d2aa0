"""Typed models of a room's content files. The same models give the JSON Schemas editors use."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from .photo_focus import DEFAULT_FOCUS, Focus, normal_focus, parse_focus

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIALS = range(20_000, 80_000)  # a spreadsheet's date serials from 1954 to 2119
YEARS = range(1900, 2201)


def day(value: object) -> object:
    """A date as people and spreadsheets write it: 2026-03-05, 05/03/2026 (day first), or a
    spreadsheet's date serial (46086). A bare number is no date: pydantic would read 0 and
    86400 as seconds since 1970."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", value):
        value = float(value)  # a spreadsheet's serial; its fraction is the time of day
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if int(value) in SERIALS:  # the day; a fraction would be its time
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        shown = int(value) if float(value).is_integer() else value
        raise ValueError(
            f"{shown} is a number, not a date — write the date as YYYY-MM-DD (a spreadsheet's "
            "date serial, such as 46086, is read too)"
        )
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", value)
        if match:
            value = _slashed(match.group().strip(), *(int(g) for g in match.groups()))
    if isinstance(value, dt.datetime):
        value = value.date()
    return value


# How the room writes dates with slashes (``date_order`` in mkdocs.yml): "day-first"
# (03/04/2026 is 3 April), "month-first" (4 March), or None: then only a date that cannot be
# read two ways is taken (13/04/2026), and 03/04/2026 is never guessed.
DATE_ORDERS = ("day-first", "month-first")
date_order: ContextVar[str | None] = ContextVar("date_order", default=None)


@contextmanager
def dates_written(order: str | None) -> Iterator[None]:
    """Read the content's dates in ``order`` (a room's ``date_order``)."""
    token = date_order.set(order)
    try:
        yield
    finally:
        date_order.reset(token)


def _slashed(text: str, first: int, second: int, year: int) -> dt.date:
    order = date_order.get()
    if order is None and first <= 12 and second <= 12 and first != second:
        raise ValueError(
            f"{text} could be {_month_name(second)} {first} or {_month_name(first)} {second} — "
            "write it as YYYY-MM-DD, or say how the room writes dates: date_order: day-first "
            "(or month-first) in mkdocs.yml"
        )
    day_first = order == "day-first" or (order is None and (first > 12 or first == second))
    day, month = (first, second) if day_first else (second, first)
    try:
        return dt.date(year, month, day)
    except ValueError:
        way = "day first (DD/MM/YYYY)" if day_first else "month first (MM/DD/YYYY)"
        raise ValueError(
            f"{text} is not a day of the calendar read {way} — write an existing date, or "
            "as YYYY-MM-DD"
        ) from None


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)


def _of_the_room(value: dt.date) -> dt.date:
    if value.year not in YEARS:
        raise ValueError(f"{value} is not a date of the room — write a year from 1900 to 2200")
    return value


Day = Annotated[dt.date, BeforeValidator(day), AfterValidator(_of_the_room)]


def seconds(value: object) -> object:
    """Accept 75, 75.5, "75.5", "1:15" or "00:01:15.5" and give seconds."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)\s*", value)
        if match:
            hours, minutes, secs = match.groups()
            return int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
    return value


class Tone(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    MIXED = "mixed"
    NEUTRAL = "neutral"


class QuoteSource(StrEnum):
    CALL = "call"
    SURVEY = "survey"
    REVIEW = "review"
    INTERVIEW = "interview"
    CHAT = "chat"
    EMAIL = "email"
    SOCIAL = "social"


class ContentModel(BaseModel):
    """Base of every content model: unknown fields are reported by the loader, not here."""

    model_config = ConfigDict(extra="ignore", use_enum_values=False, str_strip_whitespace=True)

    @field_validator("tags", mode="before", check_fields=False)
    @classmethod
    def _tags_from_text(cls, value: object) -> object:
        # Spreadsheets and quick edits write "billing; mobile app" instead of a list.
        if isinstance(value, str):
            return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
        return value


class Persona(ContentModel):
    """A composite customer: front matter of ``personas/<slug>/persona.md``."""

    name: Text = Field(description="the persona's name, as agents would say it")
    segment: Text = Field(description="who they are as a customer, e.g. 'Retail banking'")
    industry: Text | None = Field(None, description="banking, insurance, health care, ...")
    tagline: Text = Field(description="one sentence in their own voice")
    photo: str | None = Field(
        None, description="the photo's file name, in the persona's folder (leave out for an avatar)"
    )
    photo_alt: Text | None = Field(
        None, description="describe the photo for people who cannot see it"
    )
    photo_credit: Text | None = Field(None, description="who made the photo, and its licence")
    photo_focus: Annotated[str, AfterValidator(normal_focus)] | None = Field(
        None,
        description="where the face is, so square crops keep it: top (the default), center, "
        "bottom, or two percentages across then down, like '50% 20%'",
    )
    at_a_glance: dict[str, str] = Field(
        default_factory=dict, description="short facts as 'label: value' lines (age, products...)"
    )
    goals: list[Text] = Field(
        default_factory=list, description="a list: what they want to get done"
    )
    frustrations: list[Text] = Field(
        default_factory=list, description="a list: what gets in their way"
    )
    values: list[Text] = Field(
        default_factory=list, description="a list: what they value about us (their delighters)"
    )
    life: Text | None = Field(None, description="a few sentences on their life beyond the call")
    tags: list[Text] = Field(default_factory=list, description="a list of tags")
    order: int | None = Field(None, description="a number to order personas (lowest first)")

    @property
    def focus(self) -> Focus:
        """Where square crops of the photo are centred."""
        return parse_focus(self.photo_focus) if self.photo_focus else DEFAULT_FOCUS


class Quote(ContentModel):
    """One customer quote: an item of ``content/quotes.yml`` or a row of ``content/quotes.csv``."""

    id: Slug | None = Field(
        None, description="a stable id of lowercase letters, digits and dashes (optional)"
    )
    text: Text = Field(description="the customer's words")
    persona: Slug | None = Field(None, description="the slug (folder name) of a persona")
    tone: Tone | None = Field(
        None,
        description="positive, negative, mixed or neutral (left out: estimated from the words)",
    )
    themes: list[Text] = Field(
        default_factory=list, description="a list of themes, e.g. billing, claims, trust"
    )
    source: QuoteSource = Field(
        description="one of call, survey, review, interview, chat, email, social"
    )
    date: Day | None = Field(None, description="a date written as YYYY-MM-DD")
    tags: list[Text] = Field(default_factory=list, description="a list of tags")
    clip: Slug | None = Field(None, description="the clip this was said in (its file name)")
    at: Annotated[float, BeforeValidator(seconds), Field(ge=0)] | None = Field(
        None, description="where in the clip it was said (seconds or m:ss)"
    )

    @field_validator("themes", mode="before")
    @classmethod
    def _themes_from_text(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
        return value

    @property
    def key(self) -> str:
        """The quote's id, or one derived from its words so it stays put when others move."""
        if self.id:
            return self.id
        return "q-" + hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:10]


class QuotesFile(BaseModel):
    """``content/quotes.yml``: a list of quotes under ``quotes:`` (used for its JSON Schema)."""

    quotes: list[Quote] = Field(description="the list of quotes")


class FreePage(ContentModel):
    """Front matter of a free Markdown page in ``content/``."""

    title: Text | None = Field(None, description="the page title (default: its first heading)")
    summary: Text | None = Field(None, description="one sentence shown in lists of pages")
    tags: list[Text] = Field(default_factory=list, description="a list of tags")
    order: int | None = Field(None, description="a number to order the pages in the menu")
    nav: bool = Field(True, description="true to list the page in the menu")
