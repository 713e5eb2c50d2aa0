"""Zensical as the room's site engine. Zensical reads ``mkdocs.yml`` but runs no MkDocs
plugin, so the core's pages are written into a staging docs folder, with a configuration made
from the room's own (:mod:`.staged_config`), and Zensical builds that. The staging folder is
kept in the room's cache between builds: Zensical's own cache is in it, and a rebuild rewrites
only the files that changed."""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ...build import RoomBuild, SiteBuildFailed
from ...settings import Settings
from ..mkdocs.plugin import overrides_dir
from .staged_config import read_room_config, staged_config, write_config

INSTALL = "pip install 'customer-room[zensical]'"
log = logging.getLogger("customer_room")


class ZensicalEngine:
    name = "zensical"

    def __init__(self, settings: Settings, docs_dir: Path) -> None:
        assert settings.config_file is not None
        self.settings = settings
        self.docs_dir = docs_dir  # the room's own docs_dir (mkdocs.yml)
        self.root = settings.cache_dir / "zensical"

    def publish(self, made: RoomBuild, out: Path, *, strict: bool) -> None:
        if importlib.util.find_spec("zensical") is None:
            raise SiteBuildFailed(f"the engine is zensical, but it is not installed — {INSTALL}")
        assert self.settings.config_file is not None
        room_config = read_room_config(self.settings.config_file)
        self.root.mkdir(parents=True, exist_ok=True)
        _sync(self.root / "docs", self._docs(made))
        _sync(self.root / "overrides", self._overrides(room_config))
        write_config(staged_config(room_config, made.nav, self.settings), self.root / "mkdocs.yml")
        shutil.rmtree(self.root / "site", ignore_errors=True)
        command = [sys.executable, "-m", "zensical", "build", "-f", str(self.root / "mkdocs.yml")]
        done = subprocess.run(
            [*command, *(["--strict"] if strict else [])],
            capture_output=True,
            text=True,
            check=False,
        )
        said = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        failed = done.returncode != 0 or not (self.root / "site").is_dir()
        for line in said:  # its progress with --verbose; everything when it failed
            log.log(logging.ERROR if failed else logging.INFO, f"zensical: {line}")
        if failed:
            raise SiteBuildFailed(f"Zensical stopped (exit code {done.returncode})")
        shutil.move(str(self.root / "site"), str(out))

    def _docs(self, made: RoomBuild) -> dict[str, bytes | Path]:
        """The staging docs folder: the room's own files from its docs_dir (not its content
        folder, which is data), then every file the core made (not the media: the guard puts
        them in the built site)."""
        files: dict[str, bytes | Path] = {}
        content = self.settings.room_dir / "content"
        if self.docs_dir.is_dir():
            for path in self.docs_dir.rglob("*"):
                if path.is_file() and not path.resolve().is_relative_to(content):
                    files[path.relative_to(self.docs_dir).as_posix()] = path
        for generated in made.files:
            if generated.source is None:
                files[generated.path] = generated.read_bytes()
            elif not generated.source.is_relative_to(self.settings.cache_dir):
                files[generated.path] = generated.source
        return files

    def _overrides(self, room_config: dict[str, Any]) -> dict[str, bytes | Path]:
        """The theme's overrides: the room's own custom_dir, and ours (privacy meta tags)."""
        files: dict[str, bytes | Path] = {}
        theme = room_config.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        folders = [overrides_dir()]
        if isinstance(custom, str):
            folders.insert(0, self.settings.config_file.parent / custom)  # type: ignore[union-attr]
        for folder in folders:
            for path in folder.rglob("*"):
                if path.is_file():
                    files[path.relative_to(folder).as_posix()] = path
        return files


def _sync(folder: Path, files: dict[str, bytes | Path]) -> None:
    """Make ``folder`` hold exactly ``files``, writing only those that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.rglob("*"):
        if path.is_file() and path.relative_to(folder).as_posix() not in files:
            path.unlink()
    for name, data in files.items():
        target = folder / name
        content = data.read_bytes() if isinstance(data, Path) else data
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
