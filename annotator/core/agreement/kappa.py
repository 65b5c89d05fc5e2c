"""Cohen's kappa for two raters over the same items, from their table of label pairs.

κ = (p_o - p_e) / (1 - p_e), with p_o the share of items both gave the same label and p_e
the agreement expected from each rater's own label frequencies. Worked out from integer
counts and rounded once. It is None, with the reason, when there is nothing to compare or
when both raters used one and the same label for every item (p_e = 1: 0/0).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

NOTHING_TO_COMPARE = "nothing to compare"
ONE_LABEL = "both layers give every item one and the same label (chance agreement is total)"


@dataclass(frozen=True)
class Kappa:
    value: float | None
    items: int
    observed: float | None = None  # p_o, the share of items with the same label
    expected: float | None = None  # p_e, the same share expected by chance
    reason: str = ""  # why value is None
    table: dict[tuple[Hashable, Hashable], int] = field(default_factory=dict)


def cohen_kappa(table: Mapping[tuple[Hashable, Hashable], int]) -> Kappa:
    """κ from counts of (label from a, label from b) pairs."""
    items = sum(table.values())
    kept = {pair: count for pair, count in table.items() if count}
    if items == 0:
        return Kappa(None, 0, reason=NOTHING_TO_COMPARE, table=kept)
    rows: Counter[Hashable] = Counter()
    columns: Counter[Hashable] = Counter()
    same = 0
    for (first, second), count in kept.items():
        rows[first] += count
        columns[second] += count
        if first == second:
            same += count
    chance = sum(count * columns[label] for label, count in rows.items())  # p_e * items²
    observed = same / items
    expected = chance / (items * items)
    if chance == items * items:
        return Kappa(None, items, observed, expected, ONE_LABEL, kept)
    value = (items * same - chance) / (items * items - chance)
    return Kappa(value, items, observed, expected, "", kept)


def kappa_of_pairs(pairs: Iterable[tuple[Hashable, Hashable]]) -> Kappa:
    """κ from a sequence of (label from a, label from b), one per item."""
    return cohen_kappa(Counter(pairs))
