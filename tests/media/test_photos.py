from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from conftest import jpeg_with_metadata
from customer_room.content.load import load_room
from customer_room.errors import Report
from customer_room.media.jobs import MediaJobs
from customer_room.media.photos import avatar_svg, process_photos
from customer_room.media.workpool import LocalPool
from customer_room.settings import Settings
from sitehelpers import metadata_markers

RoomMaker = Callable[[dict[str, str | bytes]], Path]


def room_with_photo(make_room: RoomMaker, photo: bytes, name: str = "face.jpg") -> Path:
    return make_room(
        {
            "personas/ada/persona.md": f"---\nname: Ada Byrne\nsegment: s\ntagline: t\n"
            f"photo: {name}\n"
            "photo_alt: Ada smiling\n---\n",
            f"personas/ada/{name}": photo,
        }
    )


def process(root: Path, **options: object):  # type: ignore[no-untyped-def]
    settings = Settings(room_dir=root, cache_dir=root / ".cache", workers=1, **options)  # type: ignore[arg-type]
    report = Report()
    room = load_room(root, report)
    with LocalPool(1) as pool, MediaJobs(report, executors=(pool, pool)) as jobs:
        images, files = process_photos(room, settings, report, jobs)
    assert not report.errors, report.errors
    return images, files


def test_source_fixture_really_carries_metadata() -> None:
    data = jpeg_with_metadata()
    assert {"EXIF", "XMP", "IPTC", "camera", "comment", "names"} <= set(metadata_markers(data))


def test_every_output_is_free_of_metadata(make_room: RoomMaker) -> None:
    root = room_with_photo(make_room, jpeg_with_metadata((1600, 1200)))
    _, files = process(root)
    assert len(files) == 6  # 320, 640, 1280 as WebP and JPEG
    for file in files:
        data = file.read_bytes()
        assert metadata_markers(data) == [], file.path
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            assert "icc_profile" not in image.info and "comment" not in image.info


def test_orientation_is_applied_before_metadata_is_dropped(make_room: RoomMaker) -> None:
    # Orientation 6: the camera was turned; the stored pixels must be rotated 90 degrees.
    root = room_with_photo(make_room, jpeg_with_metadata((2000, 1500), orientation=6))
    images, files = process(root)
    largest = images["ada"].largest
    assert largest is not None and (largest.width, largest.height) == (1280, 1707)
    jpeg = next(f for f in files if f.path.endswith("-1280.jpg"))
    with Image.open(io.BytesIO(jpeg.read_bytes())) as image:
        # The yellow marker was top-left in the stored pixels; after turning it is top-right.
        r, g, b = image.convert("RGB").getpixel((image.width - 20, 20))
        assert r > 200 and g > 200 and b < 80


def test_sizes_never_upscale(make_room: RoomMaker) -> None:
    root = room_with_photo(make_room, jpeg_with_metadata((500, 400)))
    images, _ = process(root)
    assert [v.width for v in images["ada"].variants] == [320]
    root2 = room_with_photo(make_room, jpeg_with_metadata((200, 100)), name="tiny.jpg")
    images2, _ = process(root2)
    assert [v.width for v in images2["ada"].variants] == [200]


def test_webp_and_jpeg_are_real_images(make_room: RoomMaker) -> None:
    root = room_with_photo(make_room, jpeg_with_metadata((1400, 1400)))
    _, files = process(root)
    formats = set()
    for file in files:
        with Image.open(io.BytesIO(file.read_bytes())) as image:
            formats.add(image.format)
    assert formats == {"WEBP", "JPEG"}


def test_png_with_transparency_gets_a_white_background(make_room: RoomMaker) -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 400), (0, 0, 0, 0)).save(buffer, "PNG")
    root = room_with_photo(make_room, buffer.getvalue(), name="face.png")
    _, files = process(root)
    with Image.open(io.BytesIO(files[1].read_bytes())) as image:
        assert image.convert("RGB").getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=3)


def test_second_run_takes_everything_from_the_cache(make_room: RoomMaker) -> None:
    root = room_with_photo(make_room, jpeg_with_metadata())
    _, first = process(root)
    stamps = {f.path: f.source.stat().st_mtime_ns for f in first if f.source}
    _, second = process(root)
    assert {f.path: f.source.stat().st_mtime_ns for f in second if f.source} == stamps
    # A changed option is a different output: it is processed again, under a new name.
    _, third = process(root, photo_quality=50)
    assert {f.path for f in third}.isdisjoint(stamps)


def test_persona_without_photo_gets_an_initials_avatar(make_room: RoomMaker) -> None:
    root = make_room(
        {"personas/ada/persona.md": "---\nname: Ada Byrne\nsegment: s\ntagline: t\n---\n"}
    )
    images, files = process(root)
    assert images["ada"].avatar == "media/avatars/ada.svg"
    svg = str(files[0].content)
    assert ">AB</text>" in svg
    assert avatar_svg("Ada Byrne") == svg  # the same colour every build
    assert avatar_svg("Ada Byrne") != avatar_svg("Bo Chen")
