"""Options of the plugin that are tables of their own in ``mkdocs.yml`` (``kiosk:``, ``print:``):
validated by a model, every problem reported with its line in ``mkdocs.yml``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import Report
from .yaml_files import SourceError, yaml_lines

M = TypeVar("M", bound=BaseModel)


def listed(value: object, fold: Callable[[str], str] = str.lower) -> object:
    """A list option as people write it: one value instead of a list is a list of it, and its
    texts trimmed and folded ("Mon" and "Quotes" are what people type)."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        return [fold(v.strip()) if isinstance(v, str) else v for v in value]
    return value


def read_option(
    model: type[M], key: str, raw: dict[str, Any] | None, config_file: Path | None, report: Report
) -> M:
    """``raw`` (the plugin's ``key:`` table) as ``model``; on a problem, each is reported at
    its line and the defaults are used (the build stops on the errors)."""
    name = config_file.name if config_file else "mkdocs.yml"
    try:
        return model.model_validate(raw or {})
    except ValidationError as exc:
        lines = option_lines(config_file, key)
        for error in exc.errors():
            loc = tuple(error["loc"])
            line = next(
                (lines[loc[:end]] for end in range(len(loc), -1, -1) if loc[:end] in lines), None
            )
            message = str(error["msg"]).removeprefix("Value error, ")
            message = message[:1].lower() + message[1:]
            if error["type"] == "extra_forbidden":
                message = f"unknown setting — see the {key} settings in the README"
            elif error["type"] == "missing":
                message = "required — add it"
            report.error(name, message, line=line, field=".".join(str(p) for p in (key, *loc)))
        return model()


def option_lines(config_file: Path | None, key: str) -> dict[tuple[Any, ...], int]:
    """Lines of the keys under the plugin's ``key:`` (empty when mkdocs.yml cannot be read)."""
    if config_file is None or not config_file.is_file():
        return {}
    try:
        lines = yaml_lines(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, SourceError):
        return {}  # MkDocs reports what is wrong with mkdocs.yml itself
    plugins = [
        loc for loc in lines if len(loc) == 3 and loc[0] == "plugins" and loc[2] == "customer-room"
    ]
    if not plugins:
        return {}
    prefix = (*plugins[0], key)
    return {loc[len(prefix) :]: line for loc, line in lines.items() if loc[: len(prefix)] == prefix}
