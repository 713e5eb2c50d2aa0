"""Repeat rules (an RFC 5545 RRULE such as ``FREQ=WEEKLY;BYDAY=TU``) as content authors paste
them, and their occurrences, read at a bounded cost."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from types import FrameType
from typing import Any

from dateutil.rrule import rrulestr

FINER_THAN_DAILY = ("SECONDLY", "MINUTELY", "HOURLY")
TIME_OF_DAY_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
EXAMPLE = "FREQ=WEEKLY;BYDAY=TU or FREQ=MONTHLY;BYDAY=1TH"
# The most periods (days, weeks, months or years) a rule is walked for: a daily rule for
# 55 years, so that no rule costs more than about a tenth of a second.
MAX_STEPS = 20_000


def repeat_rule(value: object) -> object:
    """The rule as a calendar publishes it, from what people paste: one line, without the
    ``RRULE:`` a calendar's export puts before it, in capitals. A visit keeps its own time
    of day and repeats daily at most."""
    if not isinstance(value, str):
        return value
    lines = [line.strip() for line in value.strip().splitlines() if line.strip()]
    if len(lines) > 1:
        raise ValueError(
            f"write the rule alone on one line, e.g. {EXAMPLE} — the first day and the times "
            "come from the entry's own fields"
        )
    rule = re.sub(r"^RRULE\s*:\s*", "", lines[0] if lines else "", flags=re.I).upper()
    rule = re.sub(r"\s+", "", rule).strip(";")
    parts = dict(part.partition("=")[::2] for part in rule.split(";") if part)
    if (freq := parts.get("FREQ")) in FINER_THAN_DAILY:
        raise ValueError(
            f"repeats more often than once a day (FREQ={freq}) — a visit or a lend repeats "
            "daily at most: use FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"
        )
    if timed := [name for name in TIME_OF_DAY_PARTS if name in parts]:
        raise ValueError(
            f"the rule sets times of day ({', '.join(timed)}) — the times come from start "
            "and end: take those parts out of the rule"
        )
    if not parts.get("INTERVAL", "1").isdigit() or int(parts.get("INTERVAL", "1")) < 1:
        raise ValueError(
            f"the rule's INTERVAL={parts['INTERVAL']} is not a whole number of 1 or more — "
            "INTERVAL=2 repeats every other time"
        )
    if "UNTIL" in parts and "COUNT" in parts:
        raise ValueError(
            "the rule has both UNTIL and COUNT — keep one: COUNT=6 for six times, or UNTIL "
            "(or the entry's until: field) for a last day"
        )
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_text(parts["UNTIL"])
        rule = ";".join(f"{name}={value}" for name, value in parts.items())
    try:
        rrulestr(local_rule(rule, dt.UTC), dtstart=dt.datetime(2026, 1, 1))
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"not a repeat rule ({exc}) — write an RRULE such as {EXAMPLE}") from None
    return rule


def _until_text(value: str) -> str:
    """UNTIL as a day (20270301), a time of day (20270301T120000) or a moment in UTC
    (20270301T235959Z, the form RFC 5545 asks for with a zoned start); dashes and colons as
    people type them are taken out."""
    text = value.replace("-", "").replace(":", "")
    if not re.fullmatch(r"\d{8}(T\d{6}Z?)?", text):
        raise ValueError(
            f"the rule's UNTIL={value} is not a day — write UNTIL=20270301 (the last day), or "
            "leave UNTIL out and give the entry an until: day"
        )
    return text


def until_of(rule: str, zone: dt.tzinfo) -> dt.datetime | None:
    """The rule's UNTIL as a naive time in ``zone``: a day counts to its end."""
    match = re.search(r"(?:^|;)UNTIL=(\d{8})(?:T(\d{6})(Z?))?", rule)
    if match is None:
        return None
    day = dt.datetime.strptime(match.group(1), "%Y%m%d")
    if not match.group(2):
        return day.replace(hour=23, minute=59, second=59)
    hour, minute, second = _hms(match.group(2))
    moment = day.replace(hour=hour, minute=minute, second=second)
    if match.group(3):
        return moment.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
    return moment


def _hms(text: str) -> tuple[int, int, int]:
    return int(text[:2]), int(text[2:4]), int(text[4:6])


def without_until(rule: str) -> str:
    return ";".join(part for part in rule.split(";") if not part.startswith("UNTIL="))


def local_rule(rule: str, zone: dt.tzinfo, last_day: dt.date | None = None) -> str:
    """The rule as it is walked here, on naive local times: UNTIL a naive time in ``zone``,
    and no later than the end of ``last_day`` (an entry's own until: day)."""
    until = until_of(rule, zone)
    if last_day is not None:
        end = dt.datetime.combine(last_day, dt.time(23, 59, 59))
        until = end if until is None else min(until, end)
    if until is None:
        return rule
    return f"{without_until(rule)};UNTIL={until:%Y%m%dT%H%M%S}"


def published_rule(
    rule: str, zone: dt.tzinfo, last_day: dt.date | None = None, *, all_day: bool
) -> str:
    """The rule as a feed publishes it (RFC 5545): UNTIL a day for an all-day series, and a
    moment in UTC for a series with times of day in a zone."""
    walked = local_rule(rule, zone, last_day)
    until = until_of(walked, zone)
    if until is None:
        return rule
    if all_day:
        return f"{without_until(rule)};UNTIL={until:%Y%m%d}"
    moment = until.replace(tzinfo=zone).astimezone(dt.UTC)
    return f"{without_until(rule)};UNTIL={moment:%Y%m%dT%H%M%SZ}"


@dataclass(frozen=True)
class Occurrences:
    starts: tuple[dt.datetime, ...]  # those from ``since`` to ``until``
    any_before: bool  # the rule gave a day before ``since`` too
    cut: bool  # the rule was not read to ``until``: it started too long ago
    periods: int  # the rule's periods read


@lru_cache(maxsize=4096)
def occurrences(
    rule: str, first: dt.datetime, since: dt.datetime, until: dt.datetime
) -> Occurrences:
    """The starts of a rule's occurrences from ``since`` to ``until`` (naive times), walking
    at most MAX_STEPS of the rule's periods. A rule that matches no day at all (30 February)
    is walked only to ``until``, where dateutil alone would walk it to the year 9999."""
    recurrence = rrulestr(rule, dtstart=first)
    steps = min(MAX_STEPS, (until - first).days + 2)  # a period is a day or more
    starts: list[dt.datetime] = []
    before = False
    with _periods_at_most(steps) as read:
        for start in recurrence:
            if start > until:
                break
            if start >= since:
                starts.append(start)
            else:
                before = True
    periods, stopped = read()
    return Occurrences(tuple(starts), before, stopped and steps == MAX_STEPS, periods)


def rule_days(rule: str, first: dt.date, days: list[dt.date]) -> set[dt.date]:
    """Those of ``days`` (in order) on which the rule, from ``first``, gives an occurrence;
    its end (UNTIL, COUNT) aside."""
    if not days:
        return set()
    start = dt.datetime.combine(first, dt.time())
    walked = without_until(";".join(p for p in rule.split(";") if not p.startswith("COUNT=")))
    found = occurrences(
        walked,
        start,
        dt.datetime.combine(days[0], dt.time()),
        dt.datetime.combine(days[-1], dt.time()),
    )
    return {moment.date() for moment in found.starts} & set(days)


class _Walked(Exception):
    pass


@contextmanager
def _periods_at_most(steps: int) -> Iterator[Any]:
    """Stop dateutil after it read ``steps`` periods. It reads each period with a call to one
    of its ``*dayset`` methods and yields only days that match, so without this a rule that
    matches nothing would be read period by period to the year 9999 (three seconds for a
    daily rule). The calls are counted through the interpreter's trace hook, which is put
    back afterwards."""
    taken = 0
    stopped = False

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal taken
        if event == "call" and frame.f_code.co_name.endswith("dayset"):
            taken += 1
            if taken > steps:
                raise _Walked
        return None

    previous = sys.gettrace()
    sys.settrace(count)
    try:
        yield lambda: (min(taken, steps), stopped)
    except _Walked:
        stopped = True
    finally:
        sys.settrace(previous)
