"""Recording an approval in ``content/approvals.yml``: the only file of the room the tool ever
writes, and only from ``customer-room review``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

HEADER = (
    "# yaml-language-server: $schema=../schemas/approvals.schema.json\n"
    "# Written by customer-room review: who approved each clip's redactions, when, and the\n"
    "# plan's hash. A clip whose redactions change needs approving again.\n"
)


def record_approval(room: Path, clip: str, plan: str, by: str, at: dt.datetime) -> Path:
    """Add an approval (an earlier one of the same clip stays, as history)."""
    path = room / "content" / "approvals.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    approvals = list(data.get("approvals") or []) if isinstance(data, dict) else []
    approvals.append(
        {"clip": clip, "plan": plan, "by": by, "at": at.astimezone(dt.UTC).isoformat()}
    )
    text = yaml.safe_dump({"approvals": approvals}, sort_keys=False, allow_unicode=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + text, encoding="utf-8")
    return path
