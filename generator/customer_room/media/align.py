"""Forced alignment: word times for transcripts that have none, found in the audio itself.

PocketSphinx ships an English acoustic model and dictionary inside its wheel and aligns
offline. Audio must be 16 kHz mono (telephone audio is resampled on decoding). A word the
aligner cannot place keeps no time, and later falls back to the span of its turn.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from ..content.transcript import PII_MARK as PII_TEXT
from ..content.transcript import Transcript, Word

RATE = 16_000
FRAMES_PER_SECOND = 100
CHUNK = 4096  # bytes fed at a time: one buffer for the whole call loses its final words


def new_decoder() -> Any:
    """A fresh aligner for one call (0.1 s to load): words added for one call never change how
    another is aligned, so a clip aligns the same whatever was aligned before it."""
    from pocketsphinx import Decoder

    return Decoder(lm=None, samprate=RATE, loglevel="FATAL", beam=1e-100, wbeam=1e-80, pbeam=1e-100)


_DIGRAPHS = {
    "ph": "F",
    "sh": "SH",
    "ch": "CH",
    "th": "TH",
    "ng": "NG",
    "ck": "K",
    "ee": "IY",
    "ea": "IY",
    "oo": "UW",
    "ou": "AW",
    "ai": "EY",
    "ay": "EY",
    "oa": "OW",
    "ie": "IY",
    "qu": "K W",
    "wh": "W",
    "kn": "N",
    "gh": "G",
}
_LETTERS = {
    "a": "AE",
    "b": "B",
    "c": "K",
    "d": "D",
    "e": "EH",
    "f": "F",
    "g": "G",
    "h": "HH",
    "i": "IH",
    "j": "JH",
    "k": "K",
    "l": "L",
    "m": "M",
    "n": "N",
    "o": "AA",
    "p": "P",
    "q": "K",
    "r": "R",
    "s": "S",
    "t": "T",
    "u": "AH",
    "v": "V",
    "w": "W",
    "x": "K S",
    "y": "IY",
    "z": "Z",
}


def _token(word: Word) -> str:
    return re.sub(r"[^a-z']", "", word.text.lower())


def guess_phones(token: str) -> str:
    """A rough pronunciation for a word the dictionary lacks (names, places).

    It needs only to be close enough for the aligner to account for that stretch of audio:
    a word left out of the text makes the whole alignment fail.
    """
    letters = token.replace("'", "")
    phones = []
    index = 0
    while index < len(letters):
        pair = letters[index : index + 2]
        if pair in _DIGRAPHS:
            phones.append(_DIGRAPHS[pair])
            index += 2
            continue
        if index + 1 < len(letters) and letters[index] == letters[index + 1]:
            index += 1
            continue
        phones.append(_LETTERS.get(letters[index], ""))
        index += 1
    return " ".join(p for p in phones if p) or "AH"


def align_words(
    samples: np.ndarray, words: list[Word], offset: float = 0.0, decoder: Any = None
) -> int:
    """Give ``words`` start/end times found in ``samples`` (16 kHz mono int16).

    Times are seconds from the start of the recording (``offset`` is where ``samples`` begin).
    When the search gives up part-way (it keeps the path it found so far), the rest of the
    words are aligned again on the rest of the audio. Returns how many words were placed.
    """
    decoder = decoder if decoder is not None else new_decoder()
    known = [(w, _token(w)) for w in words if _token(w) and PII_TEXT not in w.text]
    added = False
    for _, token in known:
        if decoder.lookup_word(token) is None:
            decoder.add_word(token, guess_phones(token), True)
            added = True
    placed = 0
    start = 0
    anchored = False
    while known and len(samples) - start >= RATE // 10:
        found = _align_once(decoder, samples[start:], known, offset + start / RATE, added)
        added = False
        new = found - (1 if anchored and found else 0)
        if new <= 0:
            break
        placed += new
        if found == len(known):
            break
        # Search the rest again from the last word placed (re-placing it too): the place where
        # a search gave up is seldom a clean cut between words.
        anchor = known[found - 1][0]
        known = known[found - 1 :]
        anchored = True
        start = max(0, int(((anchor.start or offset) - offset - 0.05) * RATE))
    return placed


def _align_once(
    decoder: Any, samples: np.ndarray, known: list[tuple[Word, str]], offset: float, added: bool
) -> int:
    """One search; the words placed, in order from the first (the leading run that matched)."""
    text = " ".join(t for _, t in known)
    # Trailing silence lets the search close on the last word instead of dropping it; a faint
    # dither keeps digital silence (exact zeros) from upsetting the feature normalisation.
    padded = np.concatenate([samples.astype(np.int16), np.zeros(RATE, dtype=np.int16)])
    dither = np.random.default_rng(0).integers(-3, 4, len(padded), dtype=np.int16)
    data = (padded + dither).astype("<i2").tobytes()
    # The first search after words were added to the dictionary goes wrong without saying so
    # (it ends early): after an addition, search twice and keep the second.
    found = False
    for _ in range(2 if added else 1):
        found = _search(decoder, text, data)
    if not found:
        return 0
    placed = 0
    for seg in decoder.seg():
        name = seg.word.split("(")[0]
        if name.startswith(("<", "[")) or placed == len(known):
            continue
        if name != known[placed][1]:
            break
        word = known[placed][0]
        word.start = offset + seg.start_frame / FRAMES_PER_SECOND
        word.end = offset + (seg.end_frame + 1) / FRAMES_PER_SECOND
        placed += 1
    return placed


def _search(decoder: Any, text: str, data: bytes) -> bool:
    try:
        decoder.set_align_text(text)
        decoder.start_utt()
        for index in range(0, len(data), CHUNK):
            decoder.process_raw(data[index : index + CHUNK], no_search=False, full_utt=False)
        decoder.end_utt()
    except RuntimeError:
        return False
    return decoder.hyp() is not None


def align_transcript(transcript: Transcript, samples: np.ndarray) -> None:
    """Fill in missing word times: per cue where cues are timed, else over the whole call."""
    decoder = new_decoder()
    if transcript.has_turn_times:
        for turn in transcript.turns:
            if all(w.timed for w in turn.words):
                continue
            assert turn.start is not None and turn.end is not None
            first, last = int(turn.start * RATE), int(turn.end * RATE)
            align_words(
                samples[first:last], [w for w in turn.words if not w.timed], turn.start, decoder
            )
    else:
        align_words(samples, [w for w in transcript.words if not w.timed], decoder=decoder)
    fill_gaps(transcript, len(samples) / RATE)


def fill_gaps(transcript: Transcript, duration: float | None = None) -> None:
    """Give every word and turn a time span.

    A word the aligner could not place lies, in order, between the placed words around it (and
    within its cue where cues are timed): it takes that whole stretch, which surely holds it.
    A turn without times takes the span of its words.
    """
    pairs = [(turn, word) for turn in transcript.turns for word in turn.words]
    placed = [word.timed for _, word in pairs]
    after: list[float | None] = [None] * len(pairs)
    upcoming: float | None = duration
    for index in range(len(pairs) - 1, -1, -1):
        after[index] = upcoming
        if placed[index]:
            upcoming = pairs[index][1].start
    previous = 0.0
    for index, (turn, word) in enumerate(pairs):
        if placed[index]:
            previous = word.end if word.end is not None else previous
            continue
        start = max(previous, turn.start) if turn.start is not None else previous
        end = after[index] if after[index] is not None else start
        if turn.end is not None:
            end = min(end, turn.end) if end is not None and end > start else turn.end
        word.start, word.end = start, max(start, end if end is not None else start)
    for turn in transcript.turns:
        if turn.words:
            if turn.start is None:
                turn.start = min(w.start for w in turn.words if w.start is not None)
            if turn.end is None:
                turn.end = max(w.end for w in turn.words if w.end is not None)
            turn.end = max(turn.end, turn.start)
