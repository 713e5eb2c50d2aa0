"""Who speaks in a call, by the label of their turns: one of our people, whose name may be
shown, or a caller, whose name is hidden."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import NameFinder
from .pii import Finder, Hit
from .redact import replace_hits

STAFF_LABEL = re.compile(
    r"\b(?:agent|adviser|advisor|representative|rep|operator|associate|consultant|colleague|"
    r"staff|team|specialist|handler|supervisor)\b",
    re.I,
)
CALLER_LABEL = re.compile(r"\b(?:customer|caller|client|member|patient|holder)\b", re.I)


@dataclass(frozen=True)
class Speaker:
    """A speaker's label as published (a name in it that the room may not show is
    ``[name]``), the names hidden in it, and whether the speaker is one of our people."""

    label: str
    names: tuple[Hit, ...]
    staff: bool


def speaker_of(label: str, detector: Finder, staff: NameFinder) -> Speaker:
    """What a transcript's speaker label ("Agent", "Dana", "Customer (Dana Okafor)", "Callum
    Reid", "spk_0") publishes. The speaker is one of our people when the label says a staff
    role ("Agent", "Complaints handler") or is the name of someone in ``staff_names`` and no
    caller's role; a name in it is kept only then. A visitor's or a persona's name in a label
    is a caller's."""
    names = detector.speaker_names(label)
    named = " ".join(hit.value for hit in names)
    role = bool(STAFF_LABEL.search(label))
    listed = bool(names) and staff.may_show(named) and not CALLER_LABEL.search(label)
    if not names or listed:
        return Speaker(label, (), role or listed)
    # "Agent Olumide": an agent, whose name is kept only when listed
    return Speaker(replace_hits(label, names), tuple(names), role)
