"""The events of the calendar feeds: one per entry (a repeating one with its rule, UNTIL written as
RFC 5545 asks, and its cancelled occurrences as EXDATE), and one per changed occurrence of a
repeating entry (RECURRENCE-ID: moved, or with what came of that day), so an edit changes what
it is about and leaves the rest of the series as it was.

Every event keeps one UID for life (its id, or the fields that name it); SEQUENCE and
LAST-MODIFIED are added by the calendars, from what was published before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from icalendar import Event, vRecur

from ..content.repeat_rules import published_rule
from ..content.room import LendEntry, VisitEntry
from ..content.schedule_models import Lend, LendChange, Status, Visit, VisitChange
from ..content.schedules import first_of_series

STATUS = {
    Status.PLANNED: "TENTATIVE",
    Status.CONFIRMED: "CONFIRMED",
    Status.DONE: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}


def visit_uid(entry: VisitEntry) -> str:
    v = entry.visit
    key = v.id or f"{v.visitor}|{v.department}|{v.host}|{v.date.isoformat()}"
    return f"visit-{hashlib.sha1(key.encode()).hexdigest()[:16]}@customer-room"


def lend_uid(entry: LendEntry) -> str:
    lend = entry.lend
    key = lend.id or f"{lend.agent}|{lend.host_function}|{lend.start.isoformat()}"
    return f"lend-{hashlib.sha1(key.encode()).hexdigest()[:16]}@customer-room"


def _event(uid: str, summary: str, status: Status, details: list[str]) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("status", STATUS[status])
    event.add("description", "\n".join(d for d in details if d))
    return event


def _series(event: Event, model: Visit | Lend, zone: ZoneInfo, exdates: list[object]) -> None:
    """A repeating entry's rule, as a feed publishes it, and the occurrences it drops."""
    if model.repeat:
        rule = published_rule(model.repeat, zone, model.until, all_day=isinstance(model, Lend))
        event.add("rrule", vRecur.from_ical(rule))
    if exdates:
        event.add("exdate", exdates)


def visit_events(entry: VisitEntry, zone: ZoneInfo) -> list[Event]:
    """The visit, and each of its changed occurrences."""
    v = entry.visit
    own = first_of_series(v) if v.repeat else None
    changes = {change.occurrence: change for change in v.changes}
    # A series starts on its first occurrence: a first day the rule does not give (a Monday
    # for a rule of Tuesdays) is one some calendars show and others do not.
    events = [
        _visit_event(
            entry, zone, own or v.date, v.start, v.end, v.status, v.notes if own is None else None
        )
    ]
    _series(
        events[0],
        v,
        zone,
        [_at(c.occurrence, v.start, zone) for c in v.changes if c.status is Status.CANCELLED],
    )
    if own is not None and v.notes and own not in changes:
        changes[own] = VisitChange(occurrence=own)
    for day, change in sorted(changes.items()):
        if change.status is Status.CANCELLED:
            continue
        moved = change.date or day
        notes = change.notes or (v.notes if day == own else None)
        event = _visit_event(
            entry,
            zone,
            moved,
            change.start or v.start,
            change.end or v.end,
            change.status or v.status,
            notes,
            series=False,
        )
        event.add("recurrence-id", _at(day, v.start, zone))
        events.append(event)
    return events


def _at(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, time, zone)


def _visit_event(
    entry: VisitEntry,
    zone: ZoneInfo,
    day: dt.date,
    start: dt.time,
    end: dt.time,
    status: Status,
    notes: str | None,
    *,
    series: bool = True,
) -> Event:
    v = entry.visit
    event = _event(
        visit_uid(entry),
        f"Visit: {v.visitor} ({v.department}) with {v.host}",
        status,
        [
            f"Focus: {v.focus}" if v.focus else "",
            f"Role: {v.role}" if v.role else "",
            f"What we learned: {notes}" if notes else "",
        ],
    )
    event.add("categories", [" ".join(v.department.split())])
    # An event whose time no rule repeats (a one-off visit, a moved occurrence) is published
    # in UTC, as the pages read it, on a day the clocks change: readers resolve a time the
    # clocks skip or pass twice each their own way, and khal even one just after the change.
    starts, ends = _at(day, start, zone), _at(day, end, zone)
    if (not v.repeat or not series) and _clocks_change(day, zone):
        starts, ends = starts.astimezone(dt.UTC), ends.astimezone(dt.UTC)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    return event


def _clocks_change(day: dt.date, zone: ZoneInfo) -> bool:
    offsets = {
        dt.datetime.combine(day, time, zone).utcoffset() for time in (dt.time(), dt.time.max)
    }
    return len(offsets) > 1


def lend_events(entry: LendEntry, zone: ZoneInfo) -> list[Event]:
    """The lend, and each of its changed occurrences."""
    lend = entry.lend
    own = first_of_series(lend) if lend.repeat else None
    changes = {change.occurrence: change for change in lend.changes}
    length = lend.end - lend.start
    first = own or lend.start
    events = [
        _lend_event(
            entry, first, first + length, lend.status, lend.outcome if own is None else None
        )
    ]
    _series(
        events[0], lend, zone, [c.occurrence for c in lend.changes if c.status is Status.CANCELLED]
    )
    if own is not None and lend.outcome and own not in changes:
        changes[own] = LendChange(occurrence=own)
    for day, change in sorted(changes.items()):
        if change.status is Status.CANCELLED:
            continue
        first = change.start or day
        outcome = change.outcome or (lend.outcome if day == own else None)
        event = _lend_event(
            entry, first, change.end or first + length, change.status or lend.status, outcome
        )
        event.add("recurrence-id", day)
        events.append(event)
    return events


def _lend_event(
    entry: LendEntry, first: dt.date, last: dt.date, status: Status, outcome: str | None
) -> Event:
    lend = entry.lend
    event = _event(
        lend_uid(entry),
        f"On loan: {lend.agent} ({lend.home_team}) to {lend.host_function}",
        status,
        [
            f"Host: {lend.host_contact}" if lend.host_contact else "",
            *(f"Goal: {g}" for g in lend.goals),
            f"What they brought back: {outcome}" if outcome else "",
        ],
    )
    event.add("dtstart", first)
    event.add("dtend", last + dt.timedelta(days=1))  # all-day events end the day after
    event.add("transp", "TRANSPARENT")
    return event
