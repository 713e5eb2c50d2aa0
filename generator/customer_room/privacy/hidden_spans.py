"""Stretches of a recording to hide: kept as seconds, merged when they touch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A stretch of a recording, in seconds."""

    start: float
    end: float
    kind: str = "personal data"


def merge_spans(spans: list[Span], pad: float = 0.0) -> list[Span]:
    """Spans padded on both sides, overlapping ones joined (the first one's kind is kept)."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        start, end = max(0.0, span.start - pad), span.end + pad
        if merged and start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, end), last.kind)
        else:
            merged.append(Span(start, end, span.kind))
    return merged
