"""Links between generated files, written relative so the site works from any folder or server."""

from __future__ import annotations

import posixpath


def page_dir(md_path: str, directory_urls: bool) -> str:
    """The folder a browser sees a page in: ``personas/maria.md`` -> ``personas/maria``."""
    stem = md_path[: -len(".md")]
    if not directory_urls:
        return posixpath.dirname(stem)
    if stem == "index" or stem.endswith("/index"):
        return posixpath.dirname(stem)
    return stem


def page_target(md_path: str, directory_urls: bool) -> str:
    """The site path of a page: ``personas/maria.md`` -> ``personas/maria/``."""
    stem = md_path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    folder = page_dir(md_path, directory_urls)
    return f"{folder}/" if folder else ""


def relative_url(from_md: str, target: str, directory_urls: bool) -> str:
    """A link from page ``from_md`` to ``target`` (a site file, or a page given as ``*.md``)."""
    if target.endswith(".md"):
        target = page_target(target, directory_urls)
    start = page_dir(from_md, directory_urls) or "."
    trailing = "/" if target.endswith("/") or target == "" else ""
    rel = posixpath.relpath(target or ".", start)
    if rel == ".":
        return "./"
    return rel + trailing if not rel.endswith("/") else rel
