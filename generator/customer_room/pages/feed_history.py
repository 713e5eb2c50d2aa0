"""What the calendars said when they were last published, read back from the published feeds
themselves: each event's SEQUENCE and LAST-MODIFIED (kept while what the feed says of it stays
the same), and the department calendars that exist, so none of them goes missing.

The feeds are read from the site folder a build replaces, or from ``calendar_history`` (a
folder, or the address of the published site) — so a build from a fresh checkout, in CI,
carries the history on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from icalendar import Calendar, Component

# The department calendars, named in visits.ics: file=department (the department quoted as in
# an address), so a calendar whose last visit is gone keeps its name.
FEEDS_PROPERTY = "X-CUSTOMER-ROOM-FEEDS"
MAX_BYTES = 20_000_000
TIMEOUT_SECONDS = 20
REVISION = ("DTSTAMP", "SEQUENCE", "LAST-MODIFIED")


@dataclass(frozen=True)
class Published:
    said: str  # a digest of what the feed said of the event, its revision aside
    sequence: int
    modified: dt.datetime


@dataclass
class FeedHistory:
    events: dict[tuple[str, str], Published] = field(default_factory=dict)
    feeds: set[str] = field(default_factory=set)  # calendar files published before
    names: dict[str, str] = field(default_factory=dict)  # a department calendar's department
    problem: str | None = None  # why the history could not be read (the build goes on)


def feeds_value(departments: dict[str, str]) -> str:
    return ",".join(
        f"{feed}={urllib.parse.quote(name, safe='')}" for feed, name in sorted(departments.items())
    )


def event_key(component: Component) -> tuple[str, str]:
    """An event's identity across builds: its UID, and which occurrence it changes."""
    recurrence = component.get("RECURRENCE-ID")
    return str(component["UID"]), recurrence.to_ical().decode() if recurrence else ""


def said(component: Component) -> str:
    """What a feed says of an event, its revision (DTSTAMP, SEQUENCE, LAST-MODIFIED) aside."""
    lines = sorted(
        line
        for line in component.content_lines()
        if line and not line.startswith(("BEGIN:", "END:", *(f"{name}:" for name in REVISION)))
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def read_history(source: str | Path | None, *, chosen: bool = False) -> FeedHistory:
    """The history in the feeds at ``source`` (a folder or an http(s) address), or none.
    A ``chosen`` source (``calendar_history``) that is not a folder or an address is said."""
    history = FeedHistory()
    if source is None:
        return history
    if chosen and (problem := _not_a_source(str(source))):
        history.problem = problem
        return history
    for name in ("visits.ics", "lending.ics"):
        text = _read(source, name, history)
        if history.problem:
            break  # one line says why; the rest would say the same
        if text is None:
            continue
        try:
            calendar = Calendar.from_ical(text)
        except ValueError as exc:
            history.problem = f"{_where(source, name)} is not a calendar ({exc})"
            continue
        history.feeds.add(name)
        if name == "visits.ics" and calendar.get(FEEDS_PROPERTY):
            for part in str(calendar[FEEDS_PROPERTY]).split(","):
                feed, _, department = part.partition("=")
                if feed.endswith(".ics"):
                    history.feeds.add(feed)
                    history.names[feed] = urllib.parse.unquote(department) or feed[7:-4]
        for event in calendar.walk("VEVENT"):
            if "UID" not in event:
                continue
            modified = event.get("LAST-MODIFIED")
            history.events[event_key(event)] = Published(
                said(event),
                int(event.get("SEQUENCE", 0)),
                modified.dt if modified else dt.datetime.min.replace(tzinfo=dt.UTC),
            )
    return history


def _not_a_source(source: str) -> str | None:
    """Why ``source`` cannot hold published feeds, or None."""
    if source.startswith(("http://", "https://")):
        return None
    if "://" in source or source.startswith("file:"):
        return (
            f"calendar_history: {source} is neither a folder nor an http(s) address — write "
            "the folder's path (/srv/www/room) or the site's address (https://intranet/room/)"
        )
    path = Path(source)
    if not path.exists():
        return f"calendar_history: the folder {source} does not exist"
    if not path.is_dir():
        return f"calendar_history: {source} is a file, not the folder of the published site"
    if not any((path / name).is_file() for name in ("visits.ics", "lending.ics", "index.html")):
        return f"calendar_history: the folder {source} holds no published site (no index.html)"
    return None


def _where(source: str | Path, name: str) -> str:
    return f"{str(source).rstrip('/')}/{name}"


def _read(source: str | Path, name: str, history: FeedHistory) -> str | None:
    """A published feed's text; None where there is none (a first build)."""
    where = _where(source, name)
    if str(source).startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(where, timeout=TIMEOUT_SECONDS) as answer:
                data = answer.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code != 404:
                history.problem = f"{where} answered {exc.code} {exc.reason}"
            return None
        except (urllib.error.URLError, OSError) as exc:
            history.problem = f"{where} could not be read ({getattr(exc, 'reason', exc)})"
            return None
    else:
        path = Path(source) / name
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        history.problem = f"{where} is over {MAX_BYTES // 1_000_000} MB: left unread"
        return None
    return bytes(data).decode("utf-8", "replace")
