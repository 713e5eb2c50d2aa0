"""The review pages of a room's clips: for each, every hidden stretch with the words hidden in it,
the original and the redacted audio around it, the names and numbers found in its texts, and
its plan's hash. Made in the cache folder (``review/``), never in the site: they show what the
site must not."""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from ..build import media_jobs
from ..build.stages import make_media, protect, read_room, stop_on_errors
from ..cache import DIGESTS_FILE, FileDigests
from ..content.room import ClipEntry
from ..content.transcript import Transcript
from ..ffmpeg import ffmpeg_path
from ..media.clips import ClipMedia
from ..privacy.hidden_spans import Span
from ..privacy.redaction_plan import plan_hash
from ..privacy.room_detector import detector_for
from ..settings import Settings

AROUND_SECONDS = 2.0


@dataclass(frozen=True)
class ClipReview:
    slug: str
    path: str
    plan: str
    approved_by: str | None  # who approved this very plan
    stale_by: str | None  # who approved an earlier plan


def make_review(settings: Settings, folder: Path) -> list[ClipReview]:
    """Write the review pages of every clip that has consent into ``folder``."""
    settings = replace(settings, require_approval=False)  # every consented clip is reviewed
    read = read_room(settings)
    checked = protect(read, settings)
    stop_on_errors(read.report)
    with media_jobs(settings, checked) as jobs:
        made = make_media(checked, settings, jobs)
        jobs.wait()
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "audio").mkdir(parents=True)
    digests = FileDigests(settings.cache_dir / DIGESTS_FILE)
    detector = detector_for(settings, read.room)
    originals = {clip.slug: clip for clip in read.room.clips}
    reviews = []
    for clip in checked.room.clips:
        media = made.clips.get(clip.slug)
        if media is None:
            continue
        plan = plan_hash(clip, digests.of(clip.audio_path))
        approval = checked.room.approvals.get(clip.slug)
        review = ClipReview(
            clip.slug,
            clip.path,
            plan,
            approval.by if approval and approval.plan == plan else None,
            approval.by if approval and approval.plan != plan else None,
        )
        mp3 = next(f.source for f in made.files if f.path == media.audio and f.source)
        found = [
            (hit.kind, hit.value)
            for text in _texts(originals[clip.slug])
            for hit in detector.find(text)
        ]
        page = _clip_page(review, clip, media, mp3, found, folder)
        (folder / f"{clip.slug}.html").write_text(page, encoding="utf-8")
        reviews.append(review)
    digests.save()
    (folder / "index.html").write_text(_index(reviews), encoding="utf-8")
    return reviews


def _texts(clip: ClipEntry) -> list[str]:
    """The clip's texts as written, before anything was hidden."""
    fields = [clip.clip.title, clip.clip.summary or ""]
    return [*(f for f in fields if f), *(turn.text for turn in clip.transcript.turns)]


def _clip_page(
    review: ClipReview,
    clip: ClipEntry,
    media: ClipMedia,
    mp3: Path,
    found: list[tuple[str, str]],
    folder: Path,
) -> str:
    start = float(clip.clip.trim.start or 0)
    rows = []
    for number, span in enumerate(media.spans, start=1):
        words = _hidden_words(clip.transcript, media.transcript, span)
        original = _cut(
            clip.audio_path,
            start + span.start,
            start + span.end,
            folder,
            f"{clip.slug}-{number}-original",
        )
        redacted = _cut(mp3, span.start, span.end, folder, f"{clip.slug}-{number}-redacted")
        rows.append(
            f"<tr><td>{number}</td><td>{span.start:.1f} to {span.end:.1f} s</td>"
            f"<td>{html.escape(span.kind)}</td>"
            f"<td>{html.escape(words) or '(a stretch of its own)'}</td>"
            f'<td><audio controls preload="none" src="audio/{original}"></audio></td>'
            f'<td><audio controls preload="none" src="audio/{redacted}"></audio></td></tr>'
        )
    names = "".join(
        f"<li>{html.escape(kind)}: {html.escape(value)}</li>"
        for kind, value in dict.fromkeys(found)
    )
    status = (
        f"Approved by {html.escape(review.approved_by)}."
        if review.approved_by
        else (
            f"Changed since {html.escape(review.stale_by)} approved it: review it again."
            if review.stale_by
            else "Not approved yet."
        )
    )
    return _page(
        f"Review: {clip.clip.title}",
        f"<p><a href='index.html'>All clips</a></p><h1>{html.escape(clip.clip.title)}</h1>"
        f"<p>{html.escape(clip.path)} · plan <code>{review.plan}</code></p>"
        f'<p class="status">{status}</p>'
        "<h2>Hidden stretches</h2><table><tr><th>#</th><th>When</th><th>Kind</th>"
        "<th>Words hidden</th><th>Original</th><th>Published</th></tr>"
        + "".join(rows)
        + "</table><h2>Names and numbers found in its texts</h2><ul>"
        + (names or "<li>none</li>")
        + "</ul><h2>Approve</h2>"
        f'<form method="post" action="approve/{clip.slug}"><input type="hidden" name="plan" '
        f'value="{review.plan}"><label>Your name <input name="by" required></label> '
        '<button type="submit">Approve this clip for publication</button></form>',
    )


def _hidden_words(original: Transcript, aligned: Transcript, span: Span) -> str:
    """The words hidden in ``span``: the aligned (published) transcript gives their times,
    the protected one, turn for turn and word for word, their text."""
    if len(original.turns) != len(aligned.turns):
        return ""
    words = []
    for turn, timed in zip(original.turns, aligned.turns, strict=True):
        for word, placed in zip(turn.words, timed.words, strict=False):
            if not word.redacted or placed.start is None or placed.end is None:
                continue
            if placed.start < span.end and placed.end > span.start:
                words.append(word.text)
    return " ".join(words)


def _cut(source: Path, start: float, end: float, folder: Path, stem: str) -> str:
    """The stretch with AROUND_SECONDS either side, as an MP3 in ``folder/audio``."""
    name = f"{stem}.mp3"
    subprocess.run(
        [
            ffmpeg_path(),
            "-loglevel",
            "error",
            "-y",
            "-ss",
            f"{max(0.0, start - AROUND_SECONDS):.3f}",
            "-t",
            f"{end - start + 2 * AROUND_SECONDS:.3f}",
            "-i",
            str(source),
            "-ac",
            "1",
            "-b:a",
            "64k",
            str(folder / "audio" / name),
        ],
        check=True,
    )
    return name


def _index(reviews: list[ClipReview]) -> str:
    items = "".join(
        f'<li><a href="{r.slug}.html">{html.escape(r.path)}</a> — '
        + (
            "approved"
            if r.approved_by
            else "changed since approved"
            if r.stale_by
            else "not approved"
        )
        + "</li>"
        for r in reviews
    )
    return _page(
        "Review the room's clips", f"<h1>Clips to review</h1><ul>{items or '<li>none</li>'}</ul>"
    )


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='robots' content='noindex'>"
        f"<title>{html.escape(title)}</title></head><body>{body}</body></html>"
    )
