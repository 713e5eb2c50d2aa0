"""The ``mkdocs.yml`` Zensical builds from: the room's own, pointed at the staging docs folder,
with what the room adds (menu, styles, scripts, theme overrides, the Markdown extension that
sanitizes every page) and without the ``customer-room`` plugin, which Zensical cannot run.

The room's file is read keeping its tags (``!ENV``, ``!!python/name:``) as written, for
Zensical to read them as it does in any ``mkdocs.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ...pages import clean_pages
from ...pages.render import CSS_ASSETS, JS_ASSETS
from ...settings import Settings


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag, kept as written."""

    tag: str
    node: yaml.Node


class _KeepTags(yaml.SafeLoader):
    pass


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    return Tagged(node.tag, node)


_KeepTags.add_multi_constructor("!", _keep)
_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", _keep)


class _WriteTags(yaml.SafeDumper):
    pass


_WriteTags.add_representer(Tagged, lambda dumper, value: value.node)


def read_room_config(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        config = yaml.load(file, Loader=_KeepTags)
    return config if isinstance(config, dict) else {}


def staged_config(
    room_config: dict[str, Any], nav: list[dict[str, Any]], settings: Settings
) -> dict[str, Any]:
    """The room's configuration for a build of ``docs/`` into ``site/`` beside it."""
    config = dict(room_config)
    config.update(docs_dir="docs", site_dir="site")
    for key in ("site_name", "site_description"):
        if isinstance(config.get(key), str):
            config[key] = _escape_markup(config[key])
    config.setdefault("nav", nav)
    config["extra_css"] = _plus(config.get("extra_css"), CSS_ASSETS)
    config["extra_javascript"] = _plus(config.get("extra_javascript"), JS_ASSETS)
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme["custom_dir"] = "overrides"
    config["theme"] = theme
    kinds = [kind for kind, _ in settings.redact_patterns]
    ours = {clean_pages.NAME: clean_pages.extension_config(settings.cache_dir, kinds)}
    config["markdown_extensions"] = [*(config.get("markdown_extensions") or []), ours]
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        config["plugins"] = {name: v for name, v in plugins.items() if name != "customer-room"}
    else:
        config["plugins"] = [
            plugin
            for plugin in plugins
            if plugin != "customer-room"
            and not (isinstance(plugin, dict) and "customer-room" in plugin)
        ]
    return config


def _escape_markup(text: str) -> str:
    """Zensical's templates write the site's name into pages as it is (and escape it only in
    the logo's tooltip): the characters that would make markup of it are escaped here. ``&``
    is left as it is (browsers read a lone ``&`` as itself), so "Tom & Jerry" reads right
    everywhere; a name with ``<``, ``>`` or quotes shows them as ``&lt;`` in that tooltip."""
    return text.translate(
        {ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;"}
    )


def write_config(config: dict[str, Any], path: Path) -> None:
    text = yaml.dump(config, Dumper=_WriteTags, allow_unicode=True, sort_keys=False)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _plus(listed: Any, ours: tuple[str, ...] | list[str]) -> list[Any]:
    items = list(listed or [])
    return items + [item for item in ours if item not in items]
