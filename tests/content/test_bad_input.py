"""Hostile and clumsy input, each case on its own copy of a small room: refused in seconds with
one located line (file, line, field), no traceback, and — for a build — the previous site left
as it was."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bad_input_cases import MORE_CASES
from click.testing import Result

from audiohelpers import speechlike, write_recording
from conftest import ROOMS, run_cli, tree_digest, write_files

MKDOCS_TEXT = (
    "site_name: Bad input\ndocs_dir: content\ntheme: {name: material, font: false}\n"
    "plugins:\n  - search\n  - tags\n  - customer-room:\n      timezone: Europe/London\n"
)
VISIT = (
    "  - id: {id}\n    visitor: Sam Lee\n    department: Marketing\n    date: {date}\n"
    "    start: '{start}'\n    end: '{end}'\n    host: Billing team\n"
)
LEND = (
    "  - id: {id}\n    agent: Moira Campbell\n    home_team: Claims line\n"
    "    host_function: Claims operations\n    start: {start}\n    end: 2026-06-12\n"
)
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True)
)


VISITS_CSV = "id,visitor,department,date,start,end,host\n"
CONSENT = "consent: {reference: R, date: 2026-01-05, scope: s}\n"
CLIP = (
    "title: A\npersona: sam-reid\nmoment: praise\ntone: positive\naudio: c.wav\n"
    "transcript: c.vtt\n{more}"
)


def visits(*entries: str, repeat: str = "") -> str:
    body = "".join(entries)
    return "visits:\n" + body + (f"    repeat: {repeat}\n" if repeat else "")


def visit(id: str = "one", date: str = "2026-06-02", start: str = "10:00", end: str = "12:00"):
    return VISIT.format(id=id, date=date, start=start, end=end)


CASES: dict[str, tuple[dict[str, str], int, str]] = {
    # name: (files, exit code, a piece of the located line)
    "yaml alias bomb": ({"content/visits.yml": BOMB}, 1, "content/visits.yml:1: holds over"),
    "duplicate key": (
        {
            "content/visits.yml": "visits:\n"
            + visit().replace("    host:", "    date: 2026-06-03\n    host:")
        },
        1,
        "content/visits.yml:8: 'date' is written twice in the same place (first on line 5)",
    ),
    "repeat every second": (
        {"content/visits.yml": visits(visit(), repeat="FREQ=SECONDLY")},
        1,
        "content/visits.yml:9: repeat: repeats more often than once a day (FREQ=SECONDLY)",
    ),
    "repeat every minute, many times": (
        {"content/visits.yml": visits(visit(), repeat="FREQ=MINUTELY;COUNT=100000")},
        1,
        "content/visits.yml:9: repeat: repeats more often than once a day (FREQ=MINUTELY)",
    ),
    "two visits with one id": (
        {"content/visits.yml": "visits:\n" + visit() + visit(date="2026-06-09")},
        1,
        "content/visits.yml:9: id: the id 'one' is also used on line 2",
    ),
    "two lends with one id": (
        {
            "content/lending.yml": "lending:\n"
            + LEND.format(id="two", start="2026-06-01")
            + LEND.format(id="two", start="2026-06-02")
        },
        1,
        "content/lending.yml:8: id: the id 'two' is also used on line 2",
    ),
    "spreadsheet date 0": (
        {"content/visits.yml": "visits:\n" + visit(date="0")},
        1,
        "content/visits.yml:5: date: 0 is a number, not a date",
    ),
    "spreadsheet date 86400": (
        {"content/visits.yml": "visits:\n" + visit(date="86400")},
        1,
        "content/visits.yml:5: date: 86400 is a number, not a date",
    ),
    "a time the clocks skip": (
        {"content/visits.yml": "visits:\n" + visit(date="2026-03-29", start="01:30", end="03:00")},
        0,
        "content/visits.yml:2: start: 01:30 on 2026-03-29 does not exist in Europe/London",
    ),
    "a time the clocks pass twice": (
        {"content/visits.yml": "visits:\n" + visit(date="2026-10-25", start="00:30", end="01:30")},
        0,
        "content/visits.yml:2: end: 01:30 on 2026-10-25 happens twice in Europe/London",
    ),
    "unknown plugin option": (
        {"mkdocs.yml": MKDOCS_TEXT + "      timezon: Europe/Paris\n"},
        0,
        "mkdocs.yml:9: plugins.customer-room.timezon: 'timezon' is not an option of "
        "customer-room, so it does nothing — did you mean 'timezone'?",
    ),
    "repeat that matches no day": (
        {"content/visits.yml": visits(visit(), repeat="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")},
        0,
        "content/visits.yml:2: repeat: the rule gives no day from 2026-06-02 to",
    ),
    "repeat pasted with its DTSTART line": (
        {
            "content/visits.yml": visits(visit())
            + "    repeat: |\n      DTSTART:20260602T100000\n      RRULE:FREQ=WEEKLY\n"
        },
        1,
        "content/visits.yml:9: repeat: write the rule alone on one line",
    ),
    "repeat at several hours a day": (
        {"content/visits.yml": visits(visit(), repeat="FREQ=DAILY;BYHOUR=9,10,11;BYMINUTE=0,30")},
        1,
        "content/visits.yml:9: repeat: the rule sets times of day (BYHOUR, BYMINUTE) — the "
        "times come from start and end",
    ),
    "repeat started long ago": (
        {"content/visits.yml": visits(visit(date="1960-01-04"), repeat="FREQ=DAILY")},
        1,
        "content/visits.yml:2: repeat: the rule is read for 20,000 repeats from 1960-01-04",
    ),
    "a date in another millennium": (
        {"content/lending.yml": "lending:\n" + LEND.format(id="old", start="1066-10-14")},
        1,
        "content/lending.yml:6: start: 1066-10-14 is not a date of the room — write a year from "
        "1900 to 2200",
    ),
    "mkdocs.yml alias bomb": (
        {"mkdocs.yml": MKDOCS_TEXT + BOMB.replace("a:", "extra_a:", 1).replace("&a", "&a", 1)},
        1,
        "values once its aliases (*name) are read out — write the values out",
    ),
    "mkdocs.yml key twice": (
        {"mkdocs.yml": MKDOCS_TEXT + "site_name: Again\n"},
        1,
        "mkdocs.yml:9: 'site_name' is written twice in the same place (first on line 1)",
    ),
    "a key written as yes and as true": (
        {"content/visits.yml": "visits:\n" + visit() + "yes: 1\ntrue: 2\n"},
        1,
        "content/visits.yml:10: 'true' is written twice in the same place (first on line 9 as "
        "'yes')",
    ),
    "spreadsheet date 0 in a csv": (
        {"content/visits.csv": VISITS_CSV + "one,Sam Lee,Marketing,0,10:00,12:00,Billing\n"},
        1,
        "content/visits.csv:2: date: 0 is a number, not a date",
    ),
    "spreadsheet date 86400 in a csv": (
        {"content/visits.csv": VISITS_CSV + "one,Sam Lee,Marketing,86400,10:00,12:00,Billing\n"},
        1,
        "content/visits.csv:2: date: 86400 is a number, not a date",
    ),
    "a csv column named twice": (
        {
            "content/visits.csv": VISITS_CSV.replace("host", "host,date") + "a,b,c,2026-06-02,"
            "10:00,12:00,B,0\n"
        },
        1,
        "content/visits.csv:1: date: the column 'date' is named twice in the first row (columns 4 "
        "and 8)",
    ),
    "one id in visits.yml and visits.csv": (
        {
            "content/visits.yml": "visits:\n" + visit(),
            "content/visits.csv": VISITS_CSV + "one,Kim Ray,Legal,2026-06-09,10:00,12:00,Billing\n",
        },
        1,
        "content/visits.csv:2: id: the id 'one' is also used on content/visits.yml:2",
    ),
    "repeat every zero days": (
        {"content/visits.yml": visits(visit(), repeat="FREQ=DAILY;INTERVAL=0")},
        1,
        "content/visits.yml:9: repeat: the rule's INTERVAL=0 is not a whole number of 1 or more",
    ),
    "a quote dated with a number": (
        {"content/quotes.csv": "text,persona,tone,source,date\nok,sam-reid,positive,review,0\n"},
        1,
        "content/quotes.csv:2: date: 0 is a number, not a date",
    ),
    "a clip whose consent is dated with a number": (
        {"clips/c.yml": CLIP.format(more="consent: {reference: R, date: 86400, scope: s}\n")},
        1,
        "clips/c.yml:7: consent.date: 86400 is a number, not a date",
    ),
    "a clip published until a number": (
        {"clips/c.yml": CLIP.format(more=CONSENT + "publish_until: 0\n")},
        1,
        "clips/c.yml:8: publish_until: 0 is a number, not a date",
    ),
}
MKDOCS = MKDOCS_TEXT
ALL_CASES = {**CASES, **MORE_CASES}


@dataclass(frozen=True)
class Checked:
    """What ``check`` and ``build`` did with one case: exit codes, output, time, whether the
    room's files were left as they were, and whether the site built before was kept."""

    code: int
    output: str
    stderr: str
    seconds: float
    untouched: bool
    strict_code: int | None
    build_code: int
    site_kept: bool


def _built(root: Path, site: Path) -> list[str]:
    """The small room at ``root``, built into ``site``; the command that built it."""
    shutil.copytree(ROOMS / "minimal", root, ignore=shutil.ignore_patterns("expected*"))
    write_files(root, {"mkdocs.yml": MKDOCS})
    build = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-01-10"]
    assert run_cli(*build).exit_code == 0
    return build


def _check_case(job: tuple[str, Path]) -> Checked:
    """On a copy of the small room as built (its site, cache and state with it): write the
    case's files over it, then run ``check`` (and ``check --strict`` where it passes) and
    ``build`` again; in a worker."""
    name, workspace = job
    files, _, _ = ALL_CASES[name]
    root = workspace / name.replace(" ", "-")
    site = workspace / f"{root.name}-site"
    shutil.copytree(workspace / "base", root)
    shutil.copytree(workspace / "base-site", site)
    build = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-01-10"]
    before = tree_digest(site)
    write_files(root, files)
    sources = tree_digest(root)
    args = ["check", "-f", str(root / "mkdocs.yml"), "--today", "2026-01-10"]
    started = time.perf_counter()
    result = run_cli(*args)
    seconds = time.perf_counter() - started
    strict = run_cli(*args, "--strict").exit_code if result.exit_code == 0 else None
    untouched = tree_digest(root) == sources  # the build below keeps its state in the room
    built = run_cli(*build)
    return Checked(
        result.exit_code,
        result.output,
        result.stderr,
        seconds,
        untouched,
        strict,
        built.exit_code,
        tree_digest(site) == before,
    )


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Checked]:
    """Every case checked and built at once, in parallel (each on its own copy of the room)."""
    workspace = tmp_path_factory.mktemp("bad-input")
    _built(workspace / "base", workspace / "base-site")  # once: each case starts from a copy
    names = sorted(ALL_CASES)
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 2) as pool:
        results = pool.map(_check_case, [(name, workspace) for name in names])
    return dict(zip(names, results, strict=True))


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_bad_input_gets_one_located_line_quickly(name: str, checked: dict[str, Checked]) -> None:
    _, code, expected = ALL_CASES[name]
    result = checked[name]
    assert result.seconds < 20, "refused in seconds"
    assert result.code == code, result.stderr
    lines = [line for line in result.stderr.splitlines() if expected in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(("error: ", "warning: "))
    assert "Traceback" not in result.output + result.stderr
    assert result.untouched, "source files are never changed"
    assert result.build_code == code, "build stops where check does"
    if code == 1:
        assert result.site_kept, "a failed build leaves the previous site as it was"
    else:  # a warning: counted, and --strict fails on it
        assert " 0 warnings" not in result.output
        assert result.strict_code == 1


@pytest.mark.parametrize("name", ["yaml alias bomb", "repeat every second"])
def test_a_runaway_build_is_refused_and_the_previous_site_stays(
    name: str, copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = copy_room("minimal")
    write_files(root, {"mkdocs.yml": MKDOCS})
    site = tmp_path / "site"
    assert cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site)).exit_code == 0
    before = tree_digest(site)
    write_files(root, CASES[name][0])
    started = time.perf_counter()
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))
    assert time.perf_counter() - started < 30
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert CASES[name][2] in result.stderr
    assert tree_digest(site) == before


CALL = {
    "mkdocs.yml": MKDOCS_TEXT,
    "clips/call.vtt": (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Agent>hello there\n\n"
        "00:00:09.000 --> 00:00:11.000\n<v Customer>thanks bye\n"
    ),
    "clips/call.yml": (
        "title: A call\npersona: sam-reid\nmoment: praise\ntone: positive\n"
        "audio: call.pcm.wav\ntranscript: call.vtt\n"
        "consent: {reference: CR-1, date: 2026-01-05, scope: internal training}\n"
    ),
}


def test_a_missing_ffmpeg_named_by_the_variable_is_one_line(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from customer_room.ffmpeg import AudioError, ffmpeg_path

    root = copy_room("minimal")
    write_files(root, CALL)
    write_recording(speechlike(3.0), root / "clips/call.pcm.wav")
    monkeypatch.setenv("CUSTOMER_ROOM_FFMPEG", "/nowhere/ffmpeg")
    ffmpeg_path.cache_clear()
    try:
        with pytest.raises(AudioError, match="CUSTOMER_ROOM_FFMPEG is set to '/nowhere/ffmpeg'"):
            ffmpeg_path()
        for command in ("check", "build"):
            result = cli(command, "-f", str(root / "mkdocs.yml"))
            assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
            [line] = [line for line in result.stderr.splitlines() if "CUSTOMER_ROOM_FFMPEG" in line]
            assert line.startswith(
                "error: clips/: CUSTOMER_ROOM_FFMPEG is set to '/nowhere/ffmpeg'"
            )
    finally:
        ffmpeg_path.cache_clear()


def test_transcript_cues_past_the_end_of_the_recording_are_said(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = copy_room("minimal")
    write_files(root, CALL)
    write_recording(speechlike(3.0), root / "clips/call.pcm.wav")
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "runs to" in line]
    assert line.startswith("warning: clips/call.yml:6: transcript: the transcript runs to 0:11")
    assert "the recording ends at 0:03" in line
    strict = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "s2"), "--strict")
    assert strict.exit_code == 1


def test_a_second_build_while_one_runs_says_so(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    import fcntl

    from customer_room.build_lock import build_lock

    root = copy_room("minimal")
    with build_lock(root).open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another build of this room, running
        result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "site"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "another build or preview of this room is running" in result.stderr
    assert not list(tmp_path.glob(".site.*")), "nothing left behind"
    assert cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "site")).exit_code == 0


def test_a_site_folder_that_cannot_be_replaced_is_one_line_and_cleaned_up(
    copy_room: Callable[[str], Path],
    cli: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = copy_room("minimal")
    parent = tmp_path / "out"
    site = parent / "site"
    assert cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site)).exit_code == 0
    before = tree_digest(site)
    rename = Path.rename

    def refused(self: Path, target: str | Path) -> Path:
        if self == site:  # the site is open in another program, or its folder is read-only
            raise PermissionError(13, "Permission denied")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refused)
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if "could not replace" in line]
    assert line.startswith("Build failed (") and "permission denied" in line
    assert tree_digest(site) == before
    assert [p.name for p in parent.iterdir()] == ["site"], "no .site.building-* left behind"


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("personas", "holds the room's sources"),
        ("clips", "holds the room's sources"),
        ("content", "'docs_dir' should not be within the 'site_dir'"),  # MkDocs says it
        (".", "'docs_dir' should not be within the 'site_dir'"),
        ("..", "'docs_dir' should not be within the 'site_dir'"),
        ("notes", "holds files but no site built before"),
        ("notes/plan.txt", "is a file"),
    ],
)
def test_a_site_folder_whose_replacing_would_lose_something_is_refused(
    where: str, said: str, copy_room: Callable[[str], Path], cli: Callable[..., Result]
) -> None:
    root = copy_room("minimal")
    write_files(root, {"notes/plan.txt": "keep me\n"})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + f"site_dir: {where}\n")  # as a room would write it
    before = tree_digest(root)
    result = cli("build", "-f", str(config))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if said in line]
    assert "docs_dir" in said or "choose another folder with --site-dir" in line
    assert tree_digest(root) == before, "nothing of the room was touched"
    assert not list(root.parent.glob(".*.building-*")) and not list(root.glob(".*.building-*"))


def test_a_rebuild_by_mkdocs_itself_waits_for_a_running_build(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    """`mkdocs build` and the rebuilds of `customer-room serve` go through the plugin alone:
    they wait for a build of the same room that is running, then build."""
    import fcntl
    import subprocess
    import sys
    import threading

    from customer_room.build_lock import build_lock

    root = copy_room("minimal")
    site = tmp_path / "site"
    with build_lock(root).open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another build of this room, running
        mkdocs = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-f",
                str(root / "mkdocs.yml"),
                "-d",
                str(site),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        said: list[str] = []
        reader = threading.Thread(target=lambda: said.extend(mkdocs.stdout or []))
        reader.start()
        deadline = time.monotonic() + 60
        while not any("Waiting for another build" in line for line in said):
            assert mkdocs.poll() is None, "".join(said)
            assert time.monotonic() < deadline, "".join(said)
            time.sleep(0.1)
        assert not (site / "index.html").exists(), "it waited"
        fcntl.flock(held, fcntl.LOCK_UN)
    assert mkdocs.wait(timeout=120) == 0, "".join(said)
    reader.join()
    assert (site / "index.html").is_file()


def test_the_same_content_for_the_same_day_builds_the_same_site(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Two checkouts of one room, made at different times, built for the same --today: the
    sites are byte-identical (sitemap, its gzip header, "Schedule last changed" included)."""
    first = copy_room("minimal")
    write_files(first, {"mkdocs.yml": MKDOCS, "content/visits.yml": "visits:\n" + visit()})
    second = tmp_path / "second-checkout"
    shutil.copytree(first, second)
    for root, stamp in ((first, 1_000_000_000), (second, 1_900_000_000)):
        for path in root.rglob("*"):
            os.utime(path, (stamp, stamp))  # checked out in 2001, and in 2030
    sites = []
    for root in (first, second):
        site = tmp_path / f"site-{root.name}"
        result = cli(
            "build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-05-01"
        )
        assert result.exit_code == 0, result.stderr
        sites.append(tree_digest(site))
    assert len(sites[0]) > 20 and sites[0] == sites[1]


def test_check_finds_a_recording_over_the_length_limit(
    copy_room: Callable[[str], Path], cli: Callable[..., Result]
) -> None:
    """``check`` reads each recording's length from its header, as the build would refuse it."""
    root = copy_room("minimal")
    write_files(
        root,
        {
            "mkdocs.yml": MKDOCS.replace("timezone:", "clip_max_minutes: 0.05\n      timezone:"),
            "clips/call.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Agent>hello there\n",
            "clips/call.yml": (
                "title: A call\npersona: sam-reid\nmoment: praise\ntone: positive\n"
                "audio: call.pcm.wav\ntranscript: call.vtt\n"
                "consent: {reference: CR-1, date: 2026-01-05, scope: internal training}\n"
            ),
        },
    )
    write_recording(speechlike(4.0), root / "clips/call.pcm.wav")
    result = cli("check", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert (
        "error: clips/call.yml:5: audio: 'call.pcm.wav' is 0.067 minutes long, over the limit "
        "of 0.05 minutes" in result.stderr
    )


def test_a_rule_pasted_from_a_calendar_is_published_as_one_valid_rule(
    copy_room: Callable[[str], Path], cli: Callable[..., Result], tmp_path: Path
) -> None:
    from icalendar import Calendar

    root = copy_room("minimal")
    pasted = "'RRULE: freq=weekly;count=3;byday=TU;'"
    write_files(root, {"mkdocs.yml": MKDOCS, "content/visits.yml": visits(visit(), repeat=pasted)})
    site = tmp_path / "site"
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-05-01")
    assert result.exit_code == 0, result.stderr
    [feed] = site.rglob("visits.ics")
    text = feed.read_bytes().decode()
    assert "RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=TU\r\n" in text and "RRULE:RRULE" not in text
    [event] = Calendar.from_ical(text).walk("VEVENT")
    assert dict(event["RRULE"]) == {"FREQ": ["WEEKLY"], "COUNT": [3], "BYDAY": ["TU"]}


def test_a_spreadsheet_date_serial_is_its_day_with_or_without_a_time() -> None:
    from customer_room.content.models import EXCEL_EPOCH, day

    assert day("46086.5") == day(46086) == day(" 46086 ") == EXCEL_EPOCH + dt.timedelta(46086)
    for nonsense in ("0", "86400", 0.5, "19999"):
        with pytest.raises(ValueError, match="is a number, not a date"):
            day(nonsense)


def test_a_rule_is_read_for_a_bounded_number_of_periods() -> None:
    """dateutil walks a rule that matches no day to the year 9999; here it is walked to the
    end of what is shown. A rule started decades back keeps what is shown, up to a bound."""
    from customer_room.content.repeat_rules import MAX_STEPS, occurrences

    since, until = dt.datetime(2025, 1, 1), dt.datetime(2027, 1, 1)
    never = occurrences("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", dt.datetime(2026, 1, 1), since, until)
    assert never.starts == () and not never.any_before and not never.cut
    assert never.periods <= (until - dt.datetime(2026, 1, 1)).days + 2, "walked to the end only"
    old = occurrences("FREQ=DAILY", dt.datetime(1960, 1, 1, 10), since, until)
    assert old.cut and old.starts == () and old.periods == MAX_STEPS, "1960 is too far back"
    recent = occurrences(
        "FREQ=DAILY", dt.datetime(1975, 1, 1, 10), dt.datetime(1976, 1, 1), dt.datetime(1977, 1, 1)
    )
    assert len(recent.starts) == 366 and recent.any_before and not recent.cut
    weekly = occurrences("FREQ=WEEKLY", dt.datetime(1990, 1, 1, 10), since, until)
    assert not weekly.cut and all(s.weekday() == 0 for s in weekly.starts)
    assert len(weekly.starts) in (104, 105) and MAX_STEPS > 52 * 37
