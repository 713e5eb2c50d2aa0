"""Addresses written the way the rest of the world writes them: the number after the street
("Rua do Arenque 1634", "Vesterskovvej 79", "Hauptstraße 5", "Karl Johans gate 22"), the street
word before the name ("12 rue de la Paix", "Via Roma 3"), and the lines that follow a street (a
post box, a town with its postcode: "8660 Skanderborg", "1015 CJ Amsterdam", "Springfield, IL
62704"). A town on its own is not personal data: its postcode is hidden, its name is not."""

from __future__ import annotations

import re
from collections.abc import Iterator

CAPITALISED = r"[A-Z\u00c0-\u00de\u0100-\u017f][\w'\u2019\-]*"
# Any word, for speech recognition's lower-case text ("rua do arenque one six three four").
WORD = r"[^\W\d_][\w'\u2019\-]*"
# A house number, also read digit by digit ("1 6 3 4"), with a letter or a flat ("8/10").
NUMBER = r"(?:n[º°o]\.? ?)?\d{1,5}(?: \d{1,2}(?!\d)){0,3}(?:[A-Za-z](?!\w))?(?:/\d{1,4})?(?!\d)"
# What follows a number that is a count, not a house: "via the app 3 times", "Via Rail 2 days".
NOT_A_HOUSE = (
    r"(?! ?(?:times?|x|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|"
    r"percent|per ?cent|%|pounds?|euros?|dollars?|quid|kroner|kr|km|miles?|kg|items?|people|"
    r"of|out of|or so|stars?)\b)"
)
# A street word that comes before the street's name. The weak ones are also everyday words in
# English ("via email", "in place of"): their street's name must be capitalised.
STREET_WORDS = frozenset(
    {
        "rua", "calle", "c/", "via", "viale", "vicolo", "avenida", "av.", "avda.", "avenue",
        "rue", "strada", "piazza", "piazzale", "plaza", "praça", "praca", "largo", "corso",
        "carrer", "camino", "paseo", "rambla", "travessa", "ulica", "ul.", "aleja", "al.",
        "boulevard", "bd", "chemin", "allée", "allee", "impasse", "quai", "cours", "place",
        "calçada", "estrada", "avinguda", "laan", "vía",
    }
)  # fmt: skip
STREET_BEFORE = "(?:" + "|".join(re.escape(word) for word in sorted(STREET_WORDS)) + ")"
WEAK_STREET_WORDS = frozenset(
    {
        "via", "avenue", "boulevard", "bd", "place", "plaza", "cours", "largo", "corso", "al.",
        "route", "square",
    }
)  # fmt: skip
# The small words a street's name may hold ("Rua do Arenque", "Laan van Meerdervoort").
JOINING = (
    r"(?:do|da|dos|das|de|del|della|delle|dei|di|la|le|les|des|du|degli|d'|l'|y|e|van|der|den|"
    r"het|'t|ter|ten)"
)
# Words that never begin a street's name: what follows "via", "rue" or "place" in English.
NOT_A_NAME = frozenset(
    {
        "the", "a", "an", "my", "your", "our", "his", "her", "their", "this", "that", "these",
        "email", "e-mail", "mail", "post", "app", "phone", "text", "website", "web", "online",
        "internet", "chat", "and", "or", "to", "at", "in", "on", "is", "was", "it", "its",
        "which", "what", "day", "days", "of", "for", "with", "by", "from", "as", "be",
    }
)  # fmt: skip
STREET_THEN_NUMBER = re.compile(
    rf"\b(?P<word>{STREET_BEFORE}) (?:{JOINING} )*(?P<name>{WORD})(?: (?:{JOINING} )*{WORD}){{0,3}}"
    rf",? {NUMBER}{NOT_A_HOUSE}",
    re.I,
)
# "12 rue de la Paix", "5 avenue Foch", "3, place de la Concorde": the French order.
NUMBER_THEN_STREET = re.compile(
    rf"\b\d{{1,5}}(?:bis|ter)?,? (?P<word>rue|avenue|boulevard|bd|place|impasse|allée|allee|"
    rf"quai|chemin|cours|route|square) (?:{JOINING} )*(?P<name>{WORD})"
    rf"(?: (?:{JOINING} )*(?-i:{CAPITALISED})){{0,3}}",
    re.I,
)
# One word ending in a street word: "Vesterskovvej 79", "Bahnhofstrasse 21", "Kungsgatan 44".
COMPOUND_ENDINGS = (
    "straße", "strasse", "str.", "straat", "gracht", "weg", "veg", "vej", "gade", "laan",
    "plein", "gasse", "allee", "allé", "gatan", "gata", "gaten", "vägen", "väg", "veien", "vei",
    "kade", "katu", "utca", "torget", "torg", "torv", "platz", "plads", "plass", "damm", "dijk",
    "singel", "steeg", "markt", "stræde", "straede", "gränd", "ring", "ntie",
)  # fmt: skip
# "-ring" ends many English words ("Spring 2024"): only a capitalised name with a consonant
# before it ("Kaiserring", "Nordring") is a street.
COMPOUND_STREET = re.compile(
    r"\b(?:[A-Za-zÀ-ÿ\u0100-\u017f]{2,}(?:straße|strasse|str\.|straat|gracht|weg|veg|vej|"
    r"(?<!bri)(?<!rene)gade|laan|plein|gasse|allee|allé|gatan|gata|gaten|vägen|väg|veien|vei|"
    r"(?<!bloc)kade|katu|utca|torget|torg|torv|platz|plads|plass|damm|dijk|singel|steeg|markt|"
    r"stræde|straede|gränd)|[A-Za-zÀ-ÿ]{5,}ntie|(?-i:[A-ZÀ-Þ][a-zà-ÿ]+[b-df-hj-np-tv-zß]ring))"
    rf" {NUMBER}{NOT_A_HOUSE}",
    re.I,
)
# A capitalised name, then the street word apart: "Berliner Straße 5", "Frankfurter Allee 12",
# "Andrássy út 22", "Sønder Boulevard 27", and "Karl Johans gate 22" (with "gate", the
# genitive "s": an airport's "Departures gate 5" is not a street).
STREET_WORDS_AFTER = frozenset(
    {
        "straße", "strasse", "str.", "allee", "weg", "platz", "gasse", "markt", "ufer",
        "chaussee", "út", "utca", "tér", "körút", "gata", "vei", "veg", "vej", "gade", "allé",
        "väg", "plass", "plads", "torg", "vænge", "boulevard", "gate",
    }
)  # fmt: skip
NAME_THEN_STREET_WORD = re.compile(
    rf"\b(?:{CAPITALISED} ){{0,2}}(?:{CAPITALISED} (?:Straße|Strasse|Str\.|Allee|Weg|Platz|"
    rf"Gasse|Markt|Ufer|Chaussee|út|utca|tér|körút|gata|vei|veg|vej|gade|allé|väg|plass|"
    rf"plads|torg|vænge|Boulevard)|(?!(?:Departures|Arrivals|Terminals)\b){CAPITALISED}s gate)"
    rf" {NUMBER}{NOT_A_HOUSE}"
)
# What follows a street: "PO Box 12", and a town line with its postcode before or after the
# town ("8660 Skanderborg", "1015 CJ Amsterdam", "00-950 Warszawa", "Springfield, IL 62704").
PO_BOX = re.compile(
    r"\b(?:p\.? ?o\.? ?box|post ?box|postbox|postboks|postfach|apartado|caixa postal|"
    r"boîte postale|bp)\s?\d{1,6}\b",
    re.I,
)
CODE_BEFORE_TOWN = re.compile(
    r"(?P<code>\d{4} ?[A-Z]{2}(?!\w)|\d{2}-\d{3}|\d{4}-\d{3}|[A-Z]{1,2}-\d{4,5}|\d{4,5}|"
    r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})"
    rf"(?= {CAPITALISED}|[ \t]*(?:\n|$))"
)
CODE_AFTER_TOWN = re.compile(
    rf"{CAPITALISED}(?:[ \-]{CAPITALISED}){{0,2}},? (?:[A-Z]{{2,3}}\.?,? )?"
    r"(?P<code>\d{5}(?:-\d{4})?|\d{4}|[A-Z]\d[A-Z] ?\d[A-Z]\d|"
    r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})(?![\w\-])"
)
TOWN_ALONE = re.compile(rf"{CAPITALISED}(?:[ \-]{CAPITALISED}){{0,2}}[ \t]*(?=\n)")
# Where a number follows a word: the forms with the number after the street are looked for
# only there, from a street word a few words back (most sentences have no such place).
SPACE_THEN_NUMBER = re.compile(r" (?=(?:n[º°o]\.? ?)?\d)")
STREET_WORD_AT = re.compile(rf"\b{STREET_BEFORE} ", re.I)
OPENING = "(\"'[\u201c\u2018"
AFTER_STREET = re.compile(r"[ \t]*(?:,[ \t]*|\n[ \t]*)")
US_STATES = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    r"NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)"
)
# A US town line anywhere: "Springfield, IL 62704", "Austin TX 78701-1234".
US_TOWN_ZIP = re.compile(rf"\b[A-Z][a-z]+,? {US_STATES},? (?P<code>\d{{5}}(?:-\d{{4}})?)(?![\d\-])")


def foreign_streets(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of street addresses in the forms above, of the post box and postcode
    lines that follow them, and of US town lines with their ZIP code."""
    done = 0  # a street already found ends here
    for space in SPACE_THEN_NUMBER.finditer(text):
        if space.start() < done:
            continue
        if street := _street_before_number(text, space.start()):
            yield "street address", street.start(), street.end()
            yield from following_lines(text, street.end())
            done = street.end()
    for match in NUMBER_THEN_STREET.finditer(text):
        if _named_street(match):
            yield "street address", match.start(), match.end()
            yield from following_lines(text, match.end())
    for match in US_TOWN_ZIP.finditer(text):
        yield "postcode", match.start("code"), match.end("code")


def _street_before_number(text: str, space: int) -> re.Match[str] | None:
    """The street whose number comes after ``text[space]``: a street word up to six words
    back ("Rua do Arenque 1634"), or the word right before it ("Vesterskovvej 79", "Karl
    Johans gate 22")."""
    window = text[max(0, space - 60) : space]
    words = window.split()[-6:]
    if not words:
        return None
    last = words[-1].rstrip(",").lower()
    offset = space - len(window)  # where the window starts in the text
    if last.endswith(COMPOUND_ENDINGS):
        start = offset + window.rfind(words[-1]) + len(words[-1]) - len(words[-1].lstrip(OPENING))
        if match := COMPOUND_STREET.match(text, start):
            return match
    if last in STREET_WORDS_AFTER:
        for match in NAME_THEN_STREET_WORD.finditer(text, offset, space + 30):
            if match.end() > space:
                return match
    if STREET_WORDS.isdisjoint(word.lstrip(OPENING).lower() for word in words):
        return None
    for word in STREET_WORD_AT.finditer(text, offset, space):
        match = STREET_THEN_NUMBER.match(text, word.start())
        if match and match.end() > space and _named_street(match):
            return match
    return None


def _named_street(match: re.Match[str]) -> bool:
    """A street word followed by a name, not by an everyday word ("via email", "rue the
    day"); after a word that is also English ("via", "place"), a capitalised name."""
    name = match.group("name")
    if name.lower() in NOT_A_NAME:
        return False
    return match.group("word").lower() not in WEAK_STREET_WORDS or name[0].isupper()


# A flat, a floor or a unit after a street: "apartamento 2", "Flat 4B", "2º andar", "Apt 12".
FLAT = re.compile(
    r"(?:apartamento|apartment|apt\.?|flat|unit|suite|ste\.?|floor|piso|andar|étage|etage|"
    r"wohnung|whg\.?|appartement|bloco|block|room|rm\.?|#) ?(?:n[º°o]\.? ?)?\d{1,4}[A-Za-z]?"
    r"[º°ª]?(?: ?(?:esq|dto|dir|esquerdo|direito|left|right)\b)?|"
    r"\d{1,3}[º°ª]? (?:andar|piso|étage|etage|floor)\b(?: (?:esq|dto|dir|esquerdo|direito)\b)?",
    re.I,
)


def following_lines(text: str, position: int) -> Iterator[tuple[str, int, int]]:
    """The post box and postcode that come right after a street (same line after a comma, or
    the next lines), over a line that holds only a town ("London", then "SW1A 2AA")."""
    for _ in range(4):
        gap = AFTER_STREET.match(text, position)
        if gap is None:
            return
        start = gap.end()
        if box := PO_BOX.match(text, start) or FLAT.match(text, start):
            yield "street address", box.start(), box.end()
            position = box.end()
        elif code := CODE_BEFORE_TOWN.match(text, start) or CODE_AFTER_TOWN.match(text, start):
            yield "postcode", code.start("code"), code.end("code")
            return
        elif town := TOWN_ALONE.match(text, start):
            position = town.end()
        else:
            return


STREET = re.compile(
    r"(?<![\d:.,/])\b\d{1,5}[A-Za-z]?,? (?:(?!the\b)[A-Za-z'\-]+ ){1,2}?"
    r"(?P<type>street|road|avenue|lane|row|drive|crescent|terrace|boulevard|mews|parade|highway|way|place|close|court|walk|hill|"
    r"square|grove|gardens|st|rd|ave|ln|dr|ct|pl|blvd|hwy)\b\.?",
    re.I,
)
# Words that are streets only when written as a name ("Harbour Way", not "one small way").
WEAK_STREET_TYPES = {
    "way",
    "place",
    "close",
    "court",
    "walk",
    "hill",
    "square",
    "grove",
    "gardens",
    "st",
    "rd",
    "ave",
    "ln",
    "dr",
    "ct",
    "pl",
    "blvd",
    "hwy",
}
ZIP_PLUS_FOUR = re.compile(r"(?<![\d\-])\d{5}-\d{4}(?![\d\-])")
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.I)


def street_addresses(text: str) -> Iterator[tuple[str, int, int]]:
    """English-style streets ("12 Harbour Way") with the lines after them, ZIP+4 codes and UK
    postcodes."""
    for match in STREET.finditer(text):
        kind = match.group("type")
        if kind.lower() not in WEAK_STREET_TYPES or kind[0].isupper():
            yield "street address", match.start(), match.end()
            yield from following_lines(text, match.end())
    for match in ZIP_PLUS_FOUR.finditer(text):
        yield "postcode", match.start(), match.end()
    for match in UK_POSTCODE.finditer(text):
        if any(ch.isdigit() for ch in match.group()) and any(ch.isalpha() for ch in match.group()):
            yield "postcode", match.start(), match.end()
