"""Finding personal data in text: card and account numbers, phones, emails, SSNs, IBANs, IP
addresses, dates of birth, addresses and postcodes, numbers spoken as words, listed terms.

Every detector looks at the text with number words read as digits (see :mod:`spoken`), so the
same rules catch "4929 1234 ..." and "four nine two nine one two ...". Checksums raise
confidence without deciding alone: a card number that fails Luhn is still a card number when the
words around it say "card".
"""

from __future__ import annotations

import ipaddress
import re
import string
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType, SimpleNamespace
from typing import Protocol

from . import addresses, name_cues, name_lexicon, spoken
from . import names as names_module
from .addresses import following_lines, foreign_streets
from .memo import code_version
from .names import NameFinder
from .spoken import as_digits

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
ORDINALS = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|thirtieth)"
)
# "twenty first" reads as "20 first" once number words are digits.
DAY_ORDINAL = rf"(?:(?:20|30|twenty|thirty)[ \-]?)?{ORDINALS}|\d{{1,2}}(?:st|nd|rd|th)"
# A year in number words, once they are read as digits: "2 thousand and 4", "2 thousand 0 5",
# "19 0 5" (nineteen oh five); "19 61" and "82" are digits like any other.
YEAR_IN_WORDS = r"2 thousand(?:,? and)?(?:(?: 0)? \d{1,2}(?!\d))?|\d{2} 0 \d(?!\d)"
YEAR = rf"(?:{YEAR_IN_WORDS}|(?:\d ?){{2,4}}(?:\d\d)?)"
# What may stand between a word and the number it announces, where the number alone could be
# anything (a year, an amount, a count): a colon, "is", "it's", a filler. "account 2 of 3",
# "my account was opened in 2019" and "postcode lottery in 2024" have other words there.
LINKING = (
    r"(?:[^\w\n]{0,3}(?:is|was|it's|it is|that's|'s|are|reads|there|here|then|so|now|um|uh|"
    r"er|erm|ah|yeah|yes|the|my|its|our)\b)*[^\w\n]{0,3}"
)
# After a number, what makes it an amount.
NOT_AN_AMOUNT = (
    r"(?! ?(?:pounds?|quid|pence|dollars?|cents?|euros?|kroner|percent|per cent|%|points|"
    r"miles)\b)"
)
POSTCODE_WORDS = r"\bzip(?: ?code)?|\bpost ?code|\bpostal code|\beircode|\bplz\b|\bpost-code"
# A run of digits, not glued to letters: "U62928788557186" is an ID, not a card number.
DIGITS_RUN = r"(?<![\w.,])(?:\d[ \-]{0,2}){%d,%d}\d(?![\w])"
CARD_CONTEXT = re.compile(
    r"\b(?:card|visa|master ?card|amex|american express|debit|credit|"
    r"long number|number on the front|pan)\b",
    re.I,
)
VERSION_CONTEXT = re.compile(r"\b(?:version|ver|v|release|build|update)\W{0,3}$", re.I)


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int
    end: int
    value: str
    shared: bool = False  # a name someone the room may show also carries
    everyday: bool = False  # a one-word name that is also an everyday word ("Will", "Grace")
    listed: bool = False  # one of the room's or the clip's terms, not found by a rule


@dataclass(frozen=True)
class CustomPattern:
    kind: str
    pattern: str


@dataclass(frozen=True)
class ContextRule:
    """A value of ``kind`` when its ``words`` come shortly before it (the value alone is the
    hit)."""

    kind: str
    words: str
    pattern: re.Pattern[str]


def _context(
    kind: str, words: str, value: str, gap: int = 30, between: str | None = None
) -> ContextRule:
    """A rule whose value comes at most ``gap`` characters (no digit) after its words, or only
    ``between`` them where that is given."""
    between = between if between is not None else rf"[^\d\n]{{0,{gap}}}?"
    pattern = re.compile(rf"(?:{words})\b{between}(?P<v>{value})", re.I)
    return ContextRule(kind, words, pattern)


CONTEXT_RULES: list[ContextRule] = [
    _context(
        "social security number",
        r"\bsocial security(?: number)?|\bssn",
        r"(?:\d[ \-,]{0,2}){8}\d(?!\d)",
    ),
    _context(
        "account number",
        r"\baccount (?:number|no\.?|#)|\bacct(?: no\.?)?|\ba/c",
        r"(?:\d[ \-]?){5,11}\d(?!\d)",
    ),
    _context(
        "account number",
        r"\b(?:savings |current |checking |joint |business |bank )?account\b(?! (?:number|no))",
        rf"(?:\d[ \-]?){{5,16}}\d(?!\d){NOT_AN_AMOUNT}",
        between=LINKING,
    ),
    _context(
        "routing number",
        r"\brouting(?: number)?|\bsort code|\baba(?: number)?|\btransit number",
        r"\d ?\d[\-, ]{1,2}\d ?\d[\-, ]{1,2}\d ?\d(?!\d)|(?:\d ?){8}\d(?!\d)",
    ),
    _context(
        "security code",
        r"\bcvv2?|\bcvc2?|\bcsc|\bsecurity code|\bverification code|"
        r"\b(?:three|3) digits (?:on|at) the back",
        r"\d(?: ?\d){2,3}(?!\d)",
    ),
    _context("pin", r"\bpin(?: number| code)?", r"\d(?: ?\d){3,5}(?!\d)"),
    _context(
        "expiry date",
        r"\bexpir(?:y|es|ed|ation)(?: date)?|\bexp\b|\bvalid (?:until|"
        r"thru|through|to)|\bend date",
        rf"(?:0 ?)?(?:1[0-2]|[1-9]) ?(?:/|-|\s) ?(?:20 ?)?\d{{2}}(?!\d)|"
        rf"{MONTHS}\.? (?:20 ?)?\d{{2}}(?!\d)",
    ),
    _context(
        "date of birth",
        r"\bborn(?: on)?|\bdate of birth|\bd\.?o\.?b\b|\bd o b\b|\bbirth ?date|"
        r"\bbirthday(?: is)?",
        rf"\d{{1,2}}[/.\- ]\d{{1,2}}[/.\- ](?:\d{{4}}|\d{{2}})(?!\d)|"
        rf"\d{{1,2}}(?:st|nd|rd|th)?,? (?:of )?{MONTHS},?(?: {YEAR})?|"
        rf"{MONTHS},? (?:the )?(?:{DAY_ORDINAL})(?:,? {YEAR})?|"
        rf"{MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,?(?: (?:{YEAR_IN_WORDS}|\d{{2,4}}))?|"
        rf"(?:the )?(?:\d{{1,2}} )?{ORDINALS} (?:of )?{MONTHS}"
        rf"(?:,? (?:{YEAR_IN_WORDS})|,? \d{{2}} ?\d{{1,2}}| \d{{2,4}})?|"
        rf"(?:the )?(?:{DAY_ORDINAL}) (?:of )?(?:the )?(?:{MONTHS}|{DAY_ORDINAL})"
        rf"(?:,? {YEAR})?|"
        rf"\d ?\d?,? \d ?\d?,? (?:{YEAR_IN_WORDS}|\d{{2}} ?\d{{2}}|\d{{2}})(?!\d)|"
        rf"(?:\d ?){{5,7}}\d(?!\d)",
        gap=20,
    ),
    _context(
        "postcode",
        POSTCODE_WORDS,
        r"[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]\d[\dW] ?[0-9AC-FHKNPRTV-Y]{4}(?![a-z])|"
        r"\d{4} ?(?-i:[A-Z]{2})(?![A-Za-z])|\d{5}-\d{4}(?!\d)|\d{2}-\d{3}(?!\d)|"
        r"\d{4}-\d{3}(?!\d)|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
        gap=12,
    ),
    # A postcode of digits alone could be a year or a count: only right after its word.
    _context(
        "postcode",
        POSTCODE_WORDS,
        r"\d{5}(?!\d)|\d{4}(?!\d)|\d(?: \d){3,4}(?! ?\d)",
        between=LINKING,
    ),
]
# Where any rule's words are: one pass finds them all, and the rules are tried there only.
CONTEXT_WORDS = re.compile(
    "|".join(f"(?:{words})" for words in dict.fromkeys(rule.words for rule in CONTEXT_RULES)), re.I
)

SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
SPOKEN_EMAIL = re.compile(
    r"\b[a-z0-9]+(?:(?: dot | underscore | dash )[a-z0-9]+)* at [a-z0-9\-]+"
    r"(?: dot [a-z0-9\-]+)*? dot (?:com|co dot uk|org|net|io|edu|gov|uk|info|biz)\b",
    re.I,
)
AT_SIGN = re.compile("@")
SPOKEN_DOT = re.compile(" dot ", re.I)
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
STREET = re.compile(
    r"(?<![\d:.,/])\b\d{1,5}[A-Za-z]?,? (?:(?!the\b)[A-Za-z'\-]+ ){1,2}?"
    r"(?P<type>street|road|avenue|lane|row|drive|crescent|terrace|boulevard|mews|parade|highway|way|place|close|court|walk|hill|"
    r"square|grove|gardens|st|rd|ave|ln|dr|ct|pl|blvd|hwy)\b\.?",
    re.I,
)
# Words that are streets only when written as a name ("Harbour Way", not "one small way").
WEAK_STREET_TYPES = {
    "way",
    "place",
    "close",
    "court",
    "walk",
    "hill",
    "square",
    "grove",
    "gardens",
    "st",
    "rd",
    "ave",
    "ln",
    "dr",
    "ct",
    "pl",
    "blvd",
    "hwy",
}
ZIP_PLUS_FOUR = re.compile(r"(?<![\d\-])\d{5}-\d{4}(?![\d\-])")
IPV6 = re.compile(
    r"(?<![\w:.])\[?(?P<address>(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|"
    r"[0-9A-Fa-f]{1,4})?(?:%[\w.]+)?)(?![\w:]|\.\d)"
)
# A group of three or four hex digits: every address a person has holds one; ratios, scores,
# byte strings ("00:1a:2b:...") and the loopback "::1" do not.
IPV6_LONG_GROUP = re.compile(r"(?:^|:)[0-9A-Fa-f]{3,4}(?=:|$|%)|\d\.\d")
# Groups of a long number parted by ", " or ". " (see _joined_groups).
PUNCTUATED_GROUPS = re.compile(r"\d(?:[ \-]?\d)*(?:[,.] ?\d(?:[ \-]?\d)*)+")
# After a number, what makes it a count or an amount ("I called 12345678 times", "we sent
# 2784, 2855, 8441 letters").
COUNTED = re.compile(
    r" ?(?:times?|minutes?|mins?|hours?|days?|weeks?|months?|years?|calls?|people|customers|"
    r"pounds?|quid|pence|dollars?|euros?|kroner|kr|percent|%|points|units|items|letters|"
    r"e-?mails|messages|texts|complaints|orders|payments|transactions|tickets|cases|claims|"
    r"pages|files|parcels|visits|members|staff|users|requests|accounts|cards)\b",
    re.I,
)
# Beside numbers parted by commas, what makes them a list of amounts.
AMOUNT_BEFORE = re.compile(r"[£$€¥]\s?$")
AMOUNT_AFTER = re.compile(
    r" ?(?:%|percent|per cent|pounds?|quid|pence|p\b|dollars?|cents?|euros?|kroner|k\b|"
    r"(?:and|or|to) \d)",
    re.I,
)
EDGE_PUNCTUATION = frozenset(" \t\n,.;:!?")
# Words before a number that make it not a phone number.
NOT_A_PHONE = re.compile(
    r"\b(?:invoice|order|ref(?:erence)?|booking|ticket|case|policy|claim|tracking|parcel|"
    r"serial|model|version|member(?:ship)?|customer id|id)\b(?: (?:number|no\.?|#))?\W{0,3}$",
    re.I,
)
# Words that say the number after them is a phone number, of any length from seven digits
# (the last such words before it: ".*" takes the rest).
PHONE_CUE = re.compile(
    r".*\b(?P<cue>phone|mobile|landline|tel(?:ephone)?|cell(?:phone)?|whatsapp|fax|"
    r"(?:ring|call|text|reach|contact|phone) me|number to (?:call|ring|reach)|"
    r"my (?:\w+ )?number)\b(?P<gap>[^\d\n]{0,30})$",
    re.I | re.S,
)
# Weaker words, before the number or after it ("… is my mobile"): the number must also be one
# that phonenumbers holds valid for the room's region ("ring 9472 7916" in a Norwegian room,
# Danish "ring til 78 65 14 50").
PHONE_HINT = re.compile(
    r".*\b(?P<cue>call(?:ed|ing)?|ring(?:ing)?|dial(?:led|ing)?|reach|contact|text|"
    r"number(?! of)|get (?:hold of )?me|office|line|switchboard|helpline|hotline|nummer|numero|"
    r"número|numéro|telefon|tlf|mobil|handy|portable|cellulare|móvil|movil|telemóvel)\b"
    r"(?P<gap>[^\d\n]{0,30})$",
    re.I | re.S,
)
PHONE_CUE_AFTER = re.compile(
    r"[^\w\n]{0,3}(?:(?:is|was|that's|that is|it's|as)\s+)?(?:my|the|our|his|her|their)\s+"
    r"(?:(?:home|work|office|direct|new|mobile|landline|contact)\s+)?"
    r"(?:phone|mobile|landline|cell|number)\b",
    re.I,
)
# Words in or after a phone word that make the number something else ("my order number",
# "mobile contract reference").
NOT_A_PHONE_BETWEEN = re.compile(
    r"\b(?:invoice|order|ref(?:erence)?|booking|ticket|case|policy|claim|tracking|parcel|"
    r"serial|model|version|member(?:ship)?|customer|id|account|card|sort|routing|pin|code|"
    r"bill|contract|registration|reg|staff|employee|payroll|student|passport|licen[cs]e|"
    r"insurance|tax|vat|confirmation|loyalty|patient|nhs|house|flat|room|seat|table|lucky|"
    r"security|social|badge|plate|unit|street|postcode|zip|imei|sim)\b",
    re.I,
)
# A number of seven digits or more standing alone, its groups parted as people write and say
# them: "9472 7916", "(02) 9876 5432", "nine four seven two, seven nine one six".
SHORT_PHONE = re.compile(r"(?<![\w+\-./£$€])\+?\(?\d(?:[\d \-()]|[.,] ?(?=\d)){5,24}\d(?!\w)")
# Dates, times, amounts with thousands separators or decimals: not phone numbers.
NOT_A_PHONE_SHAPE = re.compile(
    r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|.*\.\d{1,2}"
)
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.I)


RECENT_RESULTS = 4096  # texts whose results a detector keeps (see Detector.find)


class Finder(Protocol):
    def find(
        self,
        text: str,
        extra_terms: Iterable[str] = (),
        *,
        known_names: Collection[str] = (),
        staff_speaking: bool = True,
    ) -> list[Hit]: ...

    def name_parts(self, hits: Iterable[Hit]) -> set[str]: ...


class Detector:
    """Finds personal data in a piece of text; configured once per room."""

    def __init__(
        self,
        region: str = "GB",
        terms: Iterable[str] = (),
        patterns: Iterable[CustomPattern] = (),
        names: NameFinder | None = None,
    ) -> None:
        self.region = region
        self.terms = [t for t in terms if t.strip()]
        self.patterns = [(p.kind, re.compile(p.pattern)) for p in patterns]
        self.names = names
        self._recent: dict[tuple[str, tuple[str, ...], frozenset[str], bool], list[Hit]] = {}
        self.remembered = RECENT_RESULTS  # 0: read every text anew (bench/pii_bench.py)

    def fingerprint(self) -> str:
        """What the detector looks for, and the code that looks, as text: a remembered result
        is only reused for the same."""
        rules = code_version(
            (sys.modules[__name__], spoken, addresses, names_module, name_cues, name_lexicon),
            ("phonenumbers", "python-stdnum", *name_lexicon.LEXICON_PACKAGES),
        )
        people = self.names.fingerprint() if self.names else None
        return repr(
            (rules, self.region, self.terms, [(k, p.pattern) for k, p in self.patterns], people)
        )

    def find(
        self,
        text: str,
        extra_terms: Iterable[str] = (),
        *,
        known_names: Collection[str] = (),
        staff_speaking: bool = True,
    ) -> list[Hit]:
        """Every piece of personal data in ``text``, non-overlapping, in order. ``known_names``
        are name parts found elsewhere in the same call, hidden here too; ``staff_speaking``
        is false for a caller's words (their own name is hidden even when staff share it).
        A text is often read twice in a row (once for the names of a whole call, once to hide
        them): the last results are kept."""
        key = (text, tuple(extra_terms), frozenset(known_names), staff_speaking)
        if self.remembered and key in self._recent:
            return list(self._recent[key])
        found = self._find(text, key[1], key[2], staff_speaking)
        if not self.remembered:
            return found
        self._recent[key] = found
        if len(self._recent) > self.remembered:
            self._recent.pop(next(iter(self._recent)))
        return list(found)

    def _find(
        self, text: str, extra_terms: tuple[str, ...], known_names: frozenset[str], staff: bool
    ) -> list[Hit]:
        staff_speaking = staff
        digits = as_digits(text)
        read = _joined_groups(digits.text)
        candidates: list[Hit] = []
        for finder in self._finders():
            for kind, start, end in finder(read):
                source_start, source_end = _trimmed(text, *digits.source_span(start, end), kind)
                if source_start < source_end:
                    candidates.append(
                        Hit(kind, source_start, source_end, text[source_start:source_end])
                    )
        for term in [*self.terms, *extra_terms]:
            for match in re.finditer(rf"(?<!\w){re.escape(term.strip())}(?!\w)", text, re.I):
                shared = self.names is not None and self.names.may_show(term)
                candidates.append(
                    Hit(
                        term_kind(term),
                        match.start(),
                        match.end(),
                        match.group(),
                        shared,
                        False,
                        True,
                    )
                )
        if self.names is not None:
            candidates += self._names(text, known_names, staff_speaking)
        return _without_overlaps(candidates)

    def _names(self, text: str, known: Collection[str], staff_speaking: bool) -> list[Hit]:
        """People's names, and every other mention in ``text`` of a name found in it."""
        assert self.names is not None
        found = self.names.find(text, staff_speaking=staff_speaking)
        parts = self.names.parts(text, found) | set(known)
        hits = []
        for hit in [*found, *self.names.mentions(text, parts)]:
            value = text[hit.start : hit.end]
            shared, everyday = self.names.may_show(value), self.names.is_everyday(value)
            hits.append(Hit("name", hit.start, hit.end, value, shared, everyday))
        return hits

    def name_parts(self, hits: Iterable[Hit]) -> set[str]:
        """The words of the names among ``hits``, to hide at every mention in the same call."""
        if self.names is None:
            return set()
        return self.names.parts_of(h.value for h in hits if h.kind == "name" and not h.listed)

    def _finders(self) -> list[Callable[[str], Iterator[tuple[str, int, int]]]]:
        return [
            _ibans,
            _emails,
            _cards,
            _ssns,
            _context_values,
            self._phones,
            self._cued_phones,
            _ips,
            _ipv6s,
            _addresses,
            foreign_streets,
            self._custom,
        ]

    def _phones(self, text: str) -> Iterator[tuple[str, int, int]]:
        seen: set[tuple[int, int]] = set()
        for line_start, line in _lines_with_many_digits(text):
            for region in dict.fromkeys([self.region, "US"]):
                matcher = _phone_numbers().PhoneNumberMatcher(
                    line, region, leniency=_phone_numbers().Leniency.POSSIBLE
                )
                for match in matcher:
                    start, end = line_start + match.start, line_start + match.end
                    digits = re.sub(r"\D", "", match.raw_string)
                    international = match.raw_string.lstrip().startswith("+")
                    if _inside_word(text, start, end) or NOT_A_PHONE.search(
                        text[max(0, start - 30) : start]
                    ):
                        continue  # part of a code such as a parcel tracking number, an invoice
                    if (len(digits) >= 10 or (international and len(digits) >= 9)) and (
                        start,
                        end,
                    ) not in seen:
                        seen.add((start, end))
                        yield "phone number", start, end

    def _cued_phones(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Numbers shorter than the ten digits :meth:`_phones` wants, where the words say a
        phone. After a phone word ("my mobile is 9472 7916", "tel 581 2345") any number of
        seven digits or more; after a weaker word ("call", "ring", "number", "office", Danish
        "nummer") or before "is my mobile", one that phonenumbers holds valid for the room's
        region. With no such word, none: most numbers of eight digits are valid somewhere (all
        of Norway's are), and references, batches and counts look the same."""
        for match in SHORT_PHONE.finditer(text):
            number = match.group()
            digits = _digit_count(number)
            if not 7 <= digits <= 15 or NOT_A_PHONE_SHAPE.fullmatch(number):
                continue  # longer: a card or an account number, if anything
            before = text[max(0, match.start() - 40) : match.start()]
            if NOT_A_PHONE.search(before) or COUNTED.match(text, match.end()):
                continue
            cue = PHONE_CUE.match(before)
            if cue and not NOT_A_PHONE_BETWEEN.search(before, cue.start("cue")):
                if end := _spoken_phone_end(number):
                    yield "phone number", match.start(), match.start() + end
                continue
            if digits > 12:
                continue  # without a phone word, a number this long is left to _phones
            hint = PHONE_HINT.match(before)
            hinted = hint is not None and not NOT_A_PHONE_BETWEEN.search(before, hint.start("cue"))
            said = hinted or PHONE_CUE_AFTER.match(text, match.end())
            if said and (end := self._valid_end(number)):
                yield "phone number", match.start(), match.start() + end

    def _valid_end(self, number: str) -> int:
        """The end of the longest part of ``number``, from its start and of seven digits or
        more, that is a valid phone number in the room's region (0: none)."""
        phonenumbers = _phone_numbers()
        ends = [m.end() for m in re.finditer(r"\d+", number)]
        for end in reversed(ends):
            if _digit_count(number[:end]) < 7:
                break
            try:
                parsed = phonenumbers.parse(number[:end], self.region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(parsed):
                return end
        return 0

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
    def rank(hit: Hit) -> tuple[int, int]:
        order = PRIORITY.index(hit.kind) if hit.kind in PRIORITY else len(PRIORITY)
        return order, hit.start

    chosen: list[Hit] = []
    for hit in sorted(hits, key=rank):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


# A line with nine digits or more: the least a phone number is taken to be. A phone number
# never runs over a line end, so only such lines are handed to the (slow) phone number matcher.
NINE_DIGITS_LINE = re.compile(r"^(?:[^\d\n]*\d){9}[^\n]*", re.M)
# Every character phonenumbers' matcher can take into a number, but digits: its separators,
# opening brackets and plus signs, and what its extension patterns ("ext. 12", "x12", ";ext=",
# "доб", "anexo", "#") are made of, matched ignoring case. A stretch of these holding nine
# digits is where a phone number long enough to count can be; a test holds the list to the
# installed phonenumbers.
PHONE_CHARACTERS = (
    "\\-x\u2010-\u2015\u2212\u30fc\uff0d-\uff0f \xa0\xad\u200b\u2060\u3000()\uff08\uff09"
    "\uff3b\uff3d.\\[\\]/~\u2053\u223c\uff5e"  # separators
    "(\\[\uff08\uff3b+\uff0b"  # what a number may open with
    ";=\t,:\uff0e#\uff03"  # extension punctuation
    "extnsio\u00f3\u0301a\uff45\uff58\uff54\uff4e\uff49\u0434\u043e\u0431"  # extension words
)
PHONE_STRETCH = re.compile(f"(?:[{PHONE_CHARACTERS}]*\\d){{9}}", re.I)


def _lines_with_many_digits(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of ``text`` where nine digits or more stand close enough
    together to be one phone number (with its extension)."""
    for match in NINE_DIGITS_LINE.finditer(text):
        if PHONE_STRETCH.search(match.group()):
            yield match.start(), match.group()


@cache
def _phone_numbers() -> ModuleType:
    """phonenumbers, loaded when a text is first read: a rebuild remembers what it found."""
    import phonenumbers

    return phonenumbers


@cache
def _stdnum() -> SimpleNamespace:
    from stdnum import iban, luhn

    return SimpleNamespace(iban=iban, luhn=luhn)


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _spoken_phone_end(number: str) -> int:
    """Where a number after a phone word ends: a last group of one or two digits after a comma
    is something else ("9472 7916, 2 of them"); 0 when what is left is not seven to fifteen
    digits."""
    while (cut := number.rfind(",")) > 0 and _digit_count(number[cut:]) < 3:
        number = number[:cut]
    return len(number) if 7 <= _digit_count(number) <= 15 else 0


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


def _inside_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or after.isalnum()


def _ibans(text: str) -> Iterator[tuple[str, int, int]]:
    """IBANs, written whole or in groups, in any case. A candidate may run on into the words
    after it ("GB32HBUK40112773910284 TO OTHER…"): it is cut back, group by group, to the
    longest prefix whose checksum holds."""
    upper = text.translate(ASCII_UPPER)  # same length: "ß".upper() is "SS"
    position = 0
    while match := IBAN.search(upper, position):
        found = _valid_prefix(upper, match.start(), match.end())
        if found:
            yield "iban", match.start(), found
            position = found
        else:
            position = match.start() + 1


def _valid_prefix(text: str, start: int, end: int) -> int | None:
    """The end of the longest IBAN in ``text[start:end]`` that begins at ``start``."""
    ends = [m.end() for m in re.finditer(r"[A-Z0-9]+", text[start:end])]
    for cut in sorted(ends, reverse=True):
        candidate = text[start : start + cut]
        compact = candidate.replace(" ", "")
        if len(compact) >= 15 and _stdnum().iban.is_valid(compact):
            return start + cut
        # one group may be cut inside ("…ABC12 34" written "…ABC1234" then words)
        for inner in range(len(compact) - 1, 14, -1):
            if candidate.count(" ") == 0 and _stdnum().iban.is_valid(compact[:inner]):
                return start + inner
    return None


def _emails(text: str) -> Iterator[tuple[str, int, int]]:
    # Each pattern is run only on a text with the part it cannot match without: read
    # everywhere, they are among the slowest of all (a try at every letter of every word).
    for pattern, needed in ((EMAIL, AT_SIGN), (SPOKEN_EMAIL, SPOKEN_DOT)):
        if needed.search(text):
            for match in pattern.finditer(text):
                yield "email address", match.start(), match.end()


def _cards(text: str) -> Iterator[tuple[str, int, int]]:
    for match in re.finditer(DIGITS_RUN % (11, 18), text):
        digits = re.sub(r"\D", "", match.group())
        if not 12 <= len(digits) <= 19:
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        if _stdnum().luhn.is_valid(digits) or CARD_CONTEXT.search(before):
            yield "card number", match.start(), match.end()


def _ssns(text: str) -> Iterator[tuple[str, int, int]]:
    for match in SSN.finditer(text):
        yield "social security number", match.start(), match.end()


def _context_values(text: str) -> Iterator[tuple[str, int, int]]:
    """What each rule's ``finditer`` would find (leftmost, not overlapping), rule by rule: a
    match starts where its words do, so the rules are tried only where some rule's words are."""
    found: list[list[tuple[str, int, int]]] = [[] for _ in CONTEXT_RULES]
    ends = [0] * len(CONTEXT_RULES)
    words = CONTEXT_WORDS.search(text)
    while words:
        start = words.start()
        for index, rule in enumerate(CONTEXT_RULES):
            if start >= ends[index] and (match := rule.pattern.match(text, start)):
                ends[index] = match.end()
                found[index].append((rule.kind, match.start("v"), match.end("v")))
        words = CONTEXT_WORDS.search(text, start + 1)
    for hits in found:
        yield from hits


def _ips(text: str) -> Iterator[tuple[str, int, int]]:
    for match in IPV4.finditer(text):
        try:
            ipaddress.IPv4Address(match.group())
        except ValueError:
            continue
        if not VERSION_CONTEXT.search(text[max(0, match.start() - 12) : match.start()]):
            yield "ip address", match.start(), match.end()


def _ipv6s(text: str) -> Iterator[tuple[str, int, int]]:
    """IPv6 addresses, full, compressed ("2001:db8::1") or with an IPv4 tail
    ("::ffff:192.0.2.128"); not times, ratios, MAC addresses or scopes ("std::vector")."""
    if text.count(":") < 2:
        return
    for match in IPV6.finditer(text):
        address = match.group("address").split("%")[0]
        try:
            ipaddress.IPv6Address(address)
        except ValueError:
            continue
        if IPV6_LONG_GROUP.search(address):
            yield "ip address", match.start("address"), match.end("address")


def _joined_groups(text: str) -> str:
    """``text`` with the commas and full stops that speech recognition puts between the groups
    of one long number read as spaces ("4111, 1111, 1111, 1111", "07700, 900, 654"), the same
    length so every offset holds. Thousands separators and decimals ("1,250,000", "12.50")
    have no space after them and are left alone; so are short lists ("Room 12, floor 3"), lists
    of years and amounts ("2019, 2020, 2021", "£120, 340, 560", "1200, 3400, 5600") and a
    sentence ending in one number before another begins ("… is 12345678. 1234 is …")."""
    if ", " not in text and ". " not in text:
        return text
    return PUNCTUATED_GROUPS.sub(_spaced_if_long, text)


def _spaced_if_long(match: re.Match[str]) -> str:
    run = match.group()
    if "-" in run or re.search(r"[,.](?! )", run):
        return run  # decimals, thousands, dashes: amounts, dates and codes as people write them
    groups = [group.replace(" ", "") for group in re.split(r"[,.] ", run)]
    sizes = [len(group) for group in groups]
    if sum(sizes) < 9 or min(sizes) < 2 or not 3 <= max(sizes) <= 6:
        return run  # not groups of two to six digits: "one, two, three…", "12345678. 1234"
    text = match.string
    if (
        all(len(group) == 4 and group[:2] in ("19", "20") for group in groups)
        or all(group.endswith("0") and not group.startswith("0") for group in groups)
        or (len(groups) < 4 and len(set(sizes)) == 1)  # cards: four groups; phones: uneven
        or AMOUNT_BEFORE.search(text[max(0, match.start() - 2) : match.start()])
        or AMOUNT_AFTER.match(text, match.end())
        or COUNTED.match(text, match.end())
    ):
        return run  # a list: "2019, 2020, 2021", "120, 340, 560", "2784, 2855, 8441 letters"
    return re.sub(r"(?<=\d)[,.](?= \d)", " ", run)


def _addresses(text: str) -> Iterator[tuple[str, int, int]]:
    for match in STREET.finditer(text):
        kind = match.group("type")
        if kind.lower() not in WEAK_STREET_TYPES or kind[0].isupper():
            yield "street address", match.start(), match.end()
            yield from following_lines(text, match.end())
    for match in ZIP_PLUS_FOUR.finditer(text):
        yield "postcode", match.start(), match.end()
    for match in UK_POSTCODE.finditer(text):
        if any(ch.isdigit() for ch in match.group()) and any(ch.isalpha() for ch in match.group()):
            yield "postcode", match.start(), match.end()
