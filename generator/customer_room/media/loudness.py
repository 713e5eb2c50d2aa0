"""Integrated loudness (ITU-R BS.1770-4) of a mono signal, gated, in LUFS.

pyloudnorm supplies the K-weighting filters for any sample rate; the block gating is done here
with cumulative sums instead of a Python loop over blocks, which made it the slowest step of a
clip's processing. A test holds it to pyloudnorm's own result.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pyloudnorm

BLOCK_SECONDS = 0.4
STEP = 0.25  # blocks overlap by 75%
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0


@lru_cache(maxsize=8)
def _meter(rate: int) -> pyloudnorm.Meter:
    import pyloudnorm  # imports scipy.signal (slow): only when a clip is processed

    return pyloudnorm.Meter(rate)


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Loudness of ``samples`` (floats in -1..1); ``-inf`` for silence or under one block."""
    weighted = samples.astype(np.float64)
    for stage in _meter(rate)._filters.values():
        weighted = stage.apply_filter(weighted)
    block = int(BLOCK_SECONDS * rate)
    count = round((len(weighted) / rate - BLOCK_SECONDS) / (BLOCK_SECONDS * STEP)) + 1
    if len(weighted) < block or count < 1:
        return -math.inf
    sums = np.concatenate([[0.0], np.cumsum(weighted**2)])
    starts = (np.arange(count) * BLOCK_SECONDS * STEP * rate).astype(int)
    ends = np.minimum(starts + block, len(weighted))
    energy = (sums[ends] - sums[starts]) / block
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(energy)
    gated = energy[levels >= ABSOLUTE_GATE]
    if not len(gated):
        return -math.inf
    relative = -0.691 + 10 * np.log10(gated.mean()) + RELATIVE_GATE
    with np.errstate(divide="ignore"):
        final = gated[-0.691 + 10 * np.log10(gated) >= relative]
    return float(-0.691 + 10 * np.log10(final.mean())) if len(final) else -math.inf
