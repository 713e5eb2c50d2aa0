"""The room's settings as ``mkdocs.yml`` gives them: the options of the ``customer-room`` plugin
(paths relative to mkdocs.yml), read with MkDocs' own loader."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from ...build import SiteBuildFailed
from ...content.yaml_files import SourceError, check_cost
from ...pages.kiosk_palette import primary_of
from ...settings import Settings
from .config import RoomPluginConfig

TODAY_VARIABLE = "CUSTOMER_ROOM_TODAY"
CLUSTER_VARIABLE = "CUSTOMER_ROOM_MEDIA_CLUSTER"


def settings_from(options: RoomPluginConfig, config: MkDocsConfig) -> Settings:
    """Turn plugin options into the core's settings (paths relative to mkdocs.yml)."""
    base = Path(config.config_file_path or ".").resolve().parent
    today_text = os.environ.get(TODAY_VARIABLE) or options.today
    try:
        today = dt.date.fromisoformat(today_text) if today_text else dt.date.today()
    except ValueError as exc:
        raise PluginError(f"today: '{today_text}' is not a date — write it as YYYY-MM-DD") from exc
    known = tuple(key for key, _ in options._schema)
    return Settings(
        unknown_options=tuple(key for key in options if key not in known),
        known_options=known,
        room_dir=(base / options.room_dir).resolve(),
        cache_dir=(base / options.cache_dir).resolve(),
        today=today,
        photo_widths=tuple(options.photo_widths),
        photo_quality=options.photo_quality,
        max_photo_pixels=options.photo_max_pixels,
        directory_urls=config.use_directory_urls,
        workers=options.workers,
        media_cluster=os.environ.get(CLUSTER_VARIABLE) or options.media_cluster,
        clip_bitrate=options.clip_bitrate,
        loudness_target=options.clip_loudness,
        bleep=options.clip_bleep,
        disguise_factor=options.clip_disguise_pitch,
        max_clip_minutes=options.clip_max_minutes,
        max_clip_megabytes=options.clip_max_megabytes,
        phone_region=options.phone_region,
        timezone=options.timezone,
        site_name=config.site_name,
        redact_terms=tuple(options.redact_terms),
        staff_names=tuple(options.staff_names),
        allowed=tuple(options.allow),
        redact_patterns=tuple(_patterns(options.redact_patterns)),
        balance_max_negative=_share(options.balance_max_negative, "balance_max_negative"),
        min_positive_share=_share(options.min_positive_share, "min_positive_share"),
        kiosk=dict(options.kiosk),
        printing=dict(options.print),
        site_url=config.site_url or None,
        config_file=Path(config.config_file_path).resolve() if config.config_file_path else None,
        privacy_report=base / options.privacy_report,
        engine=options.engine,
        calendar_history=_history_source(options.calendar_history, base),
        date_order=options.date_order,
        require_approval=options.require_approval,
        theme_primary=primary_of(config.theme.get("palette")),
        logo=_logo(config.theme.get("logo")),
        logo_file=_logo_file(config.theme.get("logo"), Path(config.docs_dir)),
        site_dir=Path(config.site_dir).resolve(),
    )


def _logo(value: object) -> str | None:
    """theme.logo when it is an image of the site (not an address elsewhere)."""
    if not isinstance(value, str) or not value.strip() or "://" in value:
        return None
    return value.strip().lstrip("/")


def _logo_file(value: object, docs: Path) -> Path | None:
    logo = _logo(value)
    return (docs / logo).resolve() if logo else None


def _history_source(value: str | None, base: Path) -> str | None:
    """A folder (relative to mkdocs.yml) or the address of the published site."""
    if not value or "://" in value or value.startswith("file:"):
        return value or None  # an address; one that is not http(s) is said when it is read
    return str((base / value).resolve())


def _share(value: float, name: str) -> float:
    if not 0 <= value <= 1:
        raise PluginError(f"mkdocs.yml: {name}: give a share between 0 and 1, e.g. 0.6")
    return float(value)


def _patterns(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    patterns = []
    for number, item in enumerate(items, start=1):
        kind, pattern = item.get("kind"), item.get("pattern")
        if not isinstance(kind, str) or not isinstance(pattern, str):
            raise PluginError(
                f"mkdocs.yml: redact_patterns: item {number} needs 'kind' and "
                "'pattern', e.g. {kind: member number, pattern: 'MBR-\\d{6}'}"
            )
        try:
            re.compile(pattern)
        except re.error as exc:
            raise PluginError(
                f"mkdocs.yml: redact_patterns: item {number}: the pattern is not a "
                f"valid regular expression ({exc})"
            ) from None
        patterns.append((kind, pattern))
    return patterns


@contextmanager
def room_date(today: str | None) -> Iterator[None]:
    """Make ``--today`` visible to the plugin, also in builds ``mkdocs serve`` starts itself.
    A build for a given day is a reproducible one: unless ``SOURCE_DATE_EPOCH`` is set, it is
    set to that day's midnight (UTC), which MkDocs uses for the sitemap's dates and its gzip
    header, and the room for files' modification times."""
    saved = {name: os.environ.get(name) for name in (TODAY_VARIABLE, "SOURCE_DATE_EPOCH")}
    if today:
        os.environ[TODAY_VARIABLE] = today
        if saved["SOURCE_DATE_EPOCH"] is None:
            with contextlib.suppress(ValueError):
                midnight = dt.datetime.combine(dt.date.fromisoformat(today), dt.time(), dt.UTC)
                os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _OurOptions(logging.Filter):
    """MkDocs' line for an option of this plugin it does not know: the room's report says it
    once, with a suggestion, and counts it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Plugin 'customer-room' option" not in record.getMessage()


def load_site_config(config_file: str | None, **overrides: Any) -> MkDocsConfig:
    _check_config_cost(Path(config_file or "mkdocs.yml"))
    logger = logging.getLogger("mkdocs.config")
    ours = _OurOptions()
    logger.addFilter(ours)
    try:
        return load_config(config_file, **overrides)
    except (ConfigurationError, Abort) as exc:
        raise SiteBuildFailed(f"mkdocs.yml: {exc}") from None
    finally:
        logger.removeFilter(ours)


def _check_config_cost(path: Path) -> None:
    """MkDocs reads mkdocs.yml with every alias expanded and the last of two equal keys kept:
    a file that would run away, or says one thing twice, is refused first."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return  # MkDocs says the file is missing
    try:
        check_cost(text)
    except SourceError as exc:
        where = f"{path.name}:{exc.line}" if exc.line else path.name
        raise SiteBuildFailed(f"{where}: {exc.message}") from None
