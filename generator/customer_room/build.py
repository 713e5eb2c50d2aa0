"""The room, stage by stage: load, validate, media, render. The site engine is not known here."""

from __future__ import annotations

import difflib
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from .content.balance import Balance, check_balance, room_balance
from .content.kiosk_config import KioskConfig, read_kiosk_config
from .content.load import load_room
from .content.room import Room
from .content.schedules import lend_times, room_zone, validate_schedules, visit_times
from .content.tone import Estimates, Mislabel, assign_tones
from .content.validate import validate_room
from .content.yaml_files import SourceError, yaml_lines
from .errors import Report, RoomError
from .ffmpeg import AudioError, ffmpeg_path
from .media.clips import ClipEncoding, ClipMedia, process_clips
from .media.cluster import media_executor
from .media.photos import PersonaImage, process_photos
from .pages.calendar_feeds import Feeds, feed_files
from .pages.kiosk import KioskInput, kiosk_files
from .pages.render import Schedules, site_nav
from .pages.render_stage import render_room
from .pages.schedule_views import group_lends, group_visits
from .privacy.name_lexicon import keep_lexicon, lexicon_store
from .privacy.protect import PrivacyLog, RememberedFinds, detector_for, protect_room
from .settings import Settings
from .site_files import GeneratedFile


class MediaWork:
    """Clip audio still being encoded while the pages are made, and the executor doing it (let
    go once the work is done or stopped)."""

    def __init__(self, executor: ExitStack, report: Report) -> None:
        self.executor = executor
        self.report = report
        self.clips: ClipEncoding | None = None

    @property
    def pending(self) -> set[Path]:
        """The media files (in the cache) not written yet."""
        return self.clips.targets if self.clips else set()

    def finish(self) -> None:
        """Wait for every file; :class:`RoomError` naming each clip that could not be encoded."""
        before = len(self.report.errors)
        try:
            if self.clips:
                self.clips.wait()
        finally:
            self.executor.close()
        if len(self.report.errors) > before:
            raise RoomError(self.report.errors[before:])

    def settle(self) -> None:
        """The build is failing for another reason: finish the work under way, so it is kept
        in the cache for the next build (its own failures join the report)."""
        with suppress(RoomError):
            self.finish()

    def stop(self) -> None:
        """The build was interrupted: drop the work not started, and let the executor go."""
        if self.clips:
            self.clips.cancel()
        self.executor.close()


@dataclass
class RoomBuild:
    """Everything the site engine needs: generated files, the menu, and what was noticed.
    Clip MP3s may still be encoding (:attr:`media`); :meth:`finish_media` waits for them."""

    room: Room
    files: list[GeneratedFile]
    nav: list[dict[str, Any]]
    report: Report
    privacy: PrivacyLog
    clip_media: dict[str, ClipMedia] = field(default_factory=dict)
    counts: dict[str, float] = field(default_factory=dict)
    balance: Balance | None = None
    media: MediaWork | None = None

    def finish_media(self) -> None:
        """Wait until every media file is written; :class:`RoomError` for those that failed."""
        if self.media is not None:
            self.media.finish()

    def summary(self) -> str:
        parts = [f"{n:g} {what}" for what, n in self.counts.items()]
        warnings = len(self.report.warnings)
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        return "Customer Room: " + ", ".join(parts)


@dataclass
class RoomRead:
    """The room as read and validated, with the settings that were checked alongside it."""

    room: Room
    report: Report
    kiosk: KioskConfig
    mislabels: list[Mislabel]
    estimates: Estimates
    finds: RememberedFinds


@dataclass
class RoomCheck:
    """Everything ``customer-room check`` reports: the room read, protected and weighed."""

    read: RoomRead
    privacy: PrivacyLog
    balance: Balance


def read_room(settings: Settings) -> tuple[Room, Report]:
    """Load and validate: everything ``customer-room check`` looks at."""
    read = _read(settings)
    return read.room, read.report


def _read(settings: Settings) -> RoomRead:
    report = Report()
    for name in settings.unknown_options:
        close = difflib.get_close_matches(name, settings.known_options, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "see the options in the README"
        report.warn(
            "mkdocs.yml",
            f"'{name}' is not an option of customer-room, so it does nothing — {hint}",
            line=_option_line(settings.config_file, name),
            field=f"plugins.customer-room.{name}",
        )
    room = load_room(settings.room_dir, report)
    if room.clips:
        try:
            ffmpeg_path()  # the recordings are read with it, by check too
        except AudioError as exc:
            report.error("clips/", str(exc))
    estimates = Estimates(settings.cache_dir / "tone-estimates.json")
    mislabels = assign_tones(room, estimates)
    validate_room(room, settings, report)
    zone = room_zone(settings.timezone, report)
    if zone is not None and (room.visits or room.lends):
        validate_schedules(room, zone, settings.today, report)
    kiosk = read_kiosk_config(settings.kiosk, settings.config_file, report)
    finds = RememberedFinds(detector_for(settings, room), settings.cache_dir / "personal-data.json")
    return RoomRead(room, report, kiosk, mislabels, estimates, finds)


def _option_line(config_file: Path | None, name: str) -> int | None:
    """The line of an option of the plugin in mkdocs.yml (under ``plugins:`` as a list or a
    mapping)."""
    if config_file is None:
        return None
    try:
        lines = yaml_lines(config_file.read_text(encoding="utf-8"))
    except (OSError, SourceError, yaml.YAMLError):
        return None
    for loc, line in lines.items():
        if loc[:1] == ("plugins",) and loc[-2:] == ("customer-room", name):
            return line
    return None


def check_room(settings: Settings) -> RoomCheck:
    """Read, validate and protect the room, and weigh its balance: no media, no site."""
    return check_room_after_read(_read(settings), settings)


def check_room_after_read(read: RoomRead, settings: Settings) -> RoomCheck:
    privacy = protect_room(read.room, settings, read.report, read.finds)
    balance = room_balance(
        read.room, read.room.clips, read.mislabels, settings.balance_max_negative
    )
    check_balance(balance, read.room, read.report)
    return RoomCheck(read, privacy, balance)


def _schedules(room: Room, settings: Settings, report: Report) -> Schedules | None:
    if not room.visits and not room.lends:
        return None
    zone = room_zone(settings.timezone, report)
    if zone is None:
        return None
    visits = visit_times(room, zone, settings.today)
    lends = lend_times(room, settings.today)
    return Schedules(
        zone,
        group_visits(visits, settings.today),
        group_lends(lends, settings.today),
        visits,
        lends,
    )


def build_room(settings: Settings, *, wait_for_media: bool = True) -> RoomBuild:
    """Run every stage; raise :class:`RoomError` with all problems when the room cannot be built.

    With ``wait_for_media=False`` clip MP3s may still be encoding on return, so the site engine
    can make the pages meanwhile; it calls :meth:`RoomBuild.finish_media` before publishing
    them (or ``result.media.stop()`` when it gives up)."""
    read = _read(settings)
    checked = check_room_after_read(read, settings)
    _stop_on_errors(read.report)
    read.estimates.save()  # only for a room that builds: a failed build writes nothing
    read.finds.save()
    keep_lexicon(lexicon_store())
    room, report = read.room, read.report
    media = MediaWork(ExitStack(), report)
    try:
        executors = media.executor.enter_context(
            media_executor(settings.media_cluster, report, settings.workers)
        )
        _stop_on_errors(report)
        images, photo_files = process_photos(room, settings, report, executors.python)
        clip_media, clip_files, media.clips = process_clips(
            room, settings, report, executors.python, encoder=executors.programs
        )
        executors.python_done()
        _stop_on_errors(report)
        result = _pages(settings, read, checked, images, clip_media, photo_files + clip_files)
    except Exception:
        media.settle()
        raise
    except BaseException:
        media.stop()
        raise
    result.media = media
    if wait_for_media:
        result.finish_media()
    return result


def _pages(
    settings: Settings,
    read: RoomRead,
    checked: RoomCheck,
    images: dict[str, PersonaImage],
    clip_media: dict[str, ClipMedia],
    media_files: list[GeneratedFile],
) -> RoomBuild:
    room, report = read.room, read.report
    schedules = _schedules(room, settings, report)
    feeds = (
        Feeds([], {})
        if schedules is None
        else feed_files(
            room,
            schedules.zone,
            settings.site_name,
            settings.today,
            settings.state_dir / "calendar-state.json",
        )
    )
    if schedules is not None:
        schedules = replace(schedules, changed=feeds.changed)
    kiosk = kiosk_files(
        KioskInput(
            room,
            images,
            clip_media,
            read.kiosk,
            settings.site_name,
            settings.today,
            zone=ZoneInfo(settings.timezone),
            visits=schedules.visit_times if schedules else None,
            lends=schedules.lend_times if schedules else None,
            min_positive=settings.min_positive_share,
            cache_dir=settings.cache_dir,
        )
    )
    files = (
        render_room(room, images, clip_media, settings, schedules, report, checked.balance)
        + media_files
        + feeds.files
        + kiosk
    )
    counts = {
        "pages": sum(1 for f in files if f.is_page),
        "personas": len(room.personas),
        "quotes": len(room.quotes),
        "clips": len(clip_media),
        "minutes of audio": round(sum(m.duration for m in clip_media.values()) / 60, 1),
        "redacted spans": sum(len(m.spans) for m in clip_media.values()),
        "photo files": sum(1 for f in media_files if f.path.startswith("media/photos/")),
    }
    return RoomBuild(
        room, files, site_nav(room), report, checked.privacy, clip_media, counts, checked.balance
    )


def _stop_on_errors(report: Report) -> None:
    if report.errors:
        raise RoomError(report.errors, report.warnings)
