"""The room, stage by stage: load, validate, media, render. The site engine is not known here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Report, RoomError
from .generated import GeneratedFile
from .load import load_room
from .photos import process_photos
from .render import render_room, site_nav
from .room import Room
from .settings import Settings
from .validate import validate_room


@dataclass
class RoomBuild:
    """Everything the site engine needs: generated files, the menu, and what was noticed."""

    room: Room
    files: list[GeneratedFile]
    nav: list[dict[str, Any]]
    report: Report
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{n} {what}" for what, n in self.counts.items()]
        warnings = len(self.report.warnings)
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        return "Customer Room: " + ", ".join(parts)


def read_room(settings: Settings) -> tuple[Room, Report]:
    """Load and validate: everything ``customer-room check`` looks at."""
    report = Report()
    room = load_room(settings.room_dir, report)
    validate_room(room, settings, report)
    return room, report


def build_room(settings: Settings) -> RoomBuild:
    """Run every stage; raise :class:`RoomError` with all problems when the room cannot be built."""
    room, report = read_room(settings)
    _stop_on_errors(report)
    images, media_files = process_photos(room, settings, report)
    _stop_on_errors(report)
    files = render_room(room, images, settings) + media_files
    counts = {
        "pages": sum(1 for f in files if f.is_page),
        "personas": len(room.personas),
        "quotes": len(room.quotes),
        "photo files": sum(1 for f in media_files if f.path.startswith("media/photos/")),
    }
    return RoomBuild(room, files, site_nav(room), report, counts)


def _stop_on_errors(report: Report) -> None:
    if report.errors:
        raise RoomError(report.errors, report.warnings)
