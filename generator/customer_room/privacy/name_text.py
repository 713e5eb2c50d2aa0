"""A text read for people's names: its words, found once, and how a name reads at a place in
it (after a cue or a title, where it begins and how far it runs). The rules that decide where
to look are in :mod:`name_reading`, :mod:`name_alone` and :mod:`name_spelled`."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .name_cues import (
    BELIEFS_AND_ORIGINS,
    FILLERS,
    MONTHS_AND_DAYS,
    NAMES_AMONG_STOP,
    NOT_AFTER_TITLE,
    OPENING,
    ORGANISATION_AFTER,
    ORGANISATIONS,
    PARTICLES,
    STOP,
    STRONG,
    STRONG_TITLES,
    WORD,
    folded,
)
from .name_lexicon import Lexicon


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    self_named: bool = False  # a speaker naming themselves
    sure: bool = False  # after "my name is", a title, or spelled out: a name whatever else


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    bare: str  # the word without a possessive "'s"


def _token(start: int, end: int, text: str) -> _Token:
    bare = text[:-2] if text.endswith(("'s", "'S")) else text
    return _Token(start, end, text, bare)


FOLDED: dict[re.Pattern[str], re.Pattern[str]] = {}
# After a name, what a person does: "Will asked for a callback", "Rose from your team said".
PERSON_DOES = re.compile(
    r",? (?:said|says|rang|phoned|called|emailed|texted|asked|told|promised|explained|"
    r"mentioned|confirmed|wrote|replied|answered|agreed|wants|wanted|needs|needed)\b"
)


class NameText:
    """One text, tokenised once, and the reading of a name at a place in it."""

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

    def _given(self, word: str) -> bool:
        """A given name, or a hyphenated one whose first part is ("Jean-Baptiste")."""
        return self.lexicon.is_given(word) or (
            "-" in word and self.lexicon.is_given(word.split("-")[0])
        )

    def surname_after(self, index: int) -> bool:
        """Whether the word after the one at ``index`` is a surname no dictionary knows as a
        word ("will harrington", "Ahmet Kaya")."""
        if index + 1 >= len(self.tokens):
            return False
        after = self.tokens[index + 1]
        if self.text[self.tokens[index].end : after.start] != " " or after.bare.lower() in STOP:
            return False
        if self.cased and not after.text[0].isupper():
            return False
        return self.surname_like(after.bare)

    def surname_like(self, word: str) -> bool:
        """A surname no dictionary knows as a word ("adeyemi", "Harrington")."""
        lower = word.lower()
        return self.lexicon.is_name(lower) and not self.lexicon.is_word(lower)

    def _given_alone(self, lower: str, *, places: bool = False) -> bool:
        """Whether a capitalised word alone may be a person's given name (one that is also a
        place's only where ``places``)."""
        lex = self.lexicon
        return (
            lex.is_given(lower)
            and (places or not lex.is_place(lower))
            and lower not in MONTHS_AND_DAYS
            and lower not in STOP
            and lower not in ORGANISATIONS
            and lower not in BELIEFS_AND_ORIGINS
        )

    def _name_at(self, position: int, strength: int, *, certain: bool) -> NameHit | None:
        """The name that starts at ``position`` (after a cue), if the words there are one."""
        index = bisect_left(self.starts_at, position)
        gap_end = position
        skipped = titles = 0
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
                if titles == 2:
                    return None  # "Mr Mr Mr …": not a name, and not read again and again
                index, gap_end, titles = (
                    index + 1,
                    token.end + (1 if self.text[token.end : token.end + 1] == "." else 0),
                    titles + 1,
                )
                continue
            break
        else:
            return None
        # the word after a title is a surname: "Mr Le", "mrs black", "thanks mr do"
        titled = (titles > 0 and self.tokens[index - 1].text.lower().strip(".") != "miss") or (
            strength == STRONG and certain and self._after_title(position)
        )
        first = self.tokens[index]
        if first.text.lower() in PARTICLES and self._continues_at(index + 1, first.end):
            pass  # "van der Meer": the name begins with its particles
        elif titled:
            if not self._may_follow_title(first):
                return None
        elif first.text.lower() in PARTICLES or not self._may_begin(first, strength, certain):
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
        if ORGANISATION_AFTER.match(self.text, end):
            return None
        if self.tokens[last].text.lower() in PARTICLES and not (titled and last == index):
            return None
        return NameHit(first.start, end, True, titled)

    def _after_title(self, position: int) -> bool:
        """Whether ``position`` comes right after a strong title ("Mr", "dr.")."""
        index = bisect_left(self.starts_at, position) - 1
        if index < 0:
            return False
        before = self.tokens[index]
        gap = self.text[before.end : position]
        return before.text.lower() in STRONG_TITLES and gap.strip(". ") == ""

    def _continues_at(self, index: int, previous_end: int) -> bool:
        return index < len(self.tokens) and self._continues(index, previous_end, certain=True)

    def _may_follow_title(self, token: _Token) -> bool:
        """Whether ``token``, after "Mr", "Mrs", "Ms", "Mx" or "Dr", is a surname: any word
        but a few ("Mr and Mrs", "the dr said"), capitalised in a text that has capitals, and
        not a brand that wears a title ("Mr Kipling", "Dr Martens")."""
        lower = token.bare.lower()
        if lower in NOT_AFTER_TITLE or len(lower) < 2 or (token.bare.isupper() and len(lower) > 3):
            return False
        before = self.text[max(0, token.start - 4) : token.start].lower().strip(" .")
        if f"{before.split()[-1] if before.split() else ''} {lower}" in ORGANISATIONS:
            return False
        if not self.cased or token.text[0].isupper():
            return True
        # chat and notes in a capitalised text: "spoke to mrs okafor", "dr hussain's letter"
        return self.lexicon.is_name(lower) or not self.lexicon.is_word(lower)

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
        if IRISH.match(word):
            return True  # "O'Sullivan", "McAllister"
        if self.cased:
            if not capital:
                # in a capitalised text a name has its capital: a lower-case word after a cue
                # is one only when no dictionary knows it ("a named handler", "it is less")
                return certain and not lex.is_word(lower) and not lex.is_common(lower)
            if word.isupper() and len(word) > 1 and not certain:
                return False  # an acronym
            if certain:
                return True  # "the surname is Ng", "my name is Will"
            if strength == STRONG:
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
                or len(lower) <= 3  # "my surname is ng", "first name's jo"
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
        if IRISH.match(token.text):
            return True  # "Ciaran O'Sullivan", "Eilidh McKenzie"
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
# A surname with an Irish or Scots prefix, which dictionaries split ("O'Sullivan", "McKenzie").
IRISH = re.compile(r"(?:[OoDd]|Ó)'[A-Za-z\u00c0-\u00ff]{2}|(?:Mc|Mac|mc)[A-Z]")
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
