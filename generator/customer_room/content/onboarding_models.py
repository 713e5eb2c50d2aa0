"""Typed model of ``content/onboarding.yml``: the reading list new agents follow, in sections."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..site_files import slug
from .models import ContentModel, Slug, Text


class Schedule(StrEnum):
    VISITS = "visits"
    LENDING = "lending"


TARGETS = ("persona", "clip", "page", "schedule", "url")


class ReadingItem(BaseModel):
    """One thing to read: a room page (persona, clip, page, schedule) or an outside document."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    persona: Slug | None = Field(None, description="a persona's folder name")
    clip: Slug | None = Field(None, description="a clip's file name (without .yml)")
    page: Text | None = Field(None, description="a free page's name, e.g. why-a-customer-room")
    schedule: Schedule | None = Field(None, description="visits or lending")
    url: Text | None = Field(
        None, description="an outside document's address (linked, never fetched)"
    )
    title: Text | None = Field(None, description="the title shown (required with url)")
    id: Slug | None = Field(
        None, description="a stable id that keeps readers' progress (default: from the target)"
    )
    required: bool = Field(True, description="false for optional reading")
    minutes: int | None = Field(
        None, ge=1, le=600, description="reading time (default: estimated from the page)"
    )
    note: Text | None = Field(None, description="why read it, in a sentence")

    @model_validator(mode="after")
    def _one_target(self) -> ReadingItem:
        given = [name for name in TARGETS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of persona, clip, page, schedule or url"
                + (f" (this item has {', '.join(given)})" if given else "")
            )
        if self.url is not None:
            if not re.match(r"https?://", self.url):
                raise ValueError("url: give a full address starting with https://")
            if self.title is None:
                raise ValueError("title: required with url — the document's title")
        return self

    @property
    def target(self) -> tuple[str, str]:
        """(kind, reference), e.g. ("persona", "maria-okafor")."""
        for name in TARGETS:
            value = getattr(self, name)
            if value is not None:
                return name, str(value)
        raise AssertionError("validated to have one target")

    @property
    def item_id(self) -> str:
        if self.id:
            return self.id
        kind, reference = self.target
        if kind == "url":
            return "link-" + slug(self.title or reference, "item")
        return f"{kind}-{slug(reference, 'item')}"


class ReadingSection(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Text = Field(description="the section's heading, e.g. 'Week 1: who our customers are'")
    intro: Text | None = Field(None, description="a sentence or two before the items")
    items: list[ReadingItem] = Field(min_length=1, description="the things to read, in order")


class ReadingList(ContentModel):
    """``content/onboarding.yml``."""

    title: Text = Field("Your reading list", description="the page title")
    intro: Text | None = Field(None, description="a paragraph at the top of the list")
    sections: list[ReadingSection] = Field(
        min_length=1, description="sections in reading order, each with its items"
    )
