"""Calendar feeds through edits, deletions and fresh checkouts: the change history read back from
what was published, departments that never overwrite each other, calendars that stay published
when their last event goes, and one occurrence changed without rewriting the rest."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import icalendar
import pytest
from click.testing import Result

from calendar_readers import with_icalendar, with_khal, with_vobject
from conftest import build_room
from customer_room.build import read_room
from customer_room.settings import Settings

TODAY = dt.date(2026, 11, 20)
Feeds = dict[str, str]


def publish(root: Path, site: Path, tmp_path: Path, today: dt.date = TODAY) -> Feeds:
    """The room's calendars, their history read from ``site``, then published there."""
    settings = Settings(
        room_dir=root,
        cache_dir=tmp_path / "cache",
        today=today,
        timezone="America/Chicago",
        site_dir=site,
    )
    result = build_room(settings)
    assert not result.report.errors, [str(p) for p in result.report.errors]
    made = {f.path: str(f.content) for f in result.files if f.path.endswith(".ics")}
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for name, text in made.items():
        (site / name).write_text(text, encoding="utf-8", newline="")
    return made


def events(feed: str) -> dict[tuple[str, str], icalendar.Event]:
    found = {}
    for event in icalendar.Calendar.from_ical(feed).walk("VEVENT"):
        recurrence = event.get("RECURRENCE-ID")
        key = (str(event["SUMMARY"]), recurrence.to_ical().decode() if recurrence else "")
        found[key] = event
    return found


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def revision(event: icalendar.Event) -> tuple[int, dt.datetime]:
    return int(event["SEQUENCE"]), event.decoded("LAST-MODIFIED")


def test_an_edit_moves_only_its_event_and_a_field_the_feed_does_not_carry_moves_nothing(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root, site = copy_room("clock-changes"), tmp_path / "site"
    before = events(publish(root, site, tmp_path)["visits.ics"])
    assert {revision(e)[0] for e in before.values()} == {0}
    edit(root, "visits.yml", "    host: Renewals\n", "    host: Renewals\n    seats: 4\n")
    same = events(publish(root, site, tmp_path, TODAY + dt.timedelta(days=3))["visits.ics"])
    assert {k: revision(e) for k, e in same.items()} == {k: revision(e) for k, e in before.items()}
    edit(root, "visits.yml", 'start: "16:00"', 'start: "15:30"')
    later = TODAY + dt.timedelta(days=5)
    after = events(publish(root, site, tmp_path, later)["visits.ics"])
    moved = {k for k in after if revision(after[k]) != revision(before[k])}
    assert moved == {("Visit: Dana Whitfield (Legal) with Complaints team", "")}
    (key,) = moved
    assert revision(after[key])[0] == 1
    assert revision(after[key])[1] == dt.datetime.combine(later, dt.time(), dt.UTC)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    """A folder served over HTTP on 127.0.0.1, as a published site is."""
    servers = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()


def test_the_history_survives_a_fresh_checkout(
    copy_room: Callable[[str], Path],
    cli: Callable[..., Result],
    served: Callable[[Path], str],
    tmp_path: Path,
) -> None:
    """A build from a clean clone (no .customer-room/, no site folder) reads SEQUENCE and
    LAST-MODIFIED back from the published site named by calendar_history."""
    root = copy_room("clock-changes")
    published = tmp_path / "published"
    result = cli(
        "build", "-f", str(root / "mkdocs.yml"), "-d", str(published), "--today", "2026-11-20"
    )
    assert result.exit_code == 0, result.stderr
    edit(root, "visits.yml", 'start: "16:00"', 'start: "15:30"')
    result = cli(
        "build", "-f", str(root / "mkdocs.yml"), "-d", str(published), "--today", "2026-11-25"
    )
    assert result.exit_code == 0, result.stderr
    first = events((published / "visits.ics").read_text(encoding="utf-8"))

    clone = tmp_path / "clone"
    shutil.copytree(root, clone, ignore=shutil.ignore_patterns(".customer-room", ".cache"))
    config, address = clone / "mkdocs.yml", served(published)
    config.write_text(
        config.read_text().replace(
            "timezone: America/Chicago",
            f"timezone: America/Chicago\n      calendar_history: {address}",
        )
    )
    fresh = tmp_path / "fresh-site"
    result = cli("build", "-f", str(config), "-d", str(fresh), "--today", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    again = events((fresh / "visits.ics").read_text(encoding="utf-8"))
    assert {k: revision(e) for k, e in again.items()} == {k: revision(e) for k, e in first.items()}
    assert revision(again[("Visit: Dana Whitfield (Legal) with Complaints team", "")])[0] == 1
    assert "last changed 25 Nov 2026" in (fresh / "visits/index.html").read_text()

    # An address that answers nothing: the build goes on, and says so on one line.
    config.write_text(config.read_text().replace(address, "http://127.0.0.1:9/"))
    result = cli("build", "-f", str(config), "-d", str(fresh), "--today", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert "calendar_history: http://127.0.0.1:9/visits.ics could not be read" in result.stderr


def test_a_calendar_history_that_holds_no_site_is_said(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A calendar_history that is not the published site (a missing folder, a file, a file://
    address, a folder with no site in it) is one warning line; a folder that is, is read."""
    root = copy_room("clock-changes")
    published = tmp_path / "published"
    args = ("build", "-f", str(root / "mkdocs.yml"), "--today", "2026-11-20")
    assert cli(*args, "-d", str(published)).exit_code == 0
    (tmp_path / "empty").mkdir()
    config = root / "mkdocs.yml"
    original = config.read_text()
    for value, said in (
        (str(tmp_path / "missing"), "does not exist"),
        (str(published / "visits.ics"), "is a file, not the folder of the published site"),
        (f"file://{published}", "is neither a folder nor an http(s) address"),
        (str(tmp_path / "empty"), "holds no published site"),
        (str(published), None),
    ):
        config.write_text(
            original.replace(
                "timezone: America/Chicago",
                f"timezone: America/Chicago\n      calendar_history: {value}",
            )
        )
        result = cli(*args, "-d", str(tmp_path / "site"))
        assert result.exit_code == 0, result.stderr
        lines = [line for line in result.stderr.splitlines() if "calendar_history" in line]
        if said is None:
            assert lines == [], lines
        else:
            assert len(lines) == 1 and said in lines[0], result.stderr
            assert "starts again from this build" in lines[0]


def test_departments_written_in_other_capitals_are_one_calendar(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    made = publish(copy_room("clock-changes"), tmp_path / "site", tmp_path)
    legal = events(made["visits-legal.ics"])
    assert {k[0] for k in legal} == {
        "Visit: Dana Whitfield (Legal) with Complaints team",
        "Visit: Morgan Ellis (LEGAL) with Complaints team",
    }
    assert icalendar.Calendar.from_ical(made["visits-legal.ics"])["X-WR-CALNAME"].endswith(
        "visits from Legal"
    )
    # A department in another script has a calendar of its own, named in Latin letters.
    sales = icalendar.Calendar.from_ical(made["visits-otdel-prodazh.ics"])
    assert str(sales["X-WR-CALNAME"]).endswith("visits from Отдел продаж")
    assert {str(e["SUMMARY"]) for e in sales.walk("VEVENT")} == {
        "Visit: Irina Volkova (Отдел продаж) with Billing team"
    }


def test_departments_that_would_share_a_calendar_are_refused(
    make_room: Callable[[dict[str, str]], Path], tmp_path: Path
) -> None:
    visit = "  - visitor: A\n    department: {}\n    date: 2026-03-03\n"
    visit += "    start: '10:00'\n    end: '11:00'\n    host: H\n"
    root = make_room(
        {"content/visits.yml": "visits:\n" + visit.format("R&D") + visit.format("R D")}
    )
    report = read_room(Settings(room_dir=root, cache_dir=tmp_path / "cache")).report
    assert [str(p) for p in report.errors] == [
        "content/visits.yml:8: department: the departments 'R D' and 'R&D' "
        "(content/visits.yml:2) would share one calendar, visits-r-d.ics — write the "
        "department the same way in both, or name them so they differ in letters"
    ]


def test_a_calendar_stays_published_when_its_last_event_goes(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root, site = copy_room("clock-changes"), tmp_path / "site"
    before = publish(root, site, tmp_path)
    assert "visits-finance.ics" in before
    visits = root / "content/visits.yml"
    text = visits.read_text(encoding="utf-8")
    visits.write_text(text[: text.index("  # One occurrence cancelled")], encoding="utf-8")
    (root / "content/lending.yml").unlink()
    after = publish(root, site, tmp_path, TODAY + dt.timedelta(days=1))
    assert set(after) == set(before)
    for name, department in (
        ("visits-finance.ics", "Finance"),
        ("visits-otdel-prodazh.ics", "Отдел продаж"),
    ):  # still named for its department, not for its file
        named = icalendar.Calendar.from_ical(after[name])["X-WR-CALNAME"]
        assert str(named).endswith(f"visits from {department}"), named
    for name in ("visits-finance.ics", "lending.ics"):
        calendar = icalendar.Calendar.from_ical(after[name])
        assert calendar.walk("VEVENT") == []
        assert calendar.walk("VTIMEZONE"), "a calendar holds at least one component"
        assert with_vobject(after[name], TODAY, TODAY + dt.timedelta(days=400)) == set()
        assert (
            with_khal(after[name], TODAY, TODAY + dt.timedelta(days=400), tmp_path / name) == set()
        )
        assert with_icalendar(after[name], TODAY, TODAY + dt.timedelta(days=400)) == set()
    # Published again from that history, still there.
    assert set(publish(root, site, tmp_path, TODAY + dt.timedelta(days=2))) == set(before)


def test_a_room_whose_visits_and_lends_are_all_gone_builds_strict(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Every visit and lend deleted: the calendars stay, empty, and no page links to the
    schedule pages that are gone (a link MkDocs would warn of, failing --strict)."""
    root, site = copy_room("clock-changes"), tmp_path / "site"
    args = ("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))
    result = cli(*args, "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert (site / "visits/index.html").is_file()
    (root / "content/visits.yml").write_text("visits: []\n", encoding="utf-8")
    (root / "content/lending.yml").write_text("lending: []\n", encoding="utf-8")
    result = cli(*args, "--strict", "--today", "2026-11-21")
    assert result.exit_code == 0, result.stderr
    assert not (site / "visits/index.html").exists()
    assert not (site / "lending/index.html").exists()
    assert (site / "visits.ics").is_file() and (site / "lending.ics").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="visits/"' not in home and 'href="lending/"' not in home


def test_changing_one_occurrence_leaves_the_rest_of_the_series(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    """A moved or cancelled occurrence, an outcome of its own and an end day change what they
    are about: every other occurrence reads the same in every reader as before."""
    root, site = copy_room("clock-changes"), tmp_path / "site"
    window = (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    before = publish(root, site, tmp_path)["lending.ics"]
    edit(
        root,
        "lending.yml",
        "    repeat: FREQ=MONTHLY;BYDAY=1MO\n",
        "    repeat: FREQ=MONTHLY;BYDAY=1MO\n    until: 2027-01-31\n    changes:\n"
        "      - occurrence: 2026-12-07\n        start: 2026-12-14\n        end: 2026-12-18\n",
    )
    after = publish(root, site, tmp_path, TODAY + dt.timedelta(days=1))["lending.ics"]
    old, new = with_icalendar(before, *window), with_icalendar(after, *window)
    assert with_vobject(after, *window) == new
    farah = "On loan: Farah Khan (Digital support) to Mobile app team"
    gone = {o[0] for o in old - new}
    came = {o[0] for o in new - old}
    assert {o[2] for o in old ^ new} == {farah}
    assert came == {"2026-12-14"}
    assert "2026-12-07" in gone and all(day >= "2026-12-07" for day in gone)
    assert max(o[0] for o in new if o[2] == farah) == "2027-01-04"
    lends = events(after)
    assert lends[(farah, "20261207")].decoded("DTEND") == dt.date(2026, 12, 19)
    # What Moira brought back belongs to the occurrence it came from.
    moira = "On loan: Moira Campbell (Claims line) to Claims operations"
    assert "What they brought back" not in str(lends[(moira, "")]["DESCRIPTION"])
    assert "adjuster" in str(lends[(moira, "20260105")]["DESCRIPTION"])
    assert "One list of the delays" in str(lends[(moira, "20260705")]["DESCRIPTION"])
    assert "20261005" in lends[(moira, "")]["EXDATE"].to_ical().decode()


def test_pages_mark_cancelled_visits_and_keep_outcomes_to_their_occurrence(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = copy_room("clock-changes")
    site = tmp_path / "site"
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-11-10")
    assert result.exit_code == 0, result.stderr
    visits = (site / "visits/index.html").read_text()
    past = visits.split('id="past-visits-and-what-we-learned"', 1)[1]
    assert "16 Oct 2026 — Raj Kumar</strong> (Finance), with Renewals — <em>cancelled</em>" in past
    assert "06 Nov 2026 — Raj Kumar</strong> (Finance), with Renewals: Heard how" in past
    assert past.count("Heard how customers read") == 1
    assert "02 Nov 2026 — Raj Kumar</strong> (Finance), with Renewals</li>" in past
    earlier = tmp_path / "earlier"
    result = cli(
        "build", "-f", str(root / "mkdocs.yml"), "-d", str(earlier), "--today", "2026-10-25"
    )
    assert result.exit_code == 0, result.stderr
    upcoming = (earlier / "visits/index.html").read_text().split('id="upcoming"', 1)[1]
    row = next(r for r in upcoming.split("</tr>") if "Mon 02 Nov" in r)
    assert "15:00\u201316:30 (moved from Fri 30 Oct 11:00)" in row and "Raj Kumar" in row
    on_the_day = tmp_path / "on-the-day"
    result = cli(
        "build", "-f", str(root / "mkdocs.yml"), "-d", str(on_the_day), "--today", "2026-10-16"
    )
    assert result.exit_code == 0, result.stderr
    home = (on_the_day / "index.html").read_text().split('id="today-on-the-floor"', 1)[1]
    assert "Renewals (cancelled)" in home.split("</ul>", 1)[0]
    lending = (site / "lending/index.html").read_text()
    rows = lending.split('id="past-lends-and-what-they-brought-back"', 1)[1].split("</tr>")
    moira = [row for row in rows if "Moira Campbell" in row]
    assert len(moira) == 4  # January, April, July (moved), October (cancelled)
    with_outcome = [row for row in moira if "adjuster" in row or "One list" in row]
    assert len(with_outcome) == 2
    assert any("(cancelled)" in row and "05 Oct 2026" in row for row in moira)
    assert any("13 Jul 2026" in row and "(moved from 05 Jul)" in row for row in moira)
