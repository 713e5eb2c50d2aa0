"""Numbers and codes with a shape of their own: card numbers (Luhn, or "card" before them),
US social security numbers, IBANs (checksum), email addresses written or spoken, IPv4 and IPv6
addresses; and the groups of one long number that speech recognition parts with commas."""

from __future__ import annotations

import ipaddress
import re
import string
from collections.abc import Iterator
from functools import cache
from types import SimpleNamespace

# A run of digits, not glued to letters: "U62928788557186" is an ID, not a card number.
DIGITS_RUN = r"(?<![\w.,])(?:\d[ \-]{0,2}){%d,%d}\d(?![\w])"
CARD_CONTEXT = re.compile(
    r"\b(?:card|visa|master ?card|amex|american express|debit|credit|"
    r"long number|number on the front|pan)\b",
    re.I,
)
VERSION_CONTEXT = re.compile(r"\b(?:version|ver|v|release|build|update)\W{0,3}$", re.I)
SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
MAYBE_IBAN = re.compile(r"[A-Za-z]{2}\d{2}")
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
SPOKEN_EMAIL = re.compile(
    r"\b[a-z0-9]+(?:(?: dot | underscore | dash )[a-z0-9]+)* at [a-z0-9\-]+"
    r"(?: dot [a-z0-9\-]+)*? dot (?:com|co dot uk|org|net|io|edu|gov|uk|info|biz)\b",
    re.I,
)
AT_SIGN = re.compile("@")
SPOKEN_DOT = re.compile(" dot ", re.I)
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6 = re.compile(
    r"(?<![\w:.])\[?(?P<address>(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|"
    r"[0-9A-Fa-f]{1,4})?(?:%[\w.]+)?)(?![\w:]|\.\d)"
)
# A group of three or four hex digits: every address a person has holds one; ratios, scores,
# byte strings ("00:1a:2b:...") and the loopback "::1" do not.
IPV6_LONG_GROUP = re.compile(r"(?:^|:)[0-9A-Fa-f]{3,4}(?=:|$|%)|\d\.\d")
# Groups of a long number parted by ", " or ". " (see joined_groups).
PUNCTUATED_GROUPS = re.compile(r"\d(?:[ \-]?\d)*(?:[,.] ?\d(?:[ \-]?\d)*)+")
# After a number, what makes it a count or an amount ("I called 12345678 times", "we sent
# 2784, 2855, 8441 letters").
COUNTED = re.compile(
    r" ?(?:times?|minutes?|mins?|hours?|days?|weeks?|months?|years?|calls?|people|customers|"
    r"pounds?|quid|pence|dollars?|euros?|kroner|kr|percent|%|points|units|items|letters|"
    r"e-?mails|messages|texts|complaints|orders|payments|transactions|tickets|cases|claims|"
    r"pages|files|parcels|visits|members|staff|users|requests|accounts|cards)\b",
    re.I,
)
# Beside numbers parted by commas, what makes them a list of amounts.
AMOUNT_BEFORE = re.compile(r"[£$€¥]\s?$")
AMOUNT_AFTER = re.compile(
    r" ?(?:%|percent|per cent|pounds?|quid|pence|p\b|dollars?|cents?|euros?|kroner|k\b|"
    r"(?:and|or|to) \d)",
    re.I,
)


@cache
def _stdnum() -> SimpleNamespace:
    from stdnum import iban, luhn

    return SimpleNamespace(iban=iban, luhn=luhn)


def digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def ibans(text: str) -> Iterator[tuple[str, int, int]]:
    """IBANs, written whole or in groups, in any case. A candidate may run on into the words
    after it ("GB32HBUK40112773910284 TO OTHER…"): it is cut back, group by group, to the
    longest prefix whose checksum holds."""
    if not MAYBE_IBAN.search(text):
        return
    upper = text.translate(ASCII_UPPER)  # same length: "ß".upper() is "SS"
    position = 0
    while match := IBAN.search(upper, position):
        found = _valid_prefix(upper, match.start(), match.end())
        if found:
            yield "iban", match.start(), found
            position = found
        else:
            position = match.start() + 1


def _valid_prefix(text: str, start: int, end: int) -> int | None:
    """The end of the longest IBAN in ``text[start:end]`` that begins at ``start``."""
    ends = [m.end() for m in re.finditer(r"[A-Z0-9]+", text[start:end])]
    for cut in sorted(ends, reverse=True):
        candidate = text[start : start + cut]
        compact = candidate.replace(" ", "")
        if len(compact) >= 15 and _stdnum().iban.is_valid(compact):
            return start + cut
        # one group may be cut inside ("…ABC12 34" written "…ABC1234" then words)
        for inner in range(len(compact) - 1, 14, -1):
            if candidate.count(" ") == 0 and _stdnum().iban.is_valid(compact[:inner]):
                return start + inner
    return None


def emails(text: str) -> Iterator[tuple[str, int, int]]:
    # Each pattern is run only on a text with the part it cannot match without: read
    # everywhere, they are among the slowest of all (a try at every letter of every word).
    for pattern, needed in ((EMAIL, AT_SIGN), (SPOKEN_EMAIL, SPOKEN_DOT)):
        if needed.search(text):
            for match in pattern.finditer(text):
                yield "email address", match.start(), match.end()


def cards(text: str) -> Iterator[tuple[str, int, int]]:
    for match in re.finditer(DIGITS_RUN % (11, 18), text):
        digits = re.sub(r"\D", "", match.group())
        if not 12 <= len(digits) <= 19:
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        if _stdnum().luhn.is_valid(digits) or CARD_CONTEXT.search(before):
            yield "card number", match.start(), match.end()


def ssns(text: str) -> Iterator[tuple[str, int, int]]:
    for match in SSN.finditer(text):
        yield "social security number", match.start(), match.end()


def ips(text: str) -> Iterator[tuple[str, int, int]]:
    for match in IPV4.finditer(text):
        try:
            ipaddress.IPv4Address(match.group())
        except ValueError:
            continue
        if not VERSION_CONTEXT.search(text[max(0, match.start() - 12) : match.start()]):
            yield "ip address", match.start(), match.end()


def ipv6s(text: str) -> Iterator[tuple[str, int, int]]:
    """IPv6 addresses, full, compressed ("2001:db8::1") or with an IPv4 tail
    ("::ffff:192.0.2.128"); not times, ratios, MAC addresses or scopes ("std::vector")."""
    if text.count(":") < 2:
        return
    for match in IPV6.finditer(text):
        address = match.group("address").split("%")[0]
        try:
            ipaddress.IPv6Address(address)
        except ValueError:
            continue
        if IPV6_LONG_GROUP.search(address):
            yield "ip address", match.start("address"), match.end("address")


def joined_groups(text: str) -> str:
    """``text`` with the commas and full stops that speech recognition puts between the groups
    of one long number read as spaces ("4111, 1111, 1111, 1111", "07700, 900, 654"), the same
    length so every offset holds. Thousands separators and decimals ("1,250,000", "12.50")
    have no space after them and are left alone; so are short lists ("Room 12, floor 3"), lists
    of years and amounts ("2019, 2020, 2021", "£120, 340, 560", "1200, 3400, 5600") and a
    sentence ending in one number before another begins ("… is 12345678. 1234 is …")."""
    if ", " not in text and ". " not in text:
        return text
    return PUNCTUATED_GROUPS.sub(_spaced_if_long, text)


def _spaced_if_long(match: re.Match[str]) -> str:
    run = match.group()
    if "-" in run or re.search(r"[,.](?! )", run):
        return run  # decimals, thousands, dashes: amounts, dates and codes as people write them
    groups = [group.replace(" ", "") for group in re.split(r"[,.] ", run)]
    sizes = [len(group) for group in groups]
    text = match.string
    if (
        AMOUNT_BEFORE.search(text[max(0, match.start() - 2) : match.start()])
        or AMOUNT_AFTER.match(text, match.end())
        or COUNTED.match(text, match.end())
    ):
        return run  # amounts and counts: "£120, 340, 560", "2784, 2855, 8441 letters"
    joined = "".join(groups)
    if 13 <= len(joined) <= 19 and len(groups) <= 4 and _stdnum().luhn.is_valid(joined):
        return _spaced(run)  # a card read in halves or quarters: "41111111, 11111111"
    if sum(sizes) < 9 or min(sizes) < 2 or not 3 <= max(sizes) <= 6:
        return run  # not groups of two to six digits: "one, two, three…", "12345678. 1234"
    if (
        all(len(group) == 4 and group[:2] in ("19", "20") for group in groups)
        or all(group.endswith("0") and not group.startswith("0") for group in groups)
        or (len(groups) < 4 and len(set(sizes)) == 1)  # cards: four groups; phones: uneven
    ):
        return run  # a list: "2019, 2020, 2021", "1200, 3400, 5600"
    return _spaced(run)


def _spaced(run: str) -> str:
    return re.sub(r"(?<=\d)[,.](?= \d)", " ", run)


def inside_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or after.isalnum()
