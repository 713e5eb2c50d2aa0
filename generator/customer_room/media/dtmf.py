"""Keypad tones (DTMF) in a recording: a card number typed on the phone is personal data too.

Each 40 ms frame (10 ms apart) is measured at the eight DTMF frequencies; a frame where one row
tone and one column tone carry most of the energy is a key press. Runs of such frames, joined
across short gaps and padded, become spans to hide.
"""

from __future__ import annotations

import numpy as np

from ..privacy.hidden_spans import Span, merge_spans

ROWS = (697.0, 770.0, 852.0, 941.0)
COLUMNS = (1209.0, 1336.0, 1477.0, 1633.0)
FRAME_SECONDS = 0.04
HOP_SECONDS = 0.01
MIN_PRESS_SECONDS = 0.03
PAD_SECONDS = 0.03


def keypad_spans(samples: np.ndarray, rate: int) -> list[Span]:
    """Stretches of ``samples`` (mono) where keypad tones sound, in seconds."""
    frame, hop = int(FRAME_SECONDS * rate), int(HOP_SECONDS * rate)
    if len(samples) < frame or rate < 4000:
        return []
    signal = samples.astype(np.float32) / 32768
    count = 1 + (len(signal) - frame) // hop
    frames = np.lib.stride_tricks.sliding_window_view(signal, frame)[::hop][:count]
    window = np.hanning(frame).astype(np.float32)
    t = np.arange(frame) / rate
    tones = np.array([*ROWS, *COLUMNS])
    # One real matrix product measures all eight tones in every frame (the window folded in).
    basis = np.concatenate(
        [np.cos(2 * np.pi * np.outer(t, tones)), np.sin(2 * np.pi * np.outer(t, tones))], axis=1
    )
    basis = (basis * window[:, None]).astype(np.float32)
    parts = frames @ basis
    power = parts[:, :8] ** 2 + parts[:, 8:] ** 2
    total = (frames**2) @ (window**2) * frame / 2 + 1e-12
    row, column = power[:, :4], power[:, 4:]
    best_row, best_column = row.max(axis=1), column.max(axis=1)
    second_row = np.sort(row, axis=1)[:, -2]
    second_column = np.sort(column, axis=1)[:, -2]
    loud = total > (0.005**2) * frame * frame / 2 * 0.375
    pressed = (
        loud
        & ((best_row + best_column) / total > 0.6)
        & (best_row > 8 * second_row)
        & (best_column > 8 * second_column)
        & (best_row / total > 0.15)
        & (best_column / total > 0.15)
    )
    spans = []
    start = None
    for index, on in enumerate([*pressed, False]):
        if on and start is None:
            start = index
        elif not on and start is not None:
            first, last = start * hop / rate, (index - 1) * hop / rate + FRAME_SECONDS
            if last - first >= MIN_PRESS_SECONDS + FRAME_SECONDS - HOP_SECONDS:
                spans.append(Span(first, last, "keypad tones"))
            start = None
    return merge_spans(spans, pad=PAD_SECONDS)
