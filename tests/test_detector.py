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
