"""People's names found without a list: in every text, at every mention in a call, in the audio;
who may be named; and a leak scan that tells a caller from a colleague of the same name."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result

from audiohelpers import RATE, decode, speak, tone_share, write_recording
from customer_room.content.transcript import Turn, Word
from customer_room.pages.render import transcript_line
from customer_room.privacy.names import NameFinder
from customer_room.privacy.pii import Detector, Said
from customer_room.privacy.privacy_log import Secret
from sitehelpers import scan_site

RoomMaker = Callable[[dict[str, str | bytes]], Path]
PERSONA = "---\nname: Ada Byrne\nsegment: s\ntagline: t\n---\n"
CONSENT = "consent: {reference: CR-1, date: 2026-01-05, scope: internal training}\n"
MKDOCS = (
    "site_name: T\ndocs_dir: content\ntheme: {name: material, font: false}\nplugins:\n"
    "  - search\n  - customer-room:\n      staff_names: [Priya Shah]\n"
)
CALL = [
    ("Agent", "thanks for calling the bank this is priya how can i help"),
    ("Customer", "hello my name is dana okafor and my card is blocked"),
    ("Agent", "thanks dana let me have a look at that."),
    ("Customer", "okay thank you"),
]


def names(text: str, allowed: tuple[str, ...] = (), *, staff: bool = True) -> list[str]:
    hits = Detector(names=NameFinder(allowed)).find(text, Said(by_staff=staff))
    return [h.value for h in hits if h.kind == "name"]


def room_with_call(
    make_room: RoomMaker, call: list[tuple[str, str]], files: dict[str, str | bytes]
) -> Path:
    """A room with one persona and one call (a plain-text transcript, spoken by espeak-ng)."""
    root = make_room(
        {
            "mkdocs.yml": MKDOCS,
            "personas/ada/persona.md": PERSONA,
            "clips/call.txt": "".join(f"{who}: {said}\n" for who, said in call),
            "clips/call.yml": f"title: A call\npersona: ada\nmoment: praise\ntone: positive\n"
            f"audio: call.pcm.wav\ntranscript: call.txt\n{CONSENT}",
            **files,
        }
    )
    write_recording(speak(". ".join(said for _, said in call)), root / "clips/call.pcm.wav")
    return root


def build(cli: Callable[..., Result], root: Path, site: Path) -> Result:
    return cli("build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-06-01")


def site_text(site: Path) -> str:
    return "\n".join(
        p.read_text(errors="replace").lower()
        for p in site.rglob("*")
        if p.suffix in {".html", ".json", ".xml", ".ics"}
    )


def test_a_name_found_once_is_hidden_at_every_mention_of_the_same_text() -> None:
    found = names("My name is Dana Okafor. Yes, Okafor. Thanks, Dana, and thanks Dana again.")
    assert found == ["Dana Okafor", "Okafor", "Dana", "Dana"]


def test_a_mention_of_an_ordinary_word_name_counts_only_where_it_stands_as_a_name() -> None:
    text = "my name is will baker. will the refund come? thanks will"
    assert names(text) == ["will baker", "will"], "only the greeting is a name"


def test_listed_colleagues_are_kept_but_a_caller_sharing_their_name_is_not() -> None:
    assert names("Hi, this is Priya from the cards team.", ("Priya Shah",)) == []
    assert names("this is priya from the cards team", ("Priya Shah",), staff=False) == ["priya"]
    assert names("my name is Priya", ("Priya Shah",), staff=False) == ["Priya"]
    assert names("I spoke to Priya yesterday.", ("Priya Shah",), staff=False) == []
    assert names("this is Sam from the cards team") == ["Sam"], "an unlisted agent is hidden"
    greeting = "Hello, you're through to Lakeside, Shona speaking."
    assert names(greeting, ("Shona Reid",)) == [], "the company is not a name"


def test_a_spelled_name_hides_the_word_it_spells_too() -> None:
    text = "it's hollingsworth h o l l i n g s w o r t h and yes hollingsworth"
    assert names(text) == ["hollingsworth h o l l i n g s w o r t h", "hollingsworth"]


def test_a_hidden_word_keeps_the_punctuation_around_it() -> None:
    turn = Turn("Agent", [Word("Thanks", 0, 1), Word("Dana.", 1, 2, "name"), Word("I", 2, 3)])
    line = transcript_line(turn)
    assert "[name]</span>. <span" in line and "Dana" not in line


def test_a_caller_who_shares_a_visitors_name_is_hidden_and_the_visitor_still_shown(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """The same name, a customer in a call and a colleague on the visits page: the build
    passes, the clip hides it and the visits page shows the colleague."""
    visits = (
        "visits:\n  - visitor: Dana Okafor\n    department: Marketing\n    date: 2026-06-03\n"
        "    start: '10:00'\n    end: '12:00'\n    host: Billing team\n"
    )
    root = room_with_call(make_room, CALL, {"content/visits.yml": visits})
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    clip_page = (site / "clips/call/index.html").read_text().lower()
    assert "okafor" not in clip_page and "dana" not in clip_page and "[name]" in clip_page
    assert "priya" in clip_page, "a listed colleague introducing themselves is kept"
    assert "Dana Okafor" in (site / "visits/index.html").read_text()
    report = json.loads((root / ".customer-room/privacy-report.json").read_text())
    assert report["leaks"] == []


def test_the_leak_scan_looks_for_a_shared_name_on_its_clips_pages_only(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "clips/call").mkdir(parents=True)
    (site / "visits").mkdir()
    (site / "search").mkdir()
    (site / "visits/index.html").write_text("<p>Okafor visits Marketing</p>")
    (site / "clips/call/index.html").write_text("<p>hello [name] and my card</p>")
    index = {"docs": [{"location": "visits/", "text": "Okafor visits"}]}
    (site / "search/search_index.json").write_text(json.dumps(index))
    secrets = {Secret("Okafor", "clips/call")}
    assert scan_site(site, Detector(), secrets, []) == []
    (site / "clips/call/index.html").write_text("<p>hello Okafor and my card</p>")
    assert [leak.path for leak in scan_site(site, Detector(), secrets, [])] == [
        "clips/call/index.html"
    ]
    index["docs"].append({"location": "clips/call/#t", "text": "hello Okafor"})
    (site / "search/search_index.json").write_text(json.dumps(index))
    leaks = {leak.path for leak in scan_site(site, Detector(), secrets, [])}
    assert leaks == {"clips/call/index.html", "search/search_index.json"}


@pytest.mark.parametrize(
    ("page", "leaks"),
    [("Annabel and Lee-Ann", False), ("U4111111111111111", False), ("Ask Ann.", True)],
)
def test_a_hidden_value_inside_another_word_is_not_a_leak(
    tmp_path: Path, page: str, leaks: bool
) -> None:
    (tmp_path / "note.html").write_text(f"<p>{page}</p>")
    found = scan_site(tmp_path, Detector(), {"Ann", "4111 1111 1111 1111"}, [])
    assert bool(found) is leaks


def test_an_escaped_markdown_number_is_hidden_as_the_reader_sees_it(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = make_room({"content/help.md": "# Help\n\nCall 020\\-7946\\-0958 any time.\n"})
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    page = (site / "help/index.html").read_text()
    assert "7946" not in page and "[phone number]" in page


def _transcribe_json(words: list[tuple[str, str, float, float]]) -> str:
    """An Amazon Transcribe result: (speaker, word, start, end) items, a full stop after a word
    that ends in one."""
    items = []
    for speaker, word, start, end in words:
        items.append(
            {
                "type": "pronunciation",
                "start_time": f"{start:.3f}",
                "end_time": f"{end:.3f}",
                "speaker_label": speaker,
                "alternatives": [{"content": word.rstrip(".")}],
            }
        )
        if word.endswith("."):
            items.append({"type": "punctuation", "alternatives": [{"content": "."}]})
    return json.dumps({"jobName": "t", "results": {"transcripts": [], "items": items}})


def _cues(timed: list[tuple[str, str, float, float]]) -> list[tuple[str, float, float, str]]:
    """One cue per turn: (speaker, start, end, words)."""
    cues: list[tuple[str, float, float, str]] = []
    for speaker, word, start, end in timed:
        if cues and cues[-1][0] == speaker:
            who, first, _, said = cues[-1]
            cues[-1] = (who, first, end, f"{said} {word}")
        else:
            cues.append((speaker, start, end, word))
    return cues


def _stamp(seconds: float, comma: bool = False) -> str:
    minutes, rest = divmod(seconds, 60)
    text = f"00:{int(minutes):02d}:{rest:06.3f}"
    return text.replace(".", ",") if comma else text


def _vtt(timed: list[tuple[str, str, float, float]]) -> str:
    label = {"spk_0": "Agent", "spk_1": "Customer"}
    return "WEBVTT\n\n" + "".join(
        f"{_stamp(a)} --> {_stamp(b)}\n<v {label[who]}>{said}\n\n"
        for who, a, b, said in _cues(timed)
    )


def _srt(timed: list[tuple[str, str, float, float]]) -> str:
    label = {"spk_0": "Agent", "spk_1": "Customer"}
    return "".join(
        f"{n}\n{_stamp(a, True)} --> {_stamp(b, True)}\n{label[who]}: {said}\n\n"
        for n, (who, a, b, said) in enumerate(_cues(timed), start=1)
    )


@pytest.mark.parametrize("transcript", ["call.txt", "call.json", "call.vtt", "call.srt"])
def test_a_callers_name_is_hidden_in_the_audio_without_a_list(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path, transcript: str
) -> None:
    """A two-channel call, agent left and customer right, no redact_terms: the name is tone
    wherever either says it (word times from the transcript, or found by forced alignment)."""
    gap = np.zeros(RATE // 5, dtype=np.int16)
    left: list[np.ndarray] = [gap]
    right: list[np.ndarray] = [gap]
    timed: list[tuple[str, str, float, float]] = []
    said: dict[str, tuple[float, float]] = {}
    for who, line in CALL:
        for word in line.split():
            start = sum(len(p) for p in left) / RATE
            voice = speak(word.rstrip("."))
            silent = np.zeros_like(voice)
            left += [voice if who == "Agent" else silent, gap]
            right += [silent if who == "Agent" else voice, gap]
            end = start + len(voice) / RATE
            timed.append(("spk_0" if who == "Agent" else "spk_1", word, start, end))
            said.setdefault(f"{who}:{word.rstrip('.')}", (start, end))
    stereo = np.stack([np.concatenate(left), np.concatenate(right)], axis=1).reshape(-1)
    files: dict[str, str | bytes] = {
        "mkdocs.yml": MKDOCS,
        "personas/ada/persona.md": PERSONA,
        "clips/call.txt": "".join(f"{who}: {line}\n" for who, line in CALL),
        "clips/call.json": _transcribe_json(timed),
        "clips/call.vtt": _vtt(timed),
        "clips/call.srt": _srt(timed),
        "clips/call.yml": f"title: A call\npersona: ada\nmoment: praise\ntone: positive\n"
        f"audio: call.pcm.wav\ntranscript: {transcript}\nchannels: {{agent: left, customer: "
        f"right}}\nspeakers: {{spk_0: Agent, spk_1: Customer}}\n{CONSENT}",
    }
    root = make_room(files)
    write_recording(stereo, root / "clips/call.pcm.wav", channels=2)
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    everything = site_text(site)
    assert "okafor" not in everything and "dana" not in everything
    report = json.loads((root / ".customer-room/privacy-report.json").read_text())
    spans = [s for s in report["audio_spans"]["clips/call.yml"] if s["kind"] == "name"]
    [mp3] = list((site / "media/clips").glob("call-*.mp3"))
    out = decode(mp3)
    for key in ("Customer:dana", "Customer:okafor", "Agent:dana"):
        start, end = said[key]
        assert any(s["start"] <= start + 0.05 and s["end"] >= end - 0.05 for s in spans), key
        assert tone_share(out[int(start * RATE) : int(end * RATE)]) > 0.5, key
    blocked = said["Customer:blocked"]
    assert tone_share(out[int(blocked[0] * RATE) : int(blocked[1] * RATE)]) < 0.2


def test_a_caller_whose_name_is_an_everyday_word_does_not_stop_the_build(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Will Baker calls; the free page says "will" a dozen times: the call hides the name, and
    the leak scan does not take every "will" in the site for it."""
    call = [
        ("Agent", "good morning how can i help"),
        ("Customer", "hi my name is will baker and my card is blocked"),
        ("Agent", "thanks will i will sort that out now"),
    ]
    help_page = "# Help\n\nWill the refund arrive? We will call you back.\n"
    root = room_with_call(make_room, call, {"content/help.md": help_page})
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    clip_page = re.sub(r"<[^>]+>", "", (site / "clips/call/index.html").read_text().lower())
    assert "baker" not in clip_page and "thanks will" not in clip_page
    assert "thanks [name] i will sort that out" in clip_page, "the verb stays"
    assert "Will the refund arrive?" in (site / "help/index.html").read_text()


def test_a_word_the_transcription_service_hid_shows_one_marker() -> None:
    turn = Turn("Customer", [Word("it's", 0, 1), Word("[PII].", 1, 2, "personal data")])
    line = transcript_line(turn)
    assert "[[" not in line and "]]" not in line
    assert "[personal data]</span>." in line


def test_a_speakers_name_in_the_transcript_is_hidden_and_a_quote_is_the_callers(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A transcript that labels its speakers by name ("Dana:"), and a customer quote in which
    the caller shares a colleague's given name: the caller's label and name are hidden on the
    clip page, in the search index and in the kiosk data; the listed colleague's label stays."""
    call = [
        ("Priya Shah", "thanks for calling the bank how can i help"),
        ("Dana Okafor", "hello my card is blocked"),
        ("Priya Shah", "let me have a look at that"),
    ]
    quotes = (
        'quotes:\n  - text: "My name is Priya and the app sorted it in two taps."\n'
        "    persona: ada\n    tone: positive\n    source: review\n"
    )
    root = room_with_call(make_room, call, {"content/quotes.yml": quotes})
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    everything = site_text(site)
    assert "dana" not in everything and "okafor" not in everything
    clip_page = (site / "clips/call/index.html").read_text()
    assert re.search(r'cr-line__speaker"><span class="cr-redacted"[^>]*>\[name\]', clip_page)
    assert 'cr-line__speaker">Priya Shah</span>' in clip_page, "a listed colleague stays"
    assert "my name is [name] and the app sorted it" in everything, "the caller's own name"
    report = json.loads((root / ".customer-room/privacy-report.json").read_text())
    assert report["leaks"] == []


def test_every_field_a_reader_sees_is_read_for_names(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Tags, themes, a persona's segment and a reading list's note reach the site as text:
    a customer's name in them is hidden like anywhere else, and a name found in a quote's
    words is hidden in its themes too."""
    quotes = (
        'quotes:\n  - text: "The app sorted it in two taps."\n    persona: ada\n'
        "    tone: positive\n    source: review\n    themes: [Kwame Mensah complaint]\n"
        '  - text: "Anyway, Yusuf phoned back and fixed it."\n    persona: ada\n'
        "    tone: positive\n    source: call\n    themes: [mortgages, Yusuf]\n"
    )
    onboarding = (
        "title: Reading\nsections:\n  - title: Week 1\n    items:\n"
        "      - url: https://intranet.example/guide\n        title: Guide\n"
        "        note: Ask for Mrs Okonkwo-Reyes, the customer who wrote it up.\n"
    )
    root = room_with_call(
        make_room, CALL, {"content/quotes.yml": quotes, "content/onboarding.yml": onboarding}
    )
    clip = root / "clips/call.yml"
    clip.write_text(clip.read_text() + "tags: [Dana Okafor, billing]\n")
    persona = root / "personas/ada/persona.md"
    persona.write_text(persona.read_text().replace("segment: s", "segment: Lives with Maria Lopez"))
    site = tmp_path / "site"
    result = build(cli, root, site)
    assert result.exit_code == 0, result.stderr
    everything = site_text(site)
    for name in ("okafor", "mensah", "okonkwo", "lopez", "yusuf"):
        assert name not in everything, name
    assert "billing" in everything and "complaint" in everything


def test_a_persona_name_in_a_list_of_terms_is_refused_at_the_term(
    make_room: RoomMaker, cli: Callable[..., Result]
) -> None:
    root = room_with_call(make_room, CALL, {})
    clip = root / "clips/call.yml"
    clip.write_text(clip.read_text() + "redact_terms: [okafor, byrne]\n")
    result = cli("check", "-f", str(root / "mkdocs.yml"))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "persona's name" in line]
    assert lines == [
        "error: clips/call.yml:8: redact_terms: term 2 of the list is a persona's name "
        "(personas/ada/persona.md) — a persona's name is shown on their page, so hiding it "
        "would stop every build: take it out of the list (a persona is a composite, not the "
        "caller), or give the persona another name"
    ]
    assert "byrne" not in result.stderr.lower()


def test_a_hidden_value_shown_in_the_site_says_where_it_was_hidden_and_what_shows_it(
    make_room: RoomMaker, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Never the value: the clip and turn it was hidden in, and the content file and line
    that put it in the site, in the build's lines and in the privacy report."""
    call = [*CALL[:3], ("Customer", "i farm out near hartwell so the signal is bad")]
    root = room_with_call(
        make_room,
        call,
        {"mkdocs.yml": MKDOCS.replace("site_name: T", "site_name: Hartwell Mutual")},
    )
    clip = root / "clips/call.yml"
    clip.write_text(clip.read_text() + "redact_terms: [Hartwell]\n")
    result = build(cli, root, tmp_path / "site")
    assert result.exit_code == 1, (tmp_path / "site/notes/index.html").read_text()[-3000:]
    leaks = [line for line in result.stderr.splitlines() if "is shown in the built site" in line]
    assert len(leaks) == 1, leaks  # one line for every page the site's name is on
    (line,) = leaks
    pages = sorted(
        str(p.relative_to(tmp_path / "site")) for p in (tmp_path / "site").rglob("*.html")
    )
    assert re.fullmatch(
        r"error: \S+ \(and (\d+) other files\): a value hidden in clips/call.yml \(turn 4 "
        r"of the call\) is shown in the built site, put there by mkdocs.yml:1 \(site_name\) — "
        r"nothing was published; hide it there too, or, if it may be shown \(a persona's name, "
        r"a team's\), take it out of what is hidden",
        line,
    ), line
    assert "hartwell" not in result.stderr.lower()
    report = json.loads((root / ".customer-room/privacy-report.json").read_text())
    (said,) = [leak for leak in report["leaks"] if leak["kind"] == "a value that was redacted"]
    assert said["hidden_in"] == "clips/call.yml (turn 4 of the call)"
    assert said["shown_by"] == "mkdocs.yml:1 (site_name)"
    assert set(pages) <= {said["file"], *said["also_in"]} | {"sitemap.xml"}
    assert "hartwell" not in json.dumps(report).lower()
