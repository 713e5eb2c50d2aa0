"""What rebuilds remember: results of slow pure functions by a hash of their input, only for
the same code, and never the personal data itself."""

from __future__ import annotations

from pathlib import Path

from counting import CountingDetector
from customer_room.cache import TextMemo
from customer_room.privacy.pii import Detector, Said
from customer_room.privacy.protect import RememberedFinds
from customer_room.privacy.sanitize import RememberedSanitizer


def test_a_memo_recomputes_only_what_it_has_not_seen_for_the_same_version(tmp_path: Path) -> None:
    store, calls = tmp_path / "memo.json", []

    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    first = TextMemo(store, "v1")
    assert [first.of(t, length) for t in ("ab", "abc", "ab")] == [2, 3, 2]
    first.save()
    assert calls == ["ab", "abc", "ab"]
    second = TextMemo(store, "v1")
    assert second.of("abc", length) == 3 and second.of("abcd", length) == 4
    second.save()
    assert calls[3:] == ["abcd"]
    assert TextMemo(store, "v1").recall("ab") is None, "what the last build did not use is gone"
    assert TextMemo(store, "v2").recall("abc") is None, "another version remembers nothing"


def test_only_texts_without_personal_data_are_remembered(tmp_path: Path) -> None:
    store = tmp_path / "finds.json"
    risky = "Call me on 07700 900123 or write to jo@example.com, says Jo Fenwick."
    clean = "The app sorted it in two minutes."
    expected = Detector(terms=["Fenwick"]).find(risky, Said(("Jo",)))
    first = RememberedFinds(CountingDetector(terms=["Fenwick"]), store)
    assert first.find(risky, Said(("Jo",))) == expected and len(expected) == 4
    assert first.find(clean) == []
    first.save()
    saved = store.read_text(encoding="utf-8")
    assert "Fenwick" not in saved and "07700" not in saved
    second = RememberedFinds(CountingDetector(terms=["Fenwick"]), store)
    assert second.find(clean) == [] and second.detector.texts == []  # type: ignore[attr-defined]
    assert second.find(risky, Said(("Jo",))) == expected, "a text with personal data is read again"
    assert len(second.detector.texts) == 1  # type: ignore[attr-defined]
    other = RememberedFinds(Detector(terms=["Okafor"]), store)
    assert not other.memo.known, "a detector that looks for other terms starts afresh"


def test_the_sanitizer_remembers_only_html_it_left_alone(tmp_path: Path) -> None:
    store = tmp_path / "clean.json"
    safe = '<p class="cr-x">Hi <em>there</em></p>'
    unsafe = '<p onclick="steal()">Hi</p><script>steal()</script>'
    unsafe += '<h2>Top<a href="#t">&para;</a></h2>'
    first = RememberedSanitizer(store)
    cleaned = first(unsafe)
    assert "steal" not in cleaned and "¶" in cleaned
    assert first(safe) == safe
    first.save()
    assert "steal" not in store.read_text(encoding="utf-8") and "there" not in store.read_text()
    second = RememberedSanitizer(store)
    assert second.memo.recall(safe) is not None
    assert second.memo.recall(unsafe) is None
    assert second(unsafe) == cleaned
