"""Typed model of a clip file, ``clips/<slug>.yml``: one recording and what to publish of it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .models import ContentModel, Day, Slug, Text, Tone, seconds

Seconds = Annotated[float, BeforeValidator(seconds), Field(ge=0)]


class Moment(StrEnum):
    PRAISE = "praise"
    FRUSTRATION = "frustration"
    RESOLVED = "resolved"
    DELIGHT = "delight"
    INSIGHT = "insight"


class Trim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: Seconds = Field(
        0, description="where the clip starts in the recording (seconds or m:ss)"
    )
    end: Seconds | None = Field(None, description="where it ends (default: the recording's end)")

    @model_validator(mode="after")
    def _ordered(self) -> Trim:
        if self.end is not None and self.end <= self.start:
            raise ValueError("trim end must come after trim start")
        return self


class Channels(BaseModel):
    """Which side of a stereo recording each speaker is on."""

    model_config = ConfigDict(extra="forbid")

    agent: Literal["left", "right"] = Field(description="left or right")
    customer: Literal["left", "right"] = Field(description="left or right")

    @model_validator(mode="after")
    def _different(self) -> Channels:
        if self.agent == self.customer:
            raise ValueError("agent and customer must be on different channels")
        return self


class Consent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reference: Text = Field(description="the consent record's reference, e.g. CR-2026-014")
    date: Day = Field(description="when consent was given, YYYY-MM-DD")
    scope: Text = Field(description="what the customer agreed to, e.g. 'internal training'")
    withdrawn: bool = Field(False, description="true when the customer took consent back")


class RedactSpan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: Seconds = Field(description="start in the recording (seconds or m:ss)")
    end: Seconds = Field(description="end in the recording (seconds or m:ss)")
    kind: Text = Field("personal data", description="what is hidden, e.g. 'card number'")

    @model_validator(mode="after")
    def _ordered(self) -> RedactSpan:
        if self.end <= self.start:
            raise ValueError("a redaction span must end after it starts")
        return self


class Clip(ContentModel):
    """Front matter of one clip: ``clips/<slug>.yml`` beside its recording and transcript."""

    title: Text = Field(description="a short title, e.g. 'Maria moves her payment date'")
    persona: Slug = Field(description="the slug (folder name) of a persona")
    summary: Text | None = Field(None, description="two or three sentences on what happens")
    moment: Moment = Field(description="one of praise, frustration, resolved, delight, insight")
    tone: Tone | None = Field(
        None,
        description="positive, negative, mixed or neutral (left out: estimated from the words)",
    )
    audio: Text = Field(description="the recording's file name, next to this file")
    transcript: Text = Field(description="the transcript's file name (.vtt, .srt, .json or .txt)")
    trim: Trim = Field(default_factory=Trim, description="start and end of the clip")
    channels: Channels | None = Field(
        None, description="for stereo recordings: which side is agent and customer"
    )
    speakers: dict[str, str] = Field(
        default_factory=dict,
        description="names for the transcript's speaker labels, e.g. spk_0: Agent",
    )
    consent: Consent | None = Field(None, description="the customer's consent record")
    publish_until: Day | None = Field(None, description="last day the clip may be shown")
    redact_terms: list[Text] = Field(
        default_factory=list, description="names and numbers to hide wherever they are said"
    )
    redact_spans: list[RedactSpan] = Field(
        default_factory=list, description="time spans of the recording to hide"
    )
    voice_disguise: bool = Field(False, description="true to shift the customer's voice pitch")
    date: Day | None = Field(None, description="the call's date, YYYY-MM-DD")
    tags: list[Text] = Field(default_factory=list, description="a list of tags")
