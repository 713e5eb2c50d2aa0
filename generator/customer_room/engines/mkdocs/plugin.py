"""The ``customer-room`` MkDocs plugin: the adapter between MkDocs and the room's build.

Under ``customer-room build`` the core has made the room and hands it over (:attr:`handed`);
the plugin gives MkDocs the pages, the menu and the theme's additions, and the core guards the
site MkDocs built. Under a plain ``mkdocs build`` or ``mkdocs serve`` the plugin runs the same
core stages itself, and the core's guard on MkDocs' site folder after it.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import shutil
import tempfile
import time
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from ...build import RoomBuild, SiteBuildFailed, guard, published, start_room
from ...build_lock import AnotherBuildRuns, one_build_at_a_time
from ...cache import code_version
from ...errors import RoomError
from ...pages import clean_pages
from ...pages.render import CSS_ASSETS, JS_ASSETS
from ...settings import Settings
from .config import RoomPluginConfig
from .preview import Preview
from .room_config import settings_from

# Under the "mkdocs" logger, so MkDocs counts our warnings in --strict builds.
log = logging.getLogger("mkdocs.plugins.customer_room")


class CustomerRoomPlugin(BasePlugin[RoomPluginConfig]):
    """Hands the room's generated files to MkDocs."""

    supports_multiple_instances = False

    # Set by the core's build (the room made, the settings it was made with), which guards the
    # site itself.
    handed: tuple[RoomBuild, Settings] | None = None
    made: RoomBuild | None = None
    settings: Settings | None = None
    _own: ExitStack | None = None  # the build this plugin runs itself (plain mkdocs commands)
    serving = False  # under the live preview: one line per rebuild, and errors as a page
    failed: list[str] | None = None  # the preview's problems, shown as its page
    started = 0.0
    _problems: tuple[str, ...] = ()  # the last failed build's problems, one line each

    preview: Preview | None = None  # the live preview's staged files, between rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.preview = None
        if self.serving and dirty:
            self.preview = Preview(Path(tempfile.mkdtemp(prefix="customer-room-preview-")))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The room's links are written as the browser follows them, not as .md paths.
        config.validation.links.unrecognized_links = logging.DEBUG
        self.started, self.failed = time.monotonic(), None
        if self.handed is not None:
            self.made, self.settings = self.handed
        else:
            self.settings = settings_from(self.config, config)
            try:
                self.made = self._start(self.settings)
            except PluginError as exc:
                if not self.serving:
                    raise
                self.failed = [*self._problems, str(exc)]
                config.nav = [{"The room could not be built": "index.md"}]
                return config
        # The theme writes these into every page as they are (menu, <title>, meta tags): the
        # room's own uses (kiosk, feeds) read them from the settings, unescaped.
        # Markup: escaped once, so the theme's own "| e" does not escape it again.
        config.site_name = Markup(html.escape(config.site_name))
        if config.site_description:
            config.site_description = Markup(html.escape(config.site_description))
        if config.nav is None:
            config.nav = self.made.nav
        config.extra_css.extend(css for css in CSS_ASSETS if css not in config.extra_css)
        for script in JS_ASSETS:
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(overrides_dir()))
        kinds = [kind for kind, _ in self.settings.redact_patterns]
        config.markdown_extensions.append(clean_pages.NAME)
        config.mdx_configs[clean_pages.NAME] = clean_pages.extension_config(
            self.settings.cache_dir, kinds
        )
        return config

    def _start(self, settings: Settings) -> RoomBuild:
        """A plain MkDocs command: run the core's stages here, waiting for another build of
        the room to finish first."""
        self._release()
        try:
            with ExitStack() as own:  # let go of at once if the stages fail
                own.enter_context(one_build_at_a_time(settings.room_dir, wait=True))
                made = start_room(settings, own)
                self._own = own.pop_all()  # held until the site is guarded
        except AnotherBuildRuns as exc:
            raise PluginError(str(exc)) from None
        except RoomError as exc:
            self._problems = tuple(str(p) for p in exc.problems)
            raise _failed(exc) from None
        for warning in made.report.warnings:
            log.warning(str(warning))
        if not self.serving:
            log.info(made.summary())
        return made

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.failed is not None:
            if self.preview is not None:  # no page of the last good build is left standing
                self.preview.forget()
                clean_directory(config.site_dir)
            return _error_files(config, self.failed)
        assert self.made is not None and self.settings is not None
        if self.preview is not None:
            config_text = Path(config.config_file_path or "").read_text(encoding="utf-8")
            self.preview.begin(self.made.files, config.nav, config_text)
        content_dir = self.settings.room_dir / "content"
        for file in list(files):
            # The room's content folder is read by the loader; raw data must never be copied.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(content_dir):
                files.remove(file)
        in_nav = _nav_paths(config.nav or [])
        for generated in self.made.files:
            if generated.source is not None and generated.source.is_relative_to(
                self.settings.cache_dir
            ):
                continue  # media from the cache: the guard puts them in, once they are made
            inclusion = (
                InclusionLevel.INCLUDED
                if not generated.is_page or generated.path in in_nav
                else InclusionLevel.NOT_IN_NAV
            )
            if generated.source is None and self.preview is not None:
                file = self.preview.stage(config, generated, inclusion)
            elif generated.source is not None:
                file = File.generated(
                    config, generated.path, abs_src_path=str(generated.source), inclusion=inclusion
                )
            else:
                assert generated.content is not None
                file = File.generated(
                    config, generated.path, content=generated.content, inclusion=inclusion
                )
            files.append(file)
        if self.preview is not None:
            self.preview.sweep(files, self.made.files, Path(config.site_dir))
            log.debug(
                f"Preview: {len(self.preview.changed)} files changed, full={self.preview.full}"
            )
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.preview is not None and self.failed is None:
            self.preview.keep_tags_whole(config, files)
            self.preview.keep_search_whole(config, files)
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """A plain MkDocs command: the core's guard on the site MkDocs built."""
        if self.failed is not None:
            site = Path(config.site_dir)
            shutil.copyfile(site / "index.html", site / "404.html")  # at any address
            log.error(f"Preview: the room could not be built ({len(self.failed) - 1} problems)")
            return
        if self._own is None:
            return  # the core guards the site of its own build
        assert self.made is not None and self.settings is not None
        try:
            guard(self.made, Path(config.site_dir), self.settings, strict=config.strict)
            privacy = published(self.made, self.settings, say=not self.serving)
            if self.serving:
                took = time.monotonic() - self.started
                pages = self.preview.pages_rebuilt() if self.preview is not None else ""
                log.info(f"{self.made.summary()} — {privacy} — {pages}rebuilt in {took:.1f} s")
        except RoomError as exc:
            if self.serving:
                self._refused(config, [str(p) for p in exc.problems])
                return
            raise _failed(exc) from None
        except SiteBuildFailed as exc:
            if self.serving:
                self._refused(config, [*_guard_lines(self.settings), str(exc)])
                return
            raise PluginError(str(exc)) from None
        finally:
            self._release()

    def _refused(self, config: MkDocsConfig, problems: list[str]) -> None:
        """The preview's site when the guard stops it: nothing of it, only what is wrong, at
        every address (the pages the guard refused are not left to be served)."""
        site = Path(config.site_dir)
        clean_directory(str(site))
        lines = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
        page = (
            '<!doctype html><html lang="en"><meta charset="utf-8"><title>The room could not be '
            "published</title><h1>The room could not be published</h1><p>The preview shows "
            f"the room again as soon as these are fixed (reload then):</p><ul>{lines}</ul></html>"
        )
        for name in ("index.html", "404.html"):
            (site / name).write_text(page, encoding="utf-8")
        if self.preview is not None:
            self.preview.forget()
        log.error(f"Preview: the room could not be published ({len(problems)} problems)")

    def on_build_error(self, *, error: Exception) -> None:
        self._release()  # the media under way are finished first, and kept in the cache

    def on_shutdown(self) -> None:
        self._release()
        if self.preview is not None:
            shutil.rmtree(self.preview.folder, ignore_errors=True)

    def _release(self) -> None:
        """Let the media workers go, and the next build of the room start."""
        if self._own is not None:
            own, self._own = self._own, None
            own.close()

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's templates compiled once and kept in the cache (MkDocs makes a new
        environment, and compiled them all again, at each build; each is kept by a checksum of
        its source, so an edited template is compiled again)."""
        if self.settings is not None and env.bytecode_cache is None:
            extensions = "-".join(sorted(env.extensions))
            version = code_version((), ("jinja2", "mkdocs", "mkdocs-material"))
            digest = hashlib.sha256(f"{version}{extensions}".encode()).hexdigest()[:16]
            folder = self.settings.cache_dir / "theme-templates" / digest
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        for folder in ("personas", "clips", "content"):  # content/ is watched as docs_dir too
            path = self.settings.room_dir / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _error_files(config: MkDocsConfig, problems: list[str]) -> Files:
    """The preview's only page while the room cannot be built: what is wrong, line by line."""
    lines = "\n".join(f"- {html.escape(problem)}" for problem in problems)
    page = (
        "# The room could not be built\n\nThe preview shows the last good build again as soon "
        f"as these are fixed (this page reloads by itself):\n\n{lines}\n"
    )
    return Files([File.generated(config, "index.md", content=page)])


def overrides_dir() -> Path:
    """The theme templates the room adds (privacy meta tags)."""
    return Path(str(resources.files("customer_room.engines.mkdocs") / "overrides"))


def _nav_paths(nav: list[Any]) -> set[str]:
    paths: set[str] = set()
    for item in nav:
        for value in item.values():
            paths |= _nav_paths(value) if isinstance(value, list) else {value}
    return paths


def _guard_lines(settings: Settings | None) -> list[str]:
    """What the guard found, as the privacy report says it (file and place, never a value)."""
    if settings is None or not settings.privacy_report_file.is_file():
        return []
    try:
        report = json.loads(settings.privacy_report_file.read_text(encoding="utf-8"))
    except ValueError:
        return []
    return [
        f"{leak['file']}: {leak['kind']}"
        + (f" (hidden in {leak['hidden_in']})" if leak.get("hidden_in") else "")
        + (f", shown by {leak['shown_by']}" if leak.get("shown_by") else "")
        for leak in report.get("leaks", [])
    ]


def _failed(exc: RoomError) -> PluginError:
    """Every problem of the room on a line of its own, then what stopped the build."""
    for problem in exc.problems:
        log.error(str(problem))
    for warning in exc.warnings:
        log.warning(str(warning))
    count = len(exc.problems)
    return PluginError(
        f"{count} problem{'s' if count != 1 else ''} in the room's content — fix "
        f"{'them' if count != 1 else 'it'} and build again (the previous site is untouched)"
    )
