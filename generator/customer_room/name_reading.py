"""The rules that read people's names in one text (see :mod:`names`): after a cue, after a
title, a known given name with its surname, a given name alone inside a capitalised sentence,
and names spelled out. The text is tokenised once and every rule reads the same tokens."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .name_cues import (
    ALPHABET,
    ALPHABET_PART,
    AND_NEXT,
    CERTAIN,
    CLOSE_AFTER,
    CUE_PATTERN,
    CUES,
    FILLERS,
    MEDIUM,
    MONTHS_AND_DAYS,
    NAMES_AMONG_STOP,
    NEEDS_CLOSE,
    NUMBERISH,
    OPENING,
    ORGANISATION_AFTER,
    PARTICLES,
    PLACE_WORD,
    RELATIVE_AFTER,
    SELF,
    SPELLED,
    SPELLING_CONTEXT,
    STOP,
    STRONG,
    STRONG_TITLES,
    TITLE,
    TITLE_NEXT,
    WORD,
    folded,
)
from .name_lexicon import Lexicon


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    self_named: bool = False  # a speaker naming themselves


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    bare: str  # the word without a possessive "'s"


def _token(start: int, end: int, text: str) -> _Token:
    bare = text[:-2] if text.endswith(("'s", "'S")) else text
    return _Token(start, end, text, bare)


# Two capitalised words side by side, the least a full name is (Latin letters: the given
# names known are written in them).
PLACE_BEFORE = frozenset(
    ["in", "at", "from", "near", "outside", "around", "across", "via", "visiting", "into", "of"]
)
DETERMINERS = frozenset(["a", "an", "the", "my", "your", "his", "her", "our", "their", "this"])
NUMBER_AFTER = re.compile(r",? \d")
LONE_CAPITAL = re.compile(r"[^.!?:;\n\s]\s+[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2}")
FOLDED: dict[re.Pattern[str], re.Pattern[str]] = {}
TWO_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00de][^\W\d_]+ [A-Z\u00c0-\u00de]")


class Reading:
    """One text, tokenised once, with the rules that read names in it."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.source = text
        # One apostrophe for the rules (same length, so every offset holds).
        self.text = text.replace("\u2019", "'").replace("\u2018", "'")
        self.lexicon = lexicon
        self.cased = not text.islower()
        lowered = self.text.lower()
        self.lower = lowered if len(lowered) == len(self.text) else None

    @cached_property
    def tokens(self) -> list[_Token]:
        """The words, read only once a rule needs them (most texts hold no cue at all)."""
        if not GLUED.search(self.text):
            return [_token(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text)]
        tokens: list[_Token] = []
        for m in WORD.finditer(self.text):
            token = _token(m.start(), m.end(), m.group())
            if GLUED.search(token.text):
                tokens += _unglued(token)
            else:
                tokens.append(token)
        return tokens

    @cached_property
    def starts_at(self) -> list[int]:
        return [t.start for t in self.tokens]

    def _finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern``'s matches, read in the lower-case copy when it keeps every offset."""
        if self.lower is None:
            return pattern.finditer(self.text)
        return FOLDED.setdefault(pattern, folded(pattern)).finditer(self.lower)

    def starts(self, token: _Token) -> bool:
        """Whether ``token`` begins a sentence (or a speaker's line)."""
        position = token.start
        while position > 0 and self.text[position - 1] in OPENING:
            position -= 1
        return position == 0 or self.text[position - 1] in ".!?:;\n"

    def after_title_or_greeting(self, index: int) -> bool:
        if index == 0:
            return False
        before = self.tokens[index - 1].text.lower()
        return before in STRONG_TITLES or before in {"thanks", "hi", "hello", "bye", "dear"}

    def cued(self) -> Iterator[NameHit]:
        for match in self._finditer(CUE_PATTERN):
            group = next(name for name, value in match.groupdict().items() if value)
            _, strength = CUES[int(group[1:])]
            cue = self.text[match.start() : match.end()]
            certain = bool(CERTAIN.search(cue))
            if NEEDS_CLOSE.match(cue) and not certain:
                # "this is Dana calling", "it's Mrs Okafor", "it's Nour al-Haddad"
                hit = self._name_at(match.end(), STRONG, certain=True)
                if hit and not self._confirmed(hit, match.end()):
                    continue
            elif cue.lower() in {"i'm", "im", "i am"}:
                hit = self._name_at(match.end(), STRONG, certain=True)
                if not (hit and self._confirmed(hit, match.end())):
                    hit = self._name_at(match.end(), MEDIUM, certain=False)
                if hit and RELATIVE_AFTER.match(self.text, hit.end):
                    hit = NameHit(hit.start, hit.end, False)
            else:
                hit = self._name_at(match.end(), strength, certain=certain)
            while hit:
                yield NameHit(hit.start, hit.end, bool(SELF.search(cue)) and hit.self_named)
                # "Emre and Zeynep Yilmaz", "Babajide Ogunleye and Rukhsana Chaudhry"
                joined = AND_NEXT.match(self.text, hit.end)
                hit = self._name_at(joined.end(), strength, certain=certain) if joined else None

    def _confirmed(self, hit: NameHit, cue_end: int) -> bool:
        """After "this is", "it's" or "I'm", a name is what usually follows one: a title,
        "calling", "from", "here", "speaking"…, or a whole name whose first word is known."""
        if TITLE_NEXT.match(self.text, cue_end) or CLOSE_AFTER.match(self.text, hit.end):
            return True
        words = WORD.findall(self.text[hit.start : hit.end])
        return len(words) >= 2 and self.lexicon.is_name(words[0])

    def titled(self) -> Iterator[NameHit]:
        for match in self._finditer(TITLE):
            title = match.group().rstrip(".").lower()
            strong = title in STRONG_TITLES
            if not strong and self.cased and not self.text[match.start()].isupper():
                continue  # "I miss my bus", "a doctor said"
            hit = self._name_at(match.end(), STRONG if strong else MEDIUM, certain=strong)
            if hit:
                yield NameHit(hit.start, hit.end)

    def full_names(self) -> Iterator[NameHit]:
        """A known given name followed by a capitalised surname ("Dana Okafor"), in text that
        has capitals."""
        if not self.cased or not TWO_CAPITALISED.search(self.text):
            return
        tokens = self.tokens
        for index in range(len(tokens) - 1):
            first, second = tokens[index], tokens[index + 1]
            if not (first.text[0].isupper() and second.text[0].isupper()):
                continue
            if self.text[first.end : second.start] != " ":
                continue
            if not self.lexicon.is_given(first.text) or first.text.isupper():
                continue
            if first.text.lower() in STOP or STREET_LIKE.search(first.text.lower()):
                continue  # "Hi Farah": a greeting, then the name; "Calle Mayor"
            if first.text.lower() in MONTHS_AND_DAYS or second.bare.lower() in MONTHS_AND_DAYS:
                continue  # "August Bank Holiday", "June Monday"
            if self.lexicon.is_ordinary(first.text) and self.starts(first):
                continue  # "Will Payment" at the start of a heading
            surname = second.bare
            if PLACE_WORD.fullmatch(surname) or ORGANISATION_AFTER.match(
                self.text, second.start - 1
            ):
                continue  # "London Bridge", "Lincoln Park", "Lakeside Bank"
            if self.lexicon.is_name(surname) or not self.lexicon.is_common(surname):
                if surname.lower() in STOP or surname.isupper():
                    continue
                end = second.start + len(surname)
                if index + 2 < len(tokens) and self._continues(index + 2, second.end, False):
                    end = tokens[index + 2].start + len(tokens[index + 2].bare)
                yield NameHit(first.start, end)

    def lone_names(self) -> Iterator[NameHit]:
        """A known given name alone, capitalised inside a sentence of capitalised text ("then
        to Vikram on Tuesday", "No problem, Hamid"), unless it is also an everyday word, a
        place ("Sydney", "Florence"), a month or a day, or the start of an organisation's or a
        place's name ("Jordan Brand", "Lincoln Park")."""
        if not self.cased or not LONE_CAPITAL.search(self.text):
            return
        lex = self.lexicon
        tokens = self.tokens
        for index, token in enumerate(tokens):
            word = token.bare
            if len(word) < 3 or not word[0].isupper() or word.isupper() or not word[1:].islower():
                continue
            lower = word.lower()
            if not lex.is_given(lower) or lex.is_ordinary(lower) or lex.is_common(lower):
                continue
            if lex.is_place(lower) or lower in MONTHS_AND_DAYS or lower in STOP:
                continue
            if STREET_LIKE.search(lower) or self.starts(token):
                continue
            if ORGANISATION_AFTER.match(self.text, token.end) or NUMBER_AFTER.match(
                self.text, token.end
            ):
                continue  # "Lakeside Bank", "Roma 3"
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if after and self.text[token.end : after.start] == " " and after.text[0].isupper():
                continue  # a run of capitalised words: a title, a product, or a full name
            if not self._lone_after(index):
                continue
            yield NameHit(token.start, token.start + len(word))

    def _lone_after(self, index: int) -> bool:
        """Whether what comes before a lone capitalised name leaves it a person: not a place's
        preposition ("born in Carrick"), a noun phrase ("a second-hand Ford"), the rest of a
        name ("Marks and Spencer", "Via Roma"), or an address line ("3, Torino")."""
        before = [t.text.lower() for t in self.tokens[max(0, index - 2) : index]]
        if before and (before[-1] in PLACE_BEFORE or STREET_LIKE.search(before[-1])):
            return False
        if any(word in DETERMINERS for word in before):
            return False
        previous = self.tokens[index - 1] if index else None
        gap = self.text[previous.end if previous else 0 : self.tokens[index].start]
        # "Westfield, Carrick": a list of places, or the rest of a name; but "Thanks, Dana"
        if (
            previous
            and previous.text[0].isupper()
            and (gap.strip(" ,") == "" or not self.starts(previous))
        ):
            return False
        if previous and previous.text.lower() in {"and", "&"}:
            earlier = self.tokens[index - 2] if index >= 2 else None
            return not (earlier and earlier.text[0].isupper())
        return not re.search(r"\d", gap)

    def spelled(self) -> Iterator[NameHit]:
        for match in self._finditer(SPELLED):
            letters = [w for w in re.findall(r"[^\W\d_]+", match.group()) if len(w) == 1]
            before = self.text[max(0, match.start() - 60) : match.start()]
            after = self.text[match.end() : match.end() + 12]
            if NUMBERISH.search(before[-12:]) or NUMBERISH.match(after.lstrip(" ,")):
                continue  # a postcode or a reference read out
            if len(letters) >= 4 or SPELLING_CONTEXT.search(before):
                yield NameHit(match.start(), match.end())
                yield from self._spoken_before(match.start(), match.group())
        for match in self._finditer(ALPHABET):
            parts = ALPHABET_PART.findall(match.group())
            agree = [p for p in parts if p[0].lower() == p[2][0].lower()]
            if len(agree) != len(parts):
                continue
            before = self.text[max(0, match.start() - 60) : match.start()]
            if len(parts) >= 2 or parts[0][1].lower() == "as in" or SPELLING_CONTEXT.search(before):
                yield NameHit(match.start(), match.end())

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
                yield NameHit(token.start, end)
                return
            index -= 1

    def _name_at(self, position: int, strength: int, *, certain: bool) -> NameHit | None:
        """The name that starts at ``position`` (after a cue), if the words there are one."""
        index = bisect_left(self.starts_at, position)
        gap_end = position
        skipped = 0
        while index < len(self.tokens):
            token = self.tokens[index]
            gap = self.text[gap_end : token.start]
            if not re.fullmatch(r"[\s:,\"'\u201c\u201d-]*", gap) or "\n\n" in gap:
                return None
            lower = token.text.lower()
            if lower in FILLERS and skipped < 2:
                index, gap_end, skipped = index + 1, token.end, skipped + 1
                continue
            if re.sub(r"\.", "", lower) in STRONG_TITLES or lower in {"miss", "doctor"}:
                index, gap_end = (
                    index + 1,
                    token.end + (1 if self.text[token.end : token.end + 1] == "." else 0),
                )
                continue
            break
        else:
            return None
        first = self.tokens[index]
        if first.text.lower() in PARTICLES and index + 1 < len(self.tokens):
            # "van der Meer": the name begins with its particles
            if not self._continues(index + 1, first.end, certain=True):
                return None
        elif not self._may_begin(first, strength, certain):
            return None
        end = first.start + len(first.bare)
        last = index
        words = 1
        while (
            first.bare == first.text
            and last + 1 < len(self.tokens)
            and words < 4
            and self._continues(last + 1, self.tokens[last].end, certain)
        ):
            last += 1
            token = self.tokens[last]
            words += token.text.lower() not in PARTICLES
            end = token.start + len(token.bare)
            if token.bare != token.text:
                break
        if self.tokens[last].text.lower() in PARTICLES or ORGANISATION_AFTER.match(self.text, end):
            return None
        return NameHit(first.start, end, True)

    def _may_begin(self, token: _Token, strength: int, certain: bool) -> bool:
        word = token.bare
        lower = word.lower()
        lex = self.lexicon
        named_anyway = lower in NAMES_AMONG_STOP and (
            certain or (self.cased and word[0].isupper() and not self.starts(token))
        )
        if named_anyway:
            return True
        if lower in STOP:
            return False  # "my name is on the account", but "my name is Will", "our son May"
        if STREET_LIKE.search(lower):
            return False  # "c/o Keizersgracht 123"
        if len(lower) < 2 or lower in PARTICLES:
            return False
        capital = word[0].isupper()
        if self.cased:
            if not capital:
                # in a capitalised text a name has its capital: a lower-case word after a cue
                # is one only when no dictionary knows it ("a named handler", "it is less")
                return certain and not lex.is_word(lower)
            if word.isupper() and len(word) > 1 and not certain:
                return False  # an acronym
            if certain or strength == STRONG:
                return lex.is_name(lower) or not lex.is_common(lower)
            return (lex.is_name(lower) and not (lex.is_ordinary(lower) and self.starts(token))) or (
                not lex.is_common(lower) and not self.starts(token)
            )
        if certain:
            # a given name, a surname that is not an everyday word ("call me back"), or a
            # word no dictionary has
            return (
                lex.is_given(lower)
                or (lex.is_name(lower) and lex.zipf(lower) < ORDINARY_SURNAME_ZIPF)
                or not lex.is_word(lower)
            )
        if strength == STRONG:
            return lex.is_name(lower) or not lex.is_word(lower)
        # "my grandson tayo", "thanks eleni": a known name, or a word no dictionary has
        return (lex.is_name(lower) and not lex.is_ordinary(lower)) or not lex.is_word(lower)

    def _continues(self, index: int, previous_end: int, certain: bool) -> bool:
        """Whether the token at ``index`` carries on the name before it ("Okafor" after "Dana",
        "Carter" after "Bonham", "der Meer" after "van")."""
        token = self.tokens[index]
        if self.text[previous_end : token.start] != " ":
            return False
        lower = token.bare.lower()
        if lower in PARTICLES:
            return index + 1 < len(self.tokens) and self._continues(index + 1, token.end, certain)
        if lower in STOP or len(lower) < 2:
            return False
        lex = self.lexicon
        if STREET_LIKE.search(lower):
            return False
        if (
            not certain
            and lex.is_ordinary(lower)
            and (not self.cased or lex.zipf(lower) >= ORDINARY_SURNAME_ZIPF)
        ):
            return False  # "Dev Patel Car insurance"; after "my name is", "Sarah Green" holds
        if self.cased:
            capital = token.text[0].isupper() or bool(PREFIXED.match(token.text))
            return capital and (lex.is_name(lower) or not lex.is_common(lower))
        if lex.is_very_common(lower):
            return False
        return lex.is_name(lower) or not lex.is_word(lower)


# Words of a street's name, not a person's: "Calle Mayor", "Keizersgracht", "Hauptstraße".
STREET_LIKE = re.compile(
    r"^(?:calle|rue|via|rua|avenida|strada|piazza|plaza|praça|largo|viale|corso|camino|carrer|"
    r"ulica|ul|chemin|route|quai|travessa|rambla|paseo)$|"
    r"(?:straße|strasse|straat|gracht|weg|vej|gade|laan|plein|gasse|allee|utca|katu|gatan|"
    r"vägen|veien|gata|kade|dreef|steeg|singel)$"
)
# How common (Zipf) an ordinary word may be and still carry on a capitalised name
# ("Lim Siew Ling", not "Dev Patel Car"), or begin one as a surname ("call me back").
ORDINARY_SURNAME_ZIPF = 4.0
# A name part written with its particle in lower case: "al-Mansouri", "d'Souza", "bin-Ali".
PREFIXED = re.compile(r"(?:al|el|ul|ad|ud|ad|d|l|o|da|de|di|du|bin|ibn|ben)['\-][A-Z]")
GLUED = re.compile(r"(?<=[^\W\d_]{3}[^\W\d_A-Z])(?=[A-Z])")


def _unglued(token: _Token) -> Iterator[_Token]:
    """Words that markup-stripped text ran together ("NairBanking" is "Nair", "Banking"; a
    short prefix stays: "McDonald", "MacLeod", "DeShawn")."""
    start = 0
    for cut in GLUED.finditer(token.text):
        left = token.text[start : cut.start()]
        if left.lower() in {"fitz", "della"}:
            continue
        yield _token(token.start + start, token.start + cut.start(), left)
        start = cut.start()
    yield _token(token.start + start, token.end, token.text[start:])


def spelled_letters(value: str) -> str:
    """The word a spelled-out run spells ("double l" counts twice), or "" when it is not one."""
    if ALPHABET.fullmatch(value):
        return "".join(p[0] for p in ALPHABET_PART.findall(value)).lower()
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
