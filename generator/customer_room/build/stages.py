"""The stages before the site engine, each a function from values to new values: read (load
and validate), protect, media, render. :mod:`customer_room.build` runs them in order."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ..content.balance import Balance, check_balance, room_balance
from ..content.kiosk_config import KioskConfig, read_kiosk_config
from ..content.load import load_room
from ..content.models import dates_written
from ..content.print_config import PrintConfig, check_card_sets, read_print_config
from ..content.records import inside_room
from ..content.room import Room
from ..content.schedules import lend_times, room_zone, validate_schedules, visit_times
from ..content.tone import Estimates, Mislabel, assign_tones
from ..content.validate import validate_room
from ..content.yaml_files import SourceError, yaml_lines
from ..errors import Report, RoomError
from ..ffmpeg import AudioError, ffmpeg_path
from ..media.clips import ClipMedia, process_clips
from ..media.jobs import MediaJobs
from ..media.photos import PersonaImage, process_photos
from ..pages.calendar_feeds import feed_files
from ..pages.feed_history import FeedHistory, read_history
from ..pages.kiosk import KioskInput, kiosk_files
from ..pages.nav import site_nav
from ..pages.render import Schedules
from ..pages.render_stage import render_room
from ..pages.schedule_views import group_lends, group_visits
from ..printing.documents import PrintInput
from ..printing.print_stage import print_page, print_room
from ..privacy.name_lexicon import keep_lexicon, lexicon_store
from ..privacy.privacy_log import PrivacyLog
from ..privacy.protect import RememberedFinds, protect_room
from ..privacy.room_detector import detector_for
from ..settings import Settings
from ..site_files import GeneratedFile


@dataclass
class RoomBuild:
    """Everything the site engine needs: generated files, the menu, and what was noticed.
    Clip MP3s may still be encoding (:attr:`media`)."""

    room: Room
    files: list[GeneratedFile]
    nav: list[dict[str, Any]]
    report: Report
    privacy: PrivacyLog
    clip_media: dict[str, ClipMedia] = field(default_factory=dict)
    counts: dict[str, float] = field(default_factory=dict)
    balance: Balance | None = None
    media: MediaJobs | None = None
    recordings: list[Path] = field(default_factory=list)  # every clip's, held back or not
    # The clip pages each page of a printed file shows (print/clip-cards.pdf -> per page).
    clips_on_paper: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

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
    printing: PrintConfig
    mislabels: list[Mislabel]
    estimates: Estimates
    finds: RememberedFinds
    zone: ZoneInfo | None  # the room's time zone, read once (None: not one, an error)


@dataclass
class RoomCheck:
    """Everything ``customer-room check`` reports: the room read, protected (``room``, the
    copy that is published) and weighed."""

    read: RoomRead
    room: Room
    privacy: PrivacyLog
    balance: Balance


def read_room(settings: Settings) -> RoomRead:
    """Load and validate the room's files, with the settings that are read alongside."""
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
    with dates_written(settings.date_order):
        room = load_room(settings.room_dir, report)
    if room.clips:
        try:
            ffmpeg_path()  # the recordings are read with it, by check too
        except AudioError as exc:
            report.error("clips/", str(exc))
    estimates = Estimates(settings.cache_dir / "tone-estimates.json")
    room, mislabels = assign_tones(room, estimates)
    validate_room(room, settings, report)
    zone = room_zone(settings.timezone, report)  # the only place it is read
    if zone is not None and (room.visits or room.lends):
        validate_schedules(room, zone, settings.today, report)
    kiosk = read_kiosk_config(settings.kiosk, settings.config_file, report)
    printing = read_print_config(settings.printing, settings.config_file, report)
    check_card_sets(printing, room, settings.config_file, report)
    finds = RememberedFinds(detector_for(settings, room), settings.cache_dir / "personal-data.json")
    return RoomRead(room, report, kiosk, printing, mislabels, estimates, finds, zone)


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


def protect(read: RoomRead, settings: Settings) -> RoomCheck:
    """The room to publish (personal data hidden, clips without consent held back), and its
    balance weighed."""
    room, privacy = protect_room(read.room, settings, read.report, read.finds)
    balance = room_balance(room, room.clips, read.mislabels, settings.balance_max_negative)
    check_balance(balance, room, read.report)
    return RoomCheck(read, room, privacy, balance)


def _schedules(room: Room, zone: ZoneInfo, settings: Settings) -> Schedules | None:
    if not room.visits and not room.lends:
        return None
    visits = visit_times(room, zone, settings.today)
    lends = lend_times(room, zone, settings.today)
    return Schedules(
        zone,
        group_visits(visits, settings.today),
        group_lends(lends, settings.today),
        visits,
        lends,
    )


@dataclass
class Media:
    """The media stage's output: faces and clips for the pages, and the files to publish (the
    MP3s among them may still be being encoded by ``jobs``)."""

    images: dict[str, PersonaImage]
    clips: dict[str, ClipMedia]
    files: list[GeneratedFile]
    jobs: MediaJobs


def remember(read: RoomRead) -> None:
    """Keep what reading the room learnt (tone estimates, texts without personal data, the
    name lexicon) for the next build: only for a room that builds, so a failed build writes
    nothing."""
    read.estimates.save()
    read.finds.save()
    keep_lexicon(lexicon_store())


def make_media(checked: RoomCheck, settings: Settings, jobs: MediaJobs) -> Media:
    """Photos in every size and clips redacted, on ``jobs``; the MP3s go on encoding."""
    room, report = checked.room, checked.read.report
    stop_on_errors(report)
    images, photo_files = process_photos(room, settings, report, jobs)
    clip_media, clip_files = process_clips(room, settings, report, jobs)
    jobs.python_done()
    stop_on_errors(report)
    return Media(images, clip_media, photo_files + clip_files, jobs)


def render(checked: RoomCheck, media: Media, settings: Settings) -> RoomBuild:
    """Every page, feed and kiosk file of the room, and its menu."""
    read, room, report = checked.read, checked.room, checked.read.report
    images, clip_media, media_files = media.images, media.clips, media.files
    assert read.zone is not None, "a room whose time zone is not one stops before render"
    zone = read.zone
    schedules = _schedules(room, zone, settings)
    # Made even with no visit or lend left: a calendar once published stays, empty.
    feeds = feed_files(
        room, zone, settings.site_name, settings.today, _feed_history(settings, report)
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
            zone=zone,
            visits=schedules.visit_times if schedules else None,
            lends=schedules.lend_times if schedules else None,
            min_positive=settings.min_positive_share,
            cache_dir=settings.cache_dir,
            primary=settings.theme_primary,
            logo=settings.logo,
        )
    )
    prints: list[GeneratedFile] = []
    on_paper: dict[str, tuple[tuple[str, ...], ...]] = {}
    if read.printing.anything:
        made, printed = print_room(
            PrintInput(
                room,
                images,
                clip_media,
                media_files,
                read.printing,
                settings,
                schedules.visit_times if schedules else [],
                schedules.lend_times if schedules else [],
            ),
            report,
        )
        prints = [*made, print_page(printed)]
        on_paper = {f"print/{p.doc.name}": p.doc.clips for p in printed if p.doc.clips}
        stop_on_errors(report)
    files = (
        render_room(room, images, clip_media, settings, schedules, report, checked.balance)
        + media_files
        + feeds.files
        + kiosk
        + prints
        + _logo(settings, report)
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
        room,
        files,
        site_nav(room, prints=bool(prints)),
        report,
        checked.privacy,
        clip_media,
        counts,
        checked.balance,
        media.jobs,
        [clip.audio_path for clip in read.room.clips],
        on_paper,
    )


def _logo(settings: Settings, report: Report) -> list[GeneratedFile]:
    """The site's logo (``theme.logo``), published as it is: the guard refuses it if it
    carries metadata."""
    if settings.logo is None or settings.logo_file is None:
        return []
    if not settings.logo_file.is_file() or not inside_room(settings.logo_file, settings.room_dir):
        report.warn(
            "mkdocs.yml",
            f"no image {settings.logo} in the docs folder — put the logo there, or take "
            "theme.logo out",
            field="theme.logo",
        )
        return []
    return [GeneratedFile(settings.logo, source=settings.logo_file)]


def _feed_history(settings: Settings, report: Report) -> FeedHistory:
    """What the calendars published before said: from ``calendar_history``, else from the
    site folder this build replaces."""
    if settings.calendar_history:
        history = read_history(settings.calendar_history, chosen=True)
    else:
        history = read_history(settings.site_dir)
    if history.problem:
        report.warn(
            "mkdocs.yml",
            f"{history.problem} — the calendars' change history (SEQUENCE, LAST-MODIFIED) "
            "starts again from this build; point calendar_history at the published site",
            field="calendar_history",
        )
    return history


def stop_on_errors(report: Report) -> None:
    if report.errors:
        raise RoomError(report.errors, report.warnings)
