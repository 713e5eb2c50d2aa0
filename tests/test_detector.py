"""The detector's edges that the corpus does not show: how far a hit reaches, and phone
numbers whose parts lie far apart."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from customer_room import pii
from customer_room.pii import PHONE_CHARACTERS, CustomPattern, Detector


def test_a_hit_inside_a_number_hides_the_whole_number() -> None:
    detector = Detector(patterns=[CustomPattern("order number", r"ORD\d{6}")])
    [hit] = detector.find("Your order ORD1234567 is on its way")
    assert hit.value == "ORD1234567", "no digit of the number is left showing"


def test_a_phone_number_with_its_extension_far_apart_is_found() -> None:
    text = "Ring the branch on 555-1234,     extension: 567 any morning."
    assert [hit.kind for hit in Detector().find(text)] == ["phone number"]
    assert Detector().find("Room 12, floor 3, desk 45") == []


def test_the_phone_prefilter_lets_through_every_character_phonenumbers_takes() -> None:
    """Lines are only handed to phonenumbers where nine digits stand among characters its
    matcher can take into a number: the list must cover every one the installed version uses."""
    from phonenumbers import phonenumbermatcher

    pattern = re.sub(r"\\[dt]", "", phonenumbermatcher._PATTERN.pattern)  # \d and \t
    allowed = re.compile(f"[{PHONE_CHARACTERS}]", re.I)
    syntax = set("\\?:|*{}0123456789")
    missing = {c for c in pattern if c not in syntax and not allowed.fullmatch(c)}
    assert not missing, f"add {sorted(missing)} to pii.PHONE_CHARACTERS"


def test_the_phone_prefilter_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random lines of digits, separators, extension words and other text: the same phone
    numbers are found with the prefilter as when phonenumbers reads every line."""
    rng = random.Random(7)
    parts = [
        *"0123456789", " ", "-", ".", "/", "(", ")", "+", " ext. ", " x ", "#", ";ext=", ", ",
        "Call", "Speed ", "\u00d7", "·", "anexo ", "доб ", "tel", "0:59", "\u00a0", "\uff58",
        "\uff11", "020", "7946", "0000", "+44", "+1", "415", "555", "2671", "07700", "900123",
    ]  # fmt: skip
    lines = ["".join(rng.choice(parts) for _ in range(rng.randint(5, 40))) for _ in range(3000)]
    text = "\n".join(lines)
    detector = Detector()
    filtered = [(h.start, h.end) for h in detector.find(text) if h.kind == "phone number"]
    monkeypatch.setattr(pii, "PHONE_STRETCH", re.compile(""))  # every line goes to the matcher
    unfiltered = [(h.start, h.end) for h in detector.find(text) if h.kind == "phone number"]
    assert len(unfiltered) > 100, "the sample holds phone numbers"
    assert filtered == unfiltered


def test_context_rules_find_what_each_rule_alone_finds() -> None:
    """The rules are tried only where some rule's words are: the same values as each rule's
    own ``finditer``, on the corpus and on random text made of the rules' words and values."""
    corpus = yaml.safe_load((Path(__file__).parent / "pii_corpus.yml").read_text("utf-8"))
    rng = random.Random(11)
    parts = [
        "social security ", "SSN ", "account number ", "acct no. ", "sort code ", "CVV ",
        "security code ", "social security code ", "pin ", "PIN number ", "expires ", "exp ",
        "valid until ", "born on ", "DOB ", "birthday is ", "zip ", "12-34-56 ", "123 ",
        "4 5 6 7 ", "12/27 ", "03/04/1985 ", "March 12, 1990 ", "90210 ", "123456789 ",
        "the ", "and ", "\n", ": ", "thanks ",
    ]  # fmt: skip
    texts = [case["text"] for case in corpus["cases"]] + [
        "".join(rng.choice(parts) for _ in range(rng.randint(3, 30))) for _ in range(2000)
    ]
    found = 0
    for text in texts:
        alone = [
            (rule.kind, match.start("v"), match.end("v"))
            for rule in pii.CONTEXT_RULES
            for match in rule.pattern.finditer(text)
        ]
        assert list(pii._context_values(text)) == alone, text
        found += len(alone)
    assert found > 500, "the sample holds values"


def kinds_and_values(text: str, region: str = "GB") -> list[tuple[str, str]]:
    return [(hit.kind, hit.value) for hit in Detector(region=region).find(text)]


def test_an_iban_running_into_words_is_cut_back_to_its_valid_prefix() -> None:
    iban = "GB82WEST12345698765432"
    assert kinds_and_values(f"transfer from {iban} to other bank accounts") == [("iban", iban)]
    assert kinds_and_values(f"PAY {iban} THEN SEND CONFIRMATION") == [("iban", iban)]
    assert kinds_and_values("GB82WEST12345698765433 to other accounts") == [], "checksum"


def test_a_hit_never_takes_the_punctuation_beside_it() -> None:
    [(kind, value)] = kinds_and_values("Desk: 07700 900123.")
    assert (kind, value) == ("phone number", "07700 900123")


def test_numbers_speech_recognition_punctuates_are_one_number_but_lists_are_not() -> None:
    said = "zero seven nine one two, three four five, six seven eight"
    assert kinds_and_values(f"my mobile is {said}") == [("phone number", said)]
    assert kinds_and_values("the card is 4111, 1111, 1111, 1111.") == [
        ("card number", "4111, 1111, 1111, 1111")
    ]
    assert kinds_and_values("one, two, three, four, five, six, seven, eight, nine, ten") == []
    assert kinds_and_values("It cost 1,250,000 in total, 12, 15 and 20 a month.") == []


def test_a_card_number_inside_a_code_is_not_a_card() -> None:
    assert kinds_and_values("User ID U62928788557186 and ref REF4111111111111111X") == []
    assert kinds_and_values("card 4111111111111111") == [("card number", "4111111111111111")]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("IPv6 2001:db8::1 was blocked", ["ip address"]),
        ("it ran from 10:30:45 to 11:02:00, ratio 3:2, std::bad_alloc", []),
        ("Norwegian mobile 9472 7916, call after five", ["phone number"]),
        ("order 9472 7916 shipped", []),
        ("the post code is 1012 AB", ["postcode"]),
        ("Springfield 62704-1701", ["postcode"]),
        ("routing 021000021 and account 000123456789", ["routing number", "account number"]),
        ("my account was opened in 2019, account 2 of 3", []),
        ("Rua do Arenque 1634\n8660 Skanderborg", ["street address", "postcode"]),
        ("born on the thirty first of december nineteen ninety nine", ["date of birth"]),
    ],
)
def test_the_gaps_measured_on_a_labelled_set(text: str, kinds: list[str]) -> None:
    assert [kind for kind, _ in kinds_and_values(text)] == kinds
