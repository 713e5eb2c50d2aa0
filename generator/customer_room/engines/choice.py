"""Which engine builds the site: ``--engine``, else ``engine:`` in mkdocs.yml, else MkDocs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..build import Engine
from ..settings import Settings
from .mkdocs.engine import MkDocsEngine, room_plugin
from .mkdocs.room_config import load_site_config, settings_from
from .zensical.engine import ZensicalEngine


def site_engine(config_file: str | None, name: str | None) -> tuple[Settings, Engine, Path]:
    """The room's settings, the engine chosen, and the site's folder mkdocs.yml names."""
    config = load_site_config(config_file)
    settings = settings_from(room_plugin(config).config, config)
    if name is not None:
        settings = replace(settings, engine=name)
    engine: Engine
    if settings.engine == "zensical":
        engine = ZensicalEngine(settings, Path(config.docs_dir))
    else:
        engine = MkDocsEngine(config_file, settings)
    return settings, engine, Path(config.site_dir)
