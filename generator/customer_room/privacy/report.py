"""The privacy report: written outside the site, so the people who run the room can see what
was hidden where — by kind and place, never by value."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from ..content.room import Room
from .hidden_spans import Span
from .leaks import Leak
from .privacy_log import PrivacyLog


def write_privacy_report(
    path: Path,
    privacy: PrivacyLog,
    room: Room,
    spans: Mapping[str, Sequence[Span]],
    leaks: list[Leak],
    *,
    published: bool,
) -> None:
    """``spans``: each clip's hidden stretches of audio, by slug; ``published``: whether the
    build goes on to publish the site (no leaks, no failure)."""
    files: dict[str, dict[str, Any]] = defaultdict(lambda: {"counts": Counter(), "places": []})
    for entry in privacy.redactions:
        place = {k: v for k, v in entry.items() if k != "file"}
        files[entry["file"]]["counts"][entry["kind"]] += 1
        files[entry["file"]]["places"].append(place)
    audio = {}
    for clip in room.clips:
        if spans.get(clip.slug):
            audio[clip.path] = [
                {"kind": s.kind, "start": round(s.start, 3), "end": round(s.end, 3)}
                for s in spans[clip.slug]
            ]
    report = {
        "summary": privacy.summary(published),
        "clips": {
            "published": privacy.published_clips if published else 0,
            "ready": privacy.published_clips,
            "held_back": privacy.held_back,
        },
        "redactions_by_kind": dict(privacy.counts()),
        "files": {
            name: {"counts": dict(data["counts"]), "places": data["places"]}
            for name, data in sorted(files.items())
        },
        "audio_spans": audio,
        "leaks": [_leak(leak) for leak in leaks],
    }
    data = orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n"
    try:
        if path.read_bytes() == data:
            return  # as it was (a preview's rebuild): not written again
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _leak(leak: Leak) -> dict[str, object]:
    """A leak as the report says it: the file and the kind, and for a hidden value where it
    was hidden and what put it in the site (never the value)."""
    said: dict[str, object] = {"file": leak.path, "kind": leak.kind}
    if leak.origin:
        said["hidden_in"] = leak.origin
    if leak.source:
        said["shown_by"] = leak.source
    if leak.also:
        said["also_in"] = list(leak.also)
    return said
