"""Pairing two annotators' spans one to one, the same way whichever layer comes first.

Two matchings are made for one document:
- relaxed: spans of the same label that overlap. Identical spans (same start, end and label)
  are paired first (the exact pairs); the rest are paired by a maximum matching, so as many
  spans as possible find a partner, and among maximum matchings the one with the least total
  boundary distance (|start difference| + |end difference|) wins;
- label-blind: the same identical pairs first, then spans of any label that overlap, by a
  maximum matching with the least total distance, a different label counting as half a
  character of distance (a span at the same place with another label is preferred to the
  same label one character away).
So label-blind pairs are at least as many as relaxed pairs, and those at least as many as
exact pairs.

Why not core.evaluation.compare: it walks the predicted spans in text order and gives each
the nearest free gold span, as nervaluate does. That suits a model against gold, but it is
not symmetric: with a1=[0,10) a2=[10,16) and b1=[9,15) b2=[15,30) of one label, walking b
pairs b1 with its nearest a2 and leaves a1 and b2 alone (one pair), while walking a gives
two pairs. Between two annotators there is no gold, so swapping them must not change the
figures. A maximum matching has a size that does not depend on the order; the least total
distance, then a fixed order of the candidate pairs that does not depend on which layer a
span is in (nearest first, then by position) make the pairs themselves the same either way
round, unless one layer holds the same span twice.
Whenever no span overlaps two spans of its label in the other layer, the relaxed pairs are
exactly nervaluate's (ent_type) pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.evaluation import SpanLike


@dataclass(frozen=True)
class Matching:
    """Pairs (a-side span, b-side span); the first `exact` pairs are identical spans."""

    pairs: list[tuple[Any, Any]]
    exact: int
    a_alone: list[Any]
    b_alone: list[Any]


def relaxed_matching(a: Sequence[SpanLike], b: Sequence[SpanLike]) -> Matching:
    """Identical spans first, then same-label overlapping spans (see the module)."""
    return _relaxed(*_identical(a, b))


def label_blind_matching(a: Sequence[SpanLike], b: Sequence[SpanLike]) -> Matching:
    """Identical spans first, then overlapping spans of any label (see the module)."""
    return _label_blind(*_identical(a, b))


def both_matchings(a: Sequence[SpanLike], b: Sequence[SpanLike]) -> tuple[Matching, Matching]:
    """(relaxed_matching(a, b), label_blind_matching(a, b)), pairing identical spans once."""
    identical, a_rest, b_rest = _identical(a, b)
    return (_relaxed(list(identical), a_rest, b_rest),
            _label_blind(list(identical), a_rest, b_rest))


def _relaxed(pairs: list[tuple[Any, Any]], a_rest: list[Any], b_rest: list[Any]) -> Matching:
    exact = len(pairs)
    if not a_rest or not b_rest:
        return Matching(pairs, exact, _in_order(a_rest), _in_order(b_rest))
    by_label: dict[str, tuple[list[Any], list[Any]]] = {}
    for side, spans in ((0, a_rest), (1, b_rest)):
        for span in spans:
            by_label.setdefault(span.label, ([], []))[side].append(span)
    a_alone: list[Any] = []
    b_alone: list[Any] = []
    for a_spans, b_spans in by_label.values():
        found, left_a, left_b = _best_pairs(a_spans, b_spans, _distance)
        pairs.extend(found)
        a_alone.extend(left_a)
        b_alone.extend(left_b)
    return Matching(pairs, exact, _in_order(a_alone), _in_order(b_alone))


def _label_blind(pairs: list[tuple[Any, Any]], a_rest: list[Any], b_rest: list[Any]
                 ) -> Matching:
    exact = len(pairs)
    found, a_alone, b_alone = _best_pairs(a_rest, b_rest, _blind_distance)
    pairs.extend(found)
    return Matching(pairs, exact, _in_order(a_alone), _in_order(b_alone))


def _identical(a: Sequence[Any], b: Sequence[Any]
               ) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Pairs of identical spans (same start, end and label), and the spans left."""
    twins: dict[tuple[int, int, str], list[Any]] = {}
    for span in b:
        twins.setdefault((span.start, span.end, span.label), []).append(span)
    pairs: list[tuple[Any, Any]] = []
    a_rest: list[Any] = []
    for span in a:
        waiting = twins.get((span.start, span.end, span.label))
        if waiting:
            pairs.append((span, waiting.pop(0)))
        else:
            a_rest.append(span)
    if not pairs:
        return pairs, a_rest, list(b)
    paired = {id(other) for _, other in pairs}
    return pairs, a_rest, [span for span in b if id(span) not in paired]


def _key(span: Any) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _in_order(spans: list[Any]) -> list[Any]:
    return sorted(spans, key=_key)


def _distance(x: Any, y: Any) -> int:
    # Doubled so that a label difference can weigh half a character (see _blind_distance).
    return 2 * (abs(x.start - y.start) + abs(x.end - y.end))


def _blind_distance(x: Any, y: Any) -> int:
    return _distance(x, y) + (x.label != y.label)


def _best_pairs(a: list[Any], b: list[Any], distance: Callable[[Any, Any], int]
                ) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """A maximum matching of overlapping spans with the least total distance."""
    if not a or not b:
        return [], a, b
    edges = _overlapping(a, b)
    if not edges:
        return [], a, b
    def rank(i: int, j: int) -> tuple[Any, ...]:
        """Nearest first, then by position: the same whichever side each span is on."""
        x, y = a[i], b[j]
        return (distance(x, y), *sorted([(x.start, x.end, x.label), (y.start, y.end, y.label)]))

    chosen: list[tuple[int, int]] = []
    if len({i for i, _ in edges}) == len(edges) == len({j for _, j in edges}):
        chosen = edges  # no span overlaps two: every edge is a pair
    else:
        for component in _components(len(a), edges):
            chosen.extend(_solve(component, rank))
    used_a = {i for i, _ in chosen}
    used_b = {j for _, j in chosen}
    pairs = [(a[i], b[j]) for i, j in sorted(chosen)]
    return (pairs, [s for i, s in enumerate(a) if i not in used_a],
            [s for j, s in enumerate(b) if j not in used_b])


def _overlapping(a: list[Any], b: list[Any]) -> list[tuple[int, int]]:
    """Index pairs (i, j) of overlapping spans, by one sweep over the starts."""
    events = sorted([(span.start, 0, i) for i, span in enumerate(a)]
                    + [(span.start, 1, j) for j, span in enumerate(b)])
    sides = (a, b)
    active: tuple[list[int], list[int]] = ([], [])
    edges: list[tuple[int, int]] = []
    for start, side, index in events:
        other = 1 - side
        open_other = active[other]
        if open_other:
            spans = sides[other]
            still = [k for k in open_other if spans[k].end > start]
            if len(still) != len(open_other):
                open_other[:] = still
            end = sides[side][index].end
            for k in still:
                if end > spans[k].start:
                    edges.append((index, k) if side == 0 else (k, index))
        active[side].append(index)
    return edges


def _components(size_a: int, edges: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The edges grouped by connected component (b nodes are numbered after a's)."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    for i, j in edges:
        x, y = root(i), root(size_a + j)
        if x != y:
            parent[x] = y
    groups: dict[int, list[tuple[int, int]]] = {}
    for edge in edges:
        groups.setdefault(root(edge[0]), []).append(edge)
    return list(groups.values())


def _solve(edges: list[tuple[int, int]], rank: Callable[[int, int], tuple[Any, ...]]
           ) -> list[tuple[int, int]]:
    """The least-distance maximum matching of one component. Ties on total distance are
    broken by the candidate pairs' order (rank): the matching that avoids the pairs latest in
    that order wins, which no numbering of the spans can change."""
    if len(edges) == 1:
        return edges
    ranks = {edge: (rank(*edge), edge) for edge in edges}
    rows = sorted({i for i, _ in edges})
    columns = sorted({j for _, j in edges})
    if len(rows) == 1 or len(columns) == 1:  # one span overlapping several: the first ranked
        return [min(edges, key=ranks.__getitem__)]
    transpose = len(rows) > len(columns)
    if transpose:
        rows, columns = columns, rows
    # Cost: the distance, above a power of two per place in the order, so that a tie on the
    # total distance falls to the set of pairs whose latest place is earliest (exact ints).
    scale = 1 << len(edges)
    weights = {}
    for place, edge in enumerate(sorted(edges, key=ranks.__getitem__)):
        i, j = edge
        weights[(j, i) if transpose else edge] = ranks[edge][0][0] * scale + (1 << place)
    # A missing edge costs more than every real edge together, so the assignment first
    # uses as many real edges as it can (a maximum matching), then the cheapest of those.
    missing = 1 + sum(weights.values())
    matrix = [[weights.get((r, c), missing) for c in columns] for r in rows]
    found = []
    for row, column in enumerate(_assignment(matrix)):
        if matrix[row][column] != missing:
            pair = (rows[row], columns[column])
            found.append((pair[1], pair[0]) if transpose else pair)
    return found


def _assignment(matrix: list[list[int]]) -> list[int]:
    """The column given to each row in a least-cost assignment (rows <= columns).

    The shortest-augmenting-path form of the Hungarian method with row and column
    potentials: each row in turn joins, along the cheapest path in reduced costs.
    """
    rows, columns = len(matrix), len(matrix[0])
    row_potential = [0] * (rows + 1)
    column_potential = [0] * (columns + 1)
    owner = [0] * (columns + 1)  # 1-based row holding each column; column 0 is the root
    previous = [0] * (columns + 1)
    infinity = float("inf")
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        slack: list[float] = [infinity] * (columns + 1)
        visited = [False] * (columns + 1)
        while True:
            visited[column] = True
            current = owner[column]
            delta = infinity
            next_column = 0
            for j in range(1, columns + 1):
                if visited[j]:
                    continue
                reduced = matrix[current - 1][j - 1] - row_potential[current] \
                    - column_potential[j]
                if reduced < slack[j]:
                    slack[j] = reduced
                    previous[j] = column
                if slack[j] < delta:
                    delta = slack[j]
                    next_column = j
            for j in range(columns + 1):
                if visited[j]:
                    row_potential[owner[j]] += delta
                    column_potential[j] -= delta
                else:
                    slack[j] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            back = previous[column]
            owner[column] = owner[back]
            column = back
    result = [0] * rows
    for j in range(1, columns + 1):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result
