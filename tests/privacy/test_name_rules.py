"""The name rules at their edges: surnames after titles in speech text, given names alone and
in lists, who a room may name (person by person), text as its reader sees it, and the firms,
places, months and beliefs that stand where a name could."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from customer_room.privacy.names import NameFinder
from customer_room.privacy.pii import Detector, Hit, Said
from customer_room.privacy.privacy_log import PrivacyLog, Secret
from customer_room.privacy.speakers import speaker_of
from sitehelpers import scan_site

STAFF = ("Sam Carter", "Priya Shah", "Callum Reid")


def found(text: str, allowed: tuple[str, ...] = (), *, staff: bool = True) -> list[Hit]:
    return Detector(names=NameFinder(allowed)).find(text, Said(by_staff=staff))


def names(text: str, allowed: tuple[str, ...] = (), *, staff: bool = True) -> list[str]:
    return [h.value for h in found(text, allowed, staff=staff) if h.kind == "name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("it's dr khan", "khan"),
        ("thanks mr singh", "singh"),
        ("in the name of mr white", "white"),
        ("yeah its mrs le calling", "le"),
        ("am i speaking with mr do", "do"),
        ("hello mr ng", "ng"),
        ("Can I just confirm I'm speaking with Mr Le?", "Le"),
        ("the account is in the name of mrs black", "black"),
    ],
)
def test_a_surname_after_a_title_is_a_name_however_short_or_ordinary(text: str, name: str) -> None:
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    ["the dr said it was fine", "Mr and Mrs", "I only bought a box of Mr Kipling cakes"],
)
def test_what_follows_a_title_is_not_always_a_surname(text: str) -> None:
    assert names(text) == []


def test_titles_one_after_another_are_read_in_linear_time() -> None:
    detector = Detector(names=NameFinder(()))
    detector.remembered = 0
    short, long = "Mr " * 500, "Mr " * 5000
    started = time.perf_counter()
    detector.find(short)
    once = time.perf_counter() - started
    started = time.perf_counter()
    assert [h for h in detector.find(long) if h.kind == "name"] == []
    assert time.perf_counter() - started < max(30 * once, 0.5), "ten times the text"


def test_the_room_may_name_a_person_not_a_mix_of_their_words() -> None:
    finder = NameFinder(STAFF)
    assert finder.may_show("Priya Shah") and finder.may_show("Priya") and finder.may_show("Shah")
    assert finder.may_show("Shah's")
    assert not finder.may_show("Sam Shah"), "Sam Carter and Priya Shah are two people"
    assert names("my name is sam shah", STAFF, staff=False) == ["sam shah"]
    assert names("thanks priya", STAFF) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Then Kwame called back.", ["Kwame"]),
        ("Ayesha rang yesterday and was told to wait.", ["Ayesha"]),
        ("Rajesh and Sunita are both on the joint account.", ["Rajesh", "Sunita"]),
        # names parted by a comma only are hidden as one
        ("The children on the policy are Ana, Mateo and Valentina.", ["Ana, Mateo", "Valentina"]),
        ("Fernanda from the complaints team will call you back.", ["Fernanda"]),
        ("Rose from your team said the refund was approved.", ["Rose"]),
        ("then kojo rang them back", ["kojo"]),
        ("my son will is the one who set it up", ["will"]),
    ],
)
def test_a_given_name_alone_is_found_as_a_subject_and_in_lists(
    text: str, expected: list[str]
) -> None:
    hidden = names(text)
    assert hidden == expected, (text, hidden)


@pytest.mark.parametrize(
    "text",
    [
        "Can I speak to Santander please?",
        "This is Barclays calling about your card.",
        "No, London is where I live.",
        "Yes, May is fine for the engineer.",
        "I'm Christian, and so is my wife.",
        "I'm Muslim, so I'd like an account without interest.",
        "My husband works at Morgan Stanley.",
        "I read about the scam in The Washington Post.",
        "I ordered a sofa from John Lewis and paid twice.",
        "The payment at Ben & Jerry's was mine.",
        "Is Lloyd's of London the underwriter?",
        "press a b a b to hear the options again",
        "my son will call you back tomorrow",
        "My son is fine, it's my card that's the problem.",
        "no london is fine thats where im based",
        "Will the refund come by Friday?",
    ],
)
def test_firms_places_months_beliefs_and_codes_where_a_name_could_stand_are_kept(
    text: str,
) -> None:
    assert names(text) == [], text


def test_a_spelling_alphabet_run_hides_the_name_it_spells() -> None:
    hidden = names("It's Pike, that's papa india kilo echo.")
    assert hidden == ["Pike", "papa india kilo echo"]


def test_a_name_and_a_number_are_read_as_the_reader_sees_them() -> None:
    decomposed = "My name is Bru\u0308ckner."
    assert names(decomposed) == ["Bru\u0308ckner"], "the combining mark goes with its letter"
    hits = found("Dana&nbsp;Okafor rang from 020&nbsp;7946&nbsp;0018.")
    assert [(h.kind, h.value) for h in hits] == [
        ("name", "Dana&nbsp;Okafor"),
        ("phone number", "020&nbsp;7946&nbsp;0018"),
    ]


def test_particles_go_with_the_surname_at_every_mention() -> None:
    assert names("My name is Inés de la Fuente. Yes, Mrs de la Fuente.") == [
        "Inés de la Fuente",
        "de la Fuente",
    ]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("card 41111111, 11111111 please", "card number", "41111111, 11111111"),
        ("Rua do Arenque 1634, apartamento 2, 4000-123 Porto", "postcode", "4000-123"),
        ("12 Harbour Way, Flat 4B, SW1A 2AA", "street address", "Flat 4B"),
    ],
)
def test_numbers_read_in_halves_and_the_lines_after_a_flat(
    text: str, kind: str, value: str
) -> None:
    assert (kind, value) in [(h.kind, h.value) for h in found(text)]


def test_a_one_word_guess_is_looked_for_on_its_own_page_only() -> None:
    """A one-word name only the words around it suggest ("speak to …") may be a firm's: the
    leak scan looks for it where it was hidden, and not at all when it came from a text that
    has no page of its own. A whole name, or an announced one, is looked for everywhere."""
    log = PrivacyLog()
    [guessed] = [h for h in found("Could I speak to Okonkwo please?") if h.kind == "name"]
    [whole] = [h for h in found("Could I speak to Tunde Bakare please?") if h.kind == "name"]
    [announced] = [h for h in found("My name is Dana Okafor.") if h.kind == "name"]
    assert guessed.guessed and not announced.guessed
    log.add("clips/a.yml", guessed, page="clips/a")
    log.add("content/quotes.yml", guessed)
    log.add("content/quotes.yml", whole)
    log.add("clips/a.yml", announced, page="clips/a")
    assert log.secrets == {
        Secret("Okonkwo", "clips/a"),
        Secret("Tunde Bakare"),
        Secret("Dana Okafor"),
    }


def test_the_leak_scan_finds_whole_and_announced_names_not_one_word_guesses(
    tmp_path: Path,
) -> None:
    """The leak scan reads built text in pieces (an excerpt, a card, a search entry) whose
    words the content never put side by side, after the content guard read every field whole:
    a one-word guess there is no finding ("speak to Okonkwo" may be a firm); a whole name
    and an announced one are."""
    detector = Detector(names=NameFinder(STAFF))
    page = tmp_path / "card.html"
    for text, leaks in [
        ("ok thanks bill bye", 0),
        ("Could I speak to Okonkwo about it?", 0),
        ("Could I speak to Tunde Bakare about it?", 1),
        ("Hello, my name is Dana Okafor.", 1),
    ]:
        page.write_text(f"<p>{text}</p>")
        found = scan_site(tmp_path, detector, set(), [])
        assert len(found) == leaks, text
        assert all(leak.path == "card.html" and "name" in str(leak) for leak in found)


def test_many_names_in_one_text_cost_time_in_proportion() -> None:
    """A hostile page of thousands of names: hits are kept apart without comparing each with
    every other."""
    detector = Detector(names=NameFinder(()))
    detector.remembered = 0
    small, large = "my name is Ana Bo. " * 400, "my name is Ana Bo. " * 4000
    started = time.perf_counter()
    assert len(detector.find(small)) >= 400
    once = time.perf_counter() - started
    started = time.perf_counter()
    assert len(detector.find(large)) >= 4000
    assert time.perf_counter() - started < max(30 * once, 1.0), "ten times the text"


@pytest.mark.parametrize(
    ("label", "published", "staff"),
    [
        ("Agent", "Agent", True),
        ("Complaints handler", "Complaints handler", True),
        ("spk_0", "spk_0", False),
        ("ch_1", "ch_1", False),
        ("Speaker A", "Speaker A", False),
        ("Interviewer", "Interviewer", False),
        ("Guest", "Guest", False),
        ("Callum Reid", "Callum Reid", True),
        ("Dana", "[name]", False),
        ("Dana Okafor", "[name]", False),
        ("Customer (Dana Okafor)", "Customer ([name])", False),
        ("Customer Priya", "Customer [name]", False),
    ],
)
def test_a_speaker_label_publishes_a_role_or_a_listed_colleague_only(
    label: str, published: str, staff: bool
) -> None:
    """A visitor's name (Dana Okafor is listed as one) in a label is a caller's: the speaker is
    not staff, so "my name is dana okafor" in their turn is hidden too."""
    detector = Detector(names=NameFinder((*STAFF, "Dana Okafor")))
    speaker = speaker_of(label, detector, NameFinder(STAFF))
    assert (speaker.label, speaker.staff) == (published, staff)
    assert all(hit.value in label for hit in speaker.names)


def test_a_secret_is_kept_as_the_leak_scan_reads_it() -> None:
    """A name typed with a character reference, a soft hyphen or a combining mark is hidden
    whole, and looked for as a visitor reads it."""
    log = PrivacyLog()
    for typed in ("Dana&nbsp;Okafor", "Dana Oka&shy;for", "Bru&#776;ckner"):
        [hit] = [h for h in found(f"My name is {typed}.") if h.kind == "name"]
        assert hit.value == typed
        log.add("content/help.md", hit)
    assert {secret.value for secret in log.secrets} == {"Dana Okafor", "Brückner"}
