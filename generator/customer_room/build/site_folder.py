"""The site's folder: a new site is built beside it and swapped in only when it passed the
guard, so a failed build leaves the previous site as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..settings import Settings


class SiteBuildFailed(Exception):
    """The build stopped; what went wrong is said in the message, or was printed already."""


SITE_SIGNS = ("index.html", "404.html", "sitemap.xml")  # a folder holding one was built before
KEPT_FOLDERS = ("personas", "clips", "content", "schemas", ".git")


def may_replace(final: Path, settings: Settings) -> None:
    """Refuse a site folder whose replacing would lose something: the room, a folder of its
    sources, or a folder that holds files but is not a site built before."""
    room = settings.room_dir
    if settings.config_file is not None:
        room = settings.config_file.parent
    kept = [room / name for name in KEPT_FOLDERS] + [settings.state_dir, settings.cache_dir]
    choose = "choose another folder with --site-dir (-d) or site_dir in mkdocs.yml"
    if final.exists() and not final.is_dir():
        raise SiteBuildFailed(f"the site's folder {final} is a file — {choose}")
    inside = [folder for folder in kept if final.is_relative_to(folder.resolve())]
    if room.is_relative_to(final) or inside:
        what = "the room's own folder" if room.is_relative_to(final) else str(inside[0])
        raise SiteBuildFailed(
            f"the site's folder {final} would replace {what}, which holds the room's sources — "
            f"{choose}"
        )
    if (
        final.is_dir()
        and any(final.iterdir())
        and not any((final / sign).is_file() for sign in SITE_SIGNS)
    ):
        raise SiteBuildFailed(
            f"the site's folder {final} holds files but no site built before, and building "
            f"replaces all of it — {choose}, or empty it first"
        )


@contextmanager
def new_site_beside(final: Path) -> Iterator[Path]:
    """An empty folder beside ``final`` to build the new site in; removed unless it was swapped
    in (:func:`swap`)."""
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        message = f"cannot make the site's folder {final.parent}: {why(exc)}"
        raise SiteBuildFailed(message) from None
    staging = final.parent / f".{final.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap(staging: Path, final: Path) -> None:
    """Put the new site in the place of the old one."""
    retired = final.parent / f".{final.name}.old-{os.getpid()}"
    try:
        if final.exists():
            final.rename(retired)
        try:
            staging.rename(final)
        except OSError:
            if retired.exists():
                retired.rename(final)  # the previous site goes back where it was
            raise
    except OSError as exc:
        raise SiteBuildFailed(
            f"the new site was built but could not replace {final}: {why(exc)} — check "
            "that the folder is writable and not open in another program"
        ) from None
    shutil.rmtree(retired, ignore_errors=True)


def why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
