"""Numbers spoken as words, read as digits: "four nine two nine" is 4929 to a detector.

The text is rewritten with digits in place of number words, and every character of the
rewritten text remembers where it came from, so a hit found in digits maps back to the words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "oh": 0,
    "o": 0,
    "nought": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
REPEATS = {"double": 2, "triple": 3}


NUMBER_WORD = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(sorted({*UNITS, *TEENS, *TENS, *REPEATS}, key=len, reverse=True))
    + r")(?![A-Za-z])",
    re.I | re.A,
)


@dataclass
class DigitText:
    """Text with number words as digits, and where each stretch of it came from: ``starts[k]``
    is where stretch ``k`` begins in ``text``; ``sources[k]`` is its (start, end) in ``source``
    and whether it is the source's own characters (verbatim) or digits written for words."""

    text: str
    source: str
    starts: list[int]
    sources: list[tuple[int, int, bool]]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` came from, widened to whole words and numbers: a hit that
        starts or ends inside a number hides all of it. Punctuation is never widened to, so a
        hit beside a colon or a bracket leaves it showing ("Desk: [phone number]")."""
        return self._source(start)[0], self._source(end - 1)[1]

    def _source(self, index: int) -> tuple[int, int]:
        k = bisect_right(self.starts, index) - 1
        source_start, source_end, verbatim = self.sources[k]
        if verbatim:
            return _token_around(self.source, source_start + index - self.starts[k])
        return source_start, source_end


def as_digits(text: str) -> DigitText:
    """``text`` with number words read as digits. Only the words' own neighbourhood is looked
    at, so text without number words costs one regular-expression search."""
    out: list[str] = []
    starts: list[int] = []
    sources: list[tuple[int, int, bool]] = []
    length = 0

    def emit(chars: str, start: int, end: int, verbatim: bool) -> None:
        nonlocal length
        if chars:
            out.append(chars)
            starts.append(length)
            sources.append((start, end, verbatim))
            length += len(chars)

    copied = 0  # the source is copied verbatim up to here
    for match in NUMBER_WORD.finditer(text):
        start, end = match.span()
        if start < copied:
            continue  # the second word of a pair already read ("double four")
        word = match.group().lower()
        following, following_end = _next_word(text, end)
        digits = ""
        if word in REPEATS and following in UNITS:
            digits, end = str(UNITS[following]) * REPEATS[word], following_end
        elif word in TENS and following in UNITS and UNITS[following] > 0 and following != "o":
            digits, end = str(TENS[word] + UNITS[following]), following_end
        elif word in TENS:
            digits = str(TENS[word])
        elif word in TEENS:
            digits = str(TEENS[word])
        elif word in UNITS and (word not in ("o", "oh") or _near_digits(text, start, end)):
            digits = str(UNITS[word])
        if digits:
            emit(text[copied:start], copied, start, True)
            emit(digits, start, end, False)
            copied = end
    emit(text[copied:], copied, len(text), True)
    return DigitText("".join(out), text, starts, sources)


TOKEN_AT = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]+")


def _token_after(text: str, position: int) -> tuple[int, int] | None:
    match = TOKEN_AT.match(text, position)
    return match.span() if match else None


def _token_before(text: str, position: int) -> tuple[int, int] | None:
    if position <= 0:
        return None
    kind = _kind(text[position - 1])
    start = position - 1
    while start > 0 and _kind(text[start - 1]) == kind:
        start -= 1
    return start, position


def _token_around(text: str, index: int) -> tuple[int, int]:
    """The run of letters or of digits that holds ``text[index]``, or that one character when
    it is neither (a run of punctuation would take the ":" of "Desk:" into a hit)."""
    kind = _kind(text[index])
    start, end = index, index + 1
    if kind == 2:
        return start, end
    while start > 0 and _kind(text[start - 1]) == kind:
        start -= 1
    while end < len(text) and _kind(text[end]) == kind:
        end += 1
    return start, end


def _kind(char: str) -> int:
    if "A" <= char <= "Z" or "a" <= char <= "z":
        return 0
    return 1 if char.isdecimal() else 2


def _next_word(text: str, end: int) -> tuple[str, int]:
    """The token after the one ending at ``end`` when only whitespace separates them."""
    gap = _token_after(text, end)
    if gap is None or text[gap[0] : gap[1]].strip() != "":
        return "", end
    after = _token_after(text, gap[1])
    if after is None:
        return "", end
    return text[after[0] : after[1]].lower(), after[1]


def _near_digits(text: str, start: int, end: int) -> bool:
    """'oh' is zero only among other numbers ("oh seven seven"), not in "oh no"."""
    gap = _token_before(text, start)
    before = _token_before(text, gap[0]) if gap else None
    gap = _token_after(text, end)
    after = _token_after(text, gap[1]) if gap else None
    for span in (before, after):
        if span:
            word = text[span[0] : span[1]].lower()
            if word in UNITS or word in TEENS or word in TENS or word.isdigit():
                return True
    return False
