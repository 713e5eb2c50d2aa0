"""Serving a built site on localhost and driving Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import io
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from os import PathLike
from pathlib import Path
from typing import Any

import pytest

from customer_room.privacy.leak_scan import Secret, SiteScan
from customer_room.privacy.leaks import Leak
from customer_room.privacy.pii import Detector

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files with byte ranges, as any real web server serves them (media needs them to
    seek); Python's own handler always sends the whole file."""

    extra_headers: tuple[tuple[str, str], ...] = ()  # a web server's own, on every answer
    extra_types: tuple[tuple[str, str], ...] = ()  # file suffix -> MIME type

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path: str | PathLike[str]) -> str:
        for suffix, kind in self.extra_types:
            if str(path).endswith(suffix):
                return kind
        return super().guess_type(path)

    def send_head(self):  # type: ignore[no-untyped-def]
        header = self.headers.get("Range", "")
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first = int(match.group(1)) if match.group(1) else max(0, size - int(match.group(2)))
        last = int(match.group(2)) if match.group(1) and match.group(2) else size - 1
        last = min(last, size - 1)
        if first > last:
            self.send_error(416)
            return None
        with path.open("rb") as handle:
            handle.seek(first)
            body = handle.read(last - first + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(ThreadingHTTPServer):
    """A browser that closes a page while a file is on its way is no error of the site's."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_folder(
    folder: Path,
    headers: tuple[tuple[str, str], ...] = (),
    types: tuple[tuple[str, str], ...] = (),
    base: type[QuietHandler] = QuietHandler,
) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port, with a web server's own ``headers`` and
    MIME ``types`` if given (and ``base``'s behaviour: a subclass of QuietHandler); yield its
    base URL."""
    serving = type("Serving", (base,), {"extra_headers": headers, "extra_types": types})
    handler = functools.partial(serving, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium() -> None:
    """Fail (never skip) with the fix when the browser is missing."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.fail(
            f"{CHROMIUM} is missing — install Debian's Chromium: "
            "sudo apt-get install chromium (./dev test does this for you)"
        )


def scan_site(
    site: Path,
    detector: Detector,
    secrets: Iterable[Secret | str],
    recordings: Iterable[Path],
    *,
    memory_file: Path | None = None,
    digest_of: Callable[[Path], str] | None = None,
    linked_from: dict[str, Path] | None = None,
) -> list[Leak]:
    """Every leak in the built site at ``site``, in one pass (see :class:`SiteScan`)."""
    scan = SiteScan(
        site,
        detector,
        secrets,
        recordings,
        memory_file=memory_file,
        digest_of=digest_of,
        linked_from=linked_from,
    )
    leaks = scan.scan()
    scan.save()
    return leaks


def metadata_markers(data: bytes) -> list[str]:
    """The kinds of photo metadata whose marks are in ``data`` (EXIF, XMP, IPTC, and the
    test photo's own camera, comment and names)."""
    markers = []
    for marker, name in (
        (b"Exif\x00\x00", "EXIF"),
        (b"http://ns.adobe.com/xap", "XMP"),
        (b"xmpmeta", "XMP"),
        (b"Photoshop 3.0", "IPTC"),
        (b"8BIM", "IPTC"),
        (b"Leaky Camera", "camera"),
        (b"home address", "comment"),
        (b"Jane", "names"),
    ):
        if marker in data:
            markers.append(name)
    return markers
