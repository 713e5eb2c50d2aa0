"""What the core needs to know to build a room; filled from the plugin options by the site edge."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    room_dir: Path
    cache_dir: Path
    today: dt.date = field(default_factory=dt.date.today)
    photo_widths: tuple[int, ...] = (320, 640, 1280)
    photo_quality: int = 80
    max_photo_pixels: int = 50_000_000
    directory_urls: bool = True
    workers: int | None = None
    media_cluster: str | None = None
    clip_bitrate: int = 64
    loudness_target: float = -16.0
    bleep: str = "tone"
    disguise_factor: float = 0.82
    max_clip_minutes: float = 30.0
    max_clip_megabytes: float = 200.0
    timezone: str = "Europe/London"
    site_name: str = "Customer Room"
    phone_region: str = "GB"
    redact_terms: tuple[str, ...] = ()
    staff_names: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()  # may be published though it looks personal (``allow``)
    redact_patterns: tuple[tuple[str, str], ...] = ()
    balance_max_negative: float = 0.6
    min_positive_share: float = 0.5
    kiosk: dict[str, Any] = field(default_factory=dict)
    printing: dict[str, Any] = field(default_factory=dict)  # ``print:``: what is printed
    site_url: str | None = None  # where the site is published (the clip cards' QR codes)
    config_file: Path | None = None
    privacy_report: Path | None = None  # default: in state_dir
    engine: str = "mkdocs"
    # Where the published calendars are read back from (a folder or the site's address);
    # default: the site folder a build replaces.
    calendar_history: str | None = None
    require_approval: bool = False  # a clip is published only with its plan approved
    date_order: str | None = None  # "day-first" or "month-first": how 03/04/2026 is read
    theme_primary: str | None = None  # Material's primary colour (theme.palette.primary)
    logo: str | None = None  # theme.logo: where the site shows it
    logo_file: Path | None = None  # and the image in the room it is published from
    site_dir: Path | None = None
    unknown_options: tuple[str, ...] = ()  # plugin options written that do not exist
    known_options: tuple[str, ...] = ()

    @property
    def state_dir(self) -> Path:
        """Where the room keeps what must outlive the cache (the privacy report)."""
        return self.room_dir / ".customer-room"

    @property
    def privacy_report_file(self) -> Path:
        return self.privacy_report or self.state_dir / "privacy-report.json"
