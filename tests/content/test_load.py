from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from customer_room.content.load import load_room
from customer_room.content.models import QuoteSource, Tone
from customer_room.errors import Report, Severity

PERSONA = """\
---
name: Ada Byrne
segment: Retail banking
tagline: "Keep it simple."
goals:
  - Pay off the car loan
tags: banking; app
---
Ada keeps bees.
"""

RoomMaker = Callable[[dict[str, str | bytes]], Path]


def test_persona_loads_with_its_story(make_room: RoomMaker) -> None:
    root = make_room({"personas/ada-byrne/persona.md": PERSONA})
    report = Report()
    room = load_room(root, report)
    assert not report.problems
    [entry] = room.personas
    assert entry.slug == "ada-byrne"
    assert entry.persona.goals == ["Pay off the car loan"]
    assert entry.persona.tags == ["banking", "app"]
    assert "bees" in entry.body


def test_missing_field_is_reported_with_line_and_advice(make_room: RoomMaker) -> None:
    root = make_room({"personas/ada/persona.md": "---\nname: Ada\ntagline: hi\n---\n"})
    report = Report()
    load_room(root, report)
    assert [str(p) for p in report.errors] == [
        "personas/ada/persona.md:2: segment: required — add it: who they are as a customer, "
        "e.g. 'Retail banking'"
    ]


def test_photo_without_alt_text_is_an_error(make_room: RoomMaker) -> None:
    root = make_room(
        {"personas/ada/persona.md": "---\nname: Ada\nsegment: s\ntagline: t\nphoto: p.jpg\n---\n"}
    )
    report = Report()
    load_room(root, report)
    [problem] = report.errors
    assert problem.field == "photo_alt" and problem.line == 5
    assert "describe the photo" in problem.message


def test_wrong_type_names_field_and_line(make_room: RoomMaker) -> None:
    root = make_room(
        {
            "personas/ada/persona.md": (
                "---\nname: Ada\nsegment: s\ntagline: t\ngoals:\n  nested: 1\n---\n"
            )
        }
    )
    report = Report()
    load_room(root, report)
    [problem] = report.errors
    assert (problem.path, problem.line, problem.field) == ("personas/ada/persona.md", 5, "goals")
    assert "list" in problem.message


def test_unknown_field_warns_with_a_suggestion(make_room: RoomMaker) -> None:
    root = make_room(
        {"personas/ada/persona.md": "---\nname: Ada\nsegment: s\ntagline: t\ntaglin: oops\n---\n"}
    )
    report = Report()
    room = load_room(root, report)
    assert len(room.personas) == 1
    [warning] = report.problems
    assert warning.severity is Severity.WARNING
    assert str(warning) == (
        "personas/ada/persona.md:5: taglin: unknown field, ignored — did you mean 'tagline'?"
    )


def test_quotes_from_yaml_and_csv_with_bom(make_room: RoomMaker) -> None:
    csv_text = (
        "id,text,persona,tone,themes,source,date\r\n"
        'c1,"Quick, kind and done",ada,positive,app; trust,survey,2026-01-05\r\n'
    )
    root = make_room(
        {
            "content/quotes.yml": (
                "quotes:\n  - text: Lovely\n    tone: positive\n    source: call\n"
            ),
            "content/quotes.csv": b"\xef\xbb\xbf" + csv_text.encode(),
        }
    )
    report = Report()
    room = load_room(root, report)
    assert not report.problems
    yml, row = room.quotes
    assert yml.quote.key.startswith("q-") and yml.line == 2
    assert row.quote.text == "Quick, kind and done"
    assert row.quote.themes == ["app", "trust"]
    assert row.quote.tone is Tone.POSITIVE and row.quote.source is QuoteSource.SURVEY
    assert (row.path, row.line) == ("content/quotes.csv", 2)


def test_every_quote_problem_of_a_file_is_reported_together(make_room: RoomMaker) -> None:
    root = make_room(
        {
            "content/quotes.yml": (
                "quotes:\n"
                "  - text: A\n    tone: angry\n    source: call\n"
                "  - tone: positive\n    source: call\n"
                "  - text: C\n    tone: positive\n    source: call\n    date: 2026-13-40\n"
            )
        }
    )
    report = Report()
    room = load_room(root, report)
    assert len(room.quotes) == 0
    lines = [(p.line, p.field) for p in report.errors]
    assert lines == [(3, "tone"), (5, "text"), (10, "date")]


def test_csv_problem_names_its_row(make_room: RoomMaker) -> None:
    root = make_room(
        {"content/quotes.csv": "text,tone,source\nGood,positive,call\n,positive,fax\n"}
    )
    report = Report()
    load_room(root, report)
    assert {(p.line, p.field) for p in report.errors} == {(3, "text"), (3, "source")}


def test_free_page_takes_its_title_from_its_heading(make_room: RoomMaker) -> None:
    root = make_room({"content/Host a Visit.md": "# Hosting a visit\n\nBring snacks.\n"})
    report = Report()
    room = load_room(root, report)
    [page] = room.pages
    assert (page.slug, page.title) == ("host-a-visit", "Hosting a visit")
