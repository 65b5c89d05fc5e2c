"""Cohen's kappa (checked against scikit-learn) and the tokens it is counted over."""

import math
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import PairedDocument, compare_layers
from annotator.core.agreement.kappa import (
    NOTHING_TO_COMPARE,
    ONE_LABEL,
    cohen_kappa,
    kappa_of_pairs,
)
from annotator.core.agreement.token_labels import (
    OUTSIDE,
    TokenCounter,
    labels_of,
    layer_labels,
    pair_table,
)
from annotator.core.tokens import tokenize


@dataclass(frozen=True)
class S:
    start: int
    end: int
    label: str
    id: str = "s"
    attrs: dict = field(default_factory=dict, hash=False, compare=False)


# -- kappa -----------------------------------------------------------------------------------

def test_a_worked_table():
    """Krippendorff (1995) example A, digitised: κ = 0.385 (DKPro Statistics' test)."""
    a = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
    b = [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    kappa = kappa_of_pairs(zip(a, b, strict=True))
    assert kappa.value == pytest.approx(0.385, abs=1e-3)
    assert kappa.items == 24 and kappa.observed == pytest.approx(16 / 24)


def test_nothing_to_compare_and_one_label_only_are_none():
    assert cohen_kappa({}).value is None and cohen_kappa({}).reason == NOTHING_TO_COMPARE
    same = cohen_kappa({("O", "O"): 10})
    assert same.value is None and same.reason == ONE_LABEL and same.observed == 1.0


def test_perfect_and_chance_agreement():
    assert cohen_kappa({("X", "X"): 3, ("Y", "Y"): 2}).value == 1.0
    assert cohen_kappa({("X", "X"): 1, ("X", "Y"): 1, ("Y", "X"): 1, ("Y", "Y"): 1}).value == 0


@pytest.mark.consumer
@settings(deadline=None, max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(["O", "A", "B", None]),
                          st.sampled_from(["O", "A", "B", None])), min_size=1, max_size=60))
def test_equals_scikit_learn(pairs):
    metrics = pytest.importorskip("sklearn.metrics")
    ours = kappa_of_pairs(pairs)
    first = [str(x) for x, _ in pairs]  # a missing value is a category of its own
    second = [str(y) for _, y in pairs]
    if len(set(first) | set(second)) == 1:
        assert ours.value is None  # scikit-learn divides 0 by 0 there
        return
    theirs = metrics.cohen_kappa_score(first, second)
    if math.isnan(theirs):
        assert ours.value is None
    else:
        assert ours.value == pytest.approx(theirs, abs=1e-12)


# -- tokens ----------------------------------------------------------------------------------

TRICKY = ["بسوريا", "وبالصواريخ", "للتحالف", "قوّات", "الـقصف", "2.5", "٢٫٥", "ديرالزور”.",
          "👍🏽", "a\u200cb", "\u0600", "x\u0301", "\x1c", "«", "؟", "ك", "و", "12,000"]
GAPS = [" ", "  ", "\n", "\u00a0", "\t", "\u2003", "", "\u200f"]


@st.composite
def texts(draw):
    pieces = draw(st.lists(st.tuples(st.sampled_from(TRICKY), st.sampled_from(GAPS)),
                           max_size=12))
    return "".join(word + gap for word, gap in pieces)


@settings(deadline=None, max_examples=300)
@given(texts(), st.sampled_from(["keep", "split"]))
def test_the_counter_gives_the_tokens_of_the_tokeniser(text, policy):
    """Chunk by chunk, the tokens are exactly tokenize()'s, and so is their number."""
    counter = TokenCounter(policy)
    expected = [(t.start, t.end) for t in tokenize(text, policy)]
    assert counter.tokens(text) == expected
    assert counter.count(text) == len(expected)
    assert counter.count(text) == len(expected)  # once more, from what it has kept


def test_a_token_takes_the_innermost_span():
    tokens = [(0, 3), (4, 8), (9, 12), (13, 20)]
    layer = [S(0, 20, "CLAIM"), S(4, 12, "ACTOR"), S(9, 12, "LOCATION")]
    assert labels_of(tokens, layer) == ["CLAIM", "ACTOR", "LOCATION", "CLAIM"]
    # same length: the earlier start, then the first label in alphabetical order
    assert labels_of([(0, 4)], [S(1, 5, "Y"), S(0, 4, "Z"), S(0, 4, "X")]) == ["X"]


def test_a_token_touched_by_a_span_takes_its_label():
    text = "قصف بالعراق أمس"
    start = text.index("العراق")
    span = S(start, start + len("العراق"), "LOCATION")
    for policy, expected in (("keep", ["O", "LOCATION", "O"]),
                             ("split", ["O", "O", "LOCATION", "O"])):
        tokens = TokenCounter(policy).tokens(text)
        assert labels_of(tokens, [span]) == expected


def _reference_labels(text, spans, policy):
    """Each token's label the plain way: every span that overlaps it, the innermost wins."""
    labels = []
    for token in tokenize(text, policy):
        over = [s for s in spans if s.start < token.end and token.start < s.end]
        best = min(over, key=lambda s: (s.end - s.start, s.start, s.label), default=None)
        labels.append(best.label if best else OUTSIDE)
    return labels


@st.composite
def annotated(draw):
    text = draw(texts())
    layers = []
    for _ in range(2):
        layer = []
        for _ in range(draw(st.integers(0, 4))) if text else ():
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            layer.append(S(start, end, draw(st.sampled_from(["A", "B", "CLAIM"]))))
        layers.append(layer)
    return text, layers


@settings(deadline=None, max_examples=300)
@given(annotated(), st.sampled_from(["keep", "split"]))
def test_labels_near_spans_and_the_rest_outside_equal_the_plain_way(case, policy):
    text, (a, b) = case
    total, (a_labels, b_labels) = layer_labels(text, [a, b], TokenCounter(policy))
    table = pair_table(total, a_labels, b_labels)
    expected = {}
    for pair in zip(_reference_labels(text, a, policy), _reference_labels(text, b, policy),
                    strict=True):
        expected[pair] = expected.get(pair, 0) + 1
    assert dict(table) == expected


@pytest.mark.consumer
@settings(deadline=None, max_examples=100)
@given(st.lists(annotated(), min_size=1, max_size=3))
def test_token_kappa_equals_scikit_learn_over_every_token(documents):
    metrics = pytest.importorskip("sklearn.metrics")
    first, second = [], []
    for text, (a, b) in documents:
        first += _reference_labels(text, a, "split")
        second += _reference_labels(text, b, "split")
    result = compare_layers("a", "b", [PairedDocument(f"d{n}", text, a, b)
                                       for n, (text, (a, b)) in enumerate(documents)],
                            resamples=10).token_kappa
    assert result.items == len(first)
    if not first or len(set(first) | set(second)) == 1:
        assert result.value is None
    else:
        assert result.value == pytest.approx(metrics.cohen_kappa_score(first, second),
                                             abs=1e-12)
