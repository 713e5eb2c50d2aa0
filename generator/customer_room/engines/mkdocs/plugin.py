"""The ``customer-room`` MkDocs plugin: hands the room's generated files to the build."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ...build import RoomBuild, build_room
from ...build_lock import AnotherBuildRuns, one_build_at_a_time
from ...errors import RoomError
from ...file_digests import DIGESTS_FILE, FileDigests
from ...pages.render import CSS_ASSETS, JS_ASSETS
from ...privacy.leak_scan import SiteScan
from ...privacy.protect import detector_for
from ...privacy.redaction_labels import label_markers, marker_pattern
from ...privacy.report import write_privacy_report
from ...privacy.sanitize import RememberedSanitizer
from ...settings import Settings
from .config import RoomPluginConfig

# Under the "mkdocs" logger, so MkDocs counts our warnings in --strict builds.
log = logging.getLogger("mkdocs.plugins.customer_room")

TODAY_VARIABLE = "CUSTOMER_ROOM_TODAY"
CLUSTER_VARIABLE = "CUSTOMER_ROOM_MEDIA_CLUSTER"


def settings_from(options: RoomPluginConfig, config: MkDocsConfig) -> Settings:
    """Turn plugin options into the core's settings (paths relative to mkdocs.yml)."""
    base = Path(config.config_file_path or ".").resolve().parent
    today_text = os.environ.get(TODAY_VARIABLE) or options.today
    try:
        today = dt.date.fromisoformat(today_text) if today_text else dt.date.today()
    except ValueError as exc:
        raise PluginError(f"today: '{today_text}' is not a date — write it as YYYY-MM-DD") from exc
    known = tuple(key for key, _ in options._schema)
    return Settings(
        unknown_options=tuple(key for key in options if key not in known),
        known_options=known,
        room_dir=(base / options.room_dir).resolve(),
        cache_dir=(base / options.cache_dir).resolve(),
        today=today,
        photo_widths=tuple(options.photo_widths),
        photo_quality=options.photo_quality,
        max_photo_pixels=options.photo_max_pixels,
        directory_urls=config.use_directory_urls,
        workers=options.workers,
        media_cluster=os.environ.get(CLUSTER_VARIABLE) or options.media_cluster,
        clip_bitrate=options.clip_bitrate,
        loudness_target=options.clip_loudness,
        bleep=options.clip_bleep,
        disguise_factor=options.clip_disguise_pitch,
        max_clip_minutes=options.clip_max_minutes,
        max_clip_megabytes=options.clip_max_megabytes,
        phone_region=options.phone_region,
        timezone=options.timezone,
        site_name=config.site_name,
        redact_terms=tuple(options.redact_terms),
        staff_names=tuple(options.staff_names),
        redact_patterns=tuple(_patterns(options.redact_patterns)),
        balance_max_negative=_share(options.balance_max_negative, "balance_max_negative"),
        min_positive_share=_share(options.min_positive_share, "min_positive_share"),
        kiosk=dict(options.kiosk),
        config_file=Path(config.config_file_path).resolve() if config.config_file_path else None,
    )


def _share(value: float, name: str) -> float:
    if not 0 <= value <= 1:
        raise PluginError(f"mkdocs.yml: {name}: give a share between 0 and 1, e.g. 0.6")
    return float(value)


def _patterns(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    patterns = []
    for number, item in enumerate(items, start=1):
        kind, pattern = item.get("kind"), item.get("pattern")
        if not isinstance(kind, str) or not isinstance(pattern, str):
            raise PluginError(
                f"mkdocs.yml: redact_patterns: item {number} needs 'kind' and "
                "'pattern', e.g. {kind: member number, pattern: 'MBR-\\d{6}'}"
            )
        try:
            re.compile(pattern)
        except re.error as exc:
            raise PluginError(
                f"mkdocs.yml: redact_patterns: item {number}: the pattern is not a "
                f"valid regular expression ({exc})"
            ) from None
        patterns.append((kind, pattern))
    return patterns


def _nav_paths(nav: list[Any]) -> set[str]:
    paths: set[str] = set()
    for item in nav:
        for value in item.values():
            paths |= _nav_paths(value) if isinstance(value, list) else {value}
    return paths


class LinkedFile(File):
    """A media file from the cache, put into the site as a hard link (no copy of gigabytes of
    audio on every build); copied where the site and the cache are on different disks."""

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        target = Path(self.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(self.abs_src_path, target)
        except OSError:
            super().copy_file(dirty)


class LaterFile(LinkedFile):
    """A media file still being made while MkDocs writes the pages: put into the site by
    :meth:`publish`, once it is done."""

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def publish(self) -> None:
        super().copy_file()


class CustomerRoomPlugin(BasePlugin[RoomPluginConfig]):
    """Runs the room's pipeline before MkDocs touches the site folder, then adds its files."""

    supports_multiple_instances = False

    result: RoomBuild | None = None
    settings: Settings | None = None
    _later: tuple[LaterFile, ...] = ()
    _markers: re.Pattern[str] | None = None
    _sanitize: RememberedSanitizer | None = None
    _warnings: CountHandler | None = None
    _lock: contextlib.ExitStack[bool | None] | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.strict:
            # MkDocs fails a strict build on any warning once on_post_build is done: the
            # privacy line and report must know by then that nothing will be published.
            self._warnings = CountHandler(level=logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)
        self.settings = settings_from(self.config, config)
        self._release()
        self._lock = contextlib.ExitStack()
        try:
            # `customer-room build` holds it already; a preview's rebuild waits for a build.
            self._lock.enter_context(one_build_at_a_time(self.settings.room_dir, wait=True))
        except AnotherBuildRuns as exc:
            raise PluginError(str(exc)) from None
        # The theme writes these into every page as they are (menu, <title>, meta tags): the
        # room's own uses (kiosk, feeds) read them from the settings, unescaped.
        # Markup: escaped once, so the theme's own "| e" does not escape it again.
        config.site_name = Markup(html.escape(config.site_name))
        if config.site_description:
            config.site_description = Markup(html.escape(config.site_description))
        try:
            # Clip MP3s go on encoding while MkDocs makes the pages (see on_post_build).
            self.result = build_room(self.settings, wait_for_media=False)
        except RoomError as exc:
            self._release()
            raise _failed(exc) from None
        except BaseException:
            self._release()
            raise
        for warning in self.result.report.warnings:
            log.warning(str(warning))
        if config.nav is None:
            config.nav = self.result.nav
        config.extra_css.extend(css for css in CSS_ASSETS if css not in config.extra_css)
        for script in JS_ASSETS:
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        overrides = str(resources.files("customer_room.engines.mkdocs") / "overrides")
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, overrides)
        log.info(self.result.summary())
        if self.result.balance is not None:
            log.info(self.result.balance.summary()[0])
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.result is not None and self.settings is not None
        content_dir = self.settings.room_dir / "content"
        for file in list(files):
            # The room's content folder is read by the loader; raw data must never be copied.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(content_dir):
                files.remove(file)
        in_nav = _nav_paths(config.nav or [])
        cache_dir = self.settings.cache_dir
        later = self.result.media.pending if self.result.media else set()
        later_files = []
        for generated in self.result.files:
            inclusion = (
                InclusionLevel.INCLUDED
                if not generated.is_page or generated.path in in_nav
                else InclusionLevel.NOT_IN_NAV
            )
            if generated.source is not None:
                # Only the cache's own files are linked; the package's assets are copied.
                kind = LinkedFile if generated.source.is_relative_to(cache_dir) else File
                if generated.source in later:
                    kind = LaterFile
                file = kind.generated(
                    config, generated.path, abs_src_path=str(generated.source), inclusion=inclusion
                )
                if isinstance(file, LaterFile):
                    later_files.append(file)
            else:
                assert generated.content is not None
                file = File.generated(
                    config, generated.path, content=generated.content, inclusion=inclusion
                )
            files.append(file)
        self._later = tuple(later_files)
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Scan the built site for leaks, write the privacy report, and fail on any leak."""
        assert self.result is not None and self.settings is not None
        room = self.result.room
        media = self.result.clip_media
        digests = FileDigests(self.settings.cache_dir / DIGESTS_FILE)
        scan = SiteScan(
            Path(config.site_dir),
            detector_for(self.settings, room),
            self.result.privacy.secrets,
            [c.audio_path for c in room.clips],
            own_audio={media[c.slug].audio: c.audio_path for c in room.clips if c.slug in media},
            memory_file=self.settings.cache_dir / "leak-scan.json",
            digest_of=digests.of,
            linked_from={f.path: f.source for f in self.result.files if f.source is not None},
        )
        leaks = scan.scan()  # the pages, while the clips may still be encoding
        try:
            self.result.finish_media()
        except RoomError as exc:
            raise _failed(exc) from None
        for file in self._later:
            file.publish()
        leaks += scan.scan()  # the clips
        scan.save()
        digests.save()
        if self._sanitize is not None and not leaks:
            self._sanitize.save()
        self._sanitize = None  # the next build (mkdocs serve) starts from the saved state
        warned = self._warnings is not None and bool(self._warnings.get_counts())
        published = not leaks and not warned
        self._stop_counting()
        base = Path(config.config_file_path or ".").resolve().parent
        report_path = base / self.config.privacy_report
        spans = {slug: media.spans for slug, media in self.result.clip_media.items()}
        write_privacy_report(
            report_path, self.result.privacy, room, spans, leaks, published=published
        )
        log.info(self.result.privacy.summary(published))
        self._release()
        if leaks:
            for leak in leaks:
                log.error(str(leak))
            raise PluginError(
                f"the leak scan found personal data in {len(leaks)} place(s) of the "
                "built site — the site was not published (see the lines above)"
            )

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_counting()
        if self.result is not None and self.result.media is not None:
            self.result.media.settle()  # what was under way is kept in the cache
        self._release()

    def on_shutdown(self) -> None:
        self._release()

    def _release(self) -> None:
        """Let the next build of the room start."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _stop_counting(self) -> None:
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            self._warnings = None

    def stop_media(self) -> None:
        """The build was interrupted: drop the media work still queued."""
        if self.result is not None and self.result.media is not None:
            self.result.media.stop()

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.settings is not None
        if self._markers is None:
            self._markers = marker_pattern(kind for kind, _ in self.settings.redact_patterns)
        if self._sanitize is None:
            self._sanitize = RememberedSanitizer(self.settings.cache_dir / "clean-pages.json")
        return label_markers(self._sanitize(html), self._markers)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        for folder in ("personas", "clips", "content"):  # content/ is watched as docs_dir too
            path = self.settings.room_dir / folder
            if path.is_dir():
                server.watch(str(path))
        return server


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
