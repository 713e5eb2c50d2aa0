"""Every calendar reader gets the same times: khal, vobject and recurring-ical-events read every
occurrence of every feed alike, and as the room's own pages show them, now and after 2037."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from calendar_readers import (
    KHAL_LAST_YEAR,
    Occurrence,
    with_icalendar,
    with_khal,
    with_vobject,
)
from conftest import build_room
from customer_room.build import RoomBuild
from customer_room.content.schedules import lend_times, visit_times
from customer_room.pages.feed_events import STATUS
from customer_room.pages.feed_timezone import changes, timezone_block
from customer_room.settings import Settings

FIRST = dt.date(2025, 1, 1)
LATE = dt.date(2045, 12, 31)
CHICAGO = ZoneInfo("America/Chicago")


def made(root: Path, today: dt.date, tmp_path: Path, zone: str) -> RoomBuild:
    settings = Settings(
        room_dir=root,
        cache_dir=tmp_path / "cache",
        today=today,
        timezone=zone,
        site_url="https://room.example/",  # the clip cards' codes: no warning for their lack
    )
    result = build_room(settings)
    # The warnings the rooms are written to have: a first day the rule does not give, and
    # occurrences moved onto clock-change nights (each day said).
    expected = ("is not a day the rule", "(the clocks change that night)")
    unexpected = [
        str(p) for p in result.report.problems if not any(e in p.message for e in expected)
    ]
    assert not unexpected, unexpected
    if root.name == "clock-changes":
        nights = [p.message[:19] for p in result.report.problems if expected[1] in p.message]
        assert nights == ["02:30 on 2027-03-14", "01:15 on 2027-11-07"], nights
    return result


def feeds_of(result: RoomBuild) -> dict[str, str]:
    return {f.path: str(f.content) for f in result.files if f.path.endswith(".ics")}


def agree(name: str, text: str, folder: Path) -> set[Occurrence]:
    """The occurrences all three readers give (khal up to the year it expands to)."""
    read = with_icalendar(text, FIRST, LATE)
    assert read, f"{name}: no occurrence at all"
    assert with_vobject(text, FIRST, LATE) == read, name
    khal_last = dt.date(KHAL_LAST_YEAR, 12, 31)
    early = {o for o in read if o[0][:10] <= khal_last.isoformat()}
    assert with_khal(text, FIRST, khal_last, folder / name) == early, name
    return read


@pytest.mark.parametrize(
    ("room", "zone", "today"),
    [
        ("sample", "Europe/London", dt.date(2026, 12, 5)),
        ("clock-changes", "America/Chicago", dt.date(2026, 11, 20)),
    ],
)
def test_three_readers_read_every_feed_alike(
    copy_room: Callable[[str], Path], tmp_path: Path, room: str, zone: str, today: dt.date
) -> None:
    result = made(copy_room(room), today, tmp_path, zone)
    feeds = feeds_of(result)
    read = {name: agree(name, text, tmp_path / "khal") for name, text in feeds.items()}
    # Each department's calendar holds exactly its part of visits.ics.
    departments = set().union(*(v for k, v in read.items() if k.startswith("visits-")))
    assert departments == read["visits.ics"]
    # And the pages show what the readers read, occurrence by occurrence: a cancelled
    # occurrence of a series is left out of the feed (EXDATE), a cancelled one-off visit is in
    # it as cancelled.
    times = visit_times(result.room, ZoneInfo(zone), today)
    pages = {(_utc(t.start), _utc(t.end), STATUS[t.status]) for t in times}
    first, last = min(p[0] for p in pages), max(p[0] for p in pages)
    feed = {(o[0], o[1], o[3]) for o in read["visits.ics"] if first <= o[0] <= last}
    series_cancelled = {
        (_utc(t.start), _utc(t.end), "CANCELLED")
        for t in times
        if t.entry.visit.repeat and t.status.name == "CANCELLED"
    }
    assert feed == pages - series_cancelled
    lends = lend_times(result.room, ZoneInfo(zone), today)
    shown = {
        (t.first.isoformat(), (t.last + dt.timedelta(days=1)).isoformat())
        for t in lends
        if t.status.name != "CANCELLED"
    }
    last_lend = max(t.first.isoformat() for t in lends)
    assert {(o[0], o[1]) for o in read["lending.ics"] if o[0] <= last_lend} == shown


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def test_repeat_rules_across_clock_changes_keep_their_local_time_after_2037(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    feeds = feeds_of(made(copy_room("clock-changes"), dt.date(2026, 11, 20), tmp_path, CHICAGO.key))
    read = with_vobject(feeds["visits.ics"], FIRST, LATE)
    assert read == with_icalendar(feeds["visits.ics"], FIRST, LATE)

    def local(summary: str) -> list[dt.datetime]:
        return sorted(
            dt.datetime.strptime(o[0], "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC).astimezone(CHICAGO)
            for o in read
            if summary in o[2]
        )

    # UNTIL=20270301T235959Z: every Tuesday from 6 January 2026 to 23 February 2027, at 10:00
    # on the clocks in winter and in summer alike.
    tuesdays = local("Sam Lee")
    expected = [dt.date(2026, 1, 6) + dt.timedelta(weeks=n) for n in range(60)]
    assert [t.date() for t in tuesdays] == [d for d in expected if d <= dt.date(2027, 3, 1)]
    assert {(t.hour, t.minute) for t in tuesdays} == {(10, 0)}
    assert {t.utcoffset() for t in tuesdays} == {dt.timedelta(hours=-6), dt.timedelta(hours=-5)}
    # RRULE: pasted with COUNT=3 across the change of 8 March.
    assert [t.date() for t in local("Priya Shah")] == [
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 16),
    ]
    assert {t.hour for t in local("Priya Shah")} == {13}
    # UNTIL=2027-03-01 (a day): the first Thursdays from October 2026 to February 2027.
    assert [t.date() for t in local("Ollie Grant")] == [
        dt.date(2026, 10, 1),
        dt.date(2026, 11, 5),
        dt.date(2026, 12, 3),
        dt.date(2027, 1, 7),
        dt.date(2027, 2, 4),
    ]
    # No end: still at 16:00 in 2040-2045, summer and winter.
    late = [t for t in local("Dana Whitfield") if t.year >= 2040]
    assert len(late) == 72 and {t.hour for t in late} == {16}
    # Ended with until:, one cancelled, one moved across the clock change, the rest as it was.
    fridays = local("Raj Kumar")
    assert fridays[-1].date() == dt.date(2026, 12, 18)
    assert dt.date(2026, 10, 16) not in [t.date() for t in fridays]
    moved = next(t for t in fridays if t.date() == dt.date(2026, 11, 2))
    assert (moved.hour, moved.minute, moved.utcoffset()) == (15, 0, dt.timedelta(hours=-6))
    assert {t.hour for t in fridays if t.date() != dt.date(2026, 11, 2)} == {11}


def test_published_rules_are_valid_for_their_start(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    """UNTIL is a moment in UTC where the start has a zone, a day where it is a day; a pasted
    RRULE: is one rule; COUNT and UNTIL never together (RFC 5545)."""
    feeds = feeds_of(made(copy_room("clock-changes"), dt.date(2026, 11, 20), tmp_path, CHICAGO.key))
    rules = []
    for name in ("visits.ics", "lending.ics"):
        for event in Calendar.from_ical(feeds[name]).walk("VEVENT"):
            if "RRULE" not in event:
                continue
            rule = event["RRULE"].to_ical().decode()
            rules.append(rule)
            assert "RRULE" not in rule and not ("COUNT" in rule and "UNTIL" in rule), rule
            until = event["RRULE"].get("UNTIL")
            if until:
                start = event.decoded("DTSTART")
                if isinstance(start, dt.datetime):
                    assert until[0].tzinfo is not None and until[0].utcoffset() == dt.timedelta(0)
                    assert rule.split("UNTIL=")[1][:16].endswith("Z")
                else:
                    assert type(until[0]) is dt.date, rule
    assert "FREQ=WEEKLY;COUNT=3;BYDAY=MO" in rules
    assert "FREQ=MONTHLY;UNTIL=20270302T055959Z;BYDAY=1TH" in rules  # 1 March, to its end


ZONES = [
    "Europe/London",
    "America/Chicago",
    "Europe/Dublin",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Jerusalem",
    "Pacific/Chatham",
    "America/Havana",
    "Asia/Tehran",
]


@pytest.mark.parametrize("name", ZONES)
def test_the_time_zone_block_gives_the_tz_database_offsets(name: str) -> None:
    """Read by vobject (which builds the zone from the block alone), the block gives the offset
    the tz database gives at every moment from 2005 to 2070, across each zone's changes of law
    (Chile, Brazil, Iran ending summer time) and half-hour savings (Lord Howe)."""
    zone = ZoneInfo(name)
    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    calendar.add_component(timezone_block(zone, 2005, dt.date(2026, 12, 5)))
    text = calendar.to_ical().decode()
    assert "RDATE" not in text
    read = vobject.readOne(text).vtimezone.gettzinfo()
    moments = [
        dt.datetime(2005, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=25.2) * n for n in range(23_000)
    ]
    for change in changes(zone, 2005, 2070):  # each change, a minute before and at it
        moments += [
            change.at - dt.timedelta(minutes=1),
            change.at,
            change.at + dt.timedelta(hours=1),
        ]
    wrong = [m for m in moments if m.astimezone(read).utcoffset() != m.astimezone(zone).utcoffset()]
    assert wrong == []
