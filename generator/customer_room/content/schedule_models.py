"""Typed models of the two programs' schedules: peer visits (``content/visits.yml``/``.csv``) and
the lending program (``content/lending.yml``/``.csv``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .models import ContentModel, Day, Slug, Text
from .repeat_rules import repeat_rule, rule_days


def clock(value: object) -> object:
    """A time of day: 9:30, 09:30, 9.30 or 14:00."""
    if isinstance(value, int):  # YAML reads 9:30 as sexagesimal minutes
        return dt.time(value // 60, value % 60)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
        if match:
            return dt.time(int(match.group(1)), int(match.group(2)))
    return value


Clock = Annotated[dt.time, BeforeValidator(clock)]
Repeat = Annotated[str, StringConstraints(min_length=1), BeforeValidator(repeat_rule)]


class Status(StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    DONE = "done"
    CANCELLED = "cancelled"


# The most occurrences one entry may change (each is checked against the rule).
MAX_CHANGES = 500


class ScheduleEntry(ContentModel):
    """What visits and lends share: an id that keeps calendar entries in place, a repeat rule
    and the day it ends, tags."""

    id: Slug | None = Field(None, description="a stable id (keeps calendar entries in place)")
    repeat: Repeat | None = Field(None, description="an RRULE, e.g. 'FREQ=MONTHLY;BYDAY=1TH'")
    until: Day | None = Field(
        None, description="a repeating entry's last day: it ends there, the past stays"
    )
    tags: list[Text] = Field(default_factory=list, description="a list of tags")

    def first_day(self) -> dt.date:
        raise NotImplementedError

    @field_validator("until")
    @classmethod
    def _until_repeats(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if until is not None and "repeat" in info.data and not info.data["repeat"]:
            raise ValueError(
                "only a repeating entry (repeat:) ends on a day — change the entry's own date"
            )
        if until is not None and "COUNT=" in (info.data.get("repeat") or ""):
            raise ValueError(
                "the rule already ends after a number of repeats (COUNT) — keep one end: "
                "take COUNT out of the rule, or take until: out"
            )
        return until


class OccurrenceChange(ContentModel):
    """One occurrence of a repeating entry, changed: cancelled, moved, or given what came of
    it."""

    occurrence: Day = Field(description="the occurrence's day as the rule gives it, YYYY-MM-DD")
    status: Status | None = Field(None, description="planned, confirmed, done or cancelled")

    @model_validator(mode="before")
    @classmethod
    def _on(cls, data: object) -> object:
        """``on: 2026-11-24`` reads as well: YAML takes the word on as a key of true."""
        if isinstance(data, dict) and "occurrence" not in data:
            for key in (True, "on"):
                if key in data:
                    data = {
                        ("occurrence" if k == key and type(k) is type(key) else k): v
                        for k, v in data.items()
                    }
                    break
        return data


def _changes_fit(
    changes: Sequence[OccurrenceChange], info: ValidationInfo, first_field: str
) -> None:
    """Each change names a day the entry's rule gives, once."""
    repeat, first = info.data.get("repeat"), info.data.get(first_field)
    if changes and "repeat" in info.data and not repeat:
        raise ValueError(
            "only a repeating entry (repeat:) has occurrences to change — edit the entry itself"
        )
    seen: set[dt.date] = set()
    for change in changes:
        if change.occurrence in seen:
            raise ValueError(
                f"{change.occurrence} is changed twice — keep one change per occurrence"
            )
        seen.add(change.occurrence)
    if not repeat or not isinstance(first, dt.date):
        return  # the entry's own problem is said where it is
    days = rule_days(repeat, first, sorted(seen))
    for change in changes:
        if change.occurrence not in days:
            raise ValueError(
                f"{change.occurrence} is not a day this entry repeats on ({repeat} from "
                f"{first}) — write the occurrence's day as the rule gives it"
            )


class VisitChange(OccurrenceChange):
    date: Day | None = Field(None, description="moved to this day")
    start: Clock | None = Field(None, description="moved to this start time, HH:MM")
    end: Clock | None = Field(None, description="moved to this end time, HH:MM")
    notes: Text | None = Field(None, description="afterwards: what we learned that day")


class LendChange(OccurrenceChange):
    start: Day | None = Field(None, description="this time, the first day")
    end: Day | None = Field(None, description="this time, the last day")
    outcome: Text | None = Field(None, description="afterwards: what they brought back")


class Visit(ScheduleEntry):
    """A peer visit: someone from another function sits with agents."""

    visitor: Text = Field(description="who visits, e.g. 'Sam Lee'")
    role: Text | None = Field(None, description="their role, e.g. 'Product manager'")
    department: Text = Field(description="their department, e.g. 'Marketing'")
    date: Day = Field(description="the day, YYYY-MM-DD (or DD/MM/YYYY)")
    start: Clock = Field(description="start time, HH:MM")
    end: Clock = Field(description="end time, HH:MM")
    host: Text = Field(description="the agent or team they sit with")
    focus: Text | None = Field(None, description="what they come for, e.g. 'billing calls'")
    status: Status = Field(Status.PLANNED, description="planned, confirmed, done or cancelled")
    seats: int = Field(1, ge=1, description="seats the host has for visitors")
    party: int = Field(1, ge=1, description="how many people come")
    notes: Text | None = Field(None, description="afterwards: what we learned")
    changes: list[VisitChange] = Field(
        default_factory=list,
        max_length=MAX_CHANGES,
        description="occurrences of a repeating visit cancelled, moved or with notes",
    )

    def first_day(self) -> dt.date:
        return self.date

    @field_validator("changes")
    @classmethod
    def _changes(cls, changes: list[VisitChange], info: ValidationInfo) -> list[VisitChange]:
        _changes_fit(changes, info, "date")
        return changes

    @model_validator(mode="after")
    def _times(self) -> Visit:
        if self.end <= self.start:
            raise ValueError("the visit must end after it starts")
        for change in self.changes:
            if (change.end or self.end) <= (change.start or self.start):
                raise ValueError(f"the visit on {change.occurrence} must end after it starts")
        return self


class Lend(ScheduleEntry):
    """An agent lent to another function for a while."""

    agent: Text = Field(description="the agent lent, e.g. 'Shona Reid'")
    home_team: Text = Field(description="their team in the contact center")
    host_function: Text = Field(description="where they go, e.g. 'Claims operations'")
    start: Day = Field(description="first day, YYYY-MM-DD")
    end: Day = Field(description="last day, YYYY-MM-DD")
    host_contact: Text | None = Field(None, description="who looks after them there")
    goals: list[Text] = Field(default_factory=list, description="a list: what they go to learn")
    outcome: Text | None = Field(None, description="afterwards: what they brought back")
    status: Status = Field(Status.CONFIRMED, description="planned, confirmed, done or cancelled")
    changes: list[LendChange] = Field(
        default_factory=list,
        max_length=MAX_CHANGES,
        description="occurrences of a repeating lend cancelled, moved or with an outcome",
    )

    def first_day(self) -> dt.date:
        return self.start

    @field_validator("changes")
    @classmethod
    def _changes(cls, changes: list[LendChange], info: ValidationInfo) -> list[LendChange]:
        _changes_fit(changes, info, "start")
        return changes

    @model_validator(mode="after")
    def _dates(self) -> Lend:
        if self.end < self.start:
            raise ValueError("the lend must end on or after its first day")
        for change in self.changes:
            first = change.start or change.occurrence
            last = change.end or first + (self.end - self.start)
            if last < first:
                raise ValueError(
                    f"the lend of {change.occurrence} must end on or after its first day"
                )
        return self


class VisitsFile(BaseModel):
    """``content/visits.yml``: a list of visits under ``visits:`` (used for its JSON Schema)."""

    visits: list[Visit] = Field(description="the list of visits")


class LendingFile(BaseModel):
    """``content/lending.yml``: a list of lends under ``lending:`` (used for its JSON Schema)."""

    lending: list[Lend] = Field(description="the list of lends")
