"""Forced alignment: word times for transcripts that have none, found in the audio itself.

PocketSphinx ships an English acoustic model and dictionary inside its wheel and aligns
offline. Audio must be 16 kHz mono (telephone audio is resampled on decoding). A word the
aligner cannot place keeps no time, and later falls back to the span of its turn.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from .transcript import PII_MARK as PII_TEXT
from .transcript import Transcript, Turn, Word

RATE = 16_000
FRAMES_PER_SECOND = 100
CHUNK = 4096  # bytes fed at a time: one buffer for the whole call loses its final words

_decoder: Any = None


def _new_decoder() -> Any:
    """One decoder per process: loading the model takes longer than aligning a call."""
    global _decoder
    if _decoder is None:
        from pocketsphinx import Decoder

        _decoder = Decoder(
            lm=None, samprate=RATE, loglevel="FATAL", beam=1e-100, wbeam=1e-80, pbeam=1e-100
        )
    return _decoder


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


def align_words(samples: np.ndarray, words: list[Word], offset: float = 0.0) -> int:
    """Give ``words`` start/end times found in ``samples`` (16 kHz mono int16).

    Times are seconds from the start of the recording (``offset`` is where ``samples`` begin).
    When the search gives up part-way (it keeps the path it found so far), the rest of the
    words are aligned again on the rest of the audio. Returns how many words were placed.
    """
    decoder = _new_decoder()
    known = [(w, _token(w)) for w in words if _token(w) and PII_TEXT not in w.text]
    added = False
    for _, token in known:
        if decoder.lookup_word(token) is None:
            decoder.add_word(token, guess_phones(token), True)
            added = True
    placed = 0
    start = 0
    while known and len(samples) - start >= RATE // 10:
        found = _align_once(decoder, samples[start:], known, offset + start / RATE, added)
        if found == 0:
            break
        placed += found
        last = known[found - 1][0]
        known = known[found:]
        start = int(((last.end or 0) - offset) * RATE)
        added = False
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
    if transcript.has_turn_times:
        for turn in transcript.turns:
            if all(w.timed for w in turn.words):
                continue
            assert turn.start is not None and turn.end is not None
            first, last = int(turn.start * RATE), int(turn.end * RATE)
            align_words(samples[first:last], [w for w in turn.words if not w.timed], turn.start)
    else:
        align_words(samples, [w for w in transcript.words if not w.timed])
    fill_gaps(transcript)


def fill_gaps(transcript: Transcript) -> None:
    """Words still without a time take their turn's span; turns take their words' span."""
    for index, turn in enumerate(transcript.turns):
        starts = [w.start for w in turn.words if w.start is not None]
        ends = [w.end for w in turn.words if w.end is not None]
        start = (
            turn.start
            if turn.start is not None
            else (min(starts) if starts else _edge(transcript, index, before=True))
        )
        end = (
            turn.end
            if turn.end is not None
            else (max(ends) if ends else _edge(transcript, index, before=False))
        )
        turn.start, turn.end = start, max(start, end)
        for position, word in enumerate(turn.words):
            if not word.timed:
                word.start, word.end = _between(turn, position)


def _between(turn: Turn, position: int) -> tuple[float | None, float | None]:
    """An unplaced word lies between its placed neighbours; with none, it spans its turn."""
    before = [w.end for w in turn.words[:position] if w.end is not None]
    after = [w.start for w in turn.words[position + 1 :] if w.start is not None]
    if before and after and before[-1] < after[0]:
        return before[-1], after[0]
    return turn.start, turn.end


def _edge(transcript: Transcript, index: int, *, before: bool) -> float:
    """Where an unplaced turn must lie: after the last placed word before it, or before the next."""
    turns: list[Turn] = transcript.turns
    if before:
        for turn in reversed(turns[:index]):
            times = [w.end for w in turn.words if w.end is not None]
            if times:
                return max(times)
        return 0.0
    for turn in turns[index + 1 :]:
        times = [w.start for w in turn.words if w.start is not None]
        if times:
            return min(times)
    ends = [w.end for w in transcript.words if w.end is not None]
    return max(ends) if ends else 0.0
