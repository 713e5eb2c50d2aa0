"""Names spelled out: letter by letter ("O K A F O R", "double l"), with a spelling alphabet
("B as in Bravo", "papa india kilo echo"), and the word a spelling spells when it was said
just before it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .name_cues import (
    ALPHABET,
    ALPHABET_PART,
    CODE_CONTEXT,
    NATO_RUN,
    NUMBERISH,
    SPELLED,
    SPELLING_CONTEXT,
)
from .name_text import NameHit, NameText


class SpelledNames(NameText):
    def spelled(self) -> Iterator[NameHit]:
        for match in self._finditer(SPELLED):
            letters = [w for w in re.findall(r"[^\W\d_]+", match.group()) if len(w) == 1]
            before = self.text[max(0, match.start() - 60) : match.start()]
            after = self.text[match.end() : match.end() + 12]
            if NUMBERISH.search(before[-12:]) or NUMBERISH.match(after.lstrip(" ,")):
                continue  # a postcode or a reference read out
            if len(letters) >= 4 and len({letter.lower() for letter in letters}) <= 2:
                continue  # "press a b a b": a code or a choice, not a name
            if _a_code(before):
                continue  # "The reference is A K Q X"
            if len(letters) >= 4 or SPELLING_CONTEXT.search(before):
                yield NameHit(match.start(), match.end(), sure=True)
                yield from self._spoken_before(match.start(), match.group())
        for match in self._finditer(NATO_RUN):
            before = self.text[max(0, match.start() - 60) : match.start()]
            if _a_code(before):
                continue  # "the reference is alpha bravo kilo"
            yield NameHit(match.start(), match.end(), sure=True)
            yield from self._spoken_before(match.start(), match.group())
        for match in self._finditer(ALPHABET):
            parts = ALPHABET_PART.findall(match.group())
            agree = [p for p in parts if p[0].lower() == p[2][0].lower()]
            if len(agree) != len(parts):
                continue
            before = self.text[max(0, match.start() - 60) : match.start()]
            if len(parts) >= 2 or parts[0][1].lower() == "as in" or SPELLING_CONTEXT.search(before):
                yield NameHit(match.start(), match.end(), sure=True)

    def _spoken_before(self, start: int, spelled: str) -> Iterator[NameHit]:
        """The word a spelling spells, when it was said just before it ("Okafor, O K A F O R")."""
        letters = spelled_letters(spelled)
        index = bisect_left(self.starts_at, start) - 1
        joined = ""
        end = -1
        while index >= 0 and len(joined) < len(letters):
            token = self.tokens[index]
            if end < 0:
                end = token.start + len(token.bare)
            joined = re.sub(r"\W", "", token.bare).lower() + joined
            if joined == letters:
                yield NameHit(token.start, end, sure=True)
                return
            index -= 1


def _a_code(before: str) -> bool:
    """Whether the words before letters read out say they are a code ("reference", "booking",
    "password"), not a name being spelled ("spell", "surname")."""
    return bool(CODE_CONTEXT.search(before)) and not NAME_SPELLED.search(before)


NAME_SPELLED = re.compile(r"spel|name", re.I)


def spelled_letters(value: str) -> str:
    """The word a spelled-out run spells ("double l" counts twice), or "" when it is not one."""
    if ALPHABET.fullmatch(value):
        return "".join(p[0] for p in ALPHABET_PART.findall(value)).lower()
    if NATO_RUN.fullmatch(value):
        return "".join(word[0] for word in re.findall(r"[^\W\d_]+", value)).lower()
    if not SPELLED.fullmatch(value):
        return ""
    letters = []
    for word in re.findall(r"[^\W\d_]+", value.lower()):
        if word in ("double", "treble", "triple"):
            letters.append(word)
        elif letters and letters[-1] in ("double", "treble", "triple"):
            repeat = 2 if letters.pop() == "double" else 3
            letters.append(word * repeat)
        else:
            letters.append(word)
    return "".join(letters)
