"""Phone numbers: long ones wherever phonenumbers finds them, shorter ones (seven digits or
more) where the words around them say a phone, and only when valid for the room's region where
those words are weak ("call", "number")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from types import ModuleType

from .pii_numbers import COUNTED, digit_count, inside_word

# Words before a number that make it not a phone number.
NOT_A_PHONE = re.compile(
    r"\b(?:invoice|order|ref(?:erence)?|booking|ticket|case|policy|claim|tracking|parcel|"
    r"serial|model|version|member(?:ship)?|customer id|id)\b(?: (?:number|no\.?|#))?\W{0,3}$",
    re.I,
)
# Words that say the number after them is a phone number, of any length from seven digits
# (the last such words before it: ".*" takes the rest).
PHONE_CUE = re.compile(
    r".*\b(?P<cue>phone|mobile|landline|tel(?:ephone)?|cell(?:phone)?|whatsapp|fax|"
    r"(?:ring|call|text|reach|contact|phone) me|number to (?:call|ring|reach)|"
    r"my (?:\w+ )?number)\b(?P<gap>[^\d\n]{0,30})$",
    re.I | re.S,
)
# Weaker words, before the number or after it ("… is my mobile"): the number must also be one
# that phonenumbers holds valid for the room's region ("ring 9472 7916" in a Norwegian room,
# Danish "ring til 78 65 14 50").
PHONE_HINT = re.compile(
    r".*\b(?P<cue>call(?:ed|ing)?|ring(?:ing)?|dial(?:led|ing)?|reach|contact|text|"
    r"number(?! of)|get (?:hold of )?me|office|line|switchboard|helpline|hotline|nummer|numero|"
    r"número|numéro|telefon|tlf|mobil|handy|portable|cellulare|móvil|movil|telemóvel)\b"
    r"(?P<gap>[^\d\n]{0,30})$",
    re.I | re.S,
)
PHONE_CUE_AFTER = re.compile(
    r"[^\w\n]{0,3}(?:(?:is|was|that's|that is|it's|as)\s+)?(?:my|the|our|his|her|their)\s+"
    r"(?:(?:home|work|office|direct|new|mobile|landline|contact)\s+)?"
    r"(?:phone|mobile|landline|cell|number)\b",
    re.I,
)
# Words in or after a phone word that make the number something else ("my order number",
# "mobile contract reference").
NOT_A_PHONE_BETWEEN = re.compile(
    r"\b(?:invoice|order|ref(?:erence)?|booking|ticket|case|policy|claim|tracking|parcel|"
    r"serial|model|version|member(?:ship)?|customer|id|account|card|sort|routing|pin|code|"
    r"bill|contract|registration|reg|staff|employee|payroll|student|passport|licen[cs]e|"
    r"insurance|tax|vat|confirmation|loyalty|patient|nhs|house|flat|room|seat|table|lucky|"
    r"security|social|badge|plate|unit|street|postcode|zip|imei|sim)\b",
    re.I,
)
# A number of seven digits or more standing alone, its groups parted as people write and say
# them: "9472 7916", "(02) 9876 5432", "nine four seven two, seven nine one six".
SHORT_PHONE = re.compile(r"(?<![\w+\-./£$€])\+?\(?\d(?:[\d \-()]|[.,] ?(?=\d)){5,24}\d(?!\w)")
# Dates, times, amounts with thousands separators or decimals: not phone numbers.
NOT_A_PHONE_SHAPE = re.compile(
    r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|.*\.\d{1,2}"
)


def phones(text: str, region: str) -> Iterator[tuple[str, int, int]]:
    seen: set[tuple[int, int]] = set()
    for line_start, line in _lines_with_many_digits(text):
        for where in dict.fromkeys([region, "US"]):
            matcher = _phone_numbers().PhoneNumberMatcher(
                line, where, leniency=_phone_numbers().Leniency.POSSIBLE
            )
            for match in matcher:
                start, end = line_start + match.start, line_start + match.end
                digits = re.sub(r"\D", "", match.raw_string)
                international = match.raw_string.lstrip().startswith("+")
                if inside_word(text, start, end) or NOT_A_PHONE.search(
                    text[max(0, start - 30) : start]
                ):
                    continue  # part of a code such as a parcel tracking number, an invoice
                if (len(digits) >= 10 or (international and len(digits) >= 9)) and (
                    start,
                    end,
                ) not in seen:
                    seen.add((start, end))
                    yield "phone number", start, end


def cued_phones(text: str, region: str) -> Iterator[tuple[str, int, int]]:
    """Numbers shorter than the ten digits :func:`phones` wants, where the words say a
    phone. After a phone word ("my mobile is 9472 7916", "tel 581 2345") any number of
    seven digits or more; after a weaker word ("call", "ring", "number", "office", Danish
    "nummer") or before "is my mobile", one that phonenumbers holds valid for the room's
    region. With no such word, none: most numbers of eight digits are valid somewhere (all
    of Norway's are), and references, batches and counts look the same."""
    for match in SHORT_PHONE.finditer(text):
        number = match.group()
        digits = digit_count(number)
        if not 7 <= digits <= 15 or NOT_A_PHONE_SHAPE.fullmatch(number):
            continue  # longer: a card or an account number, if anything
        before = text[max(0, match.start() - 40) : match.start()]
        if NOT_A_PHONE.search(before) or COUNTED.match(text, match.end()):
            continue
        cue = PHONE_CUE.match(before)
        if cue and not NOT_A_PHONE_BETWEEN.search(before, cue.start("cue")):
            if end := _spoken_phone_end(number):
                yield "phone number", match.start(), match.start() + end
            continue
        if digits > 12:
            continue  # without a phone word, a number this long is left to _phones
        hint = PHONE_HINT.match(before)
        hinted = hint is not None and not NOT_A_PHONE_BETWEEN.search(before, hint.start("cue"))
        said = hinted or PHONE_CUE_AFTER.match(text, match.end())
        if said and (end := _valid_end(number, region)):
            yield "phone number", match.start(), match.start() + end


def _valid_end(number: str, region: str) -> int:
    """The end of the longest part of ``number``, from its start and of seven digits or
    more, that is a valid phone number in the room's region (0: none)."""
    phonenumbers = _phone_numbers()
    ends = [m.end() for m in re.finditer(r"\d+", number)]
    for end in reversed(ends):
        if digit_count(number[:end]) < 7:
            break
        try:
            parsed = phonenumbers.parse(number[:end], region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return end
    return 0


# A line with nine digits or more: the least a phone number is taken to be. A phone number
# never runs over a line end, so only such lines are handed to the (slow) phone number matcher.
NINE_DIGITS_LINE = re.compile(r"^(?:[^\d\n]*\d){9}[^\n]*", re.M)
# Every character phonenumbers' matcher can take into a number, but digits: its separators,
# opening brackets and plus signs, and what its extension patterns ("ext. 12", "x12", ";ext=",
# "доб", "anexo", "#") are made of, matched ignoring case. A stretch of these holding nine
# digits is where a phone number long enough to count can be; a test holds the list to the
# installed phonenumbers.
PHONE_CHARACTERS = (
    "\\-x\u2010-\u2015\u2212\u30fc\uff0d-\uff0f \xa0\xad\u200b\u2060\u3000()\uff08\uff09"
    "\uff3b\uff3d.\\[\\]/~\u2053\u223c\uff5e"  # separators
    "(\\[\uff08\uff3b+\uff0b"  # what a number may open with
    ";=\t,:\uff0e#\uff03"  # extension punctuation
    "extnsio\u00f3\u0301a\uff45\uff58\uff54\uff4e\uff49\u0434\u043e\u0431"  # extension words
)
PHONE_STRETCH = re.compile(f"(?:[{PHONE_CHARACTERS}]*\\d){{9}}", re.I)


def _lines_with_many_digits(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of ``text`` where nine digits or more stand close enough
    together to be one phone number (with its extension)."""
    for match in NINE_DIGITS_LINE.finditer(text):
        if PHONE_STRETCH.search(match.group()):
            yield match.start(), match.group()


@cache
def _phone_numbers() -> ModuleType:
    """phonenumbers, loaded when a text is first read: a rebuild remembers what it found."""
    import phonenumbers

    return phonenumbers


def _spoken_phone_end(number: str) -> int:
    """Where a number after a phone word ends: a last group of one or two digits after a comma
    is something else ("9472 7916, 2 of them"); 0 when what is left is not seven to fifteen
    digits."""
    while (cut := number.rfind(",")) > 0 and digit_count(number[cut:]) < 3:
        number = number[:cut]
    return len(number) if 7 <= digit_count(number) <= 15 else 0
