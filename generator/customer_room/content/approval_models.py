"""``content/approvals.yml``: who approved each clip's redaction plan for publication, when, and
the plan's hash (written only by ``customer-room review``)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from .models import ContentModel, Slug, Text


class Approval(ContentModel):
    clip: Slug = Field(description="the clip's address (its file's name)")
    plan: str = Field(min_length=16, max_length=64, description="the approved plan's hash")
    by: Text = Field(description="who approved it")
    at: dt.datetime = Field(description="when, in UTC")


class ApprovalsFile(BaseModel):
    approvals: list[Approval] = Field(description="the approvals, newest last")
