"""iCalendar feeds of the two programs that Outlook, Google Calendar, khal and the rest can
subscribe to: visits.ics, one visits-<department>.ics per department, and lending.ics.

An event's SEQUENCE moves, and its LAST-MODIFIED is the build's day, only when what the feed says
of it changes (a field the feed does not carry, such as seats, moves nothing); both are read back
from the feeds published before (``feed_history``). A calendar published once goes on being
published, empty if its last event is gone, so its subscribers see the deletion instead of an
error and a stale copy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from ..content.room import Room
from ..content.schedules import department_feeds
from ..site_files import GeneratedFile
from .feed_events import lend_events, visit_events
from .feed_history import FEEDS_PROPERTY, FeedHistory, event_key, feeds_value, said
from .feed_timezone import timezone_block

REFRESH = dt.timedelta(hours=4)
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Feeds:
    files: list[GeneratedFile]
    changed: dict[str, dt.datetime]  # per schedule ("visits", "lending"): its latest change


def _calendar(name: str, zone: ZoneInfo) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Customer Room//Schedules//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(zone.key))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT4H")
    return calendar


class _Revisions:
    """Each event's SEQUENCE and LAST-MODIFIED, from what was published before."""

    def __init__(self, history: FeedHistory, stamp: dt.datetime) -> None:
        self.history = history
        self.stamp = stamp

    def stamped(self, event: Event) -> Event:
        before = self.history.events.get(event_key(event))
        if before is None:
            sequence, modified = 0, self.stamp
        elif before.said == said(event):
            sequence, modified = before.sequence, before.modified
        else:
            sequence, modified = before.sequence + 1, max(self.stamp, before.modified)
        event.add("dtstamp", self.stamp)
        event.add("sequence", sequence)
        event.add("last-modified", modified)
        return event


def feed_files(
    room: Room, zone: ZoneInfo, site_name: str, today: dt.date, history: FeedHistory
) -> Feeds:
    """The calendars, and when each schedule last changed (the LAST-MODIFIED of its latest
    changed event)."""
    revisions = _Revisions(history, dt.datetime.combine(today, dt.time(), dt.UTC))
    files: list[GeneratedFile] = []
    changed: dict[str, dt.datetime] = {}
    by_feed = department_feeds(room)
    departments = {
        f: history.names.get(f, f[7:-4]) for f in history.feeds if f.startswith("visits-")
    }
    departments.update((feed, name) for feed, (name, _) in by_feed.items())
    if room.visits or "visits.ics" in history.feeds:
        events = {
            id(entry): [revisions.stamped(e) for e in visit_events(entry, zone)]
            for entry in room.visits
        }
        block = timezone_block(
            zone, min((e.visit.date.year for e in room.visits), default=today.year), today
        )
        everything = _calendar(f"{site_name} — peer visits", zone)
        everything.add(FEEDS_PROPERTY, feeds_value(departments))
        every = [e for entry_events in events.values() for e in entry_events]
        files.append(_finish(everything, "visits.ics", block, every))
        for feed, name in sorted(departments.items()):
            entries = by_feed.get(feed, (name, []))[1]
            calendar = _calendar(f"{site_name} — visits from {name}", zone)
            chosen = [e for entry in entries for e in events[id(entry)]]
            files.append(_finish(calendar, feed, block, chosen))
        if room.visits:
            changed["visits"] = _latest(every)
    if room.lends or "lending.ics" in history.feeds:
        lends = [revisions.stamped(e) for entry in room.lends for e in lend_events(entry, zone)]
        lending = _calendar(f"{site_name} — lending program", zone)
        block = timezone_block(zone, today.year, today)
        files.append(_finish(lending, "lending.ics", block, lends))
        if room.lends:
            changed["lending"] = _latest(lends)
    return Feeds(files, changed)


def _finish(calendar: Calendar, path: str, block: Timezone, events: list[Event]) -> GeneratedFile:
    """The calendar with its events, and the zone's block where an event has a time of day
    (or where there is no event: a calendar holds at least one component)."""
    if not events or any("TZID" in e["DTSTART"].params for e in events):
        calendar.add_component(block)
    for event in events:
        calendar.add_component(event)
    return GeneratedFile(path, calendar.to_ical().decode("utf-8"))


def _latest(events: list[Event]) -> dt.datetime:
    return max((e.decoded("last-modified") for e in events), default=_NEVER)
