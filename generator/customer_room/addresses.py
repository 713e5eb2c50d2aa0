"""Addresses written the way the rest of the world writes them: the number after the street
("Rua do Arenque 1634", "Vesterskovvej 79", "Hauptstraße 5"), the street word before the name
("12 rue de la Paix", "Via Roma 3"), and the lines that follow a street (a post box, a town with
its postcode: "8660 Skanderborg", "1015 CJ Amsterdam")."""

from __future__ import annotations

import re
from collections.abc import Iterator

CAPITALISED = r"[A-Z\u00c0-\u00de\u0100-\u017f][\w'\u2019\-]*"
# A street word that comes before the street's name, and the small words a name may hold.
STREET_BEFORE = (
    r"(?:rua|calle|c/|via|viale|vicolo|avenida|av\.|avenue|rue|strada|piazza|piazzale|plaza|"
    r"praça|praca|largo|corso|carrer|camino|paseo|rambla|travessa|ulica|ul\.|aleja|al\.|"
    r"boulevard|bd|chemin|allée|allee|impasse|quai|cours|place|calçada|estrada|avinguda)"
)
JOINING = r"(?:do|da|dos|das|de|del|della|delle|dei|di|la|le|les|des|du|degli|d'|l'|y|e)"
STREET_THEN_NUMBER = re.compile(
    rf"\b{STREET_BEFORE} (?:{JOINING} )*{CAPITALISED}(?: (?:{JOINING} )*{CAPITALISED}){{0,3}}"
    r",? (?:n[º°o]\.? ?)?\d{1,5}[A-Za-z]?\b",
    re.I,
)
# "Vesterskovvej 79", "Bahnhofstrasse 21", "Kungsgatan 44", "Keizersgracht 123"
COMPOUND_STREET = re.compile(
    r"\b[A-ZÀ-ÞÆØÅ][a-zà-ÿæøåß]+(?:straße|strasse|str\.|straat|gracht|weg|vej|gade|laan|plein|"
    r"gasse|allee|gatan|vägen|veien|gata|kade|katu|utca|torget|torv|platz|ring|damm|dijk|"
    r"singel|steeg|markt)\s\d{1,5}[A-Za-z]?\b"
)
# "12 rue de la Paix", "5 avenue Foch", "3, Via Roma"
NUMBER_THEN_STREET = re.compile(
    rf"\b\d{{1,5}}(?:bis|ter)?,? {STREET_BEFORE} (?:{JOINING} )*{CAPITALISED}"
    rf"(?: (?:{JOINING} )*{CAPITALISED}){{0,3}}",
    re.I,
)
# What follows a street: "PO Box 12", and a town line led by its postcode ("8660 Skanderborg",
# "1015 CJ Amsterdam", "00-950 Warszawa", "1100-148 Lisboa", "75002 Paris").
PO_BOX = re.compile(
    r"\b(?:p\.? ?o\.? ?box|post ?box|postbox|postboks|postfach|apartado|caixa postal|"
    r"boîte postale|bp)\s?\d{1,6}\b",
    re.I,
)
TOWN_POSTCODE = re.compile(
    r"(?P<code>\d{4,5}|\d{4} ?[A-Z]{2}|\d{2}-\d{3}|\d{4}-\d{3}|[A-Z]{1,2}-?\d{4,5})"
    rf"(?= {CAPITALISED})"
)
AFTER_STREET = re.compile(r"[ \t]*(?:,[ \t]*|\n[ \t]*)")


def foreign_streets(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of street addresses in the forms above, and of the postcode and post
    box lines that follow them."""
    for pattern in (STREET_THEN_NUMBER, COMPOUND_STREET, NUMBER_THEN_STREET):
        for match in pattern.finditer(text):
            yield "street address", match.start(), match.end()
            yield from _following_lines(text, match.end())


def _following_lines(text: str, position: int) -> Iterator[tuple[str, int, int]]:
    """The post box and postcode that come right after a street (same line after a comma, or
    the next lines)."""
    for _ in range(3):
        gap = AFTER_STREET.match(text, position)
        if gap is None:
            return
        start = gap.end()
        box = PO_BOX.match(text, start)
        code = TOWN_POSTCODE.match(text, start)
        if box:
            yield "street address", box.start(), box.end()
            position = box.end()
        elif code:
            yield "postcode", code.start("code"), code.end("code")
            return
        else:
            return
