"""The detector's edges that the corpus does not show: how far a hit reaches, and phone
numbers whose parts lie far apart."""

from __future__ import annotations

from customer_room.pii import CustomPattern, Detector


def test_a_hit_inside_a_number_hides_the_whole_number() -> None:
    detector = Detector(patterns=[CustomPattern("order number", r"ORD\d{6}")])
    [hit] = detector.find("Your order ORD1234567 is on its way")
    assert hit.value == "ORD1234567", "no digit of the number is left showing"


def test_a_phone_number_with_its_extension_far_apart_is_found() -> None:
    text = "Ring the branch on 555-1234,     extension: 567 any morning."
    assert [hit.kind for hit in Detector().find(text)] == ["phone number"]
    assert Detector().find("Room 12, floor 3, desk 45") == []
