from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import jpeg_with_metadata, png_header_only
from customer_room.build import read_room
from customer_room.errors import Report
from customer_room.settings import Settings

RoomMaker = Callable[[dict[str, str | bytes]], Path]


def persona(photo: str | None = None) -> str:
    lines = ["---", "name: Ada", "segment: s", "tagline: t"]
    if photo:
        lines += [f"photo: {photo}", "photo_alt: A drawing of Ada"]
    return "\n".join([*lines, "---", ""])


def problems(root: Path) -> list[str]:
    report = read_room(Settings(room_dir=root, cache_dir=root / ".cache")).report
    return [str(p) for p in report.errors]


def test_quote_for_unknown_persona_suggests_the_right_one(make_room: RoomMaker) -> None:
    root = make_room(
        {
            "personas/ada-byrne/persona.md": persona(),
            "content/quotes.yml": "quotes:\n  - text: Hi\n    persona: ada-byrn\n"
            "    tone: neutral\n"
            "    source: call\n",
        }
    )
    assert problems(root) == [
        "content/quotes.yml:2: persona: no persona 'ada-byrn' — did you mean 'ada-byrne'?"
    ]


def test_duplicate_quote_ids_across_files(make_room: RoomMaker) -> None:
    root = make_room(
        {
            "content/quotes.yml": "quotes:\n  - id: q1\n    text: A\n    tone: neutral\n"
            "    source: call\n",
            "content/quotes.csv": "id,text,tone,source\nq1,B,neutral,survey\n",
        }
    )
    found = problems(root)
    assert len(found) == 2
    assert all("id 'q1' is used by 2 quotes" in p for p in found)


def test_free_page_cannot_take_a_room_address(make_room: RoomMaker) -> None:
    root = make_room({"content/personas.md": "# Personas\n"})
    assert problems(root) == [
        "content/personas.md: the name 'personas' is used by the room itself — rename the file"
    ]


def test_missing_photo(make_room: RoomMaker) -> None:
    root = make_room({"personas/ada/persona.md": persona("face.jpg")})
    [problem] = problems(root)
    assert "photo: no file 'face.jpg' in ada/" in problem


def test_text_file_named_jpg(make_room: RoomMaker) -> None:
    root = make_room(
        {
            "personas/ada/persona.md": persona("face.jpg"),
            "personas/ada/face.jpg": "not really a photo",
        }
    )
    [problem] = problems(root)
    assert "'face.jpg' is not an image" in problem


def test_decompression_bomb_is_refused_before_decoding(make_room: RoomMaker) -> None:
    root = make_room(
        {
            "personas/ada/persona.md": persona("huge.png"),
            "personas/ada/huge.png": png_header_only(20000, 20000),
        }
    )
    [problem] = problems(root)
    assert "too large" in problem and "megapixels" in problem


def test_photo_over_the_configured_limit(make_room: RoomMaker) -> None:
    root = make_room(
        {
            "personas/ada/persona.md": persona("face.jpg"),
            "personas/ada/face.jpg": jpeg_with_metadata((1000, 1000)),
        }
    )
    report = read_room(
        Settings(room_dir=root, cache_dir=root / ".cache", max_photo_pixels=500_000)
    ).report
    [problem] = report.errors
    assert "1000x1000 pixels, over the limit" in str(problem)


def test_paths_out_of_the_room_are_refused(make_room: RoomMaker, tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(jpeg_with_metadata())
    root = make_room(
        {
            "personas/ada/persona.md": persona("../../../../../../etc/passwd"),
            "personas/bob/persona.md": persona("link.jpg"),
        }
    )
    (root / "personas/bob/link.jpg").symlink_to(outside)
    found = problems(root)
    assert len(found) == 2
    assert all("points outside the room" in p for p in found)


def test_persona_file_linked_from_outside_is_refused(make_room: RoomMaker, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(persona())
    root = make_room({})
    (root / "personas/ada").mkdir(parents=True)
    (root / "personas/ada/persona.md").symlink_to(secret)
    report = Report()
    from customer_room.content.load import load_room

    load_room(root, report)
    assert [str(p) for p in report.errors] == [
        "personas/ada/persona.md: points outside the room — keep content files inside the room "
        "folder"
    ]
