"""Building the site with MkDocs into a fresh folder, swapped in only when the build succeeded."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from ..pipeline import RoomBuild
from ..settings import Settings
from .plugin import TODAY_VARIABLE, CustomerRoomPlugin, settings_from


class SiteBuildFailed(Exception):
    """The build stopped; what went wrong has already been printed."""


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
    logger = logging.getLogger("mkdocs.config")
    ours = _OurOptions()
    logger.addFilter(ours)
    try:
        return load_config(config_file, **overrides)
    except (ConfigurationError, Abort) as exc:
        raise SiteBuildFailed(f"mkdocs.yml: {exc}") from None
    finally:
        logger.removeFilter(ours)


def room_plugin(config: MkDocsConfig) -> CustomerRoomPlugin:
    plugin = config.plugins.get("customer-room")
    if not isinstance(plugin, CustomerRoomPlugin):
        raise SiteBuildFailed("mkdocs.yml: add '- customer-room' under 'plugins:'")
    return plugin


def room_settings(config_file: str | None) -> Settings:
    """The core's settings as the room's mkdocs.yml gives them (for ``check`` and ``schema``)."""
    config = load_site_config(config_file)
    return settings_from(room_plugin(config).config, config)


def build_site(config_file: str | None, *, site_dir: str | None, strict: bool) -> RoomBuild:
    """Build into a temporary folder beside the site; replace the site only on success."""
    config = load_site_config(
        config_file, strict=strict, **({"site_dir": site_dir} if site_dir else {})
    )
    plugin = room_plugin(config)
    final = Path(config.site_dir).resolve()
    room = Path(config.config_file_path or ".").resolve().parent
    with _one_build_at_a_time(room):
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = f"cannot make the site's folder {final.parent}: {_why(exc)}"
            raise SiteBuildFailed(message) from None
        staging = final.parent / f".{final.name}.building-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        config.site_dir = str(staging)
        try:
            build(config)
        except Abort as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise SiteBuildFailed(str(exc)) from None
        except BaseException:
            plugin.stop_media()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            _swap(staging, final)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise SiteBuildFailed(
                f"the new site was built but could not replace {final}: {_why(exc)} — check "
                "that the folder is writable and not open in another program"
            ) from None
    assert plugin.result is not None
    return plugin.result


@contextmanager
def _one_build_at_a_time(room: Path) -> Iterator[None]:
    """Hold the room's build lock (in the system's temporary folder, named for the room: the
    room itself is left as it is): two builds of one room share its media cache, so a second
    one says another is running instead of failing half-way."""
    lock_path = build_lock(room)
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = lock_path.open("a+")
    except OSError:
        yield  # a room on a read-only disk: nothing to share, nothing to lock
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SiteBuildFailed(
                "another build of this room is running — wait for it to finish, then build again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_lock(room: Path) -> Path:
    """The lock file of a room's builds."""
    digest = hashlib.sha256(str(room.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"customer-room-{digest}.lock"


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _swap(staging: Path, final: Path) -> None:
    retired = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)
