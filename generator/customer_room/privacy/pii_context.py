"""Values that the words before them announce: account, routing and security numbers, PINs,
expiry dates, dates of birth (in digits or in words) and postcodes. Each rule's value alone is
the hit ("the sort code is 20-00-00" hides the number, not the words)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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


def context_values(text: str) -> Iterator[tuple[str, int, int]]:
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
