"""The detector's edges that the corpus does not show: how far a hit reaches, and phone
numbers whose parts lie far apart."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from customer_room.privacy import pii_context, pii_phones
from customer_room.privacy.pii import CustomPattern, Detector
from customer_room.privacy.pii_phones import PHONE_CHARACTERS
from customer_room.privacy.spoken_numbers import as_digits


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
    assert not missing, f"add {sorted(missing)} to pii_phones.PHONE_CHARACTERS"


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
    # every line goes to the matcher
    monkeypatch.setattr(pii_phones, "PHONE_STRETCH", re.compile(""))
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
            for rule in pii_context.CONTEXT_RULES
            for match in rule.pattern.finditer(text)
        ]
        assert list(pii_context.context_values(text)) == alone, text
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


def marked(case: str) -> tuple[str, list[str]]:
    """``case`` without its «», and what each «» held: the values a detector must find."""
    return case.replace("«", "").replace("»", ""), re.findall("«([^»]*)»", case)


def found(text: str, kind: str, region: str = "GB") -> list[str]:
    """The values of ``kind`` that a room in ``region`` finds in ``text``; no other kind may
    be found."""
    hits = Detector(region=region).find(text)
    assert {hit.kind for hit in hits} <= {kind}, [(hit.kind, hit.value) for hit in hits]
    return [hit.value for hit in hits]


def assert_finds(case: str, kind: str, region: str = "GB") -> None:
    text, values = marked(case)
    assert found(text, kind, region) == values


# 1. An IBAN that runs into the words after it is cut back to its valid part.


@pytest.mark.parametrize(
    "case",
    [
        "transfer from «GB56HXDO88167774656119» to other bank accounts",
        "the IBAN is «DE89 3704 0044 0532 0130 00» and the BIC follows",
        "SEND IT TO «NL91ABNA0417164300» BEFORE FRIDAY",
        "it's «fr1420041010050500013m02606» ok thanks",
        "«NO9386011117947» 2 times already",
        "pay «GB33BUKB20201555555555».",
        "transfer from GB56HXDO88167774656118 to other bank accounts",  # one digit off
        "the code GB12ABCD1234567890 is printed on the box",
        "AB12 CDEF GHIJ KLMN OPQR STUV",
    ],
)
def test_an_iban_followed_by_words_is_cut_back_to_the_part_whose_checksum_holds(
    case: str,
) -> None:
    assert_finds(case, "iban")


# 2. IPv6 addresses, and what only looks like one.


@pytest.mark.parametrize(
    "case",
    [
        "from «2001:0db8:85a3:0000:0000:8a2e:0370:7334» yesterday",
        "the router saw «fe80::1ff:fe23:4567:890a%eth0» twice",
        "client «fd12:3456:789a:1::1» connected",
        "the host «::ffff:192.0.2.128» logged in",
        "it came from «64:ff9b::198.51.100.7».",
        "[«2001:db8::1»]:8080 answered",
        "the prefix «2001:DB8:AC10:FE01::» is ours",
        "the call ran from 10:30:45 to 11:02:00",
        "it finished 3:2 after extra time, 1:00:00:00 on the clock",
        "MAC address 00:1A:2B:3C:4D:5E on the label",
        "fingerprint fe:dc:ba:98:76:54:32:10",
        "a ratio of 1:2:3:4:5:6:7:8",
        "the log said std::bad_alloc and a::b",
        "commit deadbeefcafebabe1234 fixed it",
        "the loopback ::1 is no one's address",
    ],
)
def test_ipv6_addresses_full_compressed_or_with_an_ipv4_tail_but_not_times_or_mac_addresses(
    case: str,
) -> None:
    assert_finds(case, "ip address")


# 3. Phone numbers of fewer than ten digits, where the words say a phone.


@pytest.mark.parametrize(
    ("region", "case"),
    [
        ("NO", "my mobile is «9472 7916»"),  # a phone word: seven digits or more will do
        ("GB", "Norwegian mobile «9472 7916», call after five"),
        ("GB", "tel. «496 0000» after six"),
        ("NO", "ring «94727916» tomorrow"),  # a weaker word, and valid in the room's region
        ("NO", "you'll reach me on «22 22 55 55»"),
        ("DK", "ring til «78 65 14 50» i morgen"),
        ("DK", "the number is «78 651 450»"),
        ("DK", "mit nummer er «20 12 34 56»"),
        ("AU", "call «0412 345 678» after lunch"),
        ("IE", "the office is «01 234 5678»"),
        ("SG", "«9123 4567» is my mobile"),  # the words after it
        ("GB", "my mobile is «nine four seven two, seven nine one six»"),
        ("NO", "order 9472 7916 shipped on Monday"),
        ("NO", "we sold 94727916 units"),
        ("NO", "I called 94727916 times"),
        ("DK", "the total was 78 651 450 kroner"),
        ("DK", "the number of cases was 23456789"),
        ("DK", "call about reference 78651450"),
        ("GB", "ring 9472 7916 tomorrow"),  # a weaker word, and not valid in this room
        ("IE", "batch 045 123 789 arrived"),  # valid, but nothing says a phone
        ("NO", "my mobile contract reference is 94727916"),
        ("NO", "call me on 12.03.2024 about it"),
    ],
)
def test_a_short_phone_number_is_found_where_the_words_say_a_phone_and_only_there(
    region: str, case: str
) -> None:
    assert_finds(case, "phone number", region)


# 4. Postcodes of every country after a postcode word; a ZIP+4 whole.


@pytest.mark.parametrize(
    "case",
    [
        "my postal code is «K1A 0B1»",
        "postal code: «h3z2y7»",
        "the post code is «1012 AB» in Amsterdam",
        "postcode «3511 LX» Utrecht",
        "eircode «D02 X285», that's Dublin",
        "my postcode is «T12 X2Y3»",
        "postcode «2100», Copenhagen",
        "the post code is «2000» in Sydney",
        "my zip code's «02139»",
        "zip code «nine oh two one oh»",
        "zip: «12345-6789»",
        "PLZ «10115» Berlin",
        "postal code «00-950» Warszawa",
        "post code «1250-096» Lisboa",
        "Springfield, IL «62704-1701»",
        "Austin TX «78701», ask for Dee",
        "the postcode lottery in 2024 paid out",
        "the zip file had 3 documents",
        "zip 5 files and send them",
        "the postcode checker for 2024 is down",
        "postal code lookup failed 12 times",
    ],
)
def test_a_postcode_in_any_countrys_form_after_a_postcode_word_but_not_a_year_or_count(
    case: str,
) -> None:
    assert_finds(case, "postcode")


# 5. An account number announced by "account" alone.


def test_an_account_number_after_the_word_account_alone() -> None:
    text = "the routing number is 021000021 and account 000123456789"
    assert [(hit.kind, hit.value) for hit in Detector().find(text)] == [
        ("routing number", "021000021"),
        ("account number", "000123456789"),
    ]


@pytest.mark.parametrize(
    "case",
    [
        "pay it into account «73910284» please",
        "Account: «55 77 99 11»",
        "the account's «31926819»",
        "my savings account is, um, «30219874»",
        "account «four one two three five six seven eight»",
        "account 2 of 3 is the joint one",
        "my account was opened in 2019",
        "keep the account for 3 months",
        "the account has been open for 12 years",
        "my account balance is 1500000",
        "the account holds 250000 pounds",
        "it accounts for 40 percent of my spending",
    ],
)
def test_an_account_number_after_account_alone_but_not_a_count_year_or_amount(case: str) -> None:
    assert_finds(case, "account number")


# 6. Streets as the rest of the world writes them.


@pytest.mark.parametrize(
    "case",
    [
        "I live at «Vesterskovvej 79» now",
        "my address is «Rua do Arenque 1634»",
        "it's «Calle Mayor 12», Madrid",
        "send it to «Hauptstraße 5»",
        "the flat at «Berliner Straße 41a»",
        "write to «12 rue de la Paix»",
        "the shop on «Via Roma 3»",
        "«ul. Długa 8/10», Gdańsk",
        "«Laan van Meerdervoort 10»",
        "«Karl Johans gate 22»",
        "«Drottninggatan 53», Stockholm",
        "«Andrássy út 22»",
        "i live at «rua augusta two seven four»",
        "I sent it via email 2 days ago",
        "via the app 3 times",
        "we came by Via Rail 3 times",
        "Hauptstraße is closed for 2 weeks",
        "in place of 2 cards",
        "the Departures gate 5 was busy",
        "the Spring 2024 sale",
        "the fire brigade 3 times",
        "we walked along the rue de la Paix on holiday",
        "I've got 2 route options",
    ],
)
def test_a_street_with_a_foreign_street_word_but_not_an_everyday_word_before_a_number(
    case: str,
) -> None:
    assert_finds(case, "street address")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vesterskovvej 79\nPostboks 114\n8000 Aarhus C",
            ["Vesterskovvej 79", "Postboks 114", "8000"],
        ),
        ("Keizersgracht 123, 1015 CJ Amsterdam", ["Keizersgracht 123", "1015 CJ"]),
        (
            "27 Orchard Terrace\nPO Box 88\nPenzance\nTR18 2AB",
            ["27 Orchard Terrace", "PO Box 88", "TR18 2AB"],
        ),
        ("Avenida da Liberdade 245, 1250-142 Lisboa", ["Avenida da Liberdade 245", "1250-142"]),
        (
            "742 Evergreen Terrace, Springfield, IL 62704-1701",
            ["742 Evergreen Terrace", "62704-1701"],
        ),
    ],
)
def test_the_post_box_and_postcode_lines_after_a_street_are_found_with_it(
    text: str, expected: list[str]
) -> None:
    hits = Detector().find(text)
    assert [hit.value for hit in hits] == expected
    assert {hit.kind for hit in hits} == {"street address", "postcode"}


# 7. Dates of birth in words.


@pytest.mark.parametrize(
    "case",
    [
        "born on «the fourteenth of March nineteen sixty one»",
        "date of birth is «the third of june two thousand and four»",
        "my dob is «the twenty first of may nineteen eighty two»",
        "d o b «thirty-first of december eighty two»",
        "I was born on «March the fourteenth, nineteen sixty one»",
        "born «the eleventh of september two thousand oh one»",
        "date of birth «twelfth of the ninth nineteen oh five»",
        "birthday is «the thirtieth of april two thousand»",
        "date of birth: «oh four, oh seven, eighty five»",
        "the payment on the third of june two thousand and four was late",
        "on the twenty first of march we spoke again",
        "two thousand and four was a good year for us",
        "born and raised in Hull, never moved",
        "my date of birth is wrong on the letter",
    ],
)
def test_a_date_of_birth_in_words_only_after_a_birth_word(case: str) -> None:
    assert_finds(case, "date of birth")


# 8. Numbers speech recognition punctuates are one number; lists stay apart.


@pytest.mark.parametrize(
    ("kind", "case"),
    [
        ("phone number", "«zero seven nine one two, three four five, six seven eight»"),
        ("phone number", "it's «oh seven seven double oh, nine double oh, one two three»"),
        ("phone number", "«Zero two zero. Seven nine four six. Zero zero one eight»."),
        ("phone number", "call me on «07700, 900, 654»"),
        ("phone number", "my mobile's «oh seven five three one, three four four four nine one»"),
        ("card number", "«4111, 1111, 1111, 1111»"),
        ("card number", "«four one one one, one one one one, one one one one, one one one one»"),
        ("card number", "the card is «5555. 5555. 5555. 4444»."),
        ("card number", "Room 12, floor 3, desk 45"),
        ("card number", "We paid 120, 340, 560 and 780 over the year"),
        ("card number", "the card payments were 1200, 3400, 5600, 7800"),
        ("card number", "the card fees were £1234, 5678, 9012"),
        ("card number", "in 2019, 2020, 2021 and 2022 it went up"),
        ("card number", "card limits of 12.50, 13.75, 14.20, 15.10 and 16.80"),
        ("card number", "one, two, three, four, five, six, seven, eight, nine, ten"),
        ("phone number", "I've called four, five, six times"),
        ("card number", "the card ref is 12345678. 4111 is the branch"),
        ("card number", "we sent 2784, 2855, 8441 letters"),
        ("phone number", "the call centre took 6738, 1950, 6187 calls"),
    ],
)  # fmt: skip
def test_commas_and_full_stops_inside_a_number_read_in_groups_do_not_break_it(
    kind: str, case: str
) -> None:
    assert_finds(case, kind)


# 9. A hit never takes the punctuation beside it; digits glued to letters are a code.


@pytest.mark.parametrize(
    "case",
    [
        "Desk: «07700 900123».",
        "Desk:«07700 900123»",
        "(«07700 900123»)",
        "call «(020) 7946 0000»!",
        '"«07700 900123»"',
        "Mobile - «07700 900123»;",
        "Mobile: «zero seven seven zero zero, nine zero zero, one two three».",
    ],
)
def test_a_hit_never_takes_the_punctuation_beside_its_value(case: str) -> None:
    assert_finds(case, "phone number")


def test_a_spoken_number_maps_back_to_its_words_and_not_the_punctuation_around_them() -> None:
    said = as_digits("Card: four one one, one.")
    start = said.text.index("4")
    assert said.source_span(start, start + 1) == (6, 10), "the word 'four'"
    colon = said.text.index(":")
    assert said.source_span(colon, colon + 2) == (4, 6), "': ' alone, not the letters around"


@pytest.mark.parametrize(
    "case",
    [
        "User ID U62928788557186 and ref",
        "reference REF4111111111111111X",
        "U4012888888881881 is my customer ID",
        "serial SN5555555555554444 on the back",
        "the card is «4111111111111111»",
    ],
)
def test_a_digit_run_glued_to_letters_is_a_code_not_a_card(case: str) -> None:
    assert_finds(case, "card number")


def test_an_iban_after_a_letter_that_grows_in_upper_case_is_found_where_it_is() -> None:
    text = "Straße Straße: DE89 3704 0044 0532 0130 00 ist meine IBAN"
    assert kinds_and_values(text) == [("iban", "DE89 3704 0044 0532 0130 00")]
    compact = "DE89370400440532013000"
    assert kinds_and_values(f"Straße: {compact}") == [("iban", compact)]
