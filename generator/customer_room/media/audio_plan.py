"""What shapes one clip's audio, as plain data: it is worked out where the room is read and
crosses into worker processes, which alone load the audio libraries."""

from __future__ import annotations

from dataclasses import dataclass

from ..privacy.hidden_spans import Span


@dataclass(frozen=True)
class AudioPlan:
    """Everything that shapes one clip's audio (plain data: it crosses into worker processes)."""

    trim_start: float
    trim_end: float | None
    spans: tuple[Span, ...]
    customer_channel: int | None  # 0 left, 1 right; set only when the voice is disguised
    disguise_factor: float
    bleep: str  # "tone" or "silence"
    target_lufs: float
    bitrate_kbps: int
