"""Krippendorff's unitizing alpha (α_U), per label and overall, for two or more layers.

As Krippendorff (1995) defines it and DKPro Statistics computes it (the measure INCEpTION
reports). The documents are laid end to end into one continuum of length L (each document's
offsets shifted by the lengths of the texts before it), and each label is a category:

- every layer cuts the continuum into its units of the category and the gaps between them;
- observed disagreement D_o: over every pair of layers, over every pair of segments of the
  two layers that share at least one character, the distance (b1-b2)²+(e1-e2)² between two
  units, ℓ² between a unit of length ℓ and a gap that contains it entirely, 0 otherwise;
  the sum times 2 / (R(R-1)L²) with R layers;
- expected disagreement D_e: with N units of the category (all layers), for every unit of
  length ℓ the term (N-1)·ℓ(ℓ-1)(2ℓ-1)/3 + ℓ²·Σ(g-ℓ+1) over the gaps g ≥ ℓ (all layers),
  the sum times 2/L and divided by RL(RL-1) - Σℓ(ℓ-1);
- α = 1 - D_o/D_e per label; overall α = 1 - mean D_o / mean D_e over the labels used.

Choices where the definition leaves a gap, or where implementations went wrong:
- two spans of one label that overlap within one layer (the guidelines forbid it) are joined
  into one unit, their union: a layer marks a character as the label or not;
- a document either layer left empty still counts: that layer says "nothing here" (so one
  annotator marking and the other not gives α at or below 0, not the 1.0 of
  dkpro-statistics #2 and INCEpTION #2219). Which documents take part is the caller's
  choice: give only those both annotators finished;
- a value is None, with a reason, where it is 0/0 or undefined: no text, no spans of the
  label (DKPro gives 0.0 or 1.0 there, dkpro-statistics #48 and #58), or no expected
  disagreement. D_o = D_e > 0 gives 0.0 as the formula says.
Sums are exact integers, and α is rounded to a float once at the end.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate, combinations

Unit = tuple[int, int]  # start, end on the continuum (end exclusive)

NO_TEXT = "the documents have no text"
NO_SPANS = "neither layer has a span of this label"
NO_SPANS_AT_ALL = "no layer has any span"
NO_EXPECTED = "no expected disagreement (every character is a unit in every layer)"


@dataclass(frozen=True)
class CategoryDisagreement:
    observed: Fraction
    expected: Fraction

    @property
    def alpha(self) -> float | None:
        return None if self.expected == 0 else float(1 - self.observed / self.expected)


@dataclass(frozen=True)
class UnitizingAlpha:
    """α_U overall and per label; None values have their reason in `reasons`."""

    overall: float | None
    by_label: dict[str, float | None]
    reasons: dict[str, str] = field(default_factory=dict)  # "overall" or a label -> why None
    disagreement: dict[str, CategoryDisagreement] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"overall": self.overall, "by_label": dict(self.by_label)}


class Continuum:
    """Documents laid end to end: each layer's spans by label, on shifted offsets."""

    def __init__(self, layers: int) -> None:
        if layers < 2:
            raise ValueError("agreement needs two layers or more")
        self.length = 0
        self.units: list[dict[str, list[Unit]]] = [{} for _ in range(layers)]

    def add_document(self, length: int, spans_by_layer: Sequence[Iterable[object]]) -> None:
        """One document of `length` code points; spans need start, end and label."""
        if len(spans_by_layer) != len(self.units):
            raise ValueError(f"expected {len(self.units)} layers, got {len(spans_by_layer)}")
        shift = self.length
        for units, spans in zip(self.units, spans_by_layer, strict=True):
            for span in spans:
                start, end = span.start, span.end  # type: ignore[attr-defined]
                if not 0 <= start <= end <= length:
                    raise ValueError(f"span [{start}, {end}) outside a text of {length}")
                if end > start:  # an empty span marks nothing
                    units.setdefault(span.label, []).append(  # type: ignore[attr-defined]
                        (start + shift, end + shift))
        self.length += length

    def labels(self) -> list[str]:
        return sorted({label for units in self.units for label in units})


def unitizing_alpha(continuum: Continuum, labels: Sequence[str] = ()) -> UnitizingAlpha:
    """α_U of the continuum; `labels` are reported even when no layer used them."""
    used = continuum.labels()
    names = list(labels) + [label for label in used if label not in labels]
    reasons: dict[str, str] = {}
    if continuum.length == 0:
        reasons = {name: NO_TEXT for name in ["overall", *names]}
        return UnitizingAlpha(None, dict.fromkeys(names), reasons)
    by_label: dict[str, float | None] = {}
    parts: dict[str, CategoryDisagreement] = {}
    for name in names:
        if name not in used:
            by_label[name] = None
            reasons[name] = NO_SPANS
            continue
        layers = [_joined(units.get(name, [])) for units in continuum.units]
        part = _disagreement(layers, continuum.length)
        parts[name] = part
        by_label[name] = part.alpha
        if part.alpha is None:
            reasons[name] = NO_EXPECTED
    overall: float | None = None
    if not parts:
        reasons["overall"] = NO_SPANS_AT_ALL
    else:
        expected = sum(part.expected for part in parts.values())
        if expected == 0:
            reasons["overall"] = NO_EXPECTED
        else:
            observed = sum(part.observed for part in parts.values())
            overall = float(1 - observed / expected)
    return UnitizingAlpha(overall, by_label, reasons, parts)


def _joined(units: list[Unit]) -> list[Unit]:
    """Sorted units, overlapping ones joined into their union (touching ones stay apart)."""
    result: list[Unit] = []
    for start, end in sorted(units):
        if result and start < result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def _gaps(units: list[Unit], length: int) -> list[int]:
    """The lengths of the stretches between the units (and before and after them)."""
    ends = [0, *(end for _, end in units)]
    starts = [*(start for start, _ in units), length]
    return [start - end for end, start in zip(ends, starts, strict=True) if start > end]


def _disagreement(layers: list[list[Unit]], length: int) -> CategoryDisagreement:
    raters = len(layers)
    observed = sum(_observed_sum(first, second) for first, second in combinations(layers, 2))
    observed_d = Fraction(2 * observed, raters * (raters - 1) * length * length)

    gaps = sorted(gap for units in layers for gap in _gaps(units, length))
    gap_totals = [0, *accumulate(gaps)]
    sizes = Counter(end - start for units in layers for start, end in units)
    count = sum(sizes.values())
    weighted = 0
    squared_lengths = 0
    for size, times in sizes.items():  # units of one length weigh the same
        squared_lengths += times * size * (size - 1)
        # Σ over gaps g >= size of (g - size + 1), from the sorted gaps and their sums.
        first_fitting = bisect_left(gaps, size)
        fitting = len(gaps) - first_fitting
        room = gap_totals[-1] - gap_totals[first_fitting] - fitting * (size - 1)
        weighted += times * ((count - 1) * size * (size - 1) * (2 * size - 1) // 3
                             + size * size * room)
    denominator = length * (raters * length * (raters * length - 1) - squared_lengths)
    return CategoryDisagreement(observed_d, Fraction(2 * weighted, denominator))


def _observed_sum(first: list[Unit], second: list[Unit]) -> int:
    """Σ distance over the pairs of segments, one from each layer, that share characters.

    Two units that overlap: (b1-b2)² + (e1-e2)². A unit that overlaps no unit of the other
    layer lies inside one of its gaps: ℓ². Any other pair (a unit partly in a gap, two
    gaps) adds nothing, so only the units need walking.
    """
    total = 0
    alone_first = [True] * len(first)
    alone_second = [True] * len(second)
    i = j = 0
    while i < len(first) and j < len(second):
        start1, end1 = first[i]
        start2, end2 = second[j]
        if start1 < end2 and start2 < end1:
            total += (start1 - start2) ** 2 + (end1 - end2) ** 2
            alone_first[i] = alone_second[j] = False
        # Move past whichever unit ends first (both when they end together).
        if end1 <= end2:
            i += 1
        if end2 <= end1:
            j += 1
    for units, alone in ((first, alone_first), (second, alone_second)):
        total += sum((end - start) ** 2
                     for (start, end), lonely in zip(units, alone, strict=True) if lonely)
    return total
