"""Forced alignment: word times for transcripts that have none, found in the audio itself.

PocketSphinx ships an English acoustic model and dictionary inside its wheel and aligns
offline. Audio must be 16 kHz mono (telephone audio is resampled on decoding). A word the
aligner cannot place keeps no time, and later falls back to the span of its turn.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

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


def _token(word: Word) -> str:
    return re.sub(r"[^a-z']", "", word.text.lower())


def align_words(samples: np.ndarray, words: list[Word], offset: float = 0.0) -> int:
    """Give ``words`` start/end times found in ``samples`` (16 kHz mono int16).

    Times are seconds from the start of the recording (``offset`` is where ``samples`` begin).
    Returns how many words were placed.
    """
    decoder = _new_decoder()
    known = [(w, _token(w)) for w in words if not w.redacted and _token(w)]
    known = [(w, t) for w, t in known if decoder.lookup_word(t) is not None]
    if not known or len(samples) < RATE // 10:
        return 0
    try:
        decoder.set_align_text(" ".join(t for _, t in known))
        decoder.start_utt()
        data = samples.astype("<i2").tobytes()
        for index in range(0, len(data), CHUNK):
            decoder.process_raw(data[index : index + CHUNK], no_search=False, full_utt=False)
        decoder.end_utt()
    except RuntimeError:
        return 0
    if decoder.hyp() is None:
        return 0
    placed = 0
    queue = iter(known)
    pending = next(queue, None)
    for seg in decoder.seg():
        name = seg.word.split("(")[0]
        if name.startswith(("<", "[")) or pending is None:
            continue
        if name == pending[1]:
            pending[0].start = offset + seg.start_frame / FRAMES_PER_SECOND
            pending[0].end = offset + (seg.end_frame + 1) / FRAMES_PER_SECOND
            placed += 1
            pending = next(queue, None)
    return placed


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
        for word in turn.words:
            if not word.timed:
                word.start, word.end = turn.start, turn.end


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
