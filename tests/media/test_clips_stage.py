"""Clips through the whole pipeline: loading, errors, cache, redaction in page and audio."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from audiohelpers import RATE, decode, speechlike, tone_share, write_recording
from customer_room.build import read_room
from customer_room.media.clips import clean_old_results, process_clips
from customer_room.media.jobs import MediaJobs
from customer_room.privacy.protect import protect_room
from customer_room.settings import Settings

RoomMaker = Callable[[dict[str, str | bytes]], Path]
PERSONA = "---\nname: Ada Byrne\nsegment: s\ntagline: t\n---\n"
VTT = (
    "WEBVTT\n\n00:00:00.500 --> 00:00:02.500\n<v Agent>Hello, you are through to the bank.\n\n"
    "00:00:03.000 --> 00:00:05.500\n<v Customer>Hi, this is Jo Fenwick calling.\n"
)


def clip_yaml(audio: str, **extra: str) -> str:
    """A clip file; ``extra`` adds keys or replaces the defaults (a key written twice is an
    error)."""
    fields = {
        "title": "A call",
        "persona": "ada",
        "moment": "praise",
        "tone": "positive",
        "audio": audio,
        "transcript": "call.vtt",
        **extra,
        "consent": "{reference: CR-1, date: 2026-01-05, scope: internal training}",
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def room_with_clips(make_room: RoomMaker, tmp_path: Path, clips: dict[str, str]) -> Path:
    files: dict[str, str | bytes] = {"personas/ada/persona.md": PERSONA, "clips/call.vtt": VTT}
    files.update({f"clips/{slug}.yml": text for slug, text in clips.items()})
    root = make_room(files)
    write_recording(speechlike(6), root / "clips" / "good.pcm.wav")
    return root


class CountingExecutor(ThreadPoolExecutor):
    submitted = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        CountingExecutor.submitted += 1
        return super().submit(fn, *args, **kwargs)


def test_second_build_encodes_nothing(make_room: RoomMaker, tmp_path: Path) -> None:
    root = room_with_clips(make_room, tmp_path, {"good": clip_yaml("good.pcm.wav")})
    settings = Settings(room_dir=root, cache_dir=tmp_path / "cache")
    for expected in (1, 0):
        read = read_room(settings)
        room, _ = protect_room(read.room, settings, read.report)
        report = read.report
        CountingExecutor.submitted = 0
        with (
            CountingExecutor(2) as pool,
            MediaJobs(report, executors=(pool, pool)) as jobs,
        ):
            media, files = process_clips(room, settings, report, jobs)
            jobs.wait()
        assert not report.errors
        # Once to prepare the clip, once to encode it; nothing the second time.
        assert CountingExecutor.submitted == 2 * expected
        assert len(files) == 1 and files[0].source and files[0].source.is_file()
    assert abs(media["good"].duration - 6.0) < 0.05


def test_a_broken_recording_is_found_with_the_contents_problems(
    make_room: RoomMaker, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """An empty file and a text file named .wav are found when the content is read (``check``
    finds them too), each as one line at its clip's ``audio:``, in the same run as any other
    problem of the content."""
    root = room_with_clips(
        make_room,
        tmp_path,
        {
            "good": clip_yaml("good.pcm.wav"),
            "empty": clip_yaml("empty.wav"),
            "notaudio": clip_yaml("notes.wav"),
            "wrong": clip_yaml("good.pcm.wav", moment="angry"),
        },
    )
    (root / "clips/empty.wav").write_bytes(b"")
    (root / "clips/notes.wav").write_text("meeting notes, not a recording")
    for command in ("check", "build"):
        extra = ["-d", str(tmp_path / "site")] if command == "build" else []
        result = cli(command, "-f", str(root / "mkdocs.yml"), *extra)
        assert result.exit_code == 1
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: clips/")]
        assert sorted(errors) == [
            "error: clips/empty.yml:5: audio: 'empty.wav' cannot be decoded as audio — is it a "
            "recording, and complete?",
            "error: clips/notaudio.yml:5: audio: 'notes.wav' cannot be decoded as audio — is it "
            "a recording, and complete?",
            "error: clips/wrong.yml:3: moment: input should be 'praise', 'frustration', "
            "'resolved', 'delight' or 'insight' — one of praise, frustration, resolved, "
            "delight, insight",
        ], command
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_clip_file_problems_name_their_line(make_room: RoomMaker, tmp_path: Path) -> None:
    root = room_with_clips(
        make_room,
        tmp_path,
        {
            "a": clip_yaml("missing.wav"),
            "b": clip_yaml("good.pcm.wav", moment="angry"),
            "c": clip_yaml("good.pcm.wav", trim="{start: 5, end: 2}"),
            "d": clip_yaml("good.pcm.wav").replace("persona: ada", "persona: adda"),
        },
    )
    report = read_room(Settings(room_dir=root, cache_dir=tmp_path / "cache")).report
    assert [str(p) for p in report.errors] == [
        "clips/a.yml:5: audio: no file 'missing.wav' in clips/ — check the name",
        "clips/b.yml:3: moment: input should be 'praise', 'frustration', 'resolved', 'delight' "
        "or 'insight' — one of praise, frustration, resolved, delight, insight",
        "clips/c.yml:7: trim: trim end must come after trim start — start and end of the clip",
        "clips/d.yml:2: persona: no persona 'adda' — did you mean 'ada'?",
    ]


def test_named_caller_is_hidden_in_page_and_audio(
    make_room: RoomMaker, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = room_with_clips(
        make_room,
        tmp_path,
        {
            "good": clip_yaml("good.pcm.wav", redact_terms="[Jo Fenwick]"),
        },
    )
    (root / "content/quotes.yml").write_text(
        "quotes:\n  - text: Hello\n    tone: neutral\n    source: call\n    clip: good\n"
        "    at: 3.5\n"
    )
    site = tmp_path / "site"
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))
    assert result.exit_code == 0, result.stderr
    page = (site / "clips/good/index.html").read_text()
    transcript = page.split('class="cr-transcript"', 1)[1]
    assert "Fenwick" not in transcript
    assert transcript.count('aria-label="name removed">[name]</span>') == 1  # one marker a run
    assert 'href="../clips/good/#t=3.5"' in (site / "quotes/index.html").read_text()
    [mp3] = list((site / "media/clips").glob("good-*.mp3"))
    out = decode(mp3)
    [result] = list((root / ".cache/customer-room/clips").glob("*/result.json"))
    spans = json.loads(result.read_text())["spans"]
    assert len(spans) == 1 and spans[0]["kind"] == "name"
    start, end = spans[0]["start"], spans[0]["end"]
    assert 3.0 - 0.15 <= start < end <= 5.5 + 0.15, "the name is hidden inside its own line"
    assert tone_share(out[int(start * RATE) : int(end * RATE)]) > 0.5
    assert tone_share(out[int((start - 0.3) * RATE) : int((start - 0.05) * RATE)]) < 0.1


def test_a_recording_over_the_size_limit_is_refused(make_room: RoomMaker, tmp_path: Path) -> None:
    root = room_with_clips(make_room, tmp_path, {"good": clip_yaml("good.pcm.wav")})
    settings = Settings(room_dir=root, cache_dir=tmp_path / "cache", max_clip_megabytes=0.1)
    report = read_room(settings).report
    assert [str(p) for p in report.errors] == [
        "clips/good.yml:5: audio: the recording is 0.19 MB, over the limit of 0.1 MB — cut it to "
        "the moment you want to show"
    ]


def test_published_clips_are_links_of_the_cache_not_copies(
    make_room: RoomMaker, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = room_with_clips(make_room, tmp_path, {"good": clip_yaml("good.pcm.wav")})
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    [published] = (tmp_path / "site/media/clips").iterdir()
    cached = [p for p in (root / ".cache").rglob("*.mp3") if p.samefile(published)]
    assert len(cached) == 1, "the site's clip is the cache's file, linked"
    assert published.stat().st_nlink == 2
    style = tmp_path / "site/assets/customer-room/room.css"
    assert style.stat().st_nlink == 1, "the package's own files are copied, not linked"


def test_a_clip_that_fails_to_encode_fails_the_build_and_keeps_the_previous_site(
    make_room: RoomMaker,
    tmp_path: Path,
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """MP3s are encoded while MkDocs writes the pages: a failure found that late still stops
    the build with one line naming the clip, and the published site stays as it was."""
    import imageio_ffmpeg

    from customer_room import ffmpeg

    root = room_with_clips(make_room, tmp_path, {"good": clip_yaml("good.pcm.wav")})
    site = tmp_path / "site"
    assert cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site)).exit_code == 0
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.mp3"))
    assert len(before) == 1
    (root / "clips/good.yml").write_text(
        clip_yaml("good.pcm.wav", trim="{start: 1.0, end: 5.0}"), encoding="utf-8"
    )
    broken = tmp_path / "ffmpeg-without-mp3"
    broken.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do\n'
        '  if [ "$arg" = libmp3lame ]; then echo "Unknown encoder libmp3lame" >&2; exit 1; fi\n'
        "done\n"
        f'exec "{imageio_ffmpeg.get_ffmpeg_exe()}" "$@"\n'
    )
    broken.chmod(0o755)
    monkeypatch.setenv(ffmpeg.FFMPEG_VARIABLE, str(broken))
    ffmpeg.ffmpeg_path.cache_clear()  # worker processes start from this process
    try:
        result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))
    finally:
        ffmpeg.ffmpeg_path.cache_clear()
    assert result.exit_code == 1
    assert (
        "error: clips/good.pcm.wav: MP3 encoding failed (Unknown encoder libmp3lame)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.mp3")) == before
    assert not list((root / ".cache").rglob("*.mp3.part")), "no half-written MP3 is left"


def test_the_cache_keeps_no_hidden_words(
    make_room: RoomMaker, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """A clip's cached result holds what its page shows: a hidden word is its kind (and the
    punctuation around it), never its text; the page made from the cache is the same."""
    hidden = ("4111-1111-1111-1111", "ada.quill@example.com", "Quillfeather")
    root = room_with_clips(
        make_room,
        tmp_path,
        {"good": clip_yaml("good.pcm.wav", redact_terms="[Quillfeather]")},
    )
    (root / "clips/call.vtt").write_text(
        "WEBVTT\n\n00:00:00.500 --> 00:00:02.500\n<v Agent>Hello, you are through to the bank.\n"
        "\n00:00:03.000 --> 00:00:05.500\n<v Customer>My card is 4111-1111-1111-1111, mail "
        "(ada.quill@example.com) or ask Quillfeather.\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    pages = []
    for build in ("made", "from the cache", "from a cache an earlier version wrote"):
        result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))
        assert result.exit_code == 0, (build, result.stderr)
        pages.append((site / "clips/good/index.html").read_text())
        [stored] = list((root / ".cache").rglob("result.json"))
        data = json.loads(stored.read_bytes())
        assert "card number," in [w["text"] for w in data["transcript"][1]["words"]]
        if build == "from the cache":  # earlier versions kept the hidden words' text
            for word in data["transcript"][1]["words"]:
                word["text"] = word["text"].replace("card number", hidden[0])
            stored.write_text(json.dumps(data))
    assert pages[0] == pages[1] == pages[2]
    lines = re.findall(r'<span class="cr-line__text">(.*?)</span></li>', pages[0])
    assert re.sub(r"<[^>]+>", "", lines[1]) == (
        "My card is [card number], mail ([email address]) or ask [name]."
    )
    cached = [p for p in (root / ".cache").rglob("*") if p.is_file()]
    assert any(p.name == "result.json" for p in cached)
    found = [
        (value, p.relative_to(root).as_posix())
        for p in cached
        for value in hidden
        if value.lower().encode() in p.read_bytes().lower()
    ]
    assert found == []


def test_results_an_earlier_version_left_are_cleaned_once_even_for_clips_gone(
    tmp_path: Path,
) -> None:
    """A clip removed from the room (or held back) keeps its cache folder: an earlier version's
    result there loses its hidden words' text on the next build, once."""
    clips_cache = tmp_path / "clips"
    old = clips_cache / "gone-1234"
    old.mkdir(parents=True)
    words = [
        {"text": "call", "start": 0.0, "end": 0.3, "redacted": None},
        {"text": "Quillfeather.", "start": 0.3, "end": 0.9, "redacted": "name"},
    ]
    turn = {"speaker": "Customer", "start": 0.0, "end": 0.9, "words": words}
    result = {"audio": "gone.mp3", "duration": 1.0, "peaks": [], "spans": [], "transcript": [turn]}
    (old / "result.json").write_text(json.dumps(result))
    clean_old_results(clips_cache)
    cleaned = (old / "result.json").read_text()
    assert "Quillfeather" not in cleaned and '"name."' in cleaned
    (old / "result.json").write_text(json.dumps(result))
    clean_old_results(clips_cache)
    assert "Quillfeather" in (old / "result.json").read_text(), "a clean cache is not read again"
