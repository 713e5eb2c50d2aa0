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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
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
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # each page's front matter
    listings: set[str] = field(default_factory=set)  # pages with a tags listing

    def begin(self, files: list[GeneratedFile], nav: object, config_text: str) -> None:
        """A rebuild of ``files``: full when the site's shape (or ``mkdocs.yml``) changed since
        the last one."""
        shape = _shape(files, nav) + hashlib.sha256(config_text.encode()).hexdigest()
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
            if generated.is_page:
                text = data.decode("utf-8")
                self.meta[generated.path] = _front_matter(text)
                if "<!-- material/tags" in text:
                    self.listings.add(generated.path)
                else:
                    self.listings.discard(generated.path)
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

    def sweep(self, files: Files, made: list[GeneratedFile], site_dir: Path) -> None:
        """Remove the built files of the room's files that are gone since the last rebuild:
        pages, and media (a clip's MP3 from before its consent was withdrawn, or before a
        stretch was hidden, is not left in the preview's folder)."""
        now = {f.dest_uri for f in files if f.generated_by is not None}
        now |= {f.path for f in made if f.source is not None}
        for gone in self.built - now:
            (site_dir / gone).unlink(missing_ok=True)
        self.built = now

    def keep_search_whole(self, config: MkDocsConfig, files: Files) -> None:
        """Start this build's search index with the last one's entries of the pages not built
        again (MkDocs' search adds those that are): its own merge with the last index expects
        one page per rebuild, and drops every page under the first one's address."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        previous = getattr(search, "search_index_prev", None)
        if search is None or previous is None:
            return
        search.search_index_prev = None
        if self.full:
            return
        # Search gives the home page's address as "" where MkDocs gives "./".
        rebuilt = {f.url.removeprefix("./") for f in files.documentation_pages() if f.is_modified()}
        search.search_index.entries = [
            e for e in previous.entries if e.get("location", "").split("#")[0] not in rebuilt
        ]

    def keep_tags_whole(self, config: MkDocsConfig, files: Files) -> None:
        """Give the tags plugin the tags of the pages not built again (it reads them only from
        the pages it builds), and build the tags page again: each page built shows its tags
        with their links, and the tags page lists every page."""
        tags = config.plugins.get("material/tags") or config.plugins.get("tags")
        mappings = getattr(tags, "mappings", None)
        if self.full or mappings is None:
            return
        for file in files.documentation_pages():
            if file.page is None or file.is_modified():
                continue
            if "tags" in self.meta.get(file.src_uri, {}):
                file.page.meta = dict(self.meta[file.src_uri])
                mappings.add(file.page, "")
            if file.src_uri in self.listings:
                os.utime(self.folder / file.src_uri)  # a tags listing: built again


def _shape(files: list[GeneratedFile], nav: object) -> str:
    """The menu and each page's front matter (its title, summary and tags)."""
    digest = hashlib.sha256(repr(nav).encode())
    for generated in files:
        if generated.is_page and isinstance(generated.content, str):
            digest.update(f"\0{generated.path}\0{_front(generated.content)}".encode())
        else:
            digest.update(f"\0{generated.path}".encode())
    return digest.hexdigest()


def _front(text: str) -> str:
    """A page's front matter as written (between its first two ``---`` lines)."""
    return text[3 : text.find("\n---", 3)] if text.startswith("---") else ""


def _front_matter(text: str) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(_front(text))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}
