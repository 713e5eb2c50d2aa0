"""A deterministic synthetic room of any size: N personas (with photos), M calls of a given
length (stereo 8 kHz mu-law, the commonest contact-center export) with timed Transcribe JSON
transcripts and a card number to hide, K quotes, visits and lends. The same arguments always
give the same files, byte for byte.

    .venv/bin/python bench/synthroom.py ROOM --personas 200 --clips 2000 --quotes 5000
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
import soundfile as sf
from PIL import Image

RATE = 8000
VOICES = 8  # distinct voice-band signals; each call is one of them, rolled by a call's own offset
WORDS = [
    "thanks", "account", "payment", "card", "today", "help", "please", "policy", "claim",
    "letter", "morning", "sorted", "great", "waiting", "again", "app", "phone", "bill",
]  # fmt: skip
TONES = ["positive", "positive", "mixed", "neutral", "negative"]
THEMES = ["billing", "app", "claims", "waiting", "trust", "cards", "renewals", "fraud"]
MOMENTS = ["praise", "resolved", "delight", "insight", "frustration"]
INDUSTRIES = ["banking", "insurance", "health care"]


def _voice(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    spectrum = np.fft.rfft(rng.normal(0, 1, n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[(freqs < 250) | (freqs > 3400)] = 0
    voice = np.fft.irfft(spectrum, n)
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 4 * np.arange(n) / RATE) ** 2
    return voice / np.abs(voice).max() * envelope * 0.5


def transcript(seconds: float, seed: int) -> str:
    """Amazon Transcribe JSON: timed words, two speakers, a card number already [PII]."""
    rng = random.Random(seed)
    items = []
    t = 0.5
    for index in range(max(8, int(seconds / 0.4) - 4)):
        word = "[PII]" if 20 <= index < 24 else rng.choice(WORDS)
        items.append(
            {
                "start_time": f"{t:.3f}",
                "end_time": f"{t + 0.3:.3f}",
                "alternatives": [{"content": word}],
                "type": "pronunciation",
                "speaker_label": "spk_0" if (index // 10) % 2 == 0 else "spk_1",
            }
        )
        t += 0.4
    return json.dumps({"results": {"items": items}})


def persona_text(index: int) -> str:
    rng = random.Random(index)
    words = " ".join(rng.choice(WORDS) for _ in range(220))
    return (
        f"---\nname: Person {index:04d}\nsegment: Segment {index % 12}\n"
        f"industry: {INDUSTRIES[index % 3]}\ntagline: I want my {rng.choice(WORDS)} sorted.\n"
        f"photo: photo.jpg\nphoto_alt: A drawn face, number {index}\n"
        f"goals: [Pay on time, Hear back when promised]\n"
        f"frustrations: [Repeating the story]\nvalues: [Being called back]\n"
        f"tags: [{THEMES[index % len(THEMES)]}]\norder: {index}\n---\n{words}\n"
    )


def photo(index: int) -> Image.Image:
    rng = np.random.default_rng(index)
    base = rng.integers(0, 255, size=(3,), dtype=np.uint8)
    pixels = np.tile(base, (600, 600, 1)) + rng.integers(0, 40, size=(600, 600, 3), dtype=np.uint8)
    return Image.fromarray(pixels.astype(np.uint8), "RGB")


def _tone(index: int, personas: int) -> str:
    """Tones in rotation per persona too, so every persona has good moments and bad ones."""
    return TONES[(index + index // max(personas, 1)) % len(TONES)]


def make_room(
    folder: Path, personas: int, clips: int, quotes: int, seconds: float = 60.0
) -> dict[str, int]:
    """Write the room into ``folder`` (created); return what it holds."""
    for part in ("personas", "clips", "content"):
        (folder / part).mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Synthetic room\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - tags\n  - customer-room\n",
        encoding="utf-8",
    )
    for index in range(personas):
        target = folder / "personas" / f"person-{index:04d}"
        target.mkdir(exist_ok=True)
        (target / "persona.md").write_text(persona_text(index), encoding="utf-8")
        photo(index).save(target / "photo.jpg", quality=85)
    voices = [_voice(seconds, seed) for seed in range(VOICES)]
    for index in range(clips):
        agent = np.roll(voices[index % VOICES], index * 37)
        customer = np.roll(voices[(index + 3) % VOICES], index * 53)
        sf.write(
            folder / "clips" / f"call-{index:05d}.wav",
            np.column_stack([agent, customer]),
            RATE,
            subtype="ULAW",
        )
        (folder / "clips" / f"call-{index:05d}.json").write_text(
            transcript(seconds, index), encoding="utf-8"
        )
        (folder / "clips" / f"call-{index:05d}.yml").write_text(
            f"title: Call {index}\npersona: person-{index % max(personas, 1):04d}\n"
            f"moment: {MOMENTS[index % len(MOMENTS)]}\ntone: {_tone(index, personas)}\n"
            f"audio: call-{index:05d}.wav\ntranscript: call-{index:05d}.json\n"
            f"trim: {{start: 0.5, end: {seconds - 0.5}}}\n"
            "channels: {agent: left, customer: right}\n"
            "consent: {reference: CR-1, date: 2026-01-05, scope: benchmark}\n"
            f"tags: [{THEMES[index % len(THEMES)]}]\n",
            encoding="utf-8",
        )
    lines = ["quotes:"]
    rng = random.Random(7)
    for index in range(quotes):
        text = " ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "."
        lines += [
            f"  - id: q-{index:05d}",
            f'    text: "{text} ({index})"',
            f"    persona: person-{index % max(personas, 1):04d}",
            f"    tone: {_tone(index, personas)}",
            f"    themes: [{THEMES[index % len(THEMES)]}, {THEMES[(index * 3) % len(THEMES)]}]",
            "    source: survey",
        ]
    (folder / "content" / "quotes.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    visits = ["visits:"]
    for index in range(max(1, personas // 4)):
        visits += [
            f"  - id: v-{index}",
            f"    visitor: Visitor {index}",
            f"    department: {['Marketing', 'Digital', 'Finance'][index % 3]}",
            f"    date: 2026-{(index % 12) + 1:02d}-{(index % 27) + 1:02d}",
            '    start: "10:00"',
            '    end: "12:00"',
            "    host: Billing team",
        ]
    (folder / "content" / "visits.yml").write_text("\n".join(visits) + "\n", encoding="utf-8")
    lends = ["lending:"]
    for index in range(max(1, personas // 10)):
        month = (index % 12) + 1
        lends += [
            f"  - id: l-{index}",
            f"    agent: Agent {index}",
            "    home_team: Billing line",
            "    host_function: Claims operations",
            f"    start: 2026-{month:02d}-02",
            f"    end: 2026-{month:02d}-20",
        ]
    (folder / "content" / "lending.yml").write_text("\n".join(lends) + "\n", encoding="utf-8")
    return {"personas": personas, "clips": clips, "quotes": quotes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--personas", type=int, default=20)
    parser.add_argument("--clips", type=int, default=100)
    parser.add_argument("--quotes", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    print(make_room(args.folder, args.personas, args.clips, args.quotes, args.seconds))


if __name__ == "__main__":
    main()
