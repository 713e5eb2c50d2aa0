"""The schedules in time: occurrences of visits and lends (recurring ones expanded), and the
checks no single entry can make (repeat rules, double-booked agents)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from anyascii import anyascii

from ..errors import Report
from ..site_files import slug
from .repeat_rules import MAX_STEPS, local_rule, occurrences, without_until
from .room import LendEntry, Room, VisitEntry
from .schedule_models import Lend, Status, Visit

HORIZON = dt.timedelta(days=400)


@dataclass(frozen=True)
class VisitTime:
    """One occurrence of a visit, with what changed for it alone."""

    entry: VisitEntry
    start: dt.datetime
    end: dt.datetime
    status: Status
    notes: str | None = None
    moved_from: dt.datetime | None = None  # the start the rule gives, where it was moved
    rule_start: dt.datetime | None = None  # a repeating visit's occurrence, as the rule gives it


@dataclass(frozen=True)
class LendTime:
    """One occurrence of a lend, with what changed for it alone."""

    entry: LendEntry
    first: dt.date
    last: dt.date
    status: Status
    outcome: str | None = None
    moved_from: dt.date | None = None
    rule_start: dt.date | None = None


def room_zone(name: str, report: Report) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        report.error(
            "mkdocs.yml",
            f"'{name}' is not a time zone — use an IANA name such as "
            "Europe/London or America/New_York",
            field="timezone",
        )
        return None


# The occurrences kept: those the pages and feeds show, from two horizons (a little over two
# years) before the end of what is shown.
SHOWN_BACK = 2 * HORIZON


def _starts(
    model: Visit | Lend, first: dt.datetime, zone: ZoneInfo, until: dt.datetime
) -> list[dt.datetime]:
    """The naive local starts of ``model``'s occurrences up to ``until``."""
    if not model.repeat:
        return [first]
    last = until.replace(tzinfo=None)
    rule = local_rule(model.repeat, zone, model.until)
    return list(occurrences(rule, first, last - SHOWN_BACK, last).starts)


def first_of_series(model: Visit | Lend) -> dt.date:
    """The day a repeating entry's first occurrence falls on (its own notes and outcome are
    that occurrence's)."""
    first = model.first_day()
    if not model.repeat:
        return first
    found = occurrences(
        without_until(model.repeat),
        dt.datetime.combine(first, dt.time()),
        dt.datetime.combine(first, dt.time()),
        dt.datetime.combine(first + HORIZON, dt.time()),
    )
    return found.starts[0].date() if found.starts else first


def visit_times(room: Room, zone: ZoneInfo, today: dt.date) -> list[VisitTime]:
    """Every visit occurrence up to a year past ``today``, in the room's time zone, each with
    its own changes (cancelled, moved, notes)."""
    until = dt.datetime.combine(today + HORIZON, dt.time(), zone)
    times = []
    for entry in room.visits:
        v = entry.visit
        changes = {change.occurrence: change for change in v.changes}
        own_notes = first_of_series(v) if v.repeat else None
        for start in _starts(v, dt.datetime.combine(v.date, v.start), zone, until):
            day = start.date()
            change = changes.get(day)
            if change is None:
                times.append(
                    VisitTime(
                        entry,
                        start.replace(tzinfo=zone),
                        dt.datetime.combine(day, v.end, zone),
                        v.status,
                        v.notes if own_notes in (None, day) else None,
                        rule_start=start.replace(tzinfo=zone) if v.repeat else None,
                    )
                )
                continue
            moved_day = change.date or day
            moved = dt.datetime.combine(moved_day, change.start or v.start, zone)
            times.append(
                VisitTime(
                    entry,
                    moved,
                    dt.datetime.combine(moved_day, change.end or v.end, zone),
                    change.status or v.status,
                    change.notes or (v.notes if own_notes == day else None),
                    moved_from=start.replace(tzinfo=zone)
                    if moved.replace(tzinfo=None) != start
                    else None,
                    rule_start=start.replace(tzinfo=zone),
                )
            )
    return sorted(times, key=lambda t: t.start)


def lend_times(room: Room, zone: ZoneInfo, today: dt.date) -> list[LendTime]:
    """Every lend occurrence up to a year past ``today``, each with its own changes."""
    until = dt.datetime.combine(today + HORIZON, dt.time())
    times = []
    for entry in room.lends:
        lend = entry.lend
        length = lend.end - lend.start
        changes = {change.occurrence: change for change in lend.changes}
        own_outcome = first_of_series(lend) if lend.repeat else None
        for start in _starts(lend, dt.datetime.combine(lend.start, dt.time()), zone, until):
            day = start.date()
            change = changes.get(day)
            outcome = lend.outcome if own_outcome in (None, day) else None
            if change is None:
                times.append(
                    LendTime(
                        entry,
                        day,
                        day + length,
                        lend.status,
                        outcome,
                        rule_start=day if lend.repeat else None,
                    )
                )
                continue
            first = change.start or day
            times.append(
                LendTime(
                    entry,
                    first,
                    change.end or first + length,
                    change.status or lend.status,
                    change.outcome or outcome,
                    moved_from=day if first != day else None,
                    rule_start=day,
                )
            )
    return sorted(times, key=lambda t: t.first)


def department_feeds(room: Room) -> dict[str, tuple[str, list[VisitEntry]]]:
    """Each department's calendar file, with the department's name as first written and its
    visits. Names that differ only in capitals or spaces ("Legal", "LEGAL ") are one
    department."""
    feeds: dict[str, tuple[str, list[VisitEntry]]] = {}
    for entry in room.visits:
        name = " ".join(entry.visit.department.split())
        feeds.setdefault(department_feed(name), (name, []))[1].append(entry)
    return feeds


def department_feed(name: str) -> str:
    """The department's calendar file: its name in letters and digits, a name in another
    script spelled in Latin letters ("Отдел продаж" -> visits-otdel-prodazh.ics), a name
    with neither (punctuation alone) by a digest of it."""
    if not name.isascii():
        name = anyascii(name)
    named = slug(name, "")
    if not named:
        named = "d-" + hashlib.sha1(name.encode()).hexdigest()[:10]
    return f"visits-{named}.ics"


def _departments_apart(room: Room, report: Report) -> None:
    """Two departments whose calendars would be one file: the later one is named."""
    first: dict[str, VisitEntry] = {}
    for entry in room.visits:
        name = " ".join(entry.visit.department.split())
        other = first.setdefault(department_feed(name), entry)
        if " ".join(other.visit.department.split()).casefold() != name.casefold():
            report.error(
                entry.path,
                f"the departments '{name}' and '{other.visit.department}' ({other.path}:"
                f"{other.line}) would share one calendar, {department_feed(name)} — write the "
                "department the same way in both, or name them so they differ in letters",
                line=entry.line,
                field="department",
            )


def validate_schedules(room: Room, zone: ZoneInfo, today: dt.date, report: Report) -> None:
    """Repeat rules that parse, and no agent lent to two places at once."""
    entries: list[tuple[Visit | Lend, str, int]] = [
        *((v.visit, v.path, v.line) for v in room.visits),
        *((lend.lend, lend.path, lend.line) for lend in room.lends),
    ]
    for model, path, line in entries:
        if model.repeat:
            _rule_reads(model, path, line, zone, today, report)
            _series_bounds(model, path, line, zone, report)
    _same_ids(entries, report)
    _departments_apart(room, report)
    _clock_changes(room, zone, today, report)
    by_agent: dict[str, list[LendTime]] = {}
    for time in lend_times(room, zone, today):
        if time.status is not Status.CANCELLED:
            by_agent.setdefault(time.entry.lend.agent.lower(), []).append(time)
    for times in by_agent.values():
        for earlier, later in itertools.pairwise(times):
            if later.first <= earlier.last and later.entry is not earlier.entry:
                report.error(
                    later.entry.path,
                    f"{later.entry.lend.agent} is already lent from "
                    f"{earlier.first} to {earlier.last} ({earlier.entry.path}:"
                    f"{earlier.entry.line}) — move one of the two lends",
                    line=later.entry.line,
                    field="start",
                )
                break
    for entry in room.visits:
        if entry.visit.party > entry.visit.seats:
            report.error(
                entry.path,
                f"{entry.visit.party} people for {entry.visit.seats} "
                "seat(s) — add seats with the host or split the visit",
                line=entry.line,
                field="party",
            )


def _rule_reads(
    model: Visit | Lend, path: str, line: int, zone: ZoneInfo, today: dt.date, report: Report
) -> None:
    """A rule that gives no day up to the end of what is shown, or that began too long ago to
    be read to it, is said."""
    assert model.repeat is not None
    first = dt.datetime.combine(model.date if isinstance(model, Visit) else model.start, dt.time())
    last = dt.datetime.combine(today + HORIZON, dt.time())
    found = occurrences(local_rule(model.repeat, zone, model.until), first, last - SHOWN_BACK, last)
    if found.cut:
        report.error(
            path,
            f"the rule is read for {MAX_STEPS:,} repeats from {first.date()} without reaching "
            f"{last.date()} — give a recent day of the series as the first day",
            line=line,
            field="repeat",
        )
    elif first <= last and not found.starts and not found.any_before:
        report.warn(
            path,
            f"the rule gives no day from {first.date()} to {last.date()} ({model.repeat}), so "
            "nothing of it is shown — check its UNTIL, COUNT, BYMONTH, BYMONTHDAY and BYDAY parts",
            line=line,
            field="repeat",
        )


def _series_bounds(
    model: Visit | Lend, path: str, line: int, zone: ZoneInfo, report: Report
) -> None:
    """A first day the rule does not give (the series starts on the first day it does), and
    changes to occurrences after the series has ended (by COUNT, UNTIL or until:)."""
    assert model.repeat is not None
    first, field = (model.date, "date") if isinstance(model, Visit) else (model.start, "start")
    starts = first_of_series(model)
    if starts != first:
        report.warn(
            path,
            f"{first} ({first:%A}) is not a day the rule {model.repeat} gives: the series "
            f"starts on {starts} ({starts:%A}) — write that day as {field}:, or give "
            f"{first} an entry of its own",
            line=line,
            field=field,
        )
    if not model.changes:
        return
    days = sorted(change.occurrence for change in model.changes)
    begin = dt.datetime.combine(first, dt.time())
    found = occurrences(
        local_rule(model.repeat, zone, model.until),
        begin,
        begin,
        dt.datetime.combine(days[-1], dt.time.max),
    )
    given = {start.date() for start in found.starts}
    if found.cut:
        return  # said by _rule_reads
    end = f"until: {model.until}" if model.until else "its COUNT or UNTIL"
    for day in days:
        if day not in given:
            report.error(
                path,
                f"{day} is after the series has ended ({end}), so this change would show "
                "in calendars but not on the pages — take the change out, or end the series "
                "later",
                line=line,
                field="changes",
            )


def _same_ids(entries: list[tuple[Visit | Lend, str, int]], report: Report) -> None:
    """Two entries with one ``id`` would be one event in every calendar: the second is named."""
    first: dict[tuple[str, str], tuple[str, int]] = {}
    for model, path, line in entries:
        if model.id is None:
            continue
        key = (type(model).__name__, model.id)
        if key in first:
            where, at = first[key]
            place = f"line {at}" if where == path else f"{where}:{at}"
            report.error(
                path,
                f"the id '{model.id}' is also used on {place} — calendars would "
                "keep only one of the two; give each entry its own id",
                line=line,
                field="id",
            )
        else:
            first[key] = (path, line)


def _clock_changes(room: Room, zone: ZoneInfo, today: dt.date, report: Report) -> None:
    """A visit that starts or ends at a time the clocks skip (01:30 on the spring change day
    in London) or pass twice (01:30 in autumn): calendars read it as lasting no time or two
    hours. Said for each such day (a moved occurrence may land on one)."""
    told: set[tuple[int, dt.date]] = set()
    for time in visit_times(room, zone, today):
        entry = time.entry
        if (id(entry), time.start.date()) in told:
            continue
        for moment, name in ((time.start, "start"), (time.end, "end")):
            problem = clock_problem(moment.replace(tzinfo=None), zone)
            if problem:
                report.warn(
                    entry.path,
                    f"{moment:%H:%M} on {moment.date().isoformat()} {problem} in {zone.key} "
                    "(the clocks change that night) — move the visit, or skip that day",
                    line=entry.line,
                    field=name,
                )
                told.add((id(entry), time.start.date()))
                break


def clock_problem(wall: dt.datetime, zone: ZoneInfo) -> str | None:
    """ "does not exist" or "happens twice" for a wall-clock time on a clock-change day."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return "does not exist" if back != wall else "happens twice"
