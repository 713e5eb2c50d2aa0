"""The built site as the leak scan walks it: every file it publishes, and what it cannot read."""

from __future__ import annotations

import os

from .leaks import Leak, Unreadable

THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/")


def site_files(site: str, under: str, unreadable: list[Leak]) -> list[tuple[str, os.DirEntry[str]]]:
    """Every file of the site but the theme's own scripts and styles, by its name in the site,
    in order of name. What cannot be read, and links to folders (not followed), are added to
    ``unreadable``: the guard cannot vouch for them."""
    found: list[tuple[str, os.DirEntry[str]]] = []
    try:
        with os.scandir(site) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        unreadable.append(Unreadable(under or ".", "a folder the guard cannot read"))
        return found
    for entry in entries:
        name = f"{under}{entry.name}"
        try:
            if entry.is_dir(follow_symlinks=False):
                if f"{name}/" not in THEME_FOLDERS:
                    found += site_files(entry.path, f"{name}/", unreadable)
            elif entry.is_symlink() and entry.is_dir():
                unreadable.append(Unreadable(name, "a link to a folder"))
            elif entry.is_file():  # a link to a file is read as the file it leads to
                found.append((name, entry))
        except OSError:  # a link that leads round in a loop
            unreadable.append(Unreadable(name, "a link the guard cannot follow"))
    return found
