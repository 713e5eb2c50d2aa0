"""The guard: what every engine's output passes before it is published, the same for any engine.

It runs on the folder the engine built: the media (photos, clip MP3s) are put in from the cache
once they are made, every page's content is checked to be sanitized, and the leak scan reads
every file for personal data, source recordings and photo metadata. Nothing here knows which
engine made the folder.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..cache import DIGESTS_FILE, FileDigests
from ..memo import Memo, is_link_of, settling, stamp
from ..pages import clean_pages
from ..privacy.leak_scan import SiteScan
from ..privacy.leak_sources import with_sources
from ..privacy.leaks import Leak
from ..privacy.room_detector import detector_for
from ..privacy.sanitize import RememberedSanitizer
from ..settings import Settings
from .stages import RoomBuild


@dataclass(frozen=True)
class Unsanitized(Leak):
    """A page whose content did not come through the sanitizer as the engine built it."""

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.kind} — nothing was published; the site engine did not run "
            "the room's Markdown extension (customer_room.pages.clean_pages) on it: keep it in "
            "markdown_extensions, or remove the plugin that changes the page after it"
        )


def guard_site(made: RoomBuild, out: Path, settings: Settings) -> list[Leak]:
    """Publish the media into ``out`` and check everything in it; the problems found (none when
    the site may be published). Waits for the clips still being encoded (:class:`RoomError`
    for those that failed)."""
    digests = FileDigests(settings.cache_dir / DIGESTS_FILE)
    room, media = made.room, made.clip_media
    linked = {
        f.path: f.source
        for f in made.files
        if f.source is not None and f.source.is_relative_to(settings.cache_dir)
    }
    scan = SiteScan(
        out,
        detector_for(settings, room),
        made.privacy.secrets,
        made.recordings,
        own_audio={media[c.slug].audio: c.audio_path for c in room.clips if c.slug in media},
        memory_file=settings.cache_dir / "leak-scan.json",
        digest_of=digests.of,
        linked_from=linked,
        pages_on_paper=made.clips_on_paper,
    )
    problems: list[Leak] = list(_unsanitized(out, made, settings))
    pending = made.media.pending if made.media is not None else frozenset()
    _place(out, {path: source for path, source in linked.items() if source not in pending})
    problems += scan.scan()  # the pages and photos, while the clips may still be encoding
    if made.media is not None:
        made.media.wait()
    placed = _place(out, {path: source for path, source in linked.items() if source in pending})
    scan.again(placed)  # what was there before (the preview's site) was read as it was then
    problems += scan.scan()  # the clips
    scan.save()
    digests.save()
    return with_sources(problems, settings.room_dir)


def _place(out: Path, files: dict[str, Path]) -> set[str]:
    """Put the cache's media files into the site as hard links (no copy of gigabytes of audio
    on every build); copied where the site and the cache are on different disks. A file that
    is already there (the live preview's site, built in place) is left as it is. The files
    put in."""
    placed = set()
    for site_path, source in files.items():
        target = out / site_path
        if _linked(target, source):
            continue  # there already
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        placed.add(site_path)
    return placed


def _linked(target: Path, source: Path) -> bool:
    """Whether ``target`` is a hard link of ``source``."""
    try:
        return is_link_of(target.lstat(), source)
    except OSError:
        return False


def _unsanitized(out: Path, made: RoomBuild, settings: Settings) -> list[Leak]:
    """Every page the room made from Markdown must hold its content as the sanitizer leaves it
    (checked by a hash remembered from the last build, else by sanitizing it again)."""
    sanitizer = RememberedSanitizer(clean_pages.clean_store(settings.cache_dir))
    problems: list[Leak] = []
    for page in (f for f in made.files if f.is_page):
        built = out / _html_path(page.path, settings.directory_urls)
        stamped, began = stamp(built), time.time_ns()
        if _clean_pages.get(str(built), stamped):
            continue  # found clean as it is now (in the live preview's site, built in place)
        try:
            html = built.read_text(encoding="utf-8")
        except OSError:
            continue  # not built: a page left out of the engine's site is not published
        regions = clean_pages.content_of(html)
        if not regions:
            problems.append(Unsanitized(page.path, "a page built without the sanitizer"))
        elif all(sanitizer.is_clean(region) for region in regions):
            if not settling(stamped, began):
                _clean_pages.put(str(built), stamped, True)
        else:
            problems.append(Unsanitized(page.path, "markup the sanitizer removes"))
    if not problems:
        sanitizer.save()
    return problems


# Pages found clean, by their stamp.
_clean_pages: Memo[bool] = Memo()


def _html_path(page: str, directory_urls: bool) -> str:
    """Where an engine writes the page made from ``page`` (a Markdown file's path)."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"
