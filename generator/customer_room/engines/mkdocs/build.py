"""Building the site with MkDocs into a fresh folder, swapped in only when the build succeeded."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from ...build import RoomBuild
from ...build_lock import AnotherBuildRuns, one_build_at_a_time
from ...content.yaml_files import SourceError, check_cost
from ...settings import Settings
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


def serve_site(config_file: str | None, *, dev_addr: str, strict: bool, today: str | None) -> None:
    """MkDocs' live preview of the room; each rebuild runs the room's build in the plugin."""
    from mkdocs.commands.serve import serve

    try:
        with room_date(today):
            serve(config_file, dev_addr=dev_addr, strict=strict)
    except Abort as exc:
        raise SiteBuildFailed(str(exc)) from None


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
    _may_replace(final, room, settings_from(plugin.config, config))
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(one_build_at_a_time(room))
        except AnotherBuildRuns as exc:
            raise SiteBuildFailed(str(exc)) from None
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


SITE_SIGNS = ("index.html", "404.html", "sitemap.xml")  # a folder holding one was built before
KEPT_FOLDERS = ("personas", "clips", "content", "schemas", ".git")


def _may_replace(final: Path, room: Path, settings: Settings) -> None:
    """Refuse a site folder whose replacing would lose something: the room, a folder of its
    sources, or a folder that holds files but is not a site built before."""
    kept = [room / name for name in KEPT_FOLDERS] + [settings.state_dir, settings.cache_dir]
    choose = "choose another folder with --site-dir (-d) or site_dir in mkdocs.yml"
    if final.exists() and not final.is_dir():
        raise SiteBuildFailed(f"the site's folder {final} is a file — {choose}")
    inside = [folder for folder in kept if final.is_relative_to(folder.resolve())]
    if room.is_relative_to(final) or inside:
        what = "the room's own folder" if room.is_relative_to(final) else str(inside[0])
        raise SiteBuildFailed(
            f"the site's folder {final} would replace {what}, which holds the room's sources — "
            f"{choose}"
        )
    if (
        final.is_dir()
        and any(final.iterdir())
        and not any((final / sign).is_file() for sign in SITE_SIGNS)
    ):
        raise SiteBuildFailed(
            f"the site's folder {final} holds files but no site built before, and building "
            f"replaces all of it — {choose}, or empty it first"
        )


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _swap(staging: Path, final: Path) -> None:
    retired = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)
