"""Pairing two annotators' spans: identical first, then a maximum matching of the nearest;
checked by hand, by brute force, against scipy's maximum matching and against nervaluate."""

from collections import Counter
from dataclasses import dataclass
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement.matching import (
    both_matchings,
    label_blind_matching,
    relaxed_matching,
)
from annotator.core.evaluation import compare


@dataclass(frozen=True)
class S:
    id: str
    start: int
    end: int
    label: str


def spans(prefix, *triples):
    return [S(f"{prefix}{n}", *triple) for n, triple in enumerate(triples)]


def ids(pairs):
    return sorted((x.id, y.id) for x, y in pairs)


def test_identical_spans_pair_first_and_count_as_exact():
    a = spans("a", (0, 5, "ACTOR"), (10, 20, "CLAIM"), (30, 35, "WEAPON"))
    b = spans("b", (0, 5, "ACTOR"), (10, 18, "CLAIM"), (30, 35, "LOCATION"))
    relaxed = relaxed_matching(a, b)
    assert relaxed.exact == 1 and ids(relaxed.pairs[:1]) == [("a0", "b0")]
    assert ids(relaxed.pairs) == [("a0", "b0"), ("a1", "b1")]
    assert [s.id for s in relaxed.a_alone] == ["a2"] and [s.id for s in relaxed.b_alone] == ["b2"]
    blind = label_blind_matching(a, b)
    assert ids(blind.pairs) == [("a0", "b0"), ("a1", "b1"), ("a2", "b2")] and blind.exact == 1


def test_the_order_of_the_layers_does_not_change_the_pairs():
    """Walking one side and taking the nearest (core.evaluation.compare, nervaluate) pairs
    b1 with a2 and stops at one pair; a maximum matching finds two either way round."""
    a = spans("a", (0, 10, "X"), (10, 16, "X"))
    b = spans("b", (9, 15, "X"), (15, 30, "X"))
    assert len(compare(a, b).boundary) == 1 and len(compare(b, a).boundary) == 2
    forward, backward = relaxed_matching(a, b), relaxed_matching(b, a)
    assert ids(forward.pairs) == [("a0", "b0"), ("a1", "b1")]
    assert ids(backward.pairs) == [("b0", "a0"), ("b1", "a1")]


def test_the_nearest_partner_wins():
    a = spans("a", (10, 20, "X"))
    b = spans("b", (8, 12, "X"), (12, 19, "X"))
    assert ids(relaxed_matching(a, b).pairs) == [("a0", "b1")]
    assert ids(relaxed_matching(b, a).pairs) == [("b1", "a0")]


def test_an_equal_distance_goes_to_the_earlier_span():
    a = spans("a", (4, 8, "X"))
    b = spans("b", (2, 6, "X"), (6, 10, "X"))
    assert ids(relaxed_matching(a, b).pairs) == [("a0", "b0")]
    assert ids(relaxed_matching(b, a).pairs) == [("b0", "a0")]


def test_label_blind_prefers_the_same_place_to_the_same_label():
    a = spans("a", (0, 5, "ACTOR"))
    b = spans("b", (1, 5, "ACTOR"), (0, 5, "LOCATION"))
    assert ids(label_blind_matching(a, b).pairs) == [("a0", "b1")]
    assert ids(relaxed_matching(a, b).pairs) == [("a0", "b0")]


def test_nested_spans_pair_with_their_own_kind():
    a = spans("a", (10, 60, "CLAIM"), (20, 30, "ACTOR"), (40, 50, "LOCATION"))
    b = spans("b", (12, 60, "CLAIM"), (20, 31, "ACTOR"), (41, 50, "WEAPON"))
    blind = label_blind_matching(a, b)
    assert ids(blind.pairs) == [("a0", "b0"), ("a1", "b1"), ("a2", "b2")]
    relaxed = relaxed_matching(a, b)
    assert ids(relaxed.pairs) == [("a0", "b0"), ("a1", "b1")]


def test_both_matchings_equal_each_on_its_own():
    a = spans("a", (0, 5, "X"), (3, 9, "Y"), (10, 14, "X"))
    b = spans("b", (0, 5, "X"), (4, 9, "X"), (11, 14, "Y"))
    relaxed, blind = both_matchings(a, b)
    assert relaxed == relaxed_matching(a, b) and blind == label_blind_matching(a, b)


# -- properties ------------------------------------------------------------------------------

LABELS = ("LOCATION", "ACTOR", "WEAPON", "CLAIM")


@st.composite
def free_layer(draw, size=8, span=12, labels=LABELS[:2]):
    """Any spans, same-label overlaps and duplicates included."""
    result = []
    for _ in range(draw(st.integers(0, size))):
        start = draw(st.integers(0, 40))
        result.append((start, start + draw(st.integers(1, span)), draw(st.sampled_from(labels))))
    return result


@st.composite
def guideline_layer(draw):
    """Spans where no two of one label overlap (as the guidelines say)."""
    result = []
    for label in LABELS:
        position = draw(st.integers(0, 3))
        for _ in range(draw(st.integers(0, 5))):
            start = position + draw(st.integers(0, 4))
            end = start + draw(st.integers(1, 6))
            result.append((start, end, label))
            position = end
    return result


def _distance(x, y):
    return abs(x.start - y.start) + abs(x.end - y.end)


def _brute_force(a, b, same_label):
    """(pairs, least total distance) over every matching of the spans left after the
    identical pairs; small inputs only."""
    twins = Counter((s.start, s.end, s.label) for s in b)
    a_rest, exact = [], 0
    for span in a:
        key = (span.start, span.end, span.label)
        if twins[key]:
            twins[key] -= 1
            exact += 1
        else:
            a_rest.append(span)
    b_rest = [S("", *key) for key, count in twins.items() for _ in range(count)]

    def fits(x, y):
        return x.start < y.end and y.start < x.end and (not same_label or x.label == y.label)

    best = (0, 0)
    small, large = (a_rest, b_rest) if len(a_rest) <= len(b_rest) else (b_rest, a_rest)
    for chosen in permutations([*large, *[None] * len(small)], len(small)):
        pairs = [(x, y) for x, y in zip(small, chosen, strict=True) if y is not None]
        if all(fits(x, y) for x, y in pairs):
            cost = sum(2 * _distance(x, y) + (x.label != y.label) for x, y in pairs)
            best = max(best, (len(pairs), -cost))
    return exact + best[0], -best[1]


@settings(deadline=None, max_examples=300)
@given(free_layer(size=4), free_layer(size=4))
def test_a_maximum_matching_with_the_least_distance(a_triples, b_triples):
    a, b = spans("a", *a_triples), spans("b", *b_triples)
    for same_label, matching in ((True, relaxed_matching(a, b)),
                                 (False, label_blind_matching(a, b))):
        count, cost = _brute_force(a, b, same_label)
        rest = matching.pairs[matching.exact:]
        assert len(matching.pairs) == count
        assert sum(2 * _distance(x, y) + (x.label != y.label) for x, y in rest) == cost


@settings(deadline=None, max_examples=300)
@given(free_layer(), free_layer())
def test_pairs_are_one_to_one_and_counts_symmetric(a_triples, b_triples):
    a, b = spans("a", *a_triples), spans("b", *b_triples)
    relaxed, blind = both_matchings(a, b)
    back_relaxed, back_blind = both_matchings(b, a)
    for matching, back in ((relaxed, back_relaxed), (blind, back_blind)):
        assert len({x.id for x, _ in matching.pairs}) == len(matching.pairs)
        assert len({y.id for _, y in matching.pairs}) == len(matching.pairs)
        assert len(matching.pairs) + len(matching.a_alone) == len(a)
        assert len(matching.pairs) + len(matching.b_alone) == len(b)
        assert (len(matching.pairs), matching.exact) == (len(back.pairs), back.exact)
        for x, y in matching.pairs:
            assert x.start < y.end and y.start < x.end
    assert all(x.label == y.label for x, y in relaxed.pairs)
    assert len(blind.pairs) >= len(relaxed.pairs) >= relaxed.exact == blind.exact
    if len(set(a_triples)) == len(a_triples) and len(set(b_triples)) == len(b_triples):
        # no span twice in a layer: the very same pairs either way round
        for matching, back in ((relaxed, back_relaxed), (blind, back_blind)):
            assert ids(matching.pairs) == sorted((x.id, y.id) for y, x in back.pairs)


@pytest.mark.consumer
@settings(deadline=None, max_examples=200)
@given(free_layer(size=10, labels=LABELS), free_layer(size=10, labels=LABELS))
def test_as_many_pairs_as_scipys_maximum_matching(a_triples, b_triples):
    """With the identical spans paired first, the rest are a maximum matching."""
    sparse = pytest.importorskip("scipy.sparse")
    csgraph = pytest.importorskip("scipy.sparse.csgraph")
    a, b = spans("a", *a_triples), spans("b", *b_triples)
    for same_label, matching in ((True, relaxed_matching(a, b)),
                                 (False, label_blind_matching(a, b))):
        paired = {x.id for x, _ in matching.pairs[:matching.exact]} | \
            {y.id for _, y in matching.pairs[:matching.exact]}
        rows = [s for s in a if s.id not in paired]
        columns = [s for s in b if s.id not in paired]
        graph = sparse.csr_matrix([[int(x.start < y.end and y.start < x.end
                                        and (not same_label or x.label == y.label))
                                    for y in columns] for x in rows] or [[0]])
        matched = csgraph.maximum_bipartite_matching(graph, perm_type="column")
        assert len(matching.pairs) - matching.exact == int((matched >= 0).sum())


@pytest.mark.consumer
@settings(deadline=None, max_examples=150)
@given(st.lists(st.tuples(guideline_layer(), guideline_layer()), min_size=1, max_size=4))
def test_figures_equal_nervaluates_where_no_span_has_two_candidates(documents):
    """Exact pairs are nervaluate's strict matches always; relaxed pairs are its ent_type
    matches when no span overlaps two spans of its label in the other layer, and never
    fewer than nervaluate finds in either direction."""
    nervaluate = pytest.importorskip("nervaluate")

    def as_dicts(docs):  # nervaluate's ends are inclusive
        return [[{"label": lab, "start": s, "end": e - 1} for s, e, lab in doc] for doc in docs]

    def theirs(gold, predicted, scenario):
        found = nervaluate.Evaluator(as_dicts(gold), as_dicts(predicted), tags=list(LABELS),
                                     loader="dict").evaluate()["entities"]
        return {label: found[label][scenario].correct if label in found else 0
                for label in LABELS}

    a_docs = [sorted(a) for a, _ in documents]
    b_docs = [sorted(b) for _, b in documents]
    exact, relaxed = Counter(), Counter()
    conflicts = False
    for a_doc, b_doc in documents:
        a, b = spans("a", *a_doc), spans("b", *b_doc)
        matching = relaxed_matching(a, b)
        exact.update(x.label for x, _ in matching.pairs[:matching.exact])
        relaxed.update(x.label for x, _ in matching.pairs)
        for one, other in ((a, b), (b, a)):
            for x in one:
                if sum(1 for y in other if y.label == x.label and x.start < y.end
                       and y.start < x.end) > 1:
                    conflicts = True
    strict = theirs(a_docs, b_docs, "strict")
    assert all(exact[label] == strict[label] for label in LABELS)
    for gold, predicted in ((a_docs, b_docs), (b_docs, a_docs)):
        loose = theirs(gold, predicted, "ent_type")
        for label in LABELS:
            assert relaxed[label] >= loose[label]
            if not conflicts:
                assert relaxed[label] == loose[label]
