"""The room's detector: its terms and patterns, what it may show (``allow``), and the people
whose names it may show."""

from __future__ import annotations

from ..content.room import Room
from ..settings import Settings
from .name_lexicon import lexicon_store
from .names import NameFinder
from .pii import CustomPattern, Detector


def detector_for(settings: Settings, room: Room) -> Detector:
    """The room's detector: its terms and patterns, and the people it may name."""
    return Detector(
        settings.phone_region,
        settings.redact_terms,
        [CustomPattern(kind, pattern) for kind, pattern in settings.redact_patterns],
        NameFinder(people_named(room, settings), lexicon_store()),
        [value for value in settings.allowed if not is_a_name(value)],
    )


def is_a_name(value: str) -> bool:
    """An entry of ``allow`` that is a person's name (no digits, no @): one the room may show,
    as ``staff_names``."""
    return not any(ch.isdigit() or ch == "@" for ch in value)


def people_named(room: Room, settings: Settings) -> list[str]:
    """Everyone whose name the room may show: staff, visitors, hosts, lent agents and their
    contacts, and the personas (composites, not customers)."""
    people = [*settings.staff_names, *(p.persona.name for p in room.personas)]
    people += [value for value in settings.allowed if is_a_name(value)]
    for visit in room.visits:
        people += [visit.visit.visitor, visit.visit.host]
    for lend in room.lends:
        people += [lend.lend.agent, lend.lend.host_contact or ""]
    return [p for p in people if p.strip()]
