"""Given names that stand alone: inside a capitalised sentence, as its subject, in a list of
people; and in lower-case speech text as the subject of what a person does."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .name_cues import (
    MONTHS_AND_DAYS,
    NOT_A_FIRST_NAME,
    ORGANISATION_AFTER,
    ORGANISATIONS,
    STOP,
)
from .name_text import STREET_LIKE, NameHit, NameText

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
PERSON_VERB = re.compile(
    r"said|says|rang|phoned|called|emailed|texted|asked|told|wrote|promised|explained|"
    r"mentioned|confirmed|replied"
)
LOWER_SUBJECT = re.compile(rf"[a-z]{{3}} (?:{PERSON_VERB.pattern})\b")
# A list of capitalised words: "Tunde, Bisi and Femi", "Segun and Kwabena".
NAME_LIST = re.compile(
    r"(?<![\w'\-])[A-Z][a-z\u00df-\u00ff]+(?:, [A-Z][a-z\u00df-\u00ff]+)*,? and "
    r"[A-Z][a-z\u00df-\u00ff]+(?:'s)?(?![\w\-]| [A-Z])"
)
# After a name, another person's: "Sam and Priti", "Kwame and I".
PEOPLE_NEXT = re.compile(r",? and (?:[A-Z][a-z]+|I|me)\b")
# Before a list of people, words that speak of people: "spoke to", "the children are",
# "thanks to", "namely".
LIST_BEFORE = re.compile(
    r"\b(?:to|with|by|from|thanks?|namely|are|were|including|both|children|kids|sons|"
    r"daughters|grandchildren|beneficiaries|holders|people|agents|colleagues|staff|family|"
    r"parents|me|us|and)\W*$",
    re.I,
)
# A whole name before "calling" in speech text: "hope adeyemi calling back".
LOWER_CALLER = re.compile(
    r"(?:^|[.,!?] |\b(?:hi|hello|yeah|yes|hiya|morning|afternoon) )"
    r"(?P<given>[a-z]+) (?P<surname>[a-z][a-z'\-]+) (?:calling|speaking|here|ringing)\b"
)
SUBJECT_BEFORE = frozenset(["", "then", "and", "so", "but", "because", "when", "yeah", "well"])
# After a name that is also an everyday word, what only a person does: "Rose from your team
# said", "ask Penny to ring me", "Dawn in customer services".
PERSON_NEXT = re.compile(
    r",? (?:said|says|rang|phoned|called|emailed|texted|asked|told|promised|explained|"
    r"mentioned|confirmed|wrote|replied|answered|agreed|and (?:i|her|his|their)\b|"
    r"(?:from|in|on) (?:your|the|our|their) (?:\w+ ){0,2}(?:team|department|desk|line)|"
    r"in (?:customer|complaints|billing|collections|claims|accounts)|to (?:ring|call|phone|"
    r"email|text|contact) (?:me|us|you|back))\b"
)
# After a given name that begins a sentence, what makes it the sentence's subject: "Ayesha
# rang", "Rajesh and Sunita are", "Fernanda from the complaints team".
SUBJECT_NEXT = re.compile(
    r"(?:,? (?:and |& )?[A-Z][a-z]+(?:,| and| &)|,? and (?:[A-Z][a-z]+|her|his|their|my)|"
    r",? and (?:I|me)\b|"
    r",? (?:said|says|rang|phoned|called|emailed|texted|messaged|asked|told|"
    r"promised|explained|mentioned|confirmed|wrote|replied|answered|agreed|is|was|has|had|"
    r"will|would|can|could|did|does|thinks|thought|wants|wanted|needs|needed|went|came|"
    r"got|gets|paid|pays|lives|lived|works|worked|rang|spoke|sent|made|took|gave|left|kept|"
    r"found|brought|bought|sold|lost|won|moved|opened|closed|signed|received|passed|died|"
    r"complained|visited|applied|from|in|at|on|who|also|just|never|always|usually|already|"
    r"still)\b)"
)


class AloneNames(NameText):
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
        yield from self._lists_of_people()
        if not LONE_CAPITAL.search(self.text):
            return
        lex = self.lexicon
        tokens = self.tokens
        for index, token in enumerate(tokens):
            word = token.bare
            if len(word) < 3 or not word[0].isupper() or word.isupper() or not word[1:].islower():
                continue
            lower = word.lower()
            if not self._given_alone(lower, places=True) or STREET_LIKE.search(lower):
                continue
            if token.text.lower() in ORGANISATIONS:
                continue  # "Lloyd's of London"
            if lex.is_ordinary(lower) or lex.is_common(lower) or lex.is_place(lower):
                # "Rose from your team said", "Ngozi and her husband"; not "Florence is lovely"
                if not PERSON_NEXT.match(self.text, token.end) or self._belongs_to_a_name(index):
                    continue
                if self._ends_a_run(index):
                    continue  # "Royal London called", "Storm Ciaran hit"
            elif self.starts(token) or self._after_opening_word(index):
                if lex.is_word(lower) and not PEOPLE_NEXT.match(self.text, token.end):
                    continue  # "Justice was done"; but "Sam and Priti are both on it"
                if token.bare == token.text and not SUBJECT_NEXT.match(self.text, token.end):
                    continue  # but "Adaeze's phone is on my contract"
            elif not self._lone_after(index) or self._ends_a_run(index):
                continue
            if self._belongs_to_a_name(index):
                continue
            yield NameHit(token.start, token.start + len(word))

    def _ends_a_run(self, index: int) -> bool:
        """Whether the word at ``index`` ends a run of capitalised words (a firm's, a place's
        or a storm's name: "Royal London", "Storm Ciaran")."""
        if index == 0:
            return False
        previous = self.tokens[index - 1]
        return (
            previous.text[0].isupper()
            and self.text[previous.end : self.tokens[index].start] == " "
            and previous.text.lower() not in STOP
        ) or previous.text.lower() in NOT_A_FIRST_NAME

    def _after_opening_word(self, index: int) -> bool:
        """Whether the word at ``index`` follows a sentence's opening word ("Anyway, Yusuf
        phoned", "Apparently Mohammed never received it")."""
        if index == 0:
            return False
        previous = self.tokens[index - 1]
        gap = self.text[previous.end : self.tokens[index].start]
        return (
            gap in {" ", ", "}
            and self.starts(previous)
            and (previous.text.lower() in STOP or self.lexicon.is_word(previous.text))
            and not self.lexicon.is_name(previous.text)
        )

    def _lists_of_people(self) -> Iterator[NameHit]:
        """Every item of a list of capitalised words of which one is a known given name and
        none is an everyday word, a place or a firm: "Tunde, Bisi and Femi", "Segun and
        Kwabena" (a given name the lexicon lacks is still a person beside one it has)."""
        for match in NAME_LIST.finditer(self.text):
            before = self.text[max(0, match.start() - 4) : match.start()].lower()
            if match.group().lower() in ORGANISATIONS or re.search(r"\b(?:in|at)\s$", before):
                continue  # "Marks and Spencer", "at Ben and Jerry's"
            items = list(re.finditer(r"[^\W\d_][\w'\-]*", match.group()))
            words = [m.group() for m in items if m.group() not in {"and"}]
            lowers = [w.lower().removesuffix("'s") for w in words]
            if not any(self._given_alone(w) for w in lowers):
                continue
            if not (
                LIST_BEFORE.search(self.text, max(0, match.start() - 30), match.start())
                or SUBJECT_NEXT.match(self.text, match.end())
            ):
                continue  # people are listed where people are spoken of: "spoke to", "are"
            if any(
                self.lexicon.is_word(w)
                or (self.lexicon.is_place(w) and not self.lexicon.is_given(w))
                or w in ORGANISATIONS
                or w in MONTHS_AND_DAYS
                or w in STOP
                for w in lowers
            ):
                continue
            for item in items:
                if item.group() != "and":
                    start = match.start() + item.start()
                    yield NameHit(start, start + len(item.group().removesuffix("'s")))

    def _lower_subjects(self) -> Iterator[NameHit]:
        """In lower-case speech text, a given name that no dictionary knows as a word, as the
        subject of what a person does ("then kojo rang them back", "fatima phoned"), or with
        its surname before "calling" ("hope adeyemi calling back")."""
        yield from self._lower_callers()
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

    def _lower_callers(self) -> Iterator[NameHit]:
        for match in LOWER_CALLER.finditer(self.text):
            first, second = match.group("given"), match.group("surname")
            if self.lexicon.is_given(first) and first not in STOP and self.surname_like(second):
                yield NameHit(match.start("given"), match.end("surname"))

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
