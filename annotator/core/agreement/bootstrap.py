"""Percentile bootstrap intervals over documents, seeded, in plain Python.

A resample draws as many documents as there are, with replacement; each statistic is worked
out from the resample's summed counts (such as matched spans and spans per layer), and the
interval is the pair of percentiles (2.5 and 97.5 for 95 %) of its values, interpolated
linearly between order statistics as numpy.percentile does by default. The same seed and the
same documents in the same order give the same interval on every machine.

Speed without numpy: each document's counts are packed into one integer, a field of bits per
count, so the sum of a resample is one `sum` over `random.choices` of those integers; the
fields are wide enough that no sum overflows into the next. 1000 resamples of 10,000
documents take well under a second.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

Statistic = Callable[[Sequence[int]], float | None]


def bootstrap_intervals(rows: Sequence[Sequence[int]], statistics: Sequence[Statistic], *,
                        resamples: int = 1000, seed: int = 0, confidence: float = 0.95
                        ) -> list[tuple[float, float] | None]:
    """An interval per statistic, or None when no resample gives it a value.

    `rows` holds each document's non-negative counts (all rows of one length); a
    statistic takes the counts summed over a resample and returns a value or None.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    if not rows:
        return [None] * len(statistics)
    fields = len(rows[0])
    if any(value < 0 for row in rows for value in row):
        raise ValueError("bootstrap counts must not be negative")
    # A resample sums len(rows) rows, so each field must hold len(rows) times its largest.
    largest = max(max(row) for row in rows)
    width = (len(rows) * largest).bit_length() + 1
    packed = [_pack(row, width) for row in rows]
    mask = (1 << width) - 1
    rng = random.Random(seed)
    values: list[list[float]] = [[] for _ in statistics]
    count = len(packed)
    for _ in range(resamples):
        total = sum(rng.choices(packed, k=count))
        sums = [(total >> (width * index)) & mask for index in range(fields)]
        for found, statistic in zip(values, statistics, strict=True):
            value = statistic(sums)
            if value is not None:
                found.append(value)
    tail = (1 - confidence) / 2
    intervals: list[tuple[float, float] | None] = []
    for found in values:
        if not found:
            intervals.append(None)
            continue
        found.sort()
        intervals.append((percentile(found, tail), percentile(found, 1 - tail)))
    return intervals


def _pack(row: Sequence[int], width: int) -> int:
    packed = 0
    for index, value in enumerate(row):
        packed |= value << (width * index)
    return packed


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile of sorted values, interpolated linearly between neighbours."""
    position = fraction * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    weight = position - below
    return ordered[below] + (ordered[above] - ordered[below]) * weight
