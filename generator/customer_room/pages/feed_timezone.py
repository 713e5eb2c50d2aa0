"""A feed's time zone block written as calendars write theirs (Outlook, Google): a yearly rule per
clock change (``RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU``), so every reader keeps the zone's
offsets for as long as the events repeat, past 2037 too.

The changes are read off the tz database (zoneinfo) from the year before the feed's first event:
a run of changes that falls on the same weekday of the same month, at the same time, becomes
one rule (ended with UNTIL where the zone's law changed); a change that fits no yearly rule is
written on its own. One change per line: a reader such as vobject keeps only the first value of
a comma-separated RDATE.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

# How far ahead changes are read: beyond it, the zone keeps the last rule read (as the tz
# database's own files do after their last listed change).
YEARS_AHEAD = 30
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    at: dt.datetime  # the moment, in UTC
    before: dt.timedelta  # the offset until then
    after: dt.timedelta
    name: str  # the abbreviation after it (GMT, CDT)
    daylight: bool

    @property
    def wall(self) -> dt.datetime:
        """When it happens on the clocks it changes (naive local time, the old offset)."""
        return (self.at + self.before).replace(tzinfo=None)

    def yearly(self) -> tuple[object, ...]:
        """What it shares with the same change in other years under one rule."""
        wall = self.wall
        return (self.before, self.after, self.name, self.daylight, wall.month, wall.time())


def changes(zone: ZoneInfo, first: int, last: int) -> list[Change]:
    """The zone's clock changes from 1 January of ``first`` to 1 January of ``last``."""
    found = []
    moment = dt.datetime(first, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last, 1, 1, tzinfo=dt.UTC)
    offset = _offset(zone, moment)
    while moment < end:
        later = moment + dt.timedelta(days=1)
        if _offset(zone, later) != offset:
            at = _first_with(zone, moment, later, offset)
            local = at.astimezone(zone)
            daylight = _daylight((at - dt.timedelta(minutes=1)).astimezone(zone), local)
            found.append(Change(at, offset, _offset(zone, at), local.tzname() or "", daylight))
        moment, offset = later, _offset(zone, later)
    return found


def _offset(zone: ZoneInfo, moment: dt.datetime) -> dt.timedelta:
    return moment.astimezone(zone).utcoffset() or dt.timedelta(0)


def _first_with(
    zone: ZoneInfo, low: dt.datetime, high: dt.datetime, offset: dt.timedelta
) -> dt.datetime:
    """The first minute after ``low`` whose offset is no longer ``offset``."""
    while high - low > dt.timedelta(minutes=1):
        middle = low + (high - low) / 2
        middle = middle.replace(second=0, microsecond=0)
        if middle <= low:
            middle = low + dt.timedelta(minutes=1)
        if _offset(zone, middle) == offset:
            low = middle
        else:
            high = middle
    return high


def _day_rules(change: Change) -> list[str]:
    """The yearly forms that give this change's day in its month, most widely read first:
    the nth weekday (2SU), the last one (-1SU), a weekday on or after a day (SU on the 2nd
    to the 8th), the same date."""
    day = change.wall.date()
    weekday = DAYS[day.weekday()]
    forms = [f"BYDAY={(day.day - 1) // 7 + 1}{weekday}"]
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        forms.append(f"BYDAY=-1{weekday}")
    for first in range(max(1, day.day - 6), day.day + 1):
        if first % 7 != 1:  # those are the nth weekday already
            days = ",".join(str(d) for d in range(first, first + 7))
            forms.append(f"BYDAY={weekday};BYMONTHDAY={days}")
    forms.append(f"BYMONTHDAY={day.day}")
    return forms


@dataclass
class _Run:
    changes: list[Change]
    days: list[str]  # the day forms every change of the run fits


def _runs(found: list[Change]) -> list[_Run]:
    """Changes grouped into yearly runs: the same change in consecutive years on the same
    weekday rule."""
    runs: list[_Run] = []
    open_runs: dict[tuple[object, ...], _Run] = {}
    for change in found:
        key = change.yearly()
        run = open_runs.get(key)
        forms = _day_rules(change)
        if run is not None and change.wall.year == run.changes[-1].wall.year + 1:
            shared = [form for form in run.days if form in forms]
            if shared:
                run.changes.append(change)
                run.days = shared
                continue
        run = _Run([change], forms)
        runs.append(run)
        open_runs[key] = run
    return runs


def timezone_block(zone: ZoneInfo, first_year: int, today: dt.date) -> Timezone:
    """The VTIMEZONE of ``zone`` for events from ``first_year`` on."""
    start = first_year - 1
    last = max(first_year, today.year) + YEARS_AHEAD
    found = changes(zone, start, last)
    block = Timezone()
    block.add("tzid", zone.key)
    if not found:
        moment = dt.datetime(start, 1, 1, tzinfo=dt.UTC).astimezone(zone)
        offset = moment.utcoffset() or dt.timedelta(0)
        always = TimezoneStandard()
        always.add("dtstart", dt.datetime(1970, 1, 1))
        always.add("tzoffsetfrom", offset)
        always.add("tzoffsetto", offset)
        always.add("tzname", moment.tzname() or zone.key)
        block.add_component(always)
        return block
    # The rules still running at the end of what was read go on for ever.
    runs = _runs(found)
    final = {id(run) for run in runs if run.changes[-1].wall.year >= last - 2}
    for run in runs:
        first = run.changes[0]
        part: TimezoneDaylight | TimezoneStandard = (
            TimezoneDaylight() if first.daylight else TimezoneStandard()
        )
        part.add("dtstart", first.wall)
        part.add("tzoffsetfrom", first.before)
        part.add("tzoffsetto", first.after)
        part.add("tzname", first.name)
        if len(run.changes) > 1 or id(run) in final:
            rule = f"FREQ=YEARLY;BYMONTH={first.wall.month};{run.days[0]}"
            if id(run) not in final:
                # A day after the last change: past it however a reader takes UNTIL (some
                # read it as local time), and a year before the change the rule would give next.
                until = run.changes[-1].at + dt.timedelta(days=1)
                rule += f";UNTIL={until:%Y%m%dT%H%M%SZ}"
            part.add("rrule", vRecur.from_ical(rule))
        block.add_component(part)
    return block


def _daylight(before: dt.datetime, after: dt.datetime) -> bool:
    """Summer time as calendars write it: the clocks ahead of the zone's standard time. (The
    tz database calls Irish winter time the zone's daylight time, set back an hour; calendars
    call Irish summer time daylight time.)"""
    zero = dt.timedelta(0)
    return (after.dst() or zero) > zero or (after.dst() == zero and (before.dst() or zero) < zero)
