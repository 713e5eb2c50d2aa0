"""The rules that read people's names in one text (see :mod:`names`): after a cue, after a
title, a known given name with its surname, a given name alone (:mod:`name_alone`), and names
spelled out (:mod:`name_spelled`). The text is tokenised once and every rule reads the same
words (:mod:`name_text`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .name_alone import AloneNames
from .name_cues import (
    AND_NEXT,
    BELIEFS_AND_ORIGINS,
    CERTAIN,
    CLOSE_AFTER,
    CUE_PATTERN,
    CUES,
    ENDEARMENTS,
    GREETINGS,
    MEDIUM,
    MONTHS_AND_DAYS,
    NAMES_AMONG_STOP,
    NEEDS_CLOSE,
    NOT_A_FIRST_NAME,
    NOT_AFTER_TITLE,
    ORGANISATION_AFTER,
    ORGANISATIONS,
    PLACE_WORD,
    RELATIVE_AFTER,
    RELATIVES,
    SELF,
    STOP,
    STRONG,
    STRONG_TITLES,
    TITLE,
    TITLE_NEXT,
    WORD,
)
from .name_spelled import SpelledNames
from .name_text import STREET_LIKE, NameHit

POSSESSIVE_END = re.compile(r"'s$")
# A relative cue that says more than who ("my son is", "my wife's name"): what follows is
# read by the cue's own rules.
# A name's owner speaking: "Hi Rose here", "hello, Dana speaking".
HERE_AFTER = re.compile(r",? (?:here|speaking|calling)\b", re.I)
# A role before a name in notes and chat: "Agent Joy", "Customer Will Thornton".
ROLE = re.compile(
    r"(?<![\w'])(?:Agent|Customer|Caller|Engineer|Adviser|Advisor|Colleague|Technician|Nurse|"
    r"Daughter|Son|Wife|Husband|Partner|Mother|Father|Brother|Sister)(?= [A-Z])"
)
# After a name, what makes it the subject of its sentence: "Agent Joy was lovely".
SUBJECT_AFTER = re.compile(r",? (?:was|is|has|had|said|told|asked|did|does|rang|called)\b")
# A second word that makes two capitalised words a thing rather than a person: "Elizabeth
# Line", "Burns Night", "Aston Villa", "Penny Black" (a stamp), "Jack Russell" (a dog).
THING_AFTER = re.compile(
    r"(?:line|night|day|villa|united|city|rovers|wanderers|spaniel|terrier|retriever|"
    r"black|stadium|arena|cup|trophy|prize|award|fund|museum|gallery|theatre|hotel|arms|"
    r"inn|centre|center|hospital|school|college|airport|station|tower|court|plan|card|"
    r"account|rewards|club|collection|range|scheme)",
    re.I,
)
# A word after two capitalised words that makes them a place's name: "Queen Victoria Street".
PLACE_AFTER = re.compile(
    r" (?:street|road|avenue|lane|way|square|house|building|wing|hall|centre|center|bridge|"
    r"station|park|court|place|gardens|close|drive|terrace|hospital|school|college)\b",
    re.I,
)
RELATIVE_SAID = re.compile(r"(?:is|was|called|named|name|,)$", re.I)
# After a relative's name, what makes it one: "my son will is", "my husband bill usually".
NAME_THEN = re.compile(
    r"\s*(?:[,.;!?]|$)|\s+(?:is|was|has|had|who|and|usually|always|normally|does|did|"
    r"deals|handles|looks after|set|sorted|rang|phoned|called|said)\b"
)
# What closes a line spoken to someone, in speech text without punctuation: "thanks june bye".
CLOSING = re.compile(r"\s+(?:bye|goodbye|cheers|take care|speak soon|talk soon)\b")
# What follows a name spoken to: "Thanks, Dana.", "Yes, Dana, it has", "Bye Dana!"
VOCATIVE_END = re.compile(r"\s*(?:[,.!?;:)\u2014\u2013]|-\s|$)")
TWO_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00de][^\W\d_]+ [A-Z\u00c0-\u00de]")


class Reading(AloneNames, SpelledNames):
    """One text, tokenised once, with the rules that read names in it."""

    def cued(self) -> Iterator[NameHit]:
        for match in self._finditer(CUE_PATTERN):
            group = next(name for name, value in match.groupdict().items() if value)
            _, strength = CUES[int(group[1:])]
            cue = self.text[match.start() : match.end()]
            certain = bool(CERTAIN.search(cue))
            kind = int(group[1:])
            spoken_as_name = False  # "its may calling back": a name, whatever else the word is
            # announced: the words say a name comes ("this is Dana calling", "I'm Dana Okafor",
            # "my son Tayo"), so it is looked for in the whole site; a guess only on its page
            announced = certain or kind == RELATIVES
            if kind == RELATIVES and self.cased and self._capitalised_inside(match):
                continue  # "our Partner Banks", "the Family Plan"
            if NEEDS_CLOSE.match(cue) and not certain:
                # "this is Dana calling", "it's Mrs Okafor", "it's Nour al-Haddad"
                hit = self._name_at(match.end(), STRONG, certain=True)
                if hit and not self._confirmed(hit, match.end()):
                    continue
                spoken_as_name = bool(hit and CLOSE_AFTER.match(self.text, hit.end))
                announced = True
            elif kind == GREETINGS:
                hit = self._name_at(match.end(), strength, certain=certain)
                spoken_as_name = bool(hit and HERE_AFTER.match(self.text, hit.end))
            elif cue.lower() in {"i'm", "im", "i am"}:
                hit = self._name_at(match.end(), STRONG, certain=True)
                announced = bool(hit and self._confirmed(hit, match.end()))
                if not announced:
                    hit = self._name_at(match.end(), MEDIUM, certain=False)
                if hit and RELATIVE_AFTER.match(self.text, hit.end):
                    hit = NameHit(hit.start, hit.end, False)
            else:
                hit = self._name_at(match.end(), strength, certain=certain)
            if not hit and kind == RELATIVES and not RELATIVE_SAID.search(cue):
                hit = self._named_before(match.end(), NAME_THEN)
            elif not hit and kind == GREETINGS and not self.cased:
                hit = self._named_before(match.end(), CLOSING)  # "thanks june bye"
                spoken_as_name = hit is not None
            while hit and (
                certain or hit.sure or self._a_person(hit, kind, spoken_as_name=spoken_as_name)
            ):
                yield NameHit(
                    hit.start,
                    hit.end,
                    bool(SELF.search(cue)) and hit.self_named,
                    announced or hit.sure,
                )
                # "Emre and Zeynep Yilmaz", "Babajide Ogunleye and Rukhsana Chaudhry"
                joined = AND_NEXT.match(self.text, hit.end)
                hit = self._name_at(joined.end(), strength, certain=certain) if joined else None

    def _capitalised_inside(self, match: re.Match[str]) -> bool:
        """Whether a relative's word ("Partner" in "our Partner Banks") is capitalised inside
        a sentence: a product's or a programme's name, not a relative."""
        words = WORD.findall(self.text[match.start() : match.end()])
        relative = words[1] if len(words) > 1 else words[0]
        at = self.text.find(relative, match.start())
        return relative[0].isupper() and at > 0 and self.text[at - 1] == " "

    def _named_before(self, position: int, then: re.Pattern[str]) -> NameHit | None:
        """After "my son" or "thanks", a given name that is also an everyday word, where what
        follows (``then``) says it is a name: "my son will is the one who", "my husband bill
        usually deals with it", "thanks june bye". Not "my son will call"."""
        index = bisect_left(self.starts_at, position)
        if index >= len(self.tokens) or self.text[position : self.tokens[index].start] != " ":
            return None
        token = self.tokens[index]
        if self.cased and not token.text[0].isupper():
            return None
        lower = token.bare.lower()
        if lower in ENDEARMENTS or (lower in STOP and lower not in NAMES_AMONG_STOP):
            return None
        if not self.lexicon.is_given(token.bare) or not then.match(self.text, token.end):
            return None
        return NameHit(token.start, token.start + len(token.bare))

    def _a_person(self, hit: NameHit, cue: int, *, spoken_as_name: bool = False) -> bool:
        """Whether what a cue that is not sure of itself ("speak to", "this is", "thanks",
        "no,") points at is a person: not an organisation ("speak to Santander"), a belief or
        an origin ("I'm Muslim"), a month or a day ("yes, May is fine"), or a place that is not
        also a given name — unless it is ``spoken_as_name`` ("its may calling", "thanks june
        bye"). After a greeting or a "yes" in capitalised text, a name is spoken to ("Thanks,
        Dana.") or is a given name known as nothing else."""
        value = self.text[hit.start : hit.end]
        lower = value.lower()
        words = lower.split()
        lex = self.lexicon
        if lower in ORGANISATIONS or POSSESSIVE_END.sub("", lower) in ORGANISATIONS:
            return False
        if words[0] in BELIEFS_AND_ORIGINS or lower in ENDEARMENTS:
            return False  # "I'm Muslim", "cheers mate"
        if cue == RELATIVES or spoken_as_name:
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
            if title == "miss":
                if hit := self._after_miss(match.end()):
                    yield hit
                continue
            strong = title in STRONG_TITLES
            if not strong and self.cased and not self.text[match.start()].isupper():
                continue  # "I miss my bus", "a doctor said"
            hit = self._name_at(match.end(), STRONG if strong else MEDIUM, certain=strong)
            if hit:
                yield NameHit(hit.start, hit.end, sure=hit.sure)
        if self.cased:
            for match in ROLE.finditer(self.text):  # "Agent Joy was lovely", "Daughter Shabnam"
                hit = self._name_at(match.end(), MEDIUM, certain=False)
                if hit and self._role_named(hit):
                    yield hit

    def _role_named(self, hit: NameHit) -> bool:
        """Whether what follows "Agent", "Customer" or "Daughter" is a person's name: a given
        name, as a whole name ("Customer Will Thornton") or doing something ("Agent Joy was
        lovely"); not the rest of a product's name ("Customer Room", "Customer Services")."""
        words = self.text[hit.start : hit.end].split()
        first = words[0]
        if not self._given(first) or not self._a_person(hit, RELATIVES):
            return False
        if re.match(r" [A-Z]", self.text[hit.end : hit.end + 2]):
            return False  # "Customer Max Rewards": a product's name
        if bool(SUBJECT_AFTER.match(self.text, hit.end)):
            return True  # "Agent Joy was lovely"
        if len(words) > 1:
            return self.surname_like(words[1].removesuffix("'s"))  # "Customer Will Thornton"
        return not self.lexicon.is_word(first)  # "Daughter Shabnam"; not "Customer Journey"

    def _after_miss(self, position: int) -> NameHit | None:
        """The surname after "Miss", which is also a verb: "thanks miss ng", "Thanks Miss
        Okoro"; not "I miss paying by cheque", "miss the deadline"."""
        index = bisect_left(self.starts_at, position)
        if index >= len(self.tokens) or self.text[position : self.tokens[index].start] != " ":
            return None
        token = self.tokens[index]
        lower = token.bare.lower()
        lex = self.lexicon
        if lower in STOP or lower in NOT_AFTER_TITLE or len(lower) < 2:
            return None
        if self.cased and not token.text[0].isupper():
            return None
        if not (
            (lex.is_name(lower) and not lex.is_common(lower))
            or not lex.is_word(lower)
            or (len(lower) <= 3 and not lex.is_very_common(lower))
        ):
            return None
        return NameHit(token.start, token.start + len(token.bare), sure=True)

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
            first_lower = first.text.lower()
            if (first_lower in STOP and first_lower not in NAMES_AMONG_STOP) or STREET_LIKE.search(
                first_lower
            ):
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
            if first_lower in NOT_A_FIRST_NAME or THING_AFTER.fullmatch(second.bare):
                continue  # "King Charles", "Storm Ciaran", "Elizabeth Line", "Aston Villa"
            if ORGANISATION_AFTER.match(self.text, second.end) or PLACE_AFTER.match(
                self.text, second.end
            ):
                continue  # "Queen Victoria Street", "Nelson Mandela House"
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
                yield NameHit(first.start, end, sure=True)

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
