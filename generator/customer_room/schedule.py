"""The schedules in time: occurrences of visits and lends (recurring ones expanded), and the
checks no single entry can make (repeat rules, double-booked agents)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from .errors import Report
from .room import LendEntry, Room, VisitEntry
from .schedule_models import Lend, Visit

HORIZON = dt.timedelta(days=400)


@dataclass(frozen=True)
class VisitTime:
    entry: VisitEntry
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class LendTime:
    entry: LendEntry
    first: dt.date
    last: dt.date


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


# Repeat rules finer than a day: refused (a rule repeating every second up to a year ahead is
# 30 million occurrences).
TOO_OFTEN = re.compile(r"FREQ=(?:SECONDLY|MINUTELY|HOURLY)", re.I)
# The occurrences kept: those the pages and feeds show, from two horizons (a little over two
# years) before the end of what is shown; and the most a rule is read for (a daily rule for
# 55 years, a weekly one for centuries), so that no rule costs more than a tenth of a second.
SHOWN_BACK = 2 * HORIZON
MAX_READ = 20_000


def _starts(first: dt.datetime, rule: str | None, until: dt.datetime) -> list[dt.datetime]:
    if not rule:
        return [first]
    recurrence = rrulestr(rule, dtstart=first.replace(tzinfo=None))
    last = until.replace(tzinfo=None)
    since = last - SHOWN_BACK
    starts: list[dt.datetime] = []
    for read, naive in enumerate(recurrence):
        if naive > last or read >= MAX_READ:
            break
        if naive >= since:
            starts.append(naive.replace(tzinfo=first.tzinfo))
    return starts


def visit_times(room: Room, zone: ZoneInfo, today: dt.date) -> list[VisitTime]:
    """Every visit occurrence up to a year past ``today``, in the room's time zone."""
    until = dt.datetime.combine(today + HORIZON, dt.time(), zone)
    times = []
    for entry in room.visits:
        v = entry.visit
        first = dt.datetime.combine(v.date, v.start, zone)
        length = dt.datetime.combine(v.date, v.end) - dt.datetime.combine(v.date, v.start)
        for start in _starts(first, v.repeat, until):
            times.append(VisitTime(entry, start, start + length))
    return sorted(times, key=lambda t: t.start)


def lend_times(room: Room, today: dt.date) -> list[LendTime]:
    until = dt.datetime.combine(today + HORIZON, dt.time())
    times = []
    for entry in room.lends:
        lend = entry.lend
        length = lend.end - lend.start
        for start in _starts(dt.datetime.combine(lend.start, dt.time()), lend.repeat, until):
            times.append(LendTime(entry, start.date(), start.date() + length))
    return sorted(times, key=lambda t: t.first)


def validate_schedules(room: Room, zone: ZoneInfo, today: dt.date, report: Report) -> None:
    """Repeat rules that parse, and no agent lent to two places at once."""
    entries: list[tuple[Visit | Lend, str, int]] = [
        *((v.visit, v.path, v.line) for v in room.visits),
        *((lend.lend, lend.path, lend.line) for lend in room.lends),
    ]
    for model, path, line in entries:
        if model.repeat and (finer := TOO_OFTEN.search(model.repeat)):
            report.error(
                path,
                f"repeats more often than once a day ({finer.group()}) — a visit or a lend "
                "repeats daily at most: use FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY",
                line=line,
                field="repeat",
            )
            model.repeat = None
        if model.repeat:
            try:
                rrulestr(model.repeat, dtstart=dt.datetime(2026, 1, 1))
            except (ValueError, TypeError) as exc:
                report.error(
                    path,
                    f"not a repeat rule ({exc}) — write an RRULE such as "
                    "FREQ=WEEKLY;BYDAY=TU or FREQ=MONTHLY;BYDAY=1TH",
                    line=line,
                    field="repeat",
                )
                model.repeat = None
    _same_ids(entries, report)
    _clock_changes(room, zone, today, report)
    by_agent: dict[str, list[LendTime]] = {}
    for time in lend_times(room, today):
        if time.entry.lend.status.value != "cancelled":
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


def _same_ids(entries: list[tuple[Visit | Lend, str, int]], report: Report) -> None:
    """Two entries with one ``id`` would be one event in every calendar: the second is named."""
    first: dict[tuple[str, str], int] = {}
    for model, path, line in entries:
        if model.id is None:
            continue
        key = (type(model).__name__, model.id)
        if key in first:
            report.error(
                path,
                f"the id '{model.id}' is also used on line {first[key]} — calendars would "
                "keep only one of the two; give each entry its own id",
                line=line,
                field="id",
            )
        else:
            first[key] = line


def _clock_changes(room: Room, zone: ZoneInfo, today: dt.date, report: Report) -> None:
    """A visit that starts or ends at a time the clocks skip (01:30 on the spring change day
    in London) or pass twice (01:30 in autumn): calendars read it as lasting no time or two
    hours. Said once per visit, with its first such day."""
    told: set[int] = set()
    for time in visit_times(room, zone, today):
        entry = time.entry
        if id(entry) in told:
            continue
        for moment, name in ((time.start, "start"), (time.end, "end")):
            problem = _clock_problem(moment.replace(tzinfo=None), zone)
            if problem:
                report.warn(
                    entry.path,
                    f"{moment:%H:%M} on {moment.date().isoformat()} {problem} in {zone.key} "
                    "(the clocks change that night) — move the visit, or skip that day",
                    line=entry.line,
                    field=name,
                )
                told.add(id(entry))
                break


def _clock_problem(wall: dt.datetime, zone: ZoneInfo) -> str | None:
    """ "does not exist" or "happens twice" for a wall-clock time on a clock-change day."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    back = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return "does not exist" if back != wall else "happens twice"
