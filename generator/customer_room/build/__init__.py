"""Building a room: the design's pipeline, in :func:`build_site`.

    load → validate → protect → media → render → publish → guard → swap

Each stage takes values and returns new ones (:mod:`.stages`). The site engine that turns the
pages into HTML is handed in (:class:`Engine`); the guard (:mod:`.guard`) then checks what it
built, the same for every engine, and only a site that passed is swapped in
(:mod:`.site_folder`). ``customer-room check`` runs the stages up to protect
(:func:`check_room`); an engine that runs the build itself (a plain ``mkdocs build``)
runs them up to render (:func:`start_room`), publishes, then calls the guard.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from ..build_lock import AnotherBuildRuns, one_build_at_a_time
from ..cache import keep_only
from ..errors import RoomError
from ..media.jobs import MediaJobs
from ..privacy.leaks import Leak
from ..privacy.report import write_privacy_report
from ..settings import Settings
from .guard import guard_site
from .site_folder import SiteBuildFailed, may_replace, new_site_beside, swap
from .stages import (
    RoomBuild,
    RoomCheck,
    make_media,
    protect,
    read_room,
    remember,
    render,
    stop_on_errors,
)

__all__ = [
    "Engine",
    "RoomBuild",
    "RoomError",
    "SiteBuildFailed",
    "build_site",
    "check_room",
    "guard",
    "published",
    "start_room",
]

log = logging.getLogger("customer_room")


class Engine(Protocol):
    """A static site generator that builds the room's pages into HTML."""

    name: str

    def publish(self, made: RoomBuild, out: Path, *, strict: bool) -> None:
        """Build the site of ``made`` into the new folder ``out``; :class:`SiteBuildFailed`
        when it cannot (what went wrong is printed)."""


def build_site(settings: Settings, engine: Engine, site_dir: Path, *, strict: bool) -> RoomBuild:
    """Build the room into ``site_dir``; a failed build leaves the previous site untouched.
    :class:`RoomError` lists the problems of the room's content."""
    final = site_dir.resolve()
    may_replace(final, settings)
    settings = replace(settings, site_dir=final)  # the calendars' history is read from it
    with _only_build(settings):
        read = read_room(settings)  # load, validate
        checked = protect(read, settings)
        stop_on_errors(read.report)
        remember(read)
        with media_jobs(settings, checked) as jobs:
            made = render(checked, make_media(checked, settings, jobs), settings)
            announce(made)
            with new_site_beside(final) as out:
                with _unpublished_unless_done(made, settings):
                    engine.publish(made, out, strict=strict)
                guard(made, out, settings, strict=strict)
                swap(out, final)
    published(made, settings)
    return made


def guard(made: RoomBuild, out: Path, settings: Settings, *, strict: bool) -> None:
    """The guard on the site an engine built in ``out``: :class:`SiteBuildFailed` (or
    :class:`RoomError` for media that could not be made) when it may not be published, with
    the privacy report saying so."""
    with _unpublished_unless_done(made, settings):
        problems = guard_site(made, out, settings)
    _refuse(made, settings, problems, strict=strict)


@contextmanager
def _unpublished_unless_done(made: RoomBuild, settings: Settings) -> Iterator[None]:
    """The privacy report says nothing was published when the block does not finish."""
    done = False
    try:
        yield
        done = True
    finally:
        if not done:
            _report_privacy(made, settings, [], published=False)


def published(made: RoomBuild, settings: Settings, *, say: bool = True) -> str:
    """The site is out: the privacy report says so, and the media results this build did not
    use go from the cache. The privacy line (said unless ``say`` is false)."""
    line = _report_privacy(made, settings, [], published=True, say=say)
    used = {f.source.parent for f in made.files if f.source is not None}
    for kind in ("photos", "clips", "print"):
        keep_only(settings.cache_dir / kind, used)
    return line


def check_room(settings: Settings) -> RoomCheck:
    """Read, validate and protect the room, and weigh its balance: no media, no site."""
    return protect(read_room(settings), settings)


def start_room(settings: Settings, held: ExitStack) -> RoomBuild:
    """The stages up to render, for an engine that runs the build itself (a plain ``mkdocs
    build``, MkDocs' live preview): it publishes, then calls :func:`guard` and
    :func:`published`. The MP3s go on encoding until ``held`` is closed."""
    checked = check_room(settings)
    stop_on_errors(checked.read.report)
    remember(checked.read)
    jobs = held.enter_context(media_jobs(settings, checked))
    return render(checked, make_media(checked, settings, jobs), settings)


def media_jobs(settings: Settings, checked: RoomCheck) -> MediaJobs:
    return MediaJobs(checked.read.report, cluster=settings.media_cluster, workers=settings.workers)


def announce(made: RoomBuild) -> None:
    """Say what the build found and made, before the engine builds the site."""
    for warning in made.report.warnings:
        log.warning(str(warning))
    log.info(made.summary())
    if made.balance is not None:
        log.info(made.balance.summary()[0])


def _refuse(made: RoomBuild, settings: Settings, problems: list[Leak], *, strict: bool) -> None:
    """Stop a site that did not pass the guard (or has warnings, with ``strict``): the privacy
    report says why, and :class:`SiteBuildFailed` that nothing was published."""
    warnings = len(made.report.warnings) if strict else 0
    if not problems and not warnings:
        return
    _report_privacy(made, settings, problems, published=False)
    for problem in problems:
        log.error(str(problem))
    if problems:
        raise SiteBuildFailed(
            f"the guard found {len(problems)} problem(s) in the built site — the site was not "
            "published (see the lines above)"
        )
    raise SiteBuildFailed(
        f"{warnings} warning{'s' if warnings != 1 else ''} in strict mode — fix "
        f"{'them' if warnings != 1 else 'it'}, or build without --strict"
    )


def _report_privacy(
    made: RoomBuild, settings: Settings, leaks: list[Leak], *, published: bool, say: bool = True
) -> str:
    spans = {slug: media.spans for slug, media in made.clip_media.items()}
    write_privacy_report(
        settings.privacy_report_file, made.privacy, made.room, spans, leaks, published=published
    )
    line = made.privacy.summary(published)
    if say:
        log.info(line)
    return line


@contextmanager
def _only_build(settings: Settings) -> Iterator[None]:
    try:
        with one_build_at_a_time(settings.room_dir):
            yield
    except AnotherBuildRuns as exc:
        raise SiteBuildFailed(str(exc)) from None
