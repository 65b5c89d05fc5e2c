"""Krippendorff's unitizing alpha: published figures, hand-worked cases, DKPro's values on
random studies, the degenerate cases, and properties."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement.unitizing import (
    NO_EXPECTED,
    NO_SPANS,
    NO_SPANS_AT_ALL,
    NO_TEXT,
    Continuum,
    unitizing_alpha,
)

DKPRO_CASES = Path(__file__).parent / "data" / "alpha_u_dkpro.json"


@dataclass(frozen=True)
class U:
    start: int
    end: int
    label: str


def alpha(length, *layers, labels=()):
    continuum = Continuum(len(layers))
    continuum.add_document(length, [[U(*unit) for unit in layer] for layer in layers])
    return unitizing_alpha(continuum, labels)


# -- published figures -----------------------------------------------------------------------

def test_krippendorff_2004_example():
    """Krippendorff (2004), as DKPro Statistics' tests give it: a continuum of 300 from
    150, two coders, categories c and k (offsets here start at 0)."""
    shift = 150
    first = [(225, 295, "c"), (370, 400, "c"), (180, 240, "k"), (300, 350, "k")]
    second = [(220, 300, "c"), (355, 375, "c"), (400, 420, "c"), (180, 240, "k"),
              (300, 350, "k")]
    result = alpha(300, *([(s - shift, e - shift, c) for s, e, c in layer]
                          for layer in (first, second)))
    c = result.disagreement["c"]
    assert float(c.observed) == pytest.approx(0.0144, abs=1e-4)
    assert float(c.expected) == pytest.approx(0.0532, abs=1e-4)
    assert result.by_label["c"] == pytest.approx(0.7286, abs=1e-4)
    assert result.by_label["k"] == 1.0
    assert result.overall == pytest.approx(0.8591, abs=5e-4)


def _krippendorff_1995(stretch):
    """Krippendorff (1995: p. 57), four categories over 24 units, stretched."""
    def s(value):
        return int(value * stretch)
    units = {
        0: [(2, 8, "A"), (14, 6, "A"), (0, 18, "B"), (2, 6, "C"), (10, 2, "C"), (14, 4, "C"),
            (20, 2, "C"), (0, 2, "D"), (2, 8, "D"), (10, 4, "D"), (14, 6, "D"), (20, 4, "D")],
        1: [(4, 4, "A"), (15, 2, "A"), (0, 2, "B"), (2, 1, "B"), (3, 1, "B"), (4, 1, "B"),
            (5, 1, "B"), (6, 3, "B"), (9, 1, "B"), (0, 2, "C"), (4, 4, "C"), (10, 4, "C"),
            (16, 2, "C"), (20, 2, "C"), (0, 4, "D"), (4, 4, "D"), (8, 7, "D"), (15, 2, "D"),
            (17, 7, "D")],
    }
    layers = [[(s(b), s(b) + s(n), c) for b, n, c in units[rater]] for rater in (0, 1)]
    return alpha(s(24), *layers)


def test_krippendorff_1995_observed_disagreement():
    result = _krippendorff_1995(1)
    for label, value in (("A", 0.03125), ("B", 2.26736), ("C", 0.02777), ("D", 0.38715)):
        assert float(result.disagreement[label].observed) == pytest.approx(value, abs=1e-5)


def test_krippendorff_1995_expected_disagreement_and_alpha():
    result = _krippendorff_1995(1200000 / 24)
    for label, expected, value in (("A", 0.06990, 0.553), ("B", 1.17731, -0.926),
                                   ("C", 0.08642, 0.679), ("D", 0.41445, 0.066)):
        assert float(result.disagreement[label].expected) == pytest.approx(expected, abs=5e-3)
        assert result.by_label[label] == pytest.approx(value, abs=0.02)


# -- DKPro Statistics on random studies ------------------------------------------------------

def _dkpro_cases():
    return json.loads(DKPRO_CASES.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _dkpro_cases(), ids=lambda case: f"L{case['length']}")
def test_equals_dkpro_statistics_on_random_studies(case):
    """Values computed by DKPro Statistics' KrippendorffAlphaUnitizingAgreement (2, 3
    raters; touching units, units at the edges, raters without units of a category)."""
    layers = [[(s, e, c) for s, e, rater, c in case["units"] if rater == index]
              for index in range(case["layers"])]
    result = alpha(case["length"], *layers)
    for label, (observed, expected, value) in case["by_label"].items():
        part = result.disagreement[label]
        assert float(part.observed) == pytest.approx(observed, rel=1e-12, abs=1e-15)
        assert float(part.expected) == pytest.approx(expected, rel=1e-12, abs=1e-15)
        if observed != expected:  # DKPro gives 0.0 for 0/0; here it is 1.0 or None
            assert result.by_label[label] == pytest.approx(value, rel=1e-9, abs=1e-12)
    assert result.overall == pytest.approx(case["overall"], rel=1e-9, abs=1e-12)


# -- hand-worked -----------------------------------------------------------------------------

def test_a_hand_worked_case():
    """L=10; a marks [2,5), b marks [3,5).
    Observed: the two units overlap, (2-3)² + (5-5)² = 1; D_o = 2·1 / (2·1·10²) = 0.01.
    Expected: N=2 units of lengths 3 and 2; gaps 2, 5 (a) and 3, 5 (b).
      ℓ=3: 1·3·2·5/3 = 10, plus 3²·((3-3+1) + (5-3+1) + (5-3+1)) = 9·7 = 63 -> 73
      ℓ=2: 1·2·1·3/3 = 2, plus 2²·(1 + 2 + 4 + 4) = 44 -> 46
      D_e = 2/10 · 119 / (20·19 - (3·2 + 2·1)) = 23.8 / 372 = 0.0639785
    α = 1 - 0.01 / 0.0639785 = 0.8436975"""
    result = alpha(10, [(2, 5, "X")], [(3, 5, "X")])
    assert float(result.disagreement["X"].observed) == pytest.approx(0.01)
    assert float(result.disagreement["X"].expected) == pytest.approx(23.8 / 372)
    assert result.by_label["X"] == pytest.approx(1 - 0.01 / (23.8 / 372))
    assert result.overall == result.by_label["X"]


ARTICLE = "أفادت مصادر محلية بسوريا أن طائرة مسيرة قصفت قاعدة قرب الحدود العراقية اليوم"


def _word(word, label, proclitic=0):
    start = ARTICLE.index(word)
    return (start + proclitic, start + len(word), label)


LAYER = [_word("مصادر محلية", "ACTOR"), _word("بسوريا", "LOCATION", 1),
         _word("طائرة مسيرة", "WEAPON"), _word("الحدود العراقية", "LOCATION")]


def test_identical_layers_give_one():
    result = alpha(len(ARTICLE), LAYER, LAYER)
    assert result.overall == 1.0
    assert set(result.by_label.values()) == {1.0}


def test_a_one_letter_proclitic_lowers_it_a_little():
    other = [*LAYER]
    other[1] = _word("بسوريا", "LOCATION")  # ب taken in
    result = alpha(len(ARTICLE), LAYER, other)
    assert 0.9 < result.overall < 1.0
    assert 0.8 < result.by_label["LOCATION"] < 1.0
    assert result.by_label["ACTOR"] == result.by_label["WEAPON"] == 1.0


def test_disjoint_spans_give_zero_or_less():
    first = [(0, 5, "X"), (20, 25, "X")]
    second = [(10, 15, "X"), (30, 35, "X")]
    assert alpha(40, first, second).overall <= 0


def test_one_annotator_marking_nothing_is_no_agreement():
    """dkpro-statistics #2 reported 1.0 when only one of several raters annotated."""
    assert alpha(20, [(0, 1, "X")], []).overall <= 0
    assert alpha(len(ARTICLE), LAYER, []).overall <= 0


def test_each_annotator_marking_a_different_document_is_no_agreement():
    """INCEpTION #2219: two documents, each annotator marked only one of them; 1.0 there."""
    first, second = "Foo bar", "The test"
    continuum = Continuum(2)
    continuum.add_document(len(first), [[U(0, 3, "X")], []])
    continuum.add_document(len(second), [[], [U(0, 3, "X")]])
    assert unitizing_alpha(continuum).overall <= 0


def test_overlapping_spans_of_one_label_in_one_layer_are_joined():
    joined = alpha(30, [(2, 12, "X")], [(3, 12, "X")])
    split = alpha(30, [(2, 8, "X"), (5, 12, "X")], [(3, 12, "X")])
    assert split.overall == joined.overall
    # touching units stay two units, which is not the same as one
    assert alpha(30, [(2, 8, "X"), (8, 12, "X")], [(3, 12, "X")]).overall != joined.overall


def test_empty_spans_mark_nothing():
    assert alpha(10, [(2, 5, "X"), (7, 7, "X")], [(2, 5, "X")]).overall == 1.0


# -- degenerate cases ------------------------------------------------------------------------

def test_no_text():
    result = alpha(0, [], [], labels=["X"])
    assert result.overall is None and result.by_label == {"X": None}
    assert result.reasons == {"overall": NO_TEXT, "X": NO_TEXT}


def test_no_spans_is_none_not_one():
    """dkpro-statistics #48/#58: DKPro answers 0.0 or 1.0 when there is nothing to agree on."""
    result = alpha(10, [], [], labels=["X"])
    assert result.overall is None and result.by_label == {"X": None}
    assert result.reasons == {"overall": NO_SPANS_AT_ALL, "X": NO_SPANS}


def test_a_listed_label_nobody_used_is_none_and_does_not_count():
    result = alpha(10, [(2, 5, "X")], [(2, 5, "X")], labels=["Y"])
    assert list(result.by_label) == ["Y", "X"]
    assert result.by_label == {"Y": None, "X": 1.0}
    assert result.overall == 1.0 and result.reasons == {"Y": NO_SPANS}


def test_no_expected_disagreement_is_none():
    """Both layers mark every character of a one-character text: D_o = D_e = 0."""
    result = alpha(1, [(0, 1, "X")], [(0, 1, "X")])
    assert result.by_label == {"X": None} and result.overall is None
    assert result.reasons == {"X": NO_EXPECTED, "overall": NO_EXPECTED}


def test_needs_two_layers_and_spans_inside_the_text():
    with pytest.raises(ValueError, match="two layers"):
        Continuum(1)
    with pytest.raises(ValueError, match="outside"):
        Continuum(2).add_document(5, [[U(3, 6, "X")], []])


# -- properties ------------------------------------------------------------------------------

LENGTH = 40


@st.composite
def layer(draw):
    units = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, LENGTH - 1))
        end = draw(st.integers(start + 1, min(LENGTH, start + 12)))
        units.append((start, end, draw(st.sampled_from("XY"))))
    return units


@settings(deadline=None, max_examples=200)
@given(layer(), layer())
def test_alpha_is_at_most_one_and_symmetric(first, second):
    forward, backward = alpha(LENGTH, first, second), alpha(LENGTH, second, first)
    assert forward.overall == backward.overall
    assert forward.by_label == backward.by_label
    for value in (forward.overall, *forward.by_label.values()):
        assert value is None or value <= 1.0


@settings(deadline=None, max_examples=200)
@given(layer())
def test_identical_layers_always_give_one(units):
    result = alpha(LENGTH, units, units)
    assert result.overall == (1.0 if units else None)


@settings(deadline=None, max_examples=100)
@given(layer(), layer(), st.integers(1, LENGTH - 1))
def test_documents_are_one_continuum(first, second, cut):
    """Two documents give what one text holding both gives, offsets shifted."""
    def part(units, low, high):
        return [U(s - low, e - low, c) for s, e, c in units if low <= s and e <= high]
    inside = [[u for u in units if u[1] <= cut or u[0] >= cut] for units in (first, second)]
    continuum = Continuum(2)
    continuum.add_document(cut, [part(units, 0, cut) for units in inside])
    continuum.add_document(LENGTH - cut, [part(units, cut, LENGTH) for units in inside])
    assert unitizing_alpha(continuum).overall == alpha(LENGTH, *inside).overall
