"""The privacy guard end to end: consent, redaction in every text, the leak scan, the report."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result
from PIL import Image

from audiohelpers import RATE, decode, speak, speechlike, tone_share, write_recording
from conftest import ENGINES, jpeg_with_metadata, tree_digest, write_files
from counting import CountingDetector
from customer_room.cache import FileDigests
from customer_room.media.dtmf import COLUMNS, ROWS
from customer_room.privacy.names import NameFinder
from customer_room.privacy.pii import Detector
from customer_room.privacy.room_detector import is_a_name
from sitehelpers import scan_site

RoomMaker = Callable[[dict[str, str | bytes]], Path]
CARD = "4111 1111 1111 1111"
PERSONA = "---\nname: Ada Byrne\nsegment: s\ntagline: t\n---\n"
CONSENT = "consent: {reference: CR-1, date: 2026-01-05, scope: internal training}\n"


def clip(audio: str, transcript: str, extra: str = CONSENT) -> str:
    return (
        f"title: A call\npersona: ada\nmoment: praise\ntone: positive\naudio: {audio}\n"
        f"transcript: {transcript}\n{extra}"
    )


def build(cli: Callable[..., Result], root: Path, site: Path, *args: str) -> Result:
    return cli(
        "build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-06-01", *args
    )


def test_personal_data_is_replaced_everywhere_and_reported_without_values(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = make_room(
        {
            "personas/ada/persona.md": "---\nname: Ada Byrne\nsegment: s\ntagline: Call me on "
            "07700 900123\n---\nAda lives at 12 Harbour Row, EH1 2NG.\n",
            "content/quotes.yml": f"quotes:\n  - text: My card is {CARD} and my email is "
            "ada@example.com\n    tone: negative\n    source: call\n",
            "content/help.md": "# Help\n\nWrite to jo.bloggs@example.com or call "
            "+44 7700 900456.\n",
        }
    )
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    everything = "\n".join(
        p.read_text(errors="replace")
        for p in site.rglob("*")
        if p.suffix in {".html", ".json", ".xml"}
    )
    for value in (
        CARD,
        "ada@example.com",
        "07700 900123",
        "12 Harbour Row",
        "EH1 2NG",
        "jo.bloggs@example.com",
        "7700 900456",
    ):
        assert value not in everything, value
    wall = (site / "quotes/index.html").read_text()
    assert "[card number]" in wall and "[email address]" in wall
    report_path = root / ".customer-room/privacy-report.json"
    assert not str(report_path).startswith(str(site))
    report_text = report_path.read_text()
    report = json.loads(report_text)
    assert report["redactions_by_kind"] == {
        "phone number": 2,
        "street address": 1,
        "postcode": 1,
        "card number": 1,
        "email address": 2,
    }
    assert report["files"]["content/quotes.yml"]["counts"] == {"card number": 1, "email address": 1}
    for value in (CARD, "ada@example.com", "900123", "Harbour"):
        assert value not in report_text
    assert "Privacy: 0 clips published, 0 held back; redactions:" in result.stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_a_number_that_slips_past_redaction_fails_the_build(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path, engine: str
) -> None:
    # Emphasis splits the number in the Markdown; the rendered page joins it up again.
    root = make_room({"content/story.md": "# Story\n\nThe card was 4111 1111 **1111** 1111.\n"})
    site = tmp_path / "site"
    good = write_files(tmp_path / "good", {"content/quotes.yml": "quotes: []\n"})
    assert build(cli, good, site, "--engine", engine).exit_code == 0
    before = tree_digest(site)
    result = build(cli, root, site, "--engine", engine)
    assert result.exit_code == 1
    assert "error: story/index.html: card number found in the built site" in result.stderr
    index = "search/search_index.json" if engine == "mkdocs" else "search.json"
    assert f"error: {index}: card number found" in result.stderr
    assert "1111" not in result.stderr.replace("4111 1111 **1111**", "")
    assert tree_digest(site) == before, "the previous site is untouched"
    report = json.loads((root / ".customer-room/privacy-report.json").read_text())
    assert {"file": "story/index.html", "kind": "card number"} in report["leaks"]


def test_clips_without_consent_are_left_out_and_never_processed(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = make_room(
        {
            "personas/ada/persona.md": PERSONA,
            "clips/call.vtt": "WEBVTT\n\n00:00:00.500 --> 00:00:02.500\n<v Agent>Hello there.\n",
            "clips/ok.yml": clip("call.pcm.wav", "call.vtt"),
            "clips/none.yml": clip("call.pcm.wav", "call.vtt", extra=""),
            "clips/old.yml": clip(
                "call.pcm.wav", "call.vtt", extra=CONSENT + "publish_until: 2026-05-31\n"
            ),
            "clips/gone.yml": clip(
                "call.pcm.wav", "call.vtt", extra=CONSENT.replace("}", ", withdrawn: true}")
            ),
        }
    )
    write_recording(speechlike(3), root / "clips/call.pcm.wav")
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    # The three clips left out, and the clip cards printed without QR codes (no site_url).
    assert len(warnings) == 4
    assert any("site_url: the clip cards are printed without QR codes" in w for w in warnings)
    assert any("clips/none.yml: consent: left out of the site (no consent)" in w for w in warnings)
    assert any(
        "clips/old.yml: publish_until: left out of the site (past publish-until)" in w
        for w in warnings
    )
    assert any(
        "clips/gone.yml: consent: left out of the site (consent withdrawn)" in w for w in warnings
    )
    assert sorted(p.name for p in (site / "clips").iterdir()) == ["index.html", "ok"]
    assert len(list((root / ".cache/customer-room/clips").iterdir())) == 1, "only one processed"
    assert "1 clip published, 3 held back" in result.stdout
    strict = build(cli, root, tmp_path / "strict", "--strict")
    assert strict.exit_code == 1


def privacy_line(output: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith("Privacy:")]
    return line


def clip_room(make_room: RoomMaker, files: dict[str, str | bytes]) -> Path:
    """A room with one clip that may be published, and ``files``."""
    root = make_room(
        {
            "personas/ada/persona.md": PERSONA,
            "clips/call.vtt": "WEBVTT\n\n00:00:00.500 --> 00:00:02.500\n<v Agent>Hello there.\n",
            "clips/ok.yml": clip("call.pcm.wav", "call.vtt"),
            **files,
        }
    )
    write_recording(speechlike(3), root / "clips/call.pcm.wav")
    return root


@pytest.mark.parametrize("engine", ENGINES)
def test_a_build_stopped_by_the_leak_scan_says_nothing_was_published(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path, engine: str
) -> None:
    root = clip_room(
        make_room, {"content/story.md": "# Story\n\nThe card was 4111 1111 **1111** 1111.\n"}
    )
    result = build(cli, root, tmp_path / "site", "--verbose", "--engine", engine)
    assert result.exit_code == 1
    line = privacy_line(result.stderr)
    assert line.startswith("Privacy: nothing published (the build failed); 1 clip was ready, ")
    report = json.loads((root / ".customer-room/privacy-report.json").read_text())
    assert report["summary"] == line
    assert report["clips"]["published"] == 0


def test_the_privacy_line_says_what_was_published_and_what_would_be(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = clip_room(make_room, {"clips/none.yml": clip("call.pcm.wav", "call.vtt", extra="")})
    config = str(root / "mkdocs.yml")
    check = cli("check", "-f", config, "--today", "2026-06-01")
    assert privacy_line(check.stdout) == (
        "Privacy: 1 clip would be published, 1 held back (1 no consent); redactions: none"
    )
    built = build(cli, root, tmp_path / "site")
    assert built.exit_code == 0, built.stderr
    assert privacy_line(built.stdout) == (
        "Privacy: 1 clip published, 1 held back (1 no consent); redactions: none"
    )
    report_path = root / ".customer-room/privacy-report.json"
    assert json.loads(report_path.read_text())["clips"]["published"] == 1
    # --strict fails on the warning about the clip held back, after the leak scan.
    strict = build(cli, root, tmp_path / "strict", "--strict", "--verbose")
    assert strict.exit_code == 1
    assert privacy_line(strict.stderr) == (
        "Privacy: nothing published (the build failed); 1 clip was ready, 1 held back "
        "(1 no consent); redactions: none"
    )
    assert json.loads(report_path.read_text())["clips"]["published"] == 0


def test_leak_scan_finds_recordings_and_photo_metadata(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "media").mkdir(parents=True)
    source = write_recording(speechlike(2), tmp_path / "call.pcm.wav")
    (site / "media/copy.wav").write_bytes(source.read_bytes())
    (site / "media/face.jpg").write_bytes(jpeg_with_metadata())
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "PNG")
    (site / "media/clean.png").write_bytes(buffer.getvalue())
    (site / "page.html").write_text("<p>Reach me at <b>jo@example.com</b></p>")
    leaks = [str(leak) for leak in scan_site(site, Detector(), {"Okafor"}, [source])]
    assert leaks == [
        "media/copy.wav: a source recording found in the built site — nothing was published; "
        "find where it comes from in the content and hide it",
        "media/face.jpg: photo metadata (EXIF, XMP, IPTC or a comment) found in the built site —"
        " nothing was published; find where it comes from in the content and hide it",
        "page.html: email address found in the built site — nothing was published; find where "
        "it comes from in the content and hide it",
    ]
    (site / "page.html").write_text("<p>Mrs OKAFOR called.</p>")
    assert [leak.kind for leak in scan_site(site, Detector(), {"Okafor"}, [])][-1] == (
        "a value that was redacted"
    )


def keypress(row: int, column: int, seconds: float = 0.09) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    tone = np.sin(2 * np.pi * ROWS[row] * t) + np.sin(2 * np.pi * COLUMNS[column] * t)
    return (tone * 0.3 * 32767).astype(np.int16)


def test_spoken_and_typed_card_numbers_are_hidden_in_the_audio(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A caller reads a card number aloud, then types one on the keypad: both become tone."""
    gap = np.zeros(RATE // 4, dtype=np.int16)
    said = "my card number is four one one one one one one one one one one one one one one one"
    parts, spoken_span = [gap, speak("thanks for calling the bank"), gap], None
    start = sum(len(p) for p in parts) / RATE
    speech = speak(said)
    parts += [speech, gap, np.zeros(RATE, dtype=np.int16)]
    spoken_span = (start, start + len(speech) / RATE)
    typed_start = sum(len(p) for p in parts) / RATE
    for digit in range(8):
        parts += [keypress(digit % 4, (digit * 3) % 3), np.zeros(RATE // 10, dtype=np.int16)]
    typed_end = sum(len(p) for p in parts) / RATE
    parts += [speak("thank you that is all done"), gap]
    root = make_room(
        {
            "personas/ada/persona.md": PERSONA,
            "clips/call.txt": f"Agent: thanks for calling the bank\nCustomer: {said}\n"
            "Agent: thank you that is all done\n",
            "clips/card.yml": clip("call.pcm.wav", "call.txt"),
        }
    )
    write_recording(np.concatenate(parts), root / "clips/call.pcm.wav")
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    page = (site / "clips/card/index.html").read_text()
    assert "four one one" not in page and "[card number]" in page
    report = json.loads((root / ".customer-room/privacy-report.json").read_text())
    spans = report["audio_spans"]["clips/card.yml"]
    kinds = {s["kind"] for s in spans}
    assert kinds == {"card number", "keypad tones"}
    [mp3] = list((site / "media/clips").glob("card-*.mp3"))
    out = decode(mp3)
    for span in spans:
        assert tone_share(out[int(span["start"] * RATE) : int(span["end"] * RATE)]) > 0.5
    typed = [s for s in spans if s["kind"] == "keypad tones"]
    assert len(typed) == 8, "each key press is found"
    assert typed[0]["start"] <= typed_start and typed[-1]["end"] >= typed_end - 0.1
    card = next(s for s in spans if s["kind"] == "card number")
    # The digits are the last 16 words of the sentence: the span covers that part of it.
    assert spoken_span[0] < card["start"] < card["end"] <= spoken_span[1] + 0.2


@pytest.mark.parametrize("option", ["phone_region", "redact_terms", "redact_patterns"])
def test_room_wide_privacy_options(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path, option: str
) -> None:
    settings = {
        "phone_region": ("      phone_region: US\n", "Call (202) 555-0143 today.", "phone number"),
        "redact_terms": (
            "      redact_terms: [Fenwick]\n",
            "Ask Mrs FENWICK at reception.",
            "name",
        ),
        "redact_patterns": (
            "      redact_patterns: [{kind: member number, pattern: 'MBR-\\d{6}'}]\n",
            "Member MBR-123456 called.",
            "member number",
        ),
    }[option]
    yml = (
        "site_name: T\ndocs_dir: content\ntheme: {name: material, font: false}\nplugins:\n"
        "  - search\n  - customer-room:\n" + settings[0]
    )
    root = make_room({"mkdocs.yml": yml, "content/note.md": f"# Note\n\n{settings[1]}\n"})
    result = build(cli, root, tmp_path / "site")
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "site/note/index.html").read_text()
    assert f"[{settings[2]}]" in page


def test_leak_scan_reads_json_text_but_not_the_sites_own_file_addresses(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "kiosk").mkdir(parents=True)
    (site / "kiosk" / "data.json").write_text(
        '{"photo": "../media/photos/person-0025-47725965-320.webp", "text": "Fine, thanks."}',
        encoding="utf-8",
    )
    assert scan_site(site, Detector(), set(), []) == []
    (site / "kiosk" / "data.json").write_text(
        '{"photo": "../media/a.webp", "text": "Ring me on 07700 900123."}', encoding="utf-8"
    )
    assert [leak.kind for leak in scan_site(site, Detector(), set(), [])] == ["phone number"]


def test_leak_scan_remembers_clean_records_and_rescans_only_a_changed_one(tmp_path: Path) -> None:
    site, memory = tmp_path / "site", tmp_path / "scan-memory.json"
    site.mkdir()
    docs = [{"location": f"p{n}/", "text": f"Page {n} says thanks."} for n in range(50)]
    index = site / "search_index.json"
    index.write_text(json.dumps({"docs": docs}), encoding="utf-8")
    first = CountingDetector()
    assert scan_site(site, first, set(), [], memory_file=memory) == []
    assert len(first.texts) == 50
    unchanged = CountingDetector()
    assert scan_site(site, unchanged, set(), [], memory_file=memory) == []
    assert unchanged.texts == [], "an unchanged file is not read again"
    docs[7]["text"] = "Ring me on 07700 900123."
    index.write_text(json.dumps({"docs": docs}), encoding="utf-8")
    second = CountingDetector()
    leaks = scan_site(site, second, set(), [], memory_file=memory)
    assert [leak.kind for leak in leaks] == ["phone number"]
    assert second.texts == ["p7/\nRing me on 07700 900123."], "only the changed record is read"
    docs[7]["text"] = "Page 7 says thanks again."
    index.write_text(json.dumps({"docs": docs}), encoding="utf-8")
    assert scan_site(site, CountingDetector(), set(), [], memory_file=memory) == []


def test_leak_scan_reads_a_linked_media_file_again_once_it_changed(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "media").mkdir(parents=True)
    cache.mkdir()
    source = write_recording(speechlike(2), tmp_path / "call.pcm.wav")
    (cache / "clip.mp3").write_bytes(b"\xff\xfb" + bytes(4000))
    (site / "media/clip.mp3").hardlink_to(cache / "clip.mp3")
    digests = FileDigests(cache / "digests.json")

    def scan() -> list[str]:
        return [
            leak.kind
            for leak in scan_site(
                site,
                Detector(),
                set(),
                [source],
                memory_file=cache / "memory.json",
                digest_of=digests.of,
                linked_from={"media/clip.mp3": cache / "clip.mp3"},
            )
        ]

    assert scan() == [] and scan() == []
    (site / "media/clip.mp3").write_bytes(source.read_bytes())  # in place: the cache's file too
    assert scan() == ["a source recording"]


def test_leak_scan_reads_json_that_only_pythons_reader_accepts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "data.json").write_text(
        '{"score": NaN, "text": "Ring me on 07700 900123."}', encoding="utf-8"
    )
    assert [leak.kind for leak in scan_site(site, Detector(), set(), [])] == ["phone number"]


def test_encoded_silence_is_no_copy_of_the_source_but_a_stretch_of_sound_is(
    tmp_path: Path,
) -> None:
    """A 64 kbit/s MP3 recording that ends in digital silence, and a published clip that
    ends in the same silence: the encoder writes the same silent frames into both, byte for
    byte, and that is no copy. A stretch of the recording's sound in a file is."""
    silence = np.zeros(5 * RATE, dtype=np.int16)
    source = write_recording(np.concatenate([speechlike(6, seed=1), silence]), tmp_path / "a.mp3")
    clip = write_recording(np.concatenate([speechlike(6, seed=3), silence]), tmp_path / "b.mp3")
    original, published = source.read_bytes(), clip.read_bytes()
    tail = original[-4096:]
    assert tail in published, "the silent frames are the same bytes in both files"
    site = tmp_path / "site"
    (site / "media").mkdir(parents=True)
    (site / "media/clip.mp3").write_bytes(published)
    assert scan_site(site, Detector(), set(), [source]) == []
    middle = len(original) // 3
    (site / "media/copy.mp3").write_bytes(published[:2000] + original[middle : middle + 9000])
    assert [(leak.path, leak.kind) for leak in scan_site(site, Detector(), set(), [source])] == [
        ("media/copy.mp3", "a source recording")
    ]


ALLOW = ["help@lakeside.example", "+44 20 7946 0000", "Moira Campbell"]


def test_the_allow_list_lets_a_mailbox_a_switchboard_and_a_name_through() -> None:
    detector = Detector(
        "GB",
        names=NameFinder([a for a in ALLOW if is_a_name(a)]),
        allowed=[a for a in ALLOW if not is_a_name(a)],
    )
    text = (
        "Write to HELP@Lakeside.example or ring the switchboard on 020 7946 0000 "
        "(from abroad +442079460000). Moira Campbell runs the team. My own number is "
        "07700 900123 and my email is ann.lee@example.org."
    )
    found = {(hit.kind, hit.value) for hit in detector.find(text)}
    assert {value for _, value in found} == {"07700 900123", "ann.lee@example.org"}
    assert Detector("GB").find("ring 020 7946 0000"), "without the list it is a phone number"


def test_allowed_values_are_published_and_the_rest_still_hidden(
    make_room: Callable[[dict[str, str | bytes]], Path],
    cli: Callable[..., Result],
    tmp_path: Path,
) -> None:
    plugin = "  - customer-room:\n      allow: ['help@lakeside.example', '020 7946 0000']\n"
    root = make_room(
        {
            "mkdocs.yml": "site_name: T\ndocs_dir: content\ntheme: {name: material, font: false}\n"
            "plugins:\n  - search\n" + plugin,
            "content/contact.md": "---\ntitle: Contact\n---\n\n# Contact\n\nThe team mailbox is "
            "help@lakeside.example and the switchboard +44 20 7946 0000. A caller left "
            "07700 900123.\n",
        }
    )
    result = cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "site/contact/index.html").read_text()
    assert "help@lakeside.example" in page and "+44 20 7946 0000" in page
    assert "07700 900123" not in page and "phone number removed" in page
