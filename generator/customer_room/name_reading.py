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
    BELIEFS_AND_ORIGINS,
    CERTAIN,
    CLOSE_AFTER,
    CUE_PATTERN,
    CUES,
    FILLERS,
    GREETINGS,
    MEDIUM,
    MONTHS_AND_DAYS,
    NAMES_AMONG_STOP,
    NATO_RUN,
    NEEDS_CLOSE,
    NOT_AFTER_TITLE,
    NUMBERISH,
    OPENING,
    ORGANISATION_AFTER,
    ORGANISATIONS,
    PARTICLES,
    PLACE_WORD,
    RELATIVE_AFTER,
    RELATIVES,
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


# Two capitalised words side by side, the least a full name is (Latin letters: the given
# names known are written in them).
PLACE_BEFORE = frozenset(
    ["in", "at", "from", "near", "outside", "around", "across", "via", "visiting", "into", "of"]
)
DETERMINERS = frozenset(["a", "an", "the", "my", "your", "his", "her", "our", "their", "this"])
NUMBER_AFTER = re.compile(r",? \d")
# A capitalised word inside a sentence, or one that begins a sentence and is its subject.
LONE_CAPITAL = re.compile(
    r"[^.!?:;\n\s]\s+[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2}|"
    r"(?:^|[.!?:;\n]\s*)[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2,}(?:,? and|,? [a-z])"
)
FOLDED: dict[re.Pattern[str], re.Pattern[str]] = {}
POSSESSIVE_END = re.compile(r"'s$")
# A relative cue that says more than who ("my son is", "my wife's name"): what follows is
# read by the cue's own rules.
RELATIVE_SAID = re.compile(r"(?:is|was|called|named|name|,)$", re.I)
# After a relative's name, what makes it one: "my son will is", "my husband bill usually".
NAME_THEN = re.compile(
    r"\s*(?:[,.;!?]|$)|\s+(?:is|was|has|had|who|and|usually|always|normally|does|did|"
    r"deals|handles|looks after|set|sorted|rang|phoned|called|said)\b"
)
# What closes a line spoken to someone, in speech text without punctuation.
CLOSING = re.compile(r"\s*(?:$|bye\b|goodbye\b|cheers\b|thanks\b|thank you\b|take care\b)")
PERSON_VERB = re.compile(
    r"said|says|rang|phoned|called|emailed|texted|asked|told|wrote|promised|explained|"
    r"mentioned|confirmed|replied"
)
LOWER_SUBJECT = re.compile(rf"[a-z]{{3}} (?:{PERSON_VERB.pattern})\b")
SUBJECT_BEFORE = frozenset(["", "then", "and", "so", "but", "because", "when", "yeah", "well"])
# After a name that is also an everyday word, what only a person does: "Rose from your team
# said", "ask Penny to ring me", "Dawn in customer services".
PERSON_NEXT = re.compile(
    r",? (?:said|says|rang|phoned|called|emailed|texted|asked|told|promised|explained|"
    r"mentioned|confirmed|wrote|replied|answered|agreed|and (?:i|her|his)\b|"
    r"(?:from|in|on) (?:your|the|our|their) (?:\w+ ){0,2}(?:team|department|desk|line)|"
    r"in (?:customer|complaints|billing|collections|claims|accounts)|to (?:ring|call|phone|"
    r"email|text|contact) (?:me|us|you|back))\b"
)
# After a given name that begins a sentence, what makes it the sentence's subject: "Ayesha
# rang", "Rajesh and Sunita are", "Fernanda from the complaints team".
SUBJECT_NEXT = re.compile(
    r"(?:,? (?:and |& )?[A-Z][a-z]+(?:,| and| &)|,? and (?:[A-Z][a-z]+|her|his|their|my)|"
    r",? (?:said|says|rang|phoned|called|emailed|texted|asked|told|"
    r"promised|explained|mentioned|confirmed|wrote|replied|answered|agreed|is|was|has|had|"
    r"will|would|can|could|did|does|thinks|thought|wants|wanted|needs|needed|went|came|"
    r"got|gets|paid|pays|lives|lived|works|worked|rang|spoke|from|in|at|on|who|also|just|"
    r"never|always|usually|already|still)\b)"
)
# What follows a name spoken to: "Thanks, Dana.", "Yes, Dana, it has", "Bye Dana!"
VOCATIVE_END = re.compile(r"\s*(?:[,.!?;:)\u2014\u2013]|-\s|$)")
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
            kind = int(group[1:])
            if not hit and kind == RELATIVES and not RELATIVE_SAID.search(cue):
                hit = self._relative_named(match.end())
            while hit and (certain or hit.sure or self._a_person(hit, kind)):
                yield NameHit(
                    hit.start,
                    hit.end,
                    bool(SELF.search(cue)) and hit.self_named,
                    certain or hit.sure,
                )
                # "Emre and Zeynep Yilmaz", "Babajide Ogunleye and Rukhsana Chaudhry"
                joined = AND_NEXT.match(self.text, hit.end)
                hit = self._name_at(joined.end(), strength, certain=certain) if joined else None

    def _relative_named(self, position: int) -> NameHit | None:
        """After "my son", "my sister", a given name that is also an everyday word, where what
        follows says it is the relative's name: "my son will is the one who", "my husband bill
        usually deals with it", "my sister faith, she's". Not "my son will call"."""
        index = bisect_left(self.starts_at, position)
        if index >= len(self.tokens) or self.text[position : self.tokens[index].start] != " ":
            return None
        token = self.tokens[index]
        if self.cased and not token.text[0].isupper():
            return None
        if token.bare.lower() in {"is", "was", "called", "named"}:
            return None
        if not self.lexicon.is_given(token.bare) or not NAME_THEN.match(self.text, token.end):
            return None
        return NameHit(token.start, token.start + len(token.bare))

    def _a_person(self, hit: NameHit, cue: int) -> bool:
        """Whether what a cue that is not sure of itself ("speak to", "this is", "thanks",
        "no,") points at is a person: not an organisation ("speak to Santander"), a belief or
        an origin ("I'm Muslim"), a month or a day ("yes, May is fine"), or a place that is not
        also a given name. After a greeting or a "yes" in capitalised text, a name is spoken
        to ("Thanks, Dana.") or is a given name known as nothing else."""
        value = self.text[hit.start : hit.end]
        lower = value.lower()
        words = lower.split()
        lex = self.lexicon
        if lower in ORGANISATIONS or POSSESSIVE_END.sub("", lower) in ORGANISATIONS:
            return False
        if words[0] in BELIEFS_AND_ORIGINS:
            return False
        if cue == RELATIVES:
            return True  # "my granddaughter May", "my son Will"
        if cue == GREETINGS and self.cased and VOCATIVE_END.match(self.text, hit.end):
            return True  # "Thanks June, that's kind", "Bye, Dawn."
        if len(words) == 1 and lower in MONTHS_AND_DAYS:
            return False
        if len(words) == 1 and lex.is_place(lower):
            if not lex.is_given(lower):
                return False
            if cue == GREETINGS and not self.cased and not CLOSING.match(self.text, hit.end):
                return False  # "no london is fine"; but "thanks florence bye"
        if cue != GREETINGS or not self.cased or len(words) > 1:
            return True
        return bool(VOCATIVE_END.match(self.text, hit.end)) or (
            lex.is_given(lower)
            and not lex.is_place(lower)
            and not lex.is_ordinary(lower)
            and not lex.is_common(lower)
        )

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
                yield NameHit(hit.start, hit.end, sure=hit.sure)

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
            if not self._given(first.text) or first.text.isupper():
                continue
            if first.text.lower() in STOP or STREET_LIKE.search(first.text.lower()):
                continue  # "Hi Farah": a greeting, then the name; "Calle Mayor"
            if first.text.lower() in MONTHS_AND_DAYS or second.bare.lower() in MONTHS_AND_DAYS:
                continue  # "August Bank Holiday", "June Monday"
            surname = second.bare
            if (
                self.lexicon.is_ordinary(first.text)
                and self.starts(first)
                and (self.lexicon.is_common(surname) or not self.lexicon.is_name(surname))
            ):
                continue  # "Will Payment" at the start of a heading; but "Pat Doherty, …"
            if self._not_a_person(index):
                continue  # "at John Lewis", "The Washington Post", "Morgan Stanley"
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

    def _given(self, word: str) -> bool:
        """A given name, or a hyphenated one whose first part is ("Jean-Baptiste")."""
        return self.lexicon.is_given(word) or (
            "-" in word and self.lexicon.is_given(word.split("-")[0])
        )

    def _not_a_person(self, index: int) -> bool:
        """Whether the two capitalised words at ``index`` name a company, a shop or a place:
        a listed one ("Morgan Stanley", "Ted Baker"), one after "at", "the" or "up" ("at John
        Lewis"), or a place and a common word ("Washington Post")."""
        first, second = self.tokens[index], self.tokens[index + 1]
        both = f"{first.text} {second.bare}".lower()
        if both in ORGANISATIONS or self.text.startswith(" & ", second.end):
            return True
        before = self.tokens[index - 1].text.lower() if index else ""
        if before in {"at", "the", "up", "down", "climbed", "visited"}:
            return True
        lex = self.lexicon
        second_word = second.bare.lower()
        return (
            lex.is_place(first.text.lower())
            and lex.is_common(second_word)
            and not lex.is_name(second_word)
        )

    def lone_names(self) -> Iterator[NameHit]:
        """A known given name alone in capitalised text: inside a sentence ("then to Vikram on
        Tuesday", "No problem, Hamid"), as its subject ("Ayesha rang yesterday", "Rajesh and
        Sunita are both on it"), or in a list of people ("Ana, Mateo and Valentina"). Not a
        place ("Sydney", "Florence"), a month or a day, the start of an organisation's or a
        place's name ("Jordan Brand", "Lincoln Park"); a name that is also an everyday word
        ("Rose", "Penny") only where a person's doing follows ("Rose from your team said")."""
        if not self.cased:
            yield from self._lower_subjects()
            return
        if not LONE_CAPITAL.search(self.text):
            return
        lex = self.lexicon
        tokens = self.tokens
        for index, token in enumerate(tokens):
            word = token.bare
            if len(word) < 3 or not word[0].isupper() or word.isupper() or not word[1:].islower():
                continue
            lower = word.lower()
            if not self._given_alone(lower) or STREET_LIKE.search(lower):
                continue
            if token.text.lower() in ORGANISATIONS:
                continue  # "Lloyd's of London"
            if lex.is_ordinary(lower) or lex.is_common(lower):
                if not PERSON_NEXT.match(self.text, token.end) or self._belongs_to_a_name(index):
                    continue
            elif self.starts(token):
                if not SUBJECT_NEXT.match(self.text, token.end):
                    continue
            elif not self._lone_after(index):
                continue
            if self._belongs_to_a_name(index):
                continue
            yield NameHit(token.start, token.start + len(word))

    def _lower_subjects(self) -> Iterator[NameHit]:
        """In lower-case speech text, a given name that no dictionary knows as a word, as the
        subject of what a person does ("then kojo rang them back", "fatima phoned")."""
        if not LOWER_SUBJECT.search(self.text):
            return
        tokens = self.tokens
        for index, token in enumerate(tokens[:-1]):
            lower = token.bare
            if len(lower) < 3 or not self._given_alone(lower) or self.lexicon.is_word(lower):
                continue
            before = tokens[index - 1].text if index else ""
            if PERSON_VERB.fullmatch(tokens[index + 1].text) and before in SUBJECT_BEFORE:
                yield NameHit(token.start, token.start + len(lower))

    def _given_alone(self, lower: str) -> bool:
        """Whether a capitalised word alone may be a person's given name."""
        lex = self.lexicon
        return (
            lex.is_given(lower)
            and not lex.is_place(lower)
            and lower not in MONTHS_AND_DAYS
            and lower not in STOP
            and lower not in ORGANISATIONS
            and lower not in BELIEFS_AND_ORIGINS
        )

    def _belongs_to_a_name(self, index: int) -> bool:
        """Whether the capitalised word at ``index`` starts the name of something that is not a
        person: "Lakeside Bank", "Roma 3", "Ernst & Young", or a run of capitalised words (a
        title, a product, or a full name: :meth:`full_names` reads those)."""
        token = self.tokens[index]
        if ORGANISATION_AFTER.match(self.text, token.end) or NUMBER_AFTER.match(
            self.text, token.end
        ):
            return True
        if self.text.startswith(" & ", token.end):
            return True
        after = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        return bool(after and self.text[token.end : after.start] == " " and after.text[0].isupper())

    def _lone_after(self, index: int) -> bool:
        """Whether what comes before a lone capitalised name inside a sentence leaves it a
        person: not a place's preposition ("born in Carrick"), a noun phrase ("a second-hand
        Ford"), the rest of a name ("Marks and Spencer", "Via Roma"), a list of places
        ("Westfield, Carrick") or an address line ("3, Torino"). A list of given names is a
        list of people ("Ana, Mateo and Valentina")."""
        before = [t.text.lower() for t in self.tokens[max(0, index - 2) : index]]
        if before and (before[-1] in PLACE_BEFORE or STREET_LIKE.search(before[-1])):
            return False
        if any(word in DETERMINERS for word in before):
            return False
        previous = self.tokens[index - 1] if index else None
        gap = self.text[previous.end if previous else 0 : self.tokens[index].start]
        if re.search(r"\d", gap):
            return False  # an address line: "Via Roma 3, Torino"
        if gap.strip() == "&":
            return False  # "Ben & Jerry's": a firm's name
        if (
            previous
            and previous.text[0].isupper()
            and gap == " "
            and previous.text.lower() not in STOP
            and not self.starts(previous)
        ):
            return False  # the end of a run of capitalised words: "from John Lewis"
        if previous and previous.text.lower() == "and" and index >= 2:
            previous = self.tokens[index - 2]
            if not previous.text[0].isupper():
                return True
            gap = ","
        if (
            previous
            and previous.text[0].isupper()
            and previous.text.lower() not in STOP
            and (gap.strip(" ,") == "" or not self.starts(previous))
        ):
            # "Thanks, Dana" and "Maria, Jose": but "Westfield, Carrick"
            return self._given_alone(previous.bare.lower())
        return True

    def spelled(self) -> Iterator[NameHit]:
        for match in self._finditer(SPELLED):
            letters = [w for w in re.findall(r"[^\W\d_]+", match.group()) if len(w) == 1]
            before = self.text[max(0, match.start() - 60) : match.start()]
            after = self.text[match.end() : match.end() + 12]
            if NUMBERISH.search(before[-12:]) or NUMBERISH.match(after.lstrip(" ,")):
                continue  # a postcode or a reference read out
            if len(letters) >= 4 and len({letter.lower() for letter in letters}) <= 2:
                continue  # "press a b a b": a code or a choice, not a name
            if len(letters) >= 4 or SPELLING_CONTEXT.search(before):
                yield NameHit(match.start(), match.end())
                yield from self._spoken_before(match.start(), match.group())
        for match in self._finditer(NATO_RUN):
            yield NameHit(match.start(), match.end(), sure=True)
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
        return not self.cased or token.text[0].isupper()

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
