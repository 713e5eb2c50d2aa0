"""Finding personal data in text: card and account numbers, phones, emails, SSNs, IBANs, IP
addresses, dates of birth, addresses and postcodes, numbers spoken as words, people's names,
listed terms.

A text is read as its reader sees it (see :mod:`as_read`), and every rule looks at it with
number words read as digits (see :mod:`spoken_numbers`), so the same rules catch "4929 1234 ..." and
"four nine two nine one two ...". Checksums raise confidence without deciding alone: a card
number that fails Luhn is still a card number when the words around it say "card". The rules
themselves are in :mod:`pii_numbers`, :mod:`pii_phones`, :mod:`pii_context`,
:mod:`addresses` and :mod:`names`.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol

import phonenumbers

from ..cache import code_version
from . import (
    addresses,
    as_read,
    name_alone,
    name_cues,
    name_lexicon,
    name_reading,
    name_spelled,
    name_text,
    pii_context,
    pii_numbers,
    pii_phones,
    spoken_numbers,
)
from . import names as names_module
from .addresses import foreign_streets, street_addresses
from .names import NameFinder
from .pii_context import context_values
from .pii_numbers import cards, emails, ibans, ips, ipv6s, joined_groups, ssns
from .pii_phones import cued_phones, phones
from .spoken_numbers import as_digits

RULE_MODULES = (
    sys.modules[__name__],
    as_read,
    spoken_numbers,
    addresses,
    pii_context,
    pii_numbers,
    pii_phones,
    names_module,
    name_reading,
    name_alone,
    name_spelled,
    name_text,
    name_cues,
    name_lexicon,
)


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int
    end: int
    value: str
    shared: bool = False  # a name someone the room may show also carries
    everyday: bool = False  # a one-word name that is also an everyday word ("Will", "Grace")
    listed: bool = False  # one of the room's or the clip's terms, not found by a rule
    guessed: bool = False  # a name read from the words around it, not announced or spelled


@dataclass(frozen=True)
class Said:
    """What is known of a text besides its words: the terms its clip lists to hide, the name
    parts found elsewhere in the same call or page (hidden here too), and whether one of our
    people says it (a caller's own name is hidden even when a colleague shares it)."""

    terms: tuple[str, ...] = ()
    known_names: frozenset[str] = frozenset()
    by_staff: bool = True


NOTHING_KNOWN = Said()


@dataclass(frozen=True)
class CustomPattern:
    kind: str
    pattern: str


EDGE_PUNCTUATION = frozenset(" \t\n,.;:!?")
RECENT_RESULTS = 4096  # texts whose results a detector keeps (see Detector.find)


class Finder(Protocol):
    def find(self, text: str, said: Said = ...) -> list[Hit]: ...

    def name_parts(self, hits: Iterable[Hit]) -> set[str]: ...

    def speaker_names(self, label: str) -> list[Hit]: ...


class Detector:
    """Finds personal data in a piece of text; configured once per room."""

    def __init__(
        self,
        region: str = "GB",
        terms: Iterable[str] = (),
        patterns: Iterable[CustomPattern] = (),
        names: NameFinder | None = None,
        allowed: Iterable[str] = (),
    ) -> None:
        self.region = region
        self.terms = [t for t in terms if t.strip()]
        # What may be shown though it looks personal (a team mailbox, the switchboard number),
        # as it is compared: in any case and spacing, a phone number in any of its forms.
        self.allowed = sorted({key for value in allowed for key in self._keys(value)})
        self.patterns = [(p.kind, re.compile(p.pattern)) for p in patterns]
        self.names = names
        self._recent: dict[tuple[str, Said], list[Hit]] = {}
        self.remembered = RECENT_RESULTS  # 0: read every text anew (bench/pii_bench.py)

    def fingerprint(self) -> str:
        """What the detector looks for, and the code that looks, as text: a remembered result
        is only reused for the same."""
        rules = code_version(
            RULE_MODULES, ("phonenumbers", "python-stdnum", *name_lexicon.LEXICON_PACKAGES)
        )
        people = self.names.fingerprint() if self.names else None
        patterns = [(k, p.pattern) for k, p in self.patterns]
        return repr((rules, self.region, self.terms, patterns, people, self.allowed))

    def _keys(self, value: str) -> set[str]:
        """The forms ``value`` is compared in: its words in lower case, and for a phone number
        its international form."""
        keys = {" ".join(value.casefold().split())}
        if sum(ch.isdigit() for ch in value) >= 6:
            try:
                number = phonenumbers.parse(value, self.region)
            except phonenumbers.NumberParseException:
                return keys
            keys.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        return keys

    def is_allowed(self, value: str) -> bool:
        return bool(self.allowed) and not self._keys(value).isdisjoint(self.allowed)

    def find(self, text: str, said: Said = NOTHING_KNOWN) -> list[Hit]:
        """Every piece of personal data in ``text``, non-overlapping, in order. A text is often
        read twice in a row (once for the names of a whole call, once to hide them): the last
        results are kept."""
        key = (text, said)
        if self.remembered and key in self._recent:
            return list(self._recent[key])
        found = self._find(text, said)
        if not self.remembered:
            return found
        self._recent[key] = found
        if len(self._recent) > self.remembered:
            self._recent.pop(next(iter(self._recent)))
        return list(found)

    def may_show(self, name: str) -> bool:
        """Whether ``name`` is (part of) the name of someone the room may show."""
        return self.names is not None and self.names.may_show(name)

    def speaker_names(self, label: str) -> list[Hit]:
        """The names in a transcript's speaker label (see :meth:`NameFinder.label_names`)."""
        if self.names is None:
            return []
        hits = []
        for hit in self.names.label_names(label):
            value = label[hit.start : hit.end]
            shared, everyday = self.names.may_show(value), self.names.is_everyday(value)
            hits.append(Hit("name", hit.start, hit.end, value, shared, everyday))
        return hits

    def _find(self, source: str, said: Said) -> list[Hit]:
        seen = as_read.as_read(source)
        text = seen.text
        digits = as_digits(text)
        read = joined_groups(digits.text)
        candidates: list[Hit] = []
        for finder in self._finders():
            for kind, start, end in finder(read):
                start, end = _trimmed(text, *digits.source_span(start, end), kind)
                if start < end and not self.is_allowed(text[start:end]):
                    candidates.append(Hit(kind, start, end, text[start:end]))
        for term in [*self.terms, *said.terms]:
            for match in re.finditer(rf"(?<!\w){re.escape(term.strip())}(?!\w)", text, re.I):
                shared = self.may_show(term)
                kind = term_kind(term)
                candidates.append(Hit(kind, *match.span(), match.group(), shared, listed=True))
        if self.names is not None:
            candidates += self._names(text, said)
        hits = []
        for hit in _without_overlaps(candidates):
            start, end = seen.source_span(hit.start, hit.end)
            hits.append(replace(hit, start=start, end=end, value=source[start:end]))
        return hits

    def _names(self, text: str, said: Said) -> list[Hit]:
        """People's names, and every other mention in ``text`` of a name found in it."""
        assert self.names is not None
        found = self.names.find(text, staff_speaking=said.by_staff)
        parts = self.names.parts(text, found) | said.known_names
        hits = []
        for hit in [*found, *self.names.mentions(text, parts)]:
            value = text[hit.start : hit.end]
            shared, everyday = self.names.may_show(value), self.names.is_everyday(value)
            hits.append(
                Hit("name", hit.start, hit.end, value, shared, everyday, guessed=not hit.sure)
            )
        return hits

    def name_parts(self, hits: Iterable[Hit]) -> set[str]:
        """The words of the names among ``hits``, to hide at every mention in the same call."""
        if self.names is None:
            return set()
        return self.names.parts_of(
            as_read.as_read(h.value).text for h in hits if h.kind == "name" and not h.listed
        )

    def _finders(self) -> list[Callable[[str], Iterator[tuple[str, int, int]]]]:
        return [
            ibans,
            emails,
            cards,
            ssns,
            context_values,
            self._phones,
            self._cued_phones,
            ips,
            ipv6s,
            street_addresses,
            foreign_streets,
            self._custom,
        ]

    def _phones(self, text: str) -> Iterator[tuple[str, int, int]]:
        return phones(text, self.region)

    def _cued_phones(self, text: str) -> Iterator[tuple[str, int, int]]:
        return cued_phones(text, self.region)

    def _custom(self, text: str) -> Iterator[tuple[str, int, int]]:
        for kind, pattern in self.patterns:
            for match in pattern.finditer(text):
                yield kind, match.start(), match.end()


def term_kind(term: str) -> str:
    """What a listed term is, for its marker: a number, or (most often) a name."""
    return "number" if any(ch.isdigit() for ch in term) else "name"


PRIORITY = [
    "iban",
    "email address",
    "card number",
    "social security number",
    "account number",
    "routing number",
    "security code",
    "pin",
    "expiry date",
    "date of birth",
    "ip address",
    "phone number",
    "street address",
    "postcode",
    "name",
    "number",
]


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """The hits that do not overlap one of higher priority, in order. The hits kept never
    overlap each other, so each new one is checked against its two neighbours only."""

    def rank(hit: Hit) -> tuple[int, int]:
        order = PRIORITY.index(hit.kind) if hit.kind in PRIORITY else len(PRIORITY)
        return order, hit.start

    starts: list[int] = []
    chosen: list[Hit] = []
    for hit in sorted(hits, key=rank):
        at = bisect_left(starts, hit.start)
        if at > 0 and chosen[at - 1].end > hit.start:
            continue
        if at < len(chosen) and chosen[at].start < hit.end:
            continue
        starts.insert(at, hit.start)
        chosen.insert(at, hit)
    return chosen


def _trimmed(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """``text[start:end]`` without the punctuation at its edges ("Desk:" keeps its colon, "…
    on 07700 900123." its full stop) or a bracket it opens and does not close; an IPv6 address
    keeps the colons it begins or ends with ("::ffff:…", "2001:db8::")."""
    edge = EDGE_PUNCTUATION - {":"} if kind == "ip address" else EDGE_PUNCTUATION
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    if start < end and text[start] == "(" and ")" not in text[start:end]:
        start += 1
    if start < end and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    return start, end
