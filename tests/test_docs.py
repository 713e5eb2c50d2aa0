"""Every command and option of the CLI, and every plugin option, is documented in the README."""

from __future__ import annotations

import click
import pytest

from conftest import ROOT
from customer_room.cli import main
from customer_room.engines.mkdocs.config import RoomPluginConfig

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_is_documented(name: str) -> None:
    assert f"customer-room {name}" in README


@pytest.mark.parametrize(
    "option",
    sorted(
        {
            opt
            for command in main.commands.values()
            for param in command.params
            if isinstance(param, click.Option)
            for opt in param.opts
            if opt.startswith("--")
        }
    ),
)
def test_option_is_documented(option: str) -> None:
    assert option in README


@pytest.mark.parametrize("name", [name for name, _ in RoomPluginConfig._schema])
def test_plugin_option_is_documented(name: str) -> None:
    assert f"`{name}`" in README


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [
        line
        for line in section.splitlines()[1:]
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands == ["./dev build", "./dev test"]
    assert "./dev test" in (ROOT / ".ci" / "run").read_text()
