"""The live preview's rebuilds, kept small: MkDocs builds "dirty" (only the files whose source
is newer than what it built before), and the room's generated files are staged on disk, each
rewritten only when what it says changed — so a persona edited is one page rebuilt, not the
whole site.

What a dirty build would leave stale is rebuilt in full: when the menu, the set of pages or any
page's front matter (its title, summary and tags, which the tags page, the menus and the search
index are made of) changed, every staged file is marked new and the whole site is built again.
The search index is kept whole: the entries of the pages rebuilt are taken out of the last
index before MkDocs' search adds them again. A page that is gone leaves the preview with its
built file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ...site_files import GeneratedFile


@dataclass
class Preview:
    """The preview's staged files, kept between rebuilds (the plugin lives as long as the
    preview)."""

    folder: Path
    said: dict[str, str] = field(default_factory=dict)  # staged path -> digest of its content
    shape: str | None = None  # the menu and every page's front matter, as last built
    built: set[str] = field(default_factory=set)  # the site's files the room made, last build
    changed: set[str] = field(default_factory=set)  # staged in this rebuild
    pages: list[str] = field(default_factory=list)  # the room's pages in this rebuild
    full: bool = True  # this rebuild builds every page again

    def begin(self, files: list[GeneratedFile], nav: object) -> None:
        """A rebuild of ``files``: full when the site's shape changed since the last one."""
        shape = _shape(files, nav)
        self.full = shape != self.shape
        self.shape = shape
        self.changed = set()
        self.pages = [f.path for f in files if f.is_page and f.source is None]

    def stage(self, config: MkDocsConfig, generated: GeneratedFile, inclusion: Any) -> File:
        """The file as MkDocs should build it: backed by a staged copy that is rewritten (and
        so newer than its built page) only when its content changed, or on a full rebuild."""
        assert generated.content is not None
        data = (
            generated.content.encode("utf-8")
            if isinstance(generated.content, str)
            else bytes(generated.content)
        )
        staged = self.folder / generated.path
        digest = hashlib.sha256(data).hexdigest()
        if self.said.get(generated.path) != digest or not staged.is_file():
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
            self.said[generated.path] = digest
            self.changed.add(generated.path)
        elif self.full:
            os.utime(staged)
            self.changed.add(generated.path)
        return File.generated(config, generated.path, abs_src_path=str(staged), inclusion=inclusion)

    def pages_rebuilt(self) -> str:
        """How many of the room's pages this rebuild built again, for the preview's line."""
        pages = self.pages
        changed = sum(path in self.changed for path in pages)
        if self.full:
            return f"all {len(pages)} pages "
        return f"{changed} of {len(pages)} page{'s' if len(pages) != 1 else ''} "

    def forget(self) -> None:
        """A failed build: the next good one is built in full."""
        self.shape = None

    def sweep(self, files: Files, site_dir: Path) -> None:
        """Remove the built files of the room's files that are gone since the last rebuild."""
        now = {f.dest_uri for f in files if f.generated_by is not None}
        for gone in self.built - now:
            (site_dir / gone).unlink(missing_ok=True)
        self.built = now

    def keep_search_whole(self, config: MkDocsConfig, files: Files) -> None:
        """Take the pages about to be rebuilt out of the last search index: MkDocs' search adds
        them again, and keeps the rest (its own merge expects one page per rebuild)."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        previous = getattr(search, "search_index_prev", None)
        if previous is None:
            return
        if self.full:
            search.search_index_prev = None  # type: ignore[union-attr]
            return
        rebuilt = {f.url for f in files if f.src_uri in self.changed}
        previous.entries = [
            e for e in previous.entries if e.get("location", "").split("#")[0] not in rebuilt
        ]


def _shape(files: list[GeneratedFile], nav: object) -> str:
    """The menu and each page's front matter (its title, summary and tags)."""
    digest = hashlib.sha256(repr(nav).encode())
    for generated in files:
        if generated.is_page and isinstance(generated.content, str):
            text = generated.content
            front = text[: text.find("\n---", 3)] if text.startswith("---") else ""
            digest.update(f"\0{generated.path}\0{front}".encode())
        else:
            digest.update(f"\0{generated.path}".encode())
    return digest.hexdigest()


def fresh_folder(folder: Path) -> Path:
    """The staging folder, emptied (a preview starts with no staged file)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
