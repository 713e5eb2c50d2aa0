"""Three independent calendar readers, each asked for every occurrence of a feed: khal (Debian's
terminal calendar, run as a program), vobject, and recurring-ical-events (on icalendar).

An occurrence is ``(start, end, summary, status)``: times in UTC as ``YYYY-MM-DD HH:MM``, all-day
events as dates with the day after the last as their end (as the feed writes them).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import recurring_ical_events
import vobject
from icalendar import Calendar

Occurrence = tuple[str, str, str, str]
KHAL_HINT = "khal is not installed: run ./dev test (it installs it) or apt-get install khal"
# khal expands a repeating event up to the end of 2037 and no further (its own limit).
KHAL_LAST_YEAR = 2037


def _text(moment: dt.date) -> str:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def _in(moment: dt.date, first: dt.date, last: dt.date) -> bool:
    day = moment.astimezone(dt.UTC).date() if isinstance(moment, dt.datetime) else moment
    return first <= day <= last


def with_icalendar(text: str, first: dt.date, last: dt.date) -> set[Occurrence]:
    """recurring-ical-events: RRULE, EXDATE and RECURRENCE-ID on icalendar's reading."""
    calendar = Calendar.from_ical(text)
    found = set()
    for event in recurring_ical_events.of(calendar).between(first, last + dt.timedelta(days=1)):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if _in(start, first, last):
            found.add((_text(start), _text(end), str(event["SUMMARY"]), str(event["STATUS"])))
    return found


def with_vobject(text: str, first: dt.date, last: dt.date) -> set[Occurrence]:
    """vobject: each series' rule set, less the occurrences that an event with a RECURRENCE-ID
    replaces, plus those events. Times are read in the feed's own VTIMEZONE (vobject would
    otherwise take pytz's zone of that name, whose offset a rule set does not move)."""
    for block in getattr(vobject.readOne(text), "vtimezone_list", []):
        vobject.icalendar.registerTzid(block.tzid.value, block.gettzinfo())
    calendar = vobject.readOne(text)
    events: list[Any] = list(getattr(calendar, "vevent_list", []))
    replaced: dict[str, set[str]] = {}
    found = set()
    for event in events:
        if hasattr(event, "recurrence_id"):
            replaced.setdefault(event.uid.value, set()).add(_text(event.recurrence_id.value))
            found.update(_one(event, event.dtstart.value, first, last))
    for event in events:
        if hasattr(event, "recurrence_id"):
            continue
        start = event.dtstart.value
        length = event.dtend.value - start
        skip = replaced.get(event.uid.value, set())
        if not hasattr(event, "rrule"):
            found.update(_one(event, start, first, last))
            continue
        for moment in event.getrruleset(addRDate=True):
            day = moment.date() if isinstance(moment, dt.datetime) else moment
            if day > last + dt.timedelta(days=1):
                break
            if not isinstance(start, dt.datetime) and isinstance(moment, dt.datetime):
                moment = moment.date()
            if _text(moment) not in skip:
                found.update(_one(event, moment, first, last, length))
    return found


def _one(
    event: Any, start: dt.date, first: dt.date, last: dt.date, length: dt.timedelta | None = None
) -> set[Occurrence]:
    if not _in(start, first, last):
        return set()
    end = start + (length if length is not None else event.dtend.value - event.dtstart.value)
    status = event.status.value if hasattr(event, "status") else ""
    return {(_text(start), _text(end), event.summary.value, status)}


def with_khal(text: str, first: dt.date, last: dt.date, folder: Path) -> set[Occurrence]:
    """khal: the feed imported into a calendar of its own, then listed in UTC (up to
    KHAL_LAST_YEAR)."""
    assert shutil.which("khal"), KHAL_HINT
    calendar, config = folder / "calendar", folder / "khal.conf"
    calendar.mkdir(parents=True)
    config.write_text(
        f"[calendars]\n[[room]]\npath = {calendar}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = UTC\ndefault_timezone = UTC\n"
        f"[sqlite]\npath = {folder / 'khal.db'}\n",
        encoding="utf-8",
    )
    feed = folder / "feed.ics"
    feed.write_text(text, encoding="utf-8", newline="")
    run = ["khal", "-c", str(config)]
    subprocess.run([*run, "import", "--batch", "-a", "room", str(feed)], check=True)
    days = (last - first).days + 1
    listing = subprocess.run(
        [
            *run,
            "list",
            "--format",
            "{start}|{end}|{title}|{status}",
            "--day-format",
            "",
            first.isoformat(),
            f"{days}d",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = set()
    for line in listing.splitlines():
        if not line.strip():
            continue
        start, end, title, status = line.split("|")
        if len(end) == 10:  # an all-day event: khal shows its last day
            end = (dt.date.fromisoformat(end) + dt.timedelta(days=1)).isoformat()
        if first.isoformat() <= start[:10] <= last.isoformat():
            found.add((start, end, title, status.strip()))
    return found
