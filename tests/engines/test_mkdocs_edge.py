"""The plugin through MkDocs' own commands: plain `mkdocs build`, and a live preview."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
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
