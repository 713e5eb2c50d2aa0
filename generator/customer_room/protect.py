"""Protect stage: personal data is found and marked before anything is rendered or encoded."""

from __future__ import annotations

from .errors import Report
from .redact import mark_terms
from .room import Room


def protect_room(room: Room, report: Report) -> dict[str, int]:
    """Mark each clip's redact terms in its transcript; return how many places per clip."""
    marked = {}
    for entry in room.clips:
        hits = mark_terms(entry.transcript, entry.clip.redact_terms)
        marked[entry.slug] = sum(hits)
        for number, count in enumerate(hits, start=1):
            if count == 0:
                # The term itself is never printed: logs travel further than the room.
                report.warn(
                    entry.path,
                    f"term {number} of the list is not in the transcript — "
                    "check its spelling, or hide it with redact_spans",
                    field="redact_terms",
                )
    return marked
