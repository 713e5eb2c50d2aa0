"""The review pages served on 127.0.0.1 only, with the form that records an approval."""

from __future__ import annotations

import datetime as dt
import functools
import html
import urllib.parse
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..settings import Settings
from .approvals import record_approval
from .pages import ClipReview, make_review

MAX_FORM_BYTES = 4096


@dataclass
class ReviewState:
    settings: Settings
    folder: Path
    reviews: dict[str, ClipReview] = field(default_factory=dict)

    def refresh(self) -> None:
        self.reviews = {r.slug: r for r in make_review(self.settings, self.folder)}


class ReviewHandler(SimpleHTTPRequestHandler):
    state: ReviewState

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        slug = self.path.rsplit("/", 1)[-1]
        review = self.state.reviews.get(slug)
        length = int(self.headers.get("Content-Length") or 0)
        if not self.path.startswith("/approve/") or review is None or length > MAX_FORM_BYTES:
            self.send_error(404)
            return
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
        by = " ".join((form.get("by") or [""])[0].split())[:200]
        plan = (form.get("plan") or [""])[0]
        if not by or plan != review.plan:
            self._answer(
                409,
                "Not recorded: the clip changed since this page was made (or no name was "
                "given). Reload the page, listen again, and approve.",
            )
            return
        record_approval(self.state.settings.room_dir, slug, plan, by, dt.datetime.now(dt.UTC))
        self.state.refresh()
        self.send_response(303)
        self.send_header("Location", f"/{slug}.html")
        self.end_headers()

    def _answer(self, code: int, message: str) -> None:
        body = f"<!doctype html><title>Review</title><p>{html.escape(message)}</p>".encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def review_server(settings: Settings, port: int = 0) -> ThreadingHTTPServer:
    """The review pages made, and a server for them on 127.0.0.1 (``port`` 0: a free one)."""
    state = ReviewState(settings, settings.cache_dir / "review")
    state.refresh()
    handler_class = type("Review", (ReviewHandler,), {"state": state})
    handler = functools.partial(handler_class, directory=str(state.folder))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
