"""Finding people's names in text without a list of them.

A name is found where the words around it say one comes ("my name is", "this is … calling",
"it's Mrs", "my son", "thanks,"), where it is spelled out letter by letter or with a spelling
alphabet, or where a known given name is followed by a surname. How sure the words around it
are decides what may fill the place: after "my name is" almost any word; after "I'm" or
"thanks" only a word known as a name (see :mod:`name_lexicon`) or, in capitalised text, a
capitalised word that is not an ordinary one. Speech recognition writes everything in lower
case, so capitals count as evidence only in a text that has them.

Names of people the room may show (staff, visitors, personas) are kept, except where someone
who is not staff introduces themselves: a caller who shares a name with an agent is still
hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .name_cues import (
    LABEL_ROLES,
    ORGANISATIONS,
    PARTICLES,
    POSSESSIVE,
    WORD,
)
from .name_lexicon import lexicon
from .name_reading import Reading
from .name_spelled import spelled_letters
from .name_text import PERSON_DOES, NameHit


class NameFinder:
    """Person names in a text; ``allowed`` are the names the room may show."""

    def __init__(self, allowed: Iterable[str] = (), lexicon_store: Path | None = None) -> None:
        self.lexicon_store = lexicon_store
        self._last: Reading | None = None
        self.allowed_names = sorted({a.strip() for a in allowed if a.strip()})
        # one set of words per person: "Sam Shah" is neither Sam Carter nor Priya Shah
        self.allowed_people = [_name_words(name) for name in self.allowed_names]

    def fingerprint(self) -> str:
        return repr(self.allowed_names)

    def find(self, text: str, *, staff_speaking: bool = False) -> list[NameHit]:
        """Names in ``text`` not allowed to show (the allowed ones are kept unless a speaker
        who is not ``staff_speaking`` gives them as their own)."""
        if not any(ch.isalpha() for ch in text):
            return []
        reading = self._reading(text)
        hits = [
            *reading.cued(),
            *reading.titled(),
            *reading.full_names(),
            *reading.lone_names(),
            *reading.spelled(),
        ]
        kept = [h for h in hits if not self._allowed(text, h, staff_speaking)]
        return _merged(text, kept)

    def parts(self, text: str, hits: Iterable[NameHit]) -> set[str]:
        """The words of the names found, to hide wherever else they are said."""
        return self.parts_of(text[hit.start : hit.end] for hit in hits)

    def parts_of(self, values: Iterable[str]) -> set[str]:
        """The words of the names ``values`` (a spelled-out name as the word it spells)."""
        found = set()
        for value in values:
            letters = spelled_letters(value)
            if letters:
                found.add(letters)
                continue
            for word in WORD.findall(value):
                bare = POSSESSIVE.sub("", word).lower()
                if len(bare) >= 2 and bare not in PARTICLES:
                    found.add(bare)
        return found

    def mentions(self, text: str, parts: set[str]) -> list[NameHit]:
        """Every mention in ``text`` of a name part found elsewhere in the same call or page.
        A part that is also an ordinary word ("Will", "Grace") counts only where it stands as
        a name: capitalised inside a sentence, next to another part, or after a title or a
        greeting."""
        lower = text.lower()
        if not any(part in lower for part in parts):
            return []
        reading = self._reading(text)
        hits = []
        tokens = reading.tokens
        for index, token in enumerate(tokens):
            bare = token.bare.lower()
            if bare not in parts:
                continue
            if reading.lexicon.is_ordinary(bare) or reading.lexicon.is_very_common(bare):
                neighbours = [
                    tokens[i].bare.lower()
                    for i in (index - 1, index + 1)
                    if 0 <= i < len(tokens)
                    and reading.text[
                        min(tokens[i].end, token.end) : max(tokens[i].start, token.start)
                    ].strip()
                    == ""
                ]
                if not (
                    any(n in parts for n in neighbours)
                    or (reading.cased and token.text[0].isupper() and not reading.starts(token))
                    or reading.after_title_or_greeting(index)
                    or reading.surname_after(index)  # "will harrington"
                    or (token.text[0].isupper() and PERSON_DOES.match(reading.text, token.end))
                ):
                    continue
            start = token.start
            while (
                index > 0
                and len(tokens[index - 1].text) > 1
                and (tokens[index - 1].text.lower() in PARTICLES)
            ):
                index -= 1  # "Mrs de la Fuente": the particles go with the surname
                if reading.text[tokens[index].end : start] != " ":
                    break
                start = tokens[index].start
            end = token.start + len(token.bare)
            if reading.surname_after(index):  # "my son ahmet … ahmet kaya"
                end = tokens[index + 1].start + len(tokens[index + 1].bare)
            hits.append(NameHit(start, end))
        return hits

    def label_names(self, label: str) -> list[NameHit]:
        """The names in a transcript's speaker label ("Dana", "Customer (Dana Okafor)"), one
        hit per run of name words. A word is a name when the lexicon knows it as one and it is
        not a common word, when it is an English given name ("Will", "Rose"), or when no
        dictionary knows it ("Oluwaseun"); roles ("Agent", "Interviewer", "Complaints
        handler", "Speaker A") and codes ("spk_0", "ch_1") are not."""
        lex = lexicon(self.lexicon_store)
        hits: list[NameHit] = []
        for match in LABEL_WORD.finditer(label.replace("\u2019", "'")):
            word = POSSESSIVE.sub("", match.group()).lower()
            if len(word) < 2 or (word in PARTICLES and not hits) or word in LABEL_ROLES:
                continue
            if match.group().isupper() and len(word) <= 4:
                continue  # "IVR", "AI", "CSR"
            frequent = lex.zipf(word) > 0  # a word the frequency list holds as common
            named = word not in ORGANISATIONS and (
                (lex.is_name(word) and not frequent)
                or word in lex.english_given
                or (
                    not lex.is_word(word)
                    and not frequent
                    and len(word) >= 3
                    and match.group()[0].isupper()  # "Oluwaseun"; not "onerror", "spk"
                )
            )
            if not named:
                continue
            if hits and not label[hits[-1].end : match.start()].strip():
                hits[-1] = NameHit(hits[-1].start, match.end(), sure=True)
            else:
                hits.append(NameHit(match.start(), match.end(), sure=True))
        return hits

    def _reading(self, text: str) -> Reading:
        """The text read once for every rule (``find`` then ``mentions`` read the same)."""
        if self._last is None or self._last.source != text:
            self._last = Reading(text, lexicon(self.lexicon_store))
        return self._last

    def may_show(self, value: str) -> bool:
        """Whether ``value`` is the name of someone the room may show, or part of it ("Priya",
        "Ms Shah", "Priya Shah"; not "Sam Shah" when the room lists Sam Carter and Priya
        Shah)."""
        words = _name_words(value) - PARTICLES
        return bool(words) and any(words <= person for person in self.allowed_people)

    def is_everyday(self, value: str) -> bool:
        """Whether ``value`` is one word that is also an everyday one ("Will", "Grace"): the
        leak scan cannot look for it as a value without finding every "will"."""
        words = WORD.findall(value)
        lexicon_ = lexicon(self.lexicon_store)
        return len(words) == 1 and (lexicon_.is_ordinary(words[0]) or lexicon_.is_common(words[0]))

    def _allowed(self, text: str, hit: NameHit, staff_speaking: bool) -> bool:
        if hit.self_named and not staff_speaking:
            return False
        return self.may_show(text[hit.start : hit.end])


def _merged(text: str, hits: list[NameHit]) -> list[NameHit]:
    """Hits that overlap, or that only spaces and commas part ("B as in Bravo, H, A, T…"),
    as one, in order."""
    merged: list[NameHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if merged and (
            hit.start <= merged[-1].end or not text[merged[-1].end : hit.start].strip(" ,")
        ):
            last = merged[-1]
            merged[-1] = NameHit(
                last.start,
                max(last.end, hit.end),
                last.self_named or hit.self_named,
                last.sure or hit.sure,
            )
        else:
            merged.append(hit)
    return merged


# A word of a speaker label: letters only, not part of a code ("spk_0", "ch_1", "S1").
LABEL_WORD = re.compile(r"(?<![\w'])[^\W\d_]+(?:['\-][^\W\d_]+)*(?![\w])")


def _name_words(name: str) -> frozenset[str]:
    """The words of a name in lower case, without a possessive "'s"."""
    return frozenset(
        POSSESSIVE.sub("", word).lower() for word in WORD.findall(name.replace("\u2019", "'"))
    )
