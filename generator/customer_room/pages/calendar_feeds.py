"""iCalendar feeds of the two programs that Outlook and Google Calendar can subscribe to.

Each entry keeps one UID for life (its id, or the fields that name it), so an edit updates the
event in subscribers' calendars instead of adding a second one; SEQUENCE and LAST-MODIFIED move
when an entry changes, remembered in a small state file beside the privacy report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from ..content.room import LendEntry, Room, VisitEntry
from ..content.schedule_models import Lend, Status, Visit
from ..site_files import GeneratedFile, slug

REFRESH = dt.timedelta(hours=4)
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


class Revisions:
    """SEQUENCE and LAST-MODIFIED per UID, moved on whenever an entry's content changes."""

    def __init__(self, path: Path, stamp: dt.datetime) -> None:
        self.path = path
        self.stamp = stamp
        self.state: dict[str, dict[str, object]] = (
            json.loads(path.read_text()) if path.is_file() else {}
        )
        self.changed = False

    def of(self, uid: str, content: str) -> tuple[int, dt.datetime]:
        digest = hashlib.sha256(content.encode()).hexdigest()
        known = self.state.get(uid)
        if known is None or known["hash"] != digest:
            sequence = 0 if known is None else int(str(known["sequence"])) + 1
            self.state[uid] = {
                "hash": digest,
                "sequence": sequence,
                "modified": self.stamp.isoformat(),
            }
            self.changed = True
        record = self.state[uid]
        return int(str(record["sequence"])), dt.datetime.fromisoformat(str(record["modified"]))

    def save(self) -> None:
        if self.changed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.state, indent=1, sort_keys=True) + "\n")


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


def _finish(calendar: Calendar, path: str) -> GeneratedFile:
    calendar.add_missing_timezones()
    return GeneratedFile(path, calendar.to_ical().decode("utf-8"))


def _event(
    uid: str,
    model: Visit | Lend,
    summary: str,
    details: list[str],
    revisions: Revisions,
    stamp: dt.datetime,
) -> Event:
    """What every event carries: identity, revision, summary, status, details, repeat rule."""
    event = Event()
    sequence, modified = revisions.of(uid, model.model_dump_json())
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("last-modified", modified)
    event.add("summary", summary)
    event.add("status", STATUS[model.status])
    event.add("description", "\n".join(d for d in details if d))
    if model.repeat:
        event.add("rrule", vRecur.from_ical(model.repeat))
    return event


def _visit_event(
    entry: VisitEntry, zone: ZoneInfo, revisions: Revisions, stamp: dt.datetime
) -> Event:
    v = entry.visit
    details = [
        f"Focus: {v.focus}" if v.focus else "",
        f"Role: {v.role}" if v.role else "",
        f"What we learned: {v.notes}" if v.notes else "",
    ]
    event = _event(
        visit_uid(entry),
        v,
        f"Visit: {v.visitor} ({v.department}) with {v.host}",
        details,
        revisions,
        stamp,
    )
    event.add("dtstart", dt.datetime.combine(v.date, v.start, zone))
    event.add("dtend", dt.datetime.combine(v.date, v.end, zone))
    return event


def _lend_event(entry: LendEntry, revisions: Revisions, stamp: dt.datetime) -> Event:
    lend = entry.lend
    details = [
        f"Host: {lend.host_contact}" if lend.host_contact else "",
        *(f"Goal: {g}" for g in lend.goals),
        f"What they brought back: {lend.outcome}" if lend.outcome else "",
    ]
    event = _event(
        lend_uid(entry),
        lend,
        f"On loan: {lend.agent} ({lend.home_team}) to {lend.host_function}",
        details,
        revisions,
        stamp,
    )
    event.add("dtstart", lend.start)
    event.add("dtend", lend.end + dt.timedelta(days=1))  # all-day events end the day after
    event.add("transp", "TRANSPARENT")
    return event


@dataclass(frozen=True)
class Feeds:
    files: list[GeneratedFile]
    changed: dict[str, dt.datetime]  # per schedule ("visits", "lending"): its latest change


def feed_files(
    room: Room, zone: ZoneInfo, site_name: str, today: dt.date, state_path: Path
) -> Feeds:
    """visits.ics, one visits-<department>.ics per department, and lending.ics; and when
    each schedule last changed (the LAST-MODIFIED of its latest changed entry)."""
    if not room.visits and not room.lends:
        return Feeds([], {})
    stamp = dt.datetime.combine(today, dt.time(), dt.UTC)
    revisions = Revisions(state_path, stamp)
    files = []
    changed: dict[str, dt.datetime] = {}
    if room.visits:
        everything = _calendar(f"{site_name} — peer visits", zone)
        by_department: dict[str, Calendar] = {}
        for entry in room.visits:
            event = _visit_event(entry, zone, revisions, stamp)
            everything.add_component(event)
            changed["visits"] = max(changed.get("visits", _NEVER), event.decoded("last-modified"))
            department = entry.visit.department
            if department not in by_department:
                by_department[department] = _calendar(
                    f"{site_name} — visits from {department}", zone
                )
            by_department[department].add_component(event)
        files.append(_finish(everything, "visits.ics"))
        files += [
            _finish(cal, f"visits-{slug(dept, 'all')}.ics") for dept, cal in by_department.items()
        ]
    if room.lends:
        lending = _calendar(f"{site_name} — lending program", zone)
        for lend in room.lends:
            event = _lend_event(lend, revisions, stamp)
            lending.add_component(event)
            changed["lending"] = max(changed.get("lending", _NEVER), event.decoded("last-modified"))
        files.append(_finish(lending, "lending.ics"))
    revisions.save()
    return Feeds(files, changed)


_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)
