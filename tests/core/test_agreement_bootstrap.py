"""The percentile bootstrap over documents: seeded, exact percentiles, sensible intervals."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement.bootstrap import bootstrap_intervals, percentile


def f1(sums):
    return 2 * sums[0] / (sums[1] + sums[2]) if sums[1] + sums[2] else None


def pooled(rows):
    return f1([sum(column) for column in zip(*rows, strict=True)])


@st.composite
def documents(draw):
    rows = []
    for _ in range(draw(st.integers(1, 30))):
        a, b = draw(st.integers(0, 12)), draw(st.integers(0, 12))
        rows.append((draw(st.integers(0, min(a, b))), a, b))
    return rows


def test_the_same_seed_gives_the_same_interval():
    rows = [(3, 4, 5), (0, 2, 1), (7, 7, 8), (1, 3, 3)]
    first = bootstrap_intervals(rows, [f1], resamples=200, seed=7)
    assert first == bootstrap_intervals(rows, [f1], resamples=200, seed=7)
    assert first != bootstrap_intervals(rows, [f1], resamples=200, seed=8)


def test_one_document_gives_its_own_value():
    assert bootstrap_intervals([(3, 4, 5)], [f1]) == [(2 * 3 / 9, 2 * 3 / 9)]


def test_no_documents_or_no_spans_give_none():
    assert bootstrap_intervals([], [f1, f1]) == [None, None]
    assert bootstrap_intervals([(0, 0, 0)] * 5, [f1]) == [None]


def test_the_resamples_are_draws_with_replacement_of_the_documents():
    """The interval is the percentiles of the statistic over resamples drawn as
    random.choices with the seed: recomputed here the slow way."""
    rows = [(random.Random(n).randint(0, 3), 4, random.Random(n + 1).randint(1, 5))
            for n in range(25)]
    rng = random.Random(3)
    values = sorted(pooled(rng.choices(rows, k=len(rows))) for _ in range(300))
    [(low, high)] = bootstrap_intervals(rows, [f1], resamples=300, seed=3)
    assert low == pytest.approx(percentile(values, 0.025), rel=1e-12)
    assert high == pytest.approx(percentile(values, 0.975), rel=1e-12)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="confidence"):
        bootstrap_intervals([(1, 1, 1)], [f1], confidence=1.0)
    with pytest.raises(ValueError, match="resamples"):
        bootstrap_intervals([(1, 1, 1)], [f1], resamples=0)
    with pytest.raises(ValueError, match="negative"):
        bootstrap_intervals([(1, -1, 1)], [f1])


@pytest.mark.consumer
@settings(deadline=None, max_examples=200)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=50), st.floats(0, 1))
def test_percentiles_are_numpys(values, fraction):
    numpy = pytest.importorskip("numpy")
    ordered = sorted(values)
    assert percentile(ordered, fraction) == pytest.approx(
        float(numpy.percentile(values, 100 * fraction)), rel=1e-12, abs=1e-9)


@settings(deadline=None, max_examples=150)
@given(documents(), st.integers(0, 2**32 - 1))
def test_the_interval_holds_the_point_estimate(rows, seed):
    point = pooled(rows)
    [interval] = bootstrap_intervals(rows, [f1], resamples=200, seed=seed)
    if point is None:
        assert interval is None
        return
    assert interval is not None
    low, high = interval
    assert 0 <= low <= high <= 1
    assert low - 1e-12 <= point <= high + 1e-12


def test_wide_counts_do_not_spill_into_each_other():
    rows = [(10**6, 10**6, 10**6), (0, 10**6, 0)] * 50
    [interval] = bootstrap_intervals(rows, [f1], resamples=50)
    assert 0 < interval[0] <= interval[1] < 1
