"""What rebuilds remember: results of slow pure functions by a hash of their input, only for
the same code, and never the personal data itself."""

from __future__ import annotations

from pathlib import Path

from customer_room.memo import TextMemo
from customer_room.pii import Detector
from customer_room.protect import RememberedFinds
from customer_room.sanitize import RememberedSanitizer


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


def test_remembered_finds_are_the_detectors_and_keep_no_values(tmp_path: Path) -> None:
    store = tmp_path / "finds.json"
    text = "Call me on 07700 900123 or write to jo@example.com, says Jo Fenwick."
    expected = Detector(terms=["Fenwick"]).find(text, ["Jo"])
    first = RememberedFinds(Detector(terms=["Fenwick"]), store)
    assert first.find(text, ["Jo"]) == expected and expected
    first.save()
    saved = store.read_text(encoding="utf-8")
    for hit in expected:
        assert hit.value not in saved
    second = RememberedFinds(Detector(terms=["Fenwick"]), store)
    assert second.memo.known, "the finds were remembered"
    assert second.find(text, ["Jo"]) == expected
    other = RememberedFinds(Detector(terms=["Okafor"]), store)
    assert not other.memo.known, "a detector that looks for other terms starts afresh"


def test_the_sanitizer_is_remembered_but_unsafe_html_never_gets_through(tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    safe = '<p class="cr-x">Hi <em>there</em></p>'
    unsafe = '<p onclick="steal()">Hi</p><script>steal()</script>'
    unsafe += '<h2>Top<a href="#t">&para;</a></h2>'
    first = RememberedSanitizer(folder)
    cleaned = first(unsafe)
    assert "steal" not in cleaned and "¶" in cleaned
    assert first(safe) == safe
    first.save()
    second = RememberedSanitizer(folder)
    assert second.memo.recall(safe) is True
    assert second(unsafe) == cleaned
    (folder / "index.json").write_text('{"version": "forged", "items": {}}', encoding="utf-8")
    assert "steal" not in RememberedSanitizer(folder)(unsafe)
    second.save()
    third = RememberedSanitizer(folder)
    assert third(safe) == safe
    third.save()
    assert list(folder.glob("*.html")) == [], "cleaned pages no build uses are deleted"
