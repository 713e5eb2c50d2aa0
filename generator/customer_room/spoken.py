"""Numbers spoken as words, read as digits: "four nine two nine" is 4929 to a detector.

The text is rewritten with digits in place of number words, and every character of the
rewritten text remembers where it came from, so a hit found in digits maps back to the words.
"""

from __future__ import annotations

import re
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
TOKEN = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]+")


@dataclass
class DigitText:
    """Text with number words as digits; ``origin[i]`` is the source span of character ``i``."""

    text: str
    origin: list[tuple[int, int]]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start][0], self.origin[end - 1][1]


def as_digits(text: str) -> DigitText:
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    out: list[str] = []
    origin: list[tuple[int, int]] = []

    def emit(chars: str, start: int, end: int) -> None:
        out.append(chars)
        origin.extend([(start, end)] * len(chars))

    index = 0
    while index < len(tokens):
        start, end, token = tokens[index]
        word = token.lower()
        following = _word_at(tokens, index + 2)
        if word in REPEATS and following in UNITS:
            # "double four" -> 44, spanning both words
            emit(str(UNITS[following]) * REPEATS[word], start, tokens[index + 2][1])
            index += 3
        elif word in TENS and following in UNITS and UNITS[following] > 0 and following != "o":
            emit(str(TENS[word] + UNITS[following]), start, tokens[index + 2][1])
            index += 3
        elif word in TENS:
            emit(str(TENS[word]), start, end)
            index += 1
        elif word in TEENS:
            emit(str(TEENS[word]), start, end)
            index += 1
        elif word in UNITS and (word not in ("o", "oh") or _near_digits(tokens, index)):
            emit(str(UNITS[word]), start, end)
            index += 1
        else:
            emit(token, start, end)
            index += 1
    return DigitText("".join(out), origin)


def _word_at(tokens: list[tuple[int, int, str]], index: int) -> str:
    if index < len(tokens) and tokens[index - 1][2].strip() == "":
        return tokens[index][2].lower()
    return ""


def _near_digits(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """'oh' is zero only among other numbers ("oh seven seven"), not in "oh no"."""
    for neighbour in (index - 2, index + 2):
        if 0 <= neighbour < len(tokens):
            word = tokens[neighbour][2].lower()
            if word in UNITS or word in TEENS or word in TENS or word.isdigit():
                return True
    return False
