"""The kiosk's settings, written under ``kiosk:`` in the plugin's options in ``mkdocs.yml``:
which slides, how long each shows, in what order, at which hours, and when the screen is off."""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Report
from .plugin_options import listed, read_option
from .schedule_models import Clock


class SlideType(StrEnum):
    PERSONAS = "personas"
    QUOTES = "quotes"
    CLIPS = "clips"
    VISITS = "visits"
    LENDING = "lending"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


ALL_SLIDES = list(SlideType)
ALL_DAYS = list(Weekday)
SECONDS_DEFAULTS = {"default": 12.0, "personas": 15.0, "clips": 20.0}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("days", "slides", mode="before", check_fields=False)
    @classmethod
    def _lower(cls, value: object) -> object:
        return listed(value)


class Hours(_Strict):
    """A stretch of the day, on some days of the week; ``to`` before ``from`` runs past midnight."""

    start: Clock = Field(alias="from", description="start, HH:MM")
    end: Clock = Field(alias="to", description="end, HH:MM (before 'from' to run past midnight)")
    days: list[Weekday] = Field(
        default_factory=lambda: list(ALL_DAYS), description="days it applies, e.g. [mon, tue]"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Hours:
        if self.start == self.end:
            raise ValueError("'from' and 'to' are the same time — give a stretch of the day")
        return self

    def as_json(self) -> dict[str, Any]:
        return {"from": _minutes(self.start), "to": _minutes(self.end), "days": self.days}


class Daypart(Hours):
    """Which slides show at these hours (the first daypart that matches the time wins)."""

    slides: list[SlideType] = Field(min_length=1, description="slide types shown at these hours")

    def as_json(self) -> dict[str, Any]:
        return {**super().as_json(), "slides": self.slides}


class Orientation(StrEnum):
    AUTO = "auto"
    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"


class Theme(StrEnum):
    AUTO = "auto"
    LIGHT = "light"
    DARK = "dark"


class Order(StrEnum):
    SEQUENCE = "sequence"
    SHUFFLE = "shuffle"


class KioskConfig(_Strict):
    """``kiosk:`` in the customer-room plugin's options."""

    slides: list[SlideType] = Field(
        default_factory=lambda: list(ALL_SLIDES),
        min_length=1,
        description="slide types in the order they take turns: personas, quotes, clips, "
        "visits, lending",
    )
    seconds: dict[str, float] = Field(
        default_factory=dict,
        description="seconds each slide shows: {default: 12, personas: 15, clips: 20}",
    )
    order: Order = Field(Order.SEQUENCE, description="sequence, or shuffle (no repeats)")
    dayparts: list[Daypart] = Field(
        default_factory=list,
        description="slides by hour: [{from: '07:00', to: '10:00', slides: [visits, quotes]}]",
    )
    open: list[Hours] = Field(
        default_factory=list,
        description="opening hours; outside them the screen is blank (default: always on)",
    )
    orientation: Orientation = Field(Orientation.AUTO, description="auto, landscape or portrait")
    theme: Theme = Field(Theme.AUTO, description="auto (the screen's setting), light or dark")
    poll_minutes: float = Field(3.0, gt=0, description="how often to look for a new build")
    shift_pixels: int = Field(
        6, ge=0, le=40, description="how far the picture drifts against burn-in (0: off)"
    )
    shift_minutes: float = Field(2.0, gt=0, description="how often the picture drifts")
    sound: bool = Field(False, description="true to play clip audio (muted by default)")
    screen_inches: float = Field(
        43, ge=10, le=300, description="the screen's diagonal in inches (type is sized for it)"
    )
    viewing_metres: float = Field(
        3, gt=0, le=50, description="how far away people read the screen, in metres"
    )

    @field_validator("open", mode="before")
    @classmethod
    def _one_stretch(cls, value: object) -> object:
        return [value] if isinstance(value, dict) else value

    @field_validator("seconds", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> object:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"default": value}
        if isinstance(value, dict):
            known = {"default", *ALL_SLIDES}
            for key, number in value.items():
                if key not in known:
                    raise ValueError(
                        f"'{key}' is not a slide type — use default, {', '.join(ALL_SLIDES)}"
                    )
                if isinstance(number, bool) or not isinstance(number, int | float) or number <= 0:
                    raise ValueError(f"{key}: give a number of seconds above 0")
        return value

    @model_validator(mode="after")
    def _readable(self) -> KioskConfig:
        scale = type_scale(self.screen_inches, self.viewing_metres)
        if scale > MAX_TYPE:
            farthest = math.floor(self.viewing_metres * MAX_TYPE / scale * 10) / 10
            raise ValueError(
                f"a {self.screen_inches:g}-inch screen cannot be read from "
                f"{self.viewing_metres:g} m with a slide's words on it — use a screen of at "
                f"least {math.ceil(self.screen_inches * scale / MAX_TYPE)} inches, or set "
                f"viewing_metres to {farthest:g} or less"
            )
        return self

    def durations(self) -> dict[str, float]:
        """Seconds per slide type, the defaults filled in."""
        table = {**SECONDS_DEFAULTS, **self.seconds}
        return {t.value: float(table.get(t.value, table["default"])) for t in SlideType}

    def as_json(self) -> dict[str, Any]:
        """What the kiosk page reads (times of day as minutes after midnight)."""
        return {
            "slides": self.slides,
            "seconds": self.durations(),
            "order": self.order,
            "dayparts": [d.as_json() for d in self.dayparts],
            "open": [h.as_json() for h in self.open],
            "orientation": self.orientation,
            "theme": self.theme,
            "poll_minutes": self.poll_minutes,
            "shift_pixels": self.shift_pixels,
            "shift_minutes": self.shift_minutes,
            "sound": self.sound,
            "screen_inches": self.screen_inches,
            "viewing_metres": self.viewing_metres,
        }


# Type is sized by the angle it takes at the reader's eye: body text at 20 arcminutes, nothing
# under 16 (the usual minimum for reading a screen at a distance). kiosk.js works out the same.
BODY_ARCMIN = 20
MAX_TYPE = 0.044  # body text above 4.4% of the screen's short side leaves a slide no room


def type_scale(screen_inches: float, metres: float) -> float:
    """Body text's height as a share of a 16:9 screen's short side."""
    short_side = screen_inches * 0.0254 * 9 / math.hypot(16, 9)
    return BODY_ARCMIN * metres * math.tan(math.radians(1 / 60)) / short_side


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def read_kiosk_config(raw: dict[str, Any], config_file: Path | None, report: Report) -> KioskConfig:
    """Validate ``kiosk:``; every problem is reported with its line in ``mkdocs.yml``."""
    return read_option(KioskConfig, "kiosk", raw, config_file, report)
