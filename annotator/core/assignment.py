"""Dealing documents out to annotators: who gets each document, and who gets it a second time.

`deal(documents, annotators, overlap)` answers, for each of `documents` handed out (in the
order given), which annotator has it as primary and which one, if any, has it as a second
(overlap) annotator, to measure agreement. Annotators are numbered 0..k-1 in the order the
lead named them. The result depends on nothing else, so packaging the same project twice
the same way deals the same documents to the same people. It guarantees:

- every document has one primary annotator; exactly `overlap` documents have a second one,
  never the primary again;
- primary loads differ by at most one between annotators (so a cap of N primary documents
  each holds whenever documents <= N x annotators), second-annotator loads differ by at
  most one, and package sizes (primary + second) differ by at most one;
- once there are at least as many overlap documents as pairs of annotators, k(k-1)/2,
  every pair shares at least one document (agreement can be measured for every pair);
- overlap documents are spread evenly through the list, and each annotator's documents are
  dealt in turn, so everyone gets some of the start and some of the end of the corpus.

How: overlap documents are dealt in rounds. A round with shift d gives document pairs
(a, a+d mod k) for every annotator a, so each annotator is primary once and second once per
round. Shifts run 1, 2, ..., k//2 first: those rounds meet every pair of annotators (a round
with shift k/2 meets each of its pairs twice, in its first half). The last, partial round
takes its primaries so that as few as possible are also among its seconds (every other
annotator along the cycles of a -> a+d; when nearly every document is an overlap one, the
next shift that allows it), and the annotators with an extra primary document are chosen
away from those with an extra second one: that keeps package sizes within one. With fewer
overlap documents than pairs, no pair is met twice.
Documents with one annotator make up each person's primary load.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import cycle


@dataclass(frozen=True)
class Handout:
    """Who works on one handed-out document: a primary annotator and an optional second."""

    primary: int
    second: int | None = None


def overlap_count(fraction: float, documents: int) -> int:
    """How many of `documents` get a second annotator: fraction x documents, rounded half up
    (the small tolerance keeps 0.15 x 10 at 2 despite binary fractions)."""
    if not 0 <= fraction <= 1:
        raise ValueError("the overlap is a fraction between 0 and 1")
    return min(documents, math.floor(fraction * documents + 0.5 + 1e-9))


def shift_order(annotators: int) -> list[int]:
    """The shifts of successive rounds, 1..k-1: the first k//2 of them meet every pair."""
    return list(range(1, annotators))


def deal(documents: int, annotators: int, overlap: int) -> list[Handout]:
    """One Handout per document, in the documents' order (see the module's docstring)."""
    k = annotators
    if k < 1:
        raise ValueError("at least one annotator is needed")
    if not 0 <= overlap <= documents:
        raise ValueError("the overlap count is between 0 and the number of documents")
    if overlap and k < 2:
        raise ValueError("overlap needs at least two annotators")
    full_primary, extra_primary = divmod(documents, k)
    full_rounds, partial = divmod(overlap, k)
    pairs = _overlap_pairs(k, full_rounds, partial, full_primary == full_rounds,
                           extra_primary)
    extra_second = {second for _, second in pairs[full_rounds * k:]}
    extra_pair_primary = {primary for primary, _ in pairs[full_rounds * k:]}
    with_extra = _extra_primaries(k, extra_primary, extra_second, extra_pair_primary,
                                  forced=full_primary == full_rounds)
    pair_primaries = [0] * k
    for primary, _ in pairs:
        pair_primaries[primary] += 1
    singles = [full_primary + (a in with_extra) - pair_primaries[a] for a in range(k)]
    return _place(documents, k, pairs, singles)


def _overlap_pairs(k: int, full_rounds: int, partial: int, tight: bool,
                   extra_primary: int) -> list[tuple[int, int]]:
    """(primary, second) for each overlap document, round after round."""
    shifts = shift_order(k)
    pairs: list[tuple[int, int]] = []
    for number in range(full_rounds):
        shift = shifts[number % len(shifts)]
        pairs += [(a, (a + shift) % k) for a in range(k)]
    if partial:
        due = full_rounds % len(shifts)
        bound = max(0, extra_primary + partial - k) if tight else partial
        # When nearly every document is an overlap one (`tight`), a shift whose cycles are
        # odd and several cannot keep the partial round's primaries off its seconds: the
        # next shift that can is taken instead (shift 1, one cycle, always can).
        for shift in shifts[due:] + shifts[:due]:
            chosen = _spread_along(k, shift)[:partial]
            if _self_overlap(chosen, shift, k) <= bound:
                break
        pairs += [(a, (a + shift) % k) for a in chosen]
    return pairs


def _spread_along(k: int, shift: int) -> list[int]:
    """Annotators ordered so that each prefix meets its own image under a -> a+shift as
    little as possible: every other one along each cycle, then the closing one of each odd
    cycle, then the rest."""
    seen: set[int] = set()
    alternate: list[int] = []
    closing: list[int] = []
    rest: list[int] = []
    for start in range(k):
        if start in seen:
            continue
        walk = []
        member = start
        while member not in seen:
            seen.add(member)
            walk.append(member)
            member = (member + shift) % k
        odd = len(walk) % 2
        alternate += walk[0:len(walk) - odd:2]
        closing += walk[-1:] if odd else []
        rest += walk[1::2]
    return alternate + closing + rest


def _self_overlap(chosen: list[int], shift: int, k: int) -> int:
    return len(set(chosen) & {(a + shift) % k for a in chosen})


def _extra_primaries(k: int, count: int, extra_second: set[int], extra_pair_primary: set[int],
                     *, forced: bool) -> set[int]:
    """Who gets one primary document more than the others: away from the annotators with an
    extra second document, so package sizes stay within one. When the overlap documents
    already use up every primary load (`forced`), their extra primaries must be among them."""
    if forced:
        rest = sorted((a for a in range(k) if a not in extra_pair_primary),
                      key=lambda a: (a in extra_second, a))
        return extra_pair_primary | set(rest[:count - len(extra_pair_primary)])
    ranked = sorted(range(k), key=lambda a: (a in extra_second, a))
    return set(ranked[:count])


def _place(documents: int, k: int, pairs: list[tuple[int, int]],
           singles: list[int]) -> list[Handout]:
    """Overlap documents evenly spaced through the list; the others dealt in turn."""
    overlap = len(pairs)
    handouts: list[Handout | None] = [None] * documents
    for number, (primary, second) in enumerate(pairs):
        handouts[(2 * number + 1) * documents // (2 * overlap)] = Handout(primary, second)
    left = list(singles)
    turn = cycle(range(k))
    for position in range(documents):
        if handouts[position] is None:
            annotator = next(turn)
            while left[annotator] == 0:
                annotator = next(turn)
            left[annotator] -= 1
            handouts[position] = Handout(annotator)
    return [handout for handout in handouts if handout is not None]
