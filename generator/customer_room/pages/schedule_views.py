"""What the schedule pages show, relative to the build date: groups of visits and lends, a month
calendar of visits and a timeline of lends, drawn as SVG with their text beside them."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from html import escape

from ..content.schedules import LendTime, VisitTime


@dataclass
class VisitGroups:
    today: list[VisitTime] = field(default_factory=list)
    this_week: list[VisitTime] = field(default_factory=list)
    upcoming: list[VisitTime] = field(default_factory=list)
    past: list[VisitTime] = field(default_factory=list)
    month: list[VisitTime] = field(default_factory=list)


@dataclass
class LendGroups:
    away_now: list[LendTime] = field(default_factory=list)
    upcoming: list[LendTime] = field(default_factory=list)
    past: list[LendTime] = field(default_factory=list)
    window: list[LendTime] = field(default_factory=list)


def group_visits(times: list[VisitTime], today: dt.date) -> VisitGroups:
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    groups = VisitGroups()
    for time in times:
        day = time.start.date()
        if day == today:
            groups.today.append(time)
        if monday <= day <= sunday and day >= today:
            groups.this_week.append(time)
        elif today < day <= today + dt.timedelta(days=90):
            groups.upcoming.append(time)
        elif today - dt.timedelta(days=180) <= day < today:
            groups.past.append(time)
        if (day.year, day.month) == (today.year, today.month):
            groups.month.append(time)
    groups.past.reverse()
    return groups


def group_lends(times: list[LendTime], today: dt.date) -> LendGroups:
    groups = LendGroups()
    start, end = today - dt.timedelta(days=60), today + dt.timedelta(days=120)
    for time in times:
        if time.first <= today <= time.last:
            groups.away_now.append(time)
        elif today < time.first <= today + dt.timedelta(days=180):
            groups.upcoming.append(time)
        elif today - dt.timedelta(days=365) <= time.last < today:
            groups.past.append(time)
        if time.last >= start and time.first <= end:
            groups.window.append(time)
    groups.past.reverse()
    return groups


def month_svg(visits: list[VisitTime], today: dt.date) -> str:
    """This month as a grid; each day lists its visits; today is outlined and labelled."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(today.year, today.month)
    width, height, top = 140, 90, 30
    parts = [
        f'<svg class="cr-calendar" viewBox="0 0 {7 * width} {top + len(weeks) * height}" '
        f'role="img" aria-labelledby="cr-calendar-title"><title id="cr-calendar-title">'
        f"Visits in {today:%B %Y} (the list below gives the same)</title>"
    ]
    for column, name in enumerate(calendar.day_abbr):
        parts.append(
            f'<text class="cr-calendar__head" x="{column * width + 6}" y="20">{name}</text>'
        )
    by_day: dict[dt.date, list[VisitTime]] = {}
    for visit in visits:
        by_day.setdefault(visit.start.date(), []).append(visit)
    for row, week in enumerate(weeks):
        for column, day in enumerate(week):
            x, y = column * width, top + row * height
            kind = "today" if day == today else "out" if day.month != today.month else "day"
            parts.append(
                f'<rect class="cr-calendar__{kind}" x="{x + 1}" y="{y + 1}" '
                f'width="{width - 2}" height="{height - 2}"></rect>'
            )
            label = f"{day.day} today" if day == today else str(day.day)
            parts.append(f'<text class="cr-calendar__date" x="{x + 6}" y="{y + 18}">{label}</text>')
            for line, visit in enumerate(by_day.get(day, [])[:3]):
                v = visit.entry.visit
                mark = "✕ " if visit.status.value == "cancelled" else ""
                text = escape(f"{mark}{visit.start:%H:%M} {v.visitor.split()[0]}")
                parts.append(
                    f'<text class="cr-calendar__visit" x="{x + 6}" '
                    f'y="{y + 38 + 17 * line}">{text}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(lends: list[LendTime], today: dt.date) -> str:
    """Lends as bars on a line of days from two months ago to four months ahead."""
    start = today - dt.timedelta(days=60)
    days, left, row_height, scale = 180, 10, 34, 5
    rows = lends[:14]
    height = 40 + row_height * max(1, len(rows))
    parts = [
        f'<svg class="cr-timeline" viewBox="0 0 {left + days * scale + 10} {height}" '
        'role="img" aria-labelledby="cr-timeline-title"><title id="cr-timeline-title">'
        "Lends from two months ago to four months ahead (the list below gives the same)"
        "</title>"
    ]
    for month_start in _month_starts(start, days):
        x = left + (month_start - start).days * scale
        parts.append(
            f'<line class="cr-timeline__month" x1="{x}" y1="20" x2="{x}" '
            f'y2="{height}"></line><text class="cr-timeline__label" x="{x + 3}" '
            f'y="14">{month_start:%b %Y}</text>'
        )
    for index, lend in enumerate(rows):
        first = max(0, (lend.first - start).days)
        last = min(days, (lend.last - start).days + 1)
        if last <= first:
            continue
        y = 28 + index * row_height
        text = escape(f"{lend.entry.lend.agent} → {lend.entry.lend.host_function}")
        bar_x, bar_width = left + first * scale, (last - first) * scale
        # A label that would run off the right edge ends at its bar's end instead.
        near_edge = bar_x + 7 * len(text) > left + days * scale
        label_x, anchor = (bar_x + bar_width - 6, "end") if near_edge else (bar_x + 6, "start")
        parts.append(
            f'<rect class="cr-timeline__bar" x="{bar_x}" y="{y}" width="{bar_width}" '
            f'height="{row_height - 8}" rx="3"></rect><text class="cr-timeline__text" '
            f'x="{label_x}" y="{y + 17}" text-anchor="{anchor}">{text}</text>'
        )
    x = left + 60 * scale
    parts.append(
        f'<line class="cr-timeline__today" x1="{x}" y1="20" x2="{x}" y2="{height}">'
        f'</line><text class="cr-timeline__label" x="{x + 3}" y="{height - 4}">today'
        "</text></svg>"
    )
    return "".join(parts)


def _month_starts(start: dt.date, days: int) -> list[dt.date]:
    firsts = []
    day = start.replace(day=1)
    while day <= start + dt.timedelta(days=days):
        if day >= start:
            firsts.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return firsts
