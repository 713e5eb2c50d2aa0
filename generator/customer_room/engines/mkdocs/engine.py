"""MkDocs as the room's site engine: builds the pages the core made into HTML, and runs the
live preview."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from ...build import RoomBuild, SiteBuildFailed
from ...settings import Settings
from .plugin import CustomerRoomPlugin
from .room_config import load_site_config, room_date, settings_from


def room_plugin(config: MkDocsConfig) -> CustomerRoomPlugin:
    plugin = config.plugins.get("customer-room")
    if not isinstance(plugin, CustomerRoomPlugin):
        raise SiteBuildFailed("mkdocs.yml: add '- customer-room' under 'plugins:'")
    return plugin


def room_settings(config_file: str | None) -> Settings:
    """The core's settings as the room's mkdocs.yml gives them."""
    config = load_site_config(config_file)
    return settings_from(room_plugin(config).config, config)


def site_folder(config_file: str | None) -> Path:
    """The site's folder mkdocs.yml names (``site_dir``)."""
    return Path(load_site_config(config_file).site_dir).resolve()


class MkDocsEngine:
    """Builds with MkDocs; the plugin hands MkDocs the room the core made."""

    name = "mkdocs"

    def __init__(self, config_file: str | None, settings: Settings) -> None:
        self.config_file = config_file
        self.settings = settings

    def publish(self, made: RoomBuild, out: Path, *, strict: bool) -> None:
        config = load_site_config(self.config_file, strict=strict, site_dir=str(out))
        plugin = room_plugin(config)
        plugin.handed = (made, self.settings)  # made and resolved once, by the core
        try:
            build(config)
        except Abort as exc:
            raise SiteBuildFailed(str(exc)) from None
        finally:
            plugin.handed = None


def serve_site(config_file: str | None, *, dev_addr: str, strict: bool, today: str | None) -> None:
    """MkDocs' live preview of the room; each rebuild runs the room's build in the plugin."""
    from mkdocs.commands.serve import serve

    # MkDocs warns at each dirty build that its menus may go stale; the preview rebuilds in
    # full whenever they would (see .preview), so the warning is taken out where it is
    # logged (and not counted against --strict).
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: "A 'dirty' build is being performed" not in record.getMessage()
    )
    try:
        with room_date(today):
            # Dirty: each rebuild builds only the pages whose content changed (see .preview).
            serve(config_file, build_type="dirty", dev_addr=dev_addr, strict=strict)
    except Abort as exc:
        raise SiteBuildFailed(str(exc)) from None
