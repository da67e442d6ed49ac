"""Sums over bit masks of actors or scenes, shared by the bounds and the search."""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent.compiled import compiled


@compiled
def mask_sum(mask, table):  # type: ignore[no-untyped-def]
    """Sum of the per-bit values of ``mask``, eight bits at a time from ``table[chunk, byte]``."""
    total = np.int64(0)
    chunk = 0
    while mask != 0:
        total += table[chunk, mask & 255]
        mask >>= 8
        chunk += 1
    return total
