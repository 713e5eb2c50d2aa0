"""What rebuilds remember: results of slow pure functions by a hash of their input, only for
the same code, and never the personal data itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counting import CountingDetector
from customer_room.cache import TextMemo, keep_only
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


def test_a_version_is_made_from_code_it_does_not_import() -> None:
    """The clips' version names the audio modules; a rebuild whose clips are all cached must
    not load them (numpy, pocketsphinx) just to learn it."""
    import subprocess
    import sys

    check = (
        "import sys\n"
        "from customer_room.media.clips import CLIP_CODE, CLIP_PACKAGES\n"
        "from customer_room.cache import code_version\n"
        "version = code_version(CLIP_CODE, CLIP_PACKAGES)\n"
        "assert len(version) == 16, version\n"
        "loaded = [m for m in ('customer_room.media.align', 'numpy', 'pocketsphinx') "
        "if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_change_of_code_makes_media_again_under_the_same_published_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from customer_room.content.load import load_room
    from customer_room.errors import Report
    from customer_room.media import photos
    from customer_room.settings import Settings

    root = tmp_path / "room"
    shutil.copytree(Path(__file__).parent / "rooms" / "kiosk", root)
    settings = Settings(room_dir=root, cache_dir=tmp_path / "cache")
    entry = next(p for p in load_room(root, Report()).personas if p.photo_path)
    before = photos._job_for(entry, settings)
    monkeypatch.setattr(photos, "code_version", lambda *args: "0123456789abcdef")
    after = photos._job_for(entry, settings)
    assert before.stem == after.stem, "the published name is by the photo and its options"
    assert before.out_dir != after.out_dir, "the cache folder is by the code too"
    assert after.out_dir.name.endswith("-0123456789abcdef")


def test_media_a_build_did_not_use_leave_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    used, old = folder / "a-v2", folder / "a-v1"
    for path in (used, old):
        path.mkdir(parents=True)
        (path / "a.mp3").write_bytes(b"x")
    (folder / ".hidden-words-cleaned").touch()
    keep_only(folder, {used})
    assert sorted(p.name for p in folder.iterdir()) == [".hidden-words-cleaned", "a-v2"]
