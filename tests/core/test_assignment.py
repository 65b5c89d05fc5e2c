"""Dealing documents to annotators: the guarantees core.assignment promises, for any sizes."""

from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.assignment import Handout, deal, overlap_count


@st.composite
def sizes(draw):
    annotators = draw(st.integers(1, 12))
    documents = draw(st.integers(0, 150))
    overlap = draw(st.integers(0, documents)) if annotators > 1 else 0
    return documents, annotators, overlap


def loads(handouts: list[Handout], annotators: int):
    primary = Counter(h.primary for h in handouts)
    second = Counter(h.second for h in handouts if h.second is not None)
    return ([primary[a] for a in range(annotators)], [second[a] for a in range(annotators)],
            [primary[a] + second[a] for a in range(annotators)])


def spread(values: list[int]) -> int:
    return max(values) - min(values)


@settings(max_examples=400, deadline=None)
@given(sizes())
def test_every_document_once_as_primary_and_the_overlap_exactly(case):
    documents, annotators, overlap = case
    handouts = deal(documents, annotators, overlap)
    assert len(handouts) == documents
    assert all(0 <= h.primary < annotators for h in handouts)
    seconds = [h for h in handouts if h.second is not None]
    assert len(seconds) == overlap
    assert all(h.second != h.primary and 0 <= h.second < annotators for h in seconds)


@settings(max_examples=400, deadline=None)
@given(sizes())
def test_loads_are_balanced_within_one(case):
    documents, annotators, overlap = case
    primary, second, total = loads(deal(documents, annotators, overlap), annotators)
    assert spread(primary) <= 1
    assert spread(second) <= 1
    assert spread(total) <= 1


@settings(max_examples=400, deadline=None)
@given(sizes())
def test_every_pair_shares_a_document_once_there_are_enough(case):
    documents, annotators, overlap = case
    pairs = {frozenset((h.primary, h.second)) for h in deal(documents, annotators, overlap)
             if h.second is not None}
    every_pair = {frozenset(pair) for pair in combinations(range(annotators), 2)}
    if overlap >= len(every_pair):
        assert pairs == every_pair
    else:  # fewer overlap documents than pairs: no pair is met twice
        assert len(pairs) == overlap


@settings(max_examples=100, deadline=None)
@given(sizes())
def test_the_deal_depends_only_on_its_inputs(case):
    assert deal(*case) == deal(*case)


@settings(max_examples=200, deadline=None)
@given(sizes(), st.integers(1, 40))
def test_a_cap_per_annotator_holds_when_the_documents_fit_under_it(case, cap):
    documents, annotators, overlap = case
    documents = min(documents, cap * annotators)
    primary, _, _ = loads(deal(documents, annotators, min(overlap, documents)), annotators)
    assert max(primary, default=0) <= cap


def test_overlap_documents_are_spread_through_the_list():
    handouts = deal(30, 3, 6)
    positions = [i for i, h in enumerate(handouts) if h.second is not None]
    assert positions == [2, 7, 12, 17, 22, 27]
    # everyone gets documents from the start and from the end of the corpus
    assert {h.primary for h in handouts[:6]} == {0, 1, 2}
    assert {h.primary for h in handouts[-6:]} == {0, 1, 2}


def test_overlap_count_rounds_half_up():
    assert overlap_count(0.2, 30) == 6
    assert overlap_count(0.15, 10) == 2
    assert overlap_count(0.25, 10) == 3
    assert overlap_count(0.0, 10) == 0
    assert overlap_count(1.0, 7) == 7
    with pytest.raises(ValueError):
        overlap_count(1.5, 10)


def test_impossible_requests_are_refused():
    with pytest.raises(ValueError):
        deal(5, 1, 1)  # a second annotator needs two
    with pytest.raises(ValueError):
        deal(5, 0, 0)
    with pytest.raises(ValueError):
        deal(5, 2, 6)
