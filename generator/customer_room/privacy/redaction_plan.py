"""A clip's redaction plan and its hash: everything that decides what of the call is published
— the recording itself, the clip's fields as protected, and every word of its transcript with
whether (and as what) it is hidden. A privacy officer approves a plan by this hash
(``customer-room review``); with ``require_approval``, a clip whose plan changed since is held
back."""

from __future__ import annotations

import hashlib

import orjson

from ..cache import DIGESTS_FILE, FileDigests
from ..content.approval_models import Approval
from ..content.room import ClipEntry
from ..errors import Report
from ..settings import Settings


def plan_hash(protected: ClipEntry, recording_digest: str) -> str:
    """The plan of ``protected`` (the clip as the privacy stage leaves it)."""
    words = [
        [
            turn.speaker,
            turn.start,
            turn.end,
            [[w.text, w.start, w.end, w.redacted] for w in turn.words],
        ]
        for turn in protected.transcript.turns
    ]
    data = orjson.dumps(
        [recording_digest, protected.clip.model_dump(mode="json"), words],
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(data).hexdigest()[:32]


def approved_only(
    clips: list[ClipEntry], approvals: dict[str, Approval], settings: Settings, report: Report
) -> tuple[list[ClipEntry], list[dict[str, str]]]:
    """The clips whose current plan is the one approved (``require_approval``), and a record
    for each held back. A held-back clip is a warning (an error with --strict)."""
    digests = FileDigests(settings.cache_dir / DIGESTS_FILE)
    kept, held = [], []
    for clip in clips:
        approval = approvals.get(clip.slug)
        if approval is not None and approval.plan == plan_hash(clip, digests.of(clip.audio_path)):
            kept.append(clip)
            continue
        if approval is None:
            reason, why = "not approved", "nobody has approved its redactions yet"
        else:
            reason = "changed since approved"
            why = (
                f"its redactions changed after {approval.by} approved them on "
                f"{approval.at:%d %b %Y}"
            )
        report.warn(
            clip.path,
            f"left out of the site: {why} — run customer-room review, listen to each hidden "
            "stretch, and approve the clip",
            field="approval",
        )
        held.append({"clip": clip.path, "reason": reason})
    digests.save()
    return kept, held
