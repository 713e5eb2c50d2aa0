"""The plugin through MkDocs' own commands: plain `mkdocs build`, and a live preview."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

BIN = Path(sys.executable).parent


def test_plain_mkdocs_build_uses_the_plugin(copy_room: Callable[[str], Path]) -> None:
    root = copy_room("minimal")
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page = (root / "site/personas/sam-reid/index.html").read_text()
    assert "Sam Reid" in page and "kayak hire" in page
    assert not list((root / "site").rglob("quotes.yml"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_previews_the_room(copy_room: Callable[[str], Path]) -> None:
    root = copy_room("minimal")
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "customer-room"),
            "serve",
            "-f",
            str(root / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--today",
            "2026-01-05",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        body = ""
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/personas/sam-reid/") as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "Sam Reid" in body, process.stdout.read() if process.poll() is not None else ""
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert not (root / "site").exists(), "a preview never writes the site folder"


def _page(url: str, wanted: str, timeout: float = 30) -> str:
    """The page at ``url`` once it holds ``wanted`` (a 404 page counts: it says why)."""
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url) as answer:
                body = answer.read().decode()
        except urllib.error.HTTPError as error:
            body = error.read().decode()
        except OSError:
            pass
        if wanted in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {wanted!r}:\n{body[-2000:]}")


@contextlib.contextmanager
def serving(root: Path, port: int, said: Path) -> Iterator[None]:
    """``customer-room serve`` of ``root`` on ``port``, what it prints going to ``said``."""
    with said.open("w") as out:
        process = subprocess.Popen(
            [
                *(str(BIN / "customer-room"), "serve", "-f", str(root / "mkdocs.yml")),
                *("--dev-addr", f"127.0.0.1:{port}", "--today", "2026-01-05"),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            yield
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_the_preview_says_one_line_per_rebuild_and_shows_a_broken_build(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_room("minimal")
    port = free_port()
    said = tmp_path / "said.txt"
    with serving(root, port, said):
        persona = root / "personas/sam-reid/persona.md"
        url = f"http://127.0.0.1:{port}/personas/sam-reid/"
        _page(url, "Sam Reid", 60)
        persona.write_text(persona.read_text().replace("name: Sam Reid", "name: Sam Reidy"))
        _page(url, "Sam Reidy")
        persona.write_text(persona.read_text().replace("segment:", "segmnt:"))
        broken = _page(url, "The room could not be built")
        assert "personas/sam-reid/persona.md:" in broken and "segment: required" in broken
        persona.write_text(persona.read_text().replace("segmnt:", "segment:"))
        _page(url, "Sam Reidy")
    lines = said.read_text().splitlines()
    rebuilt = [line for line in lines if line.startswith("Customer Room:")]
    assert len(rebuilt) == 3 and all("rebuilt in" in line for line in rebuilt), lines
    others = [
        line
        for line in lines
        if line not in rebuilt
        and "Serving on" not in line
        and not line.startswith("error:")
        and not line.startswith("warning:")
    ]
    assert others == [], lines


def _search_locations(port: int) -> list[str]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/search/search_index.json") as answer:
        index = json.loads(answer.read())
    return sorted(doc["location"] for doc in index["docs"])


def test_the_preview_rebuilds_only_what_changed_and_in_full_when_the_menus_would_go_stale(
    copy_room: Callable[[str], Path], tmp_path: Path
) -> None:
    """A persona's story edited: its page alone is built again, and the search index stays
    whole. Its name edited (which the menus, the lists and the tags page show): every page is
    built again. A page deleted: gone from the preview."""
    root = copy_room("minimal")
    port = free_port()
    said = tmp_path / "said.txt"
    base = f"http://127.0.0.1:{port}"
    with serving(root, port, said):
        persona = root / "personas/sam-reid/persona.md"
        _page(f"{base}/welcome/", "This room shows", 60)
        locations = _search_locations(port)
        assert "personas/sam-reid/" in locations and "welcome/" in locations
        persona.write_text(persona.read_text().replace("kayak hire", "canoe school"))
        page = _page(f"{base}/personas/sam-reid/", "canoe school")
        assert _search_locations(port) == locations, "the search index lost or doubled pages"
        assert re.search(r'href="[^"]*tags/#[^"]*"[^>]*>\s*banking', page), "tag not linked"
        # The home page's words: the page every address starts with, built again alone.
        (root / "content/home.md").write_text("Our customers, in their own words.\n")
        _page(f"{base}/", "in their own words")
        assert _search_locations(port) == locations, "the search index lost pages"
        persona.write_text(persona.read_text().replace("name: Sam Reid", "name: Sam Reidy"))
        _page(f"{base}/personas/", "Sam Reidy")  # another page that shows the name
        _page(f"{base}/tags/", "Sam Reidy")
        config = root / "mkdocs.yml"  # the site's settings: every page built again
        config.write_text(config.read_text().replace("Minimal room", "Minimal room, renamed"))
        _page(f"{base}/personas/sam-reid/", "Minimal room, renamed")
        (root / "content/welcome.md").unlink()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/welcome/")
            except urllib.error.HTTPError as error:
                assert error.code == 404
                break
            time.sleep(0.3)
        else:
            raise AssertionError("the deleted page is still served")
    rebuilt = [line for line in said.read_text().splitlines() if "rebuilt in" in line]
    assert len(rebuilt) == 6, rebuilt
    assert " — all " in rebuilt[0]  # the first build
    total = rebuilt[0].split(" — all ")[1].split()[0]
    assert f" — 1 of {total} pages rebuilt" in rebuilt[1], rebuilt[1]
    assert f" — 1 of {total} pages rebuilt" in rebuilt[2], rebuilt[2]  # the home page
    assert f" — all {total} pages rebuilt" in rebuilt[3], rebuilt[3]  # the name
    assert f" — all {total} pages rebuilt" in rebuilt[4], rebuilt[4]  # mkdocs.yml
