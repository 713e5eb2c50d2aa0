"""Peer visits and lending: validation, pages relative to --today, and iCalendar feeds that two
independent readers accept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from click.testing import Result
from dateutil.rrule import rrulestr

from conftest import ROOMS, build_room
from customer_room.build import read_room
from customer_room.content.schedule_models import Status
from customer_room.settings import Settings

RoomMaker = Callable[[dict[str, str | bytes]], Path]
LONDON = ZoneInfo("Europe/London")
VISIT = "visits:\n  - visitor: A\n    department: D\n"
SERIES = VISIT + "    date: 2026-02-03\n    start: '10:00'\n    end: '11:00'\n    host: H\n"
LEND = "lending:\n  - agent: Moira\n    home_team: T\n    host_function: X\n"


def feeds(root: Path, today: dt.date, tmp_path: Path, site: Path | None = None) -> dict[str, str]:
    """The room's calendars; with ``site``, read back from and published into that folder
    (the history of what was published before)."""
    settings = Settings(room_dir=root, cache_dir=tmp_path / "cache", today=today, site_dir=site)
    result = build_room(settings)
    assert not result.report.problems, [str(p) for p in result.report.problems]
    made = {f.path: str(f.content) for f in result.files if f.path.endswith(".ics")}
    if site is not None:
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        for name, text in made.items():
            (site / name).write_text(text, encoding="utf-8", newline="")
    return made


def test_golden_feeds(copy_room: Callable[[str], Path], tmp_path: Path) -> None:
    made = feeds(copy_room("schedules"), dt.date(2026, 3, 20), tmp_path)
    assert sorted(made) == [
        "lending.ics",
        "visits-executive.ics",
        "visits-legal.ics",
        "visits-marketing.ics",
        "visits.ics",
    ]
    expected = ROOMS / "schedules" / "expected"
    for name in ("visits.ics", "lending.ics"):
        if os.environ.get("UPDATE_GOLDEN"):
            expected.mkdir(exist_ok=True)
            with (expected / name).open("w", encoding="utf-8", newline="") as handle:
                handle.write(made[name])
        with (expected / name).open(encoding="utf-8", newline="") as handle:
            assert made[name] == handle.read()


def test_feeds_parse_with_two_independent_readers(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    made = feeds(copy_room("schedules"), dt.date(2026, 3, 20), tmp_path)
    calendar = icalendar.Calendar.from_ical(made["visits.ics"])
    assert calendar["METHOD"] == "PUBLISH"
    assert str(calendar["REFRESH-INTERVAL"].to_ical().decode()) == "PT4H"
    assert calendar["X-PUBLISHED-TTL"] == "PT4H"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    assert {str(e["STATUS"]) for e in events} == {"CONFIRMED", "CANCELLED"}
    other = vobject.readOne(made["visits.ics"])
    uids = sorted(str(e.uid.value) for e in other.vevent_list)
    assert uids == sorted(str(e["UID"]) for e in events)
    lends = vobject.readOne(made["lending.ics"])
    assert lends.vevent.summary.value.startswith("On loan: Moira Campbell")


def test_a_weekly_visit_keeps_its_local_time_across_the_clock_change(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    made = feeds(copy_room("schedules"), dt.date(2026, 3, 20), tmp_path)
    event = next(
        e
        for e in icalendar.Calendar.from_ical(made["visits.ics"]).walk("VEVENT")
        if "Sam Lee" in str(e["SUMMARY"])
    )
    start = event.decoded("DTSTART")
    rule = event["RRULE"].to_ical().decode()
    local = list(rrulestr(rule, dtstart=start.replace(tzinfo=None)))
    dates = [d.date() for d in local]
    assert dates == [
        dt.date(2026, 3, 17),
        dt.date(2026, 3, 24),
        dt.date(2026, 3, 31),
        dt.date(2026, 4, 7),
    ]  # British Summer Time starts on 29 March 2026
    aware = [d.replace(tzinfo=LONDON) for d in local]
    assert {d.hour for d in aware} == {10}
    assert [d.utcoffset() for d in aware] == [dt.timedelta(0)] * 2 + [dt.timedelta(hours=1)] * 2
    assert [d.astimezone(dt.UTC).hour for d in aware] == [10, 10, 9, 9]


def test_all_day_lend_and_timed_visit_round_trip(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    made = feeds(copy_room("schedules"), dt.date(2026, 3, 20), tmp_path)
    lend = icalendar.Calendar.from_ical(made["lending.ics"]).walk("VEVENT")[0]
    assert lend.decoded("DTSTART") == dt.date(2026, 3, 30)
    assert lend.decoded("DTEND") == dt.date(2026, 4, 11)  # the day after the last day
    visit = next(
        e
        for e in icalendar.Calendar.from_ical(made["visits.ics"]).walk("VEVENT")
        if "Dana" in str(e["SUMMARY"])
    )
    start, end = visit.decoded("DTSTART"), visit.decoded("DTEND")
    assert (start.hour, end.hour, str(start.tzinfo)) == (9, 11, "Europe/London")
    assert "shared status page" in str(visit["DESCRIPTION"])


def test_uid_stays_and_sequence_moves_when_only_the_time_changes(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_room("schedules")

    def dana(made: dict[str, str]) -> icalendar.Event:
        return next(
            e
            for e in icalendar.Calendar.from_ical(made["visits.ics"]).walk("VEVENT")
            if "Dana" in str(e["SUMMARY"])
        )

    site = tmp_path / "site"
    first = dana(feeds(root, dt.date(2026, 3, 20), tmp_path, site))
    again = dana(feeds(root, dt.date(2026, 3, 21), tmp_path, site))
    assert (again["UID"], again["SEQUENCE"]) == (first["UID"], 0)
    assert again.decoded("LAST-MODIFIED") == first.decoded("LAST-MODIFIED")
    visits = root / "content/visits.yml"
    visits.write_text(visits.read_text().replace('start: "09:00"', 'start: "09:30"'))
    moved = dana(feeds(root, dt.date(2026, 3, 22), tmp_path, site))
    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("LAST-MODIFIED") > first.decoded("LAST-MODIFIED")
    assert moved.decoded("DTSTART").minute == 30


def test_today_moves_entries_between_upcoming_current_and_past(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = copy_room("schedules")

    def pages(today: str) -> tuple[str, str]:
        site = tmp_path / today
        result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", today)
        assert result.exit_code == 0, result.stderr
        return (site / "visits/index.html").read_text(), (site / "lending/index.html").read_text()

    def section(page: str, heading: str) -> str:
        return page.split(f">{heading}<", 1)[1].split("<h2", 1)[0]

    visits, lending = pages("2026-03-20")
    assert "Dana Whitfield" in section(visits, "Upcoming")
    assert "Moira Campbell" in section(lending, "Upcoming")
    visits, lending = pages("2026-04-02")
    assert "Dana Whitfield" in section(visits, "This week")
    assert "Moira Campbell" in section(lending, "Away now")
    visits, lending = pages("2026-04-20")
    past = section(visits, "Past visits and what we learned")
    assert "Dana Whitfield" in past and "shared status page" in past
    assert "adjuster is booked" in section(lending, "Past lends and what they brought back")
    assert 'href="../visits.ics"' in visits and "last changed" in visits


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "content/visits.yml": VISIT + "    date: 2026-02-30\n"
                "    start: '10:00'\n    end: '11:00'\n    host: H\n"
            },
            "content/visits.yml:4: date: input should be a valid date",
        ),
        (
            {
                "content/visits.yml": VISIT + "    date: 2026-02-03\n"
                "    start: '11:00'\n    end: '10:00'\n    host: H\n"
            },
            "content/visits.yml:2: the visit must end after it starts",
        ),
        (
            {
                "content/visits.yml": VISIT + "    date: 2026-02-03\n"
                "    start: '10:00'\n    end: '11:00'\n    host: H\n    repeat: FREQ=SOMETIMES\n"
            },
            "content/visits.yml:8: repeat: not a repeat rule",
        ),
        (
            {"content/visits.yml": SERIES + "    repeat: FREQ=WEEKLY;COUNT=3;UNTIL=20270301\n"},
            "content/visits.yml:8: repeat: the rule has both UNTIL and COUNT — keep one",
        ),
        (
            {"content/visits.yml": SERIES + "    repeat: FREQ=WEEKLY;UNTIL=soon\n"},
            "content/visits.yml:8: repeat: the rule's UNTIL=SOON is not a day — write "
            "UNTIL=20270301",
        ),
        (
            {
                "content/visits.yml": SERIES + "    repeat: FREQ=WEEKLY;BYDAY=TU\n"
                "    changes:\n      - occurrence: 2026-02-11\n        status: cancelled\n"
            },
            "content/visits.yml:9: changes: 2026-02-11 is not a day this entry repeats on "
            "(FREQ=WEEKLY;BYDAY=TU from 2026-02-03) — write the occurrence's day as the rule "
            "gives it",
        ),
        (
            {
                "content/visits.yml": SERIES + "    repeat: FREQ=WEEKLY;BYDAY=TU\n"
                "    changes:\n      - occurrence: 2026-02-10\n        status: cancelled\n"
                "      - occurrence: 46063\n        date: 2026-02-12\n"
            },
            "content/visits.yml:9: changes: 2026-02-10 is changed twice — keep one change per "
            "occurrence",
        ),
        (
            {
                "content/visits.yml": SERIES + "    changes:\n      - occurrence: 2026-02-03\n"
                "        status: cancelled\n"
            },
            "content/visits.yml:8: changes: only a repeating entry (repeat:) has occurrences "
            "to change",
        ),
        (
            {"content/visits.yml": SERIES + "    until: 2026-05-01\n"},
            "content/visits.yml:8: until: only a repeating entry (repeat:) ends on a day",
        ),
        (
            {
                "content/visits.yml": VISIT + "    date: 2026-02-03\n"
                "    start: '10:00'\n    end: '11:00'\n    host: H\n    party: 3\n    seats: 2\n"
            },
            "content/visits.yml:2: party: 3 people for 2 seat(s)",
        ),
        (
            {
                "content/lending.yml": LEND
                + "    start: 2026-03-01\n    end: 2026-03-20\n  - agent: moira\n    home_team: T\n"
                "    host_function: Y\n    start: 2026-03-10\n    end: 2026-03-12\n"
            },
            "content/lending.yml:7: start: moira is already lent from 2026-03-01 to 2026-03-20",
        ),
        (
            {
                "content/lending.yml": "id,agent,home_team,host_function,start,end\n"
                "a,Moira,T,X,31/02/2026,46100\n"
            },
            "content/lending.csv:2: start: ",
        ),
    ],
)
def test_schedule_problems_name_file_line_and_field(
    make_room: RoomMaker, tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    if "content/lending.yml" in files and files["content/lending.yml"].startswith("id,"):
        files = {"content/lending.csv": files.pop("content/lending.yml")}
    root = make_room(files)  # type: ignore[arg-type]
    report = read_room(Settings(room_dir=root, cache_dir=tmp_path / "cache")).report
    lines = [str(p) for p in report.errors]
    assert any(line.startswith(expected) for line in lines), lines


def test_spreadsheet_dates_and_unknown_time_zone(make_room: RoomMaker, tmp_path: Path) -> None:
    root = make_room(
        {
            "content/lending.csv": b"\xef\xbb\xbfid,agent,home_team,host_function,"
            b"start,end\na,Moira,T,X,02/03/2026,46096\n"
        }
    )
    read = read_room(Settings(room_dir=root, cache_dir=tmp_path / "cache", date_order="day-first"))
    room, report = read.room, read.report
    assert not report.problems
    lend = room.lends[0].lend
    assert (lend.start, lend.end) == (dt.date(2026, 3, 2), dt.date(2026, 3, 15))
    report = read_room(
        Settings(
            room_dir=root, cache_dir=tmp_path / "c", timezone="Mars/Base", date_order="day-first"
        )
    ).report
    assert [str(p) for p in report.errors] == [
        "mkdocs.yml: timezone: 'Mars/Base' is not a time zone — use an IANA name such as "
        "Europe/London or America/New_York"
    ]


def test_an_occurrence_can_be_named_with_on(make_room: RoomMaker, tmp_path: Path) -> None:
    """YAML reads ``on:`` as a key of true; it names the occurrence all the same."""
    root = make_room(
        {
            "content/visits.yml": SERIES + "    repeat: FREQ=WEEKLY\n    changes:\n"
            "      - on: 2026-02-10\n        status: cancelled\n"
            "      - 'on': 2026-02-17\n        start: '09:00'\n"
        }
    )
    read = read_room(Settings(room_dir=root, cache_dir=tmp_path / "cache"))
    assert not read.report.problems, [str(p) for p in read.report.problems]
    changes = read.room.visits[0].visit.changes
    assert [(c.occurrence, c.status) for c in changes] == [
        (dt.date(2026, 2, 10), Status.CANCELLED),
        (dt.date(2026, 2, 17), None),
    ]


@pytest.mark.parametrize(
    ("pasted", "published"),
    [
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301T235959Z", "UNTIL=20270301T235959Z"),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301", "UNTIL=20270301T235959Z"),
        ("freq=weekly;byday=tu;until=2027-03-01", "UNTIL=20270301T235959Z"),
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301T120000", "UNTIL=20270301T120000Z"),
    ],
)
def test_until_as_pasted_is_read_and_published_as_rfc_5545_asks(
    make_room: RoomMaker, tmp_path: Path, pasted: str, published: str
) -> None:
    """In London in winter local time is UTC: the rule's last day is read to its end, and
    published as a moment in UTC for a visit with a time of day."""
    root = make_room({"content/visits.yml": SERIES + f"    repeat: {pasted}\n"})
    made = feeds(root, dt.date(2026, 2, 1), tmp_path)
    (event,) = icalendar.Calendar.from_ical(made["visits.ics"]).walk("VEVENT")
    rule = event["RRULE"].to_ical().decode()
    assert rule.startswith("FREQ=WEEKLY;") and published in rule and "RRULE" not in rule
    starts = list(rrulestr(rule, dtstart=event.decoded("DTSTART")))
    assert starts[-1].date() == dt.date(2027, 2, 23)
    assert len(starts) == 56


QUOTES_CSV = "text,persona,tone,source,date\n"


@pytest.mark.parametrize(
    ("order", "written", "read", "problem"),
    [
        (None, "13/04/2026", dt.date(2026, 4, 13), ""),
        (None, "04/13/2026", dt.date(2026, 4, 13), ""),
        (None, "03/03/2026", dt.date(2026, 3, 3), ""),
        (
            None,
            "03/04/2026",
            None,
            "content/quotes.csv:2: date: 03/04/2026 could be April 3 or March 4 — write it as "
            "YYYY-MM-DD, or say how the room writes dates: date_order: day-first (or "
            "month-first) in mkdocs.yml",
        ),
        ("day-first", "03/04/2026", dt.date(2026, 4, 3), ""),
        ("month-first", "03/04/2026", dt.date(2026, 3, 4), ""),
        ("month-first", "12/02/2026", dt.date(2026, 12, 2), ""),
        (
            "month-first",
            "13/04/2026",
            None,
            "content/quotes.csv:2: date: 13/04/2026 is not a day of the calendar read month "
            "first (MM/DD/YYYY)",
        ),
        ("day-first", "12.02.2026", dt.date(2026, 2, 12), ""),
        ("day-first", "46065", dt.date(2026, 2, 12), ""),
    ],
)
def test_dates_read_the_same_in_every_file_as_the_room_says(
    make_room: RoomMaker,
    tmp_path: Path,
    order: str | None,
    written: str,
    read: dt.date | None,
    problem: str,
) -> None:
    """A quote in a spreadsheet, a visit and a lend read one date alike; 03/04/2026 is read
    only as the room's date_order says, never guessed."""
    visit = SERIES.replace("date: 2026-02-03", f"date: '{written}'")
    lend = LEND + f"    start: '{written}'\n    end: 2026-12-31\n"
    root = make_room(
        {
            "personas/sam-reid/persona.md": "---\nname: Sam Reid\nsegment: s\ntagline: t\n---\n",
            "content/quotes.csv": QUOTES_CSV + f"Fine,sam-reid,positive,review,{written}\n",
            "content/visits.yml": visit,
            "content/lending.yml": lend,
        }
    )
    result = read_room(Settings(room_dir=root, cache_dir=tmp_path / "cache", date_order=order))
    errors = [str(p) for p in result.report.errors]
    if problem:
        assert problem in errors[0], errors
        assert len(errors) == 3, errors  # the same line for the visit and the lend
        return
    assert errors == []
    room = result.room
    assert (
        room.quotes[0].quote.date == room.visits[0].visit.date == room.lends[0].lend.start == read
    )
