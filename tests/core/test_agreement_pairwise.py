"""Two annotators over the same documents: every figure, worked by hand on an Arabic article,
its JSON shape, the degenerate cases, and properties (symmetry, one pass for all pairs)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    UNMATCHED,
    LayeredDocument,
    PairedDocument,
    TokenCounter,
    compare_all,
    compare_layers,
)
from annotator.core.agreement.collect import NO_CLAIMS, NO_SOURCE
from annotator.core.errors import TawsimError
from annotator.core.model import Relation, Span
from annotator.core.scheme import ClaimRoles

TEXT = ("قال المتحدث العسكري إن القصف استهدف بسوريا قاعدة للتحالف بالعراق "
        "ونفى وجود طائرة مسيرة.")


def span(layer, word, label, cut=0, doc="d1", text=TEXT, **attrs):
    start = text.index(word) + cut
    end = text.index(word) + len(word)
    return Span(doc, layer, start, end, label, text[start:end], attrs=attrs)


def source(layer, claim, actor, doc="d1"):
    return Relation(doc, layer, "SOURCE", claim.id, actor.id)


@pytest.fixture
def layers():
    """a follows the guidelines; b takes ب into LOCATION سوريا, drops ال from العراق,
    drops the ل of للتحالف, calls the drone an ACTOR, gives no stance, and links the claim to
    the wrong actor."""
    a = [span("a", "المتحدث العسكري", "ACTOR"),
         span("a", "القصف استهدف بسوريا قاعدة للتحالف بالعراق", "CLAIM", stance="asserted"),
         span("a", "بسوريا", "LOCATION", 1),
         span("a", "للتحالف", "ACTOR", 1),
         span("a", "بالعراق", "LOCATION", 1),
         span("a", "طائرة مسيرة", "WEAPON")]
    b = [span("b", "المتحدث العسكري", "ACTOR"),
         span("b", "القصف استهدف بسوريا قاعدة للتحالف بالعراق", "CLAIM"),
         span("b", "بسوريا", "LOCATION"),
         span("b", "للتحالف", "ACTOR", 2),
         span("b", "بالعراق", "LOCATION", 3),
         span("b", "طائرة مسيرة", "ACTOR")]
    return a, b, [source("a", a[1], a[0])], [source("b", b[1], b[3])]


def one(layers, **options):
    a, b, a_links, b_links = layers
    return compare_layers("a", "b", [PairedDocument("d1", TEXT, a, b, a_links, b_links)],
                          **options)


def test_span_f1_by_hand(layers):
    result = one(layers, labels=["LOCATION", "ACTOR", "WEAPON", "CLAIM"])
    # exact: المتحدث العسكري and the claim; relaxed: all but the drone
    assert result.exact.total.matched == 2 and result.relaxed.total.matched == 5
    assert result.exact.total.f1 == pytest.approx(2 * 2 / 12)
    assert result.relaxed.total.f1 == pytest.approx(2 * 5 / 12)
    assert result.label_blind.total.matched == 6 and result.label_blind.total.f1 == 1.0
    assert list(result.relaxed.by_label) == ["LOCATION", "ACTOR", "WEAPON", "CLAIM"]
    assert result.relaxed.by_label["ACTOR"].as_dict() == {"f1": pytest.approx(2 * 2 / 5),
                                                         "a": 2, "b": 3, "matched": 2}
    assert result.relaxed.by_label["WEAPON"].as_dict() == {"f1": 0.0, "a": 1, "b": 0,
                                                          "matched": 0}


def test_precision_is_over_b_and_recall_over_a():
    a = [Span("d", "a", 0, 2, "X", "ab")]
    b = [Span("d", "b", 0, 2, "X", "ab"), Span("d", "b", 3, 5, "X", "de")]
    result = compare_layers("a", "b", [PairedDocument("d", "ab de", a, b)])
    assert result.exact.total.precision == 0.5 and result.exact.total.recall == 1.0
    assert result.exact.total.f1 == pytest.approx(2 / 3)


def test_boundary_only_disagreements_and_their_kinds(layers):
    """بسوريا/سوريا: a proclitic; بالعراق: العراق/عراق, the article; للتحالف: لتحالف/تحالف,
    the article's lam; the claim's edges agree; the drone is another label."""
    result = one(layers)
    assert result.boundary_only.as_dict() == {"total": 3, "proclitic": 1, "article": 2}


def test_confusion_table_from_the_label_blind_pairs(layers):
    result = one(layers, labels=["LOCATION", "ACTOR", "WEAPON", "CLAIM"])
    assert result.confusion == {"LOCATION": {"LOCATION": 2}, "ACTOR": {"ACTOR": 2},
                                "WEAPON": {"ACTOR": 1}, "CLAIM": {"CLAIM": 1}}
    a = layers[0]
    alone = compare_layers("a", "b", [PairedDocument("d1", TEXT, a[:1], [])])
    assert alone.confusion == {"ACTOR": {UNMATCHED: 1}}


def test_stance_and_source_links(layers):
    result = one(layers)
    # one matched claim: asserted against no stance, a category of its own
    assert result.stance_kappa.items == 1
    assert result.stance_kappa.table == {("asserted", None): 1}
    # the link's claim matches, its actor does not (b points at لتحالف)
    assert result.links["SOURCE"].as_dict() == {"f1": 0.0, "a": 1, "b": 1, "matched": 0}
    a, b, a_links, _ = layers
    right = compare_layers("a", "b", [PairedDocument("d1", TEXT, a, b, a_links,
                                                     [source("b", b[1], b[0])])])
    assert right.source_f1 == 1.0


def test_alpha_and_token_kappa_are_there(layers):
    result = one(layers)
    assert 0 < result.alpha_u.overall < 1
    assert result.alpha_u.by_label["CLAIM"] == 1.0
    assert 0 < result.token_kappa.value < 1
    assert result.token_kappa.items == TokenCounter().count(TEXT)


def test_documents_by_f1_hardest_first_and_empty_last(layers):
    a, b, _, _ = layers
    other = "مصادر أمنية في الموصل"
    documents = [
        PairedDocument("empty", "لا شيء هنا", [], []),
        PairedDocument("d1", TEXT, a, b),
        PairedDocument("same", other, [span("a", "الموصل", "LOCATION", text=other)],
                       [span("b", "الموصل", "LOCATION", text=other)]),
        PairedDocument("apart", other, [span("a", "مصادر أمنية", "ACTOR", text=other)], []),
    ]
    result = compare_layers("a", "b", documents)
    assert [(d["document"], d["f1"]) for d in result.as_dict()["documents_by_f1"]] == [
        ("apart", 0.0), ("d1", pytest.approx(10 / 12)), ("same", 1.0), ("empty", None)]
    assert result.documents == 4


def test_the_json_shape(layers):
    data = one(layers).as_dict()
    assert list(data) == ["a", "b", "documents", "exact", "relaxed", "label_blind", "alpha_u",
                          "token_kappa", "stance_kappa", "source_f1", "boundary_only",
                          "confusion", "documents_by_f1", "notes"]
    for name in ("exact", "relaxed"):
        assert list(data[name]) == ["f1", "precision", "recall", "by_label", "ci"]
        assert all(list(row) == ["f1", "a", "b", "matched"]
                   for row in data[name]["by_label"].values())
    assert list(data["label_blind"]) == ["f1", "precision", "recall", "ci"]
    assert list(data["alpha_u"]) == ["overall", "by_label"]
    assert data["exact"]["ci"] == [pytest.approx(4 / 12)] * 2  # one document
    assert data["notes"] == {}
    assert data["stance_kappa"] == 0.0


def test_nothing_to_compare_is_null_with_a_reason():
    data = compare_layers("a", "b", [], labels=["X"]).as_dict()
    assert data["documents"] == 0
    assert data["exact"] == {"f1": None, "precision": None, "recall": None,
                             "by_label": {"X": {"f1": None, "a": 0, "b": 0, "matched": 0}},
                             "ci": None}
    assert data["alpha_u"] == {"overall": None, "by_label": {"X": None}}
    assert data["token_kappa"] is None and data["stance_kappa"] is None
    assert data["source_f1"] is None and data["documents_by_f1"] == []
    assert set(data["notes"]) == {"exact.f1", "relaxed.f1", "label_blind.f1",
                                  "alpha_u.overall", "alpha_u.by_label.X", "token_kappa",
                                  "stance_kappa", "source_f1"}


def test_a_scheme_without_claims_or_sources(layers):
    result = one(layers, claims=None)
    assert result.stance_kappa.value is None and result.source_f1 is None
    assert result.notes()["stance_kappa"] == NO_CLAIMS
    assert result.notes()["source_f1"] == NO_CLAIMS
    result = one(layers, claims=ClaimRoles("CLAIM", None, "stance"))
    assert result.stance_kappa.items == 1 and result.notes()["source_f1"] == NO_SOURCE


def test_a_span_outside_its_text_is_refused():
    bad = [Span("d", "a", 3, 9, "X", "")]
    with pytest.raises(TawsimError, match="document d, layer a: span"):
        compare_layers("a", "b", [PairedDocument("d", "short", bad, [])])
    with pytest.raises(TawsimError, match="two different layers"):
        compare_all(["a", "a"], [])


# -- properties ------------------------------------------------------------------------------

WORDS = ["قال", "المتحدث", "بسوريا", "بالعراق", "طائرة", "مسيرة", "ونفى", "للتحالف", "أمس"]
LABELS = ["LOCATION", "ACTOR", "CLAIM"]


@st.composite
def corpus(draw):
    documents = []
    for number in range(draw(st.integers(1, 4))):
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
        doc_id = f"d{number}"
        layers = {}
        for name in ("a", "b", "c"):
            spans = []
            for _ in range(draw(st.integers(0, 5))):
                start = draw(st.integers(0, len(text) - 1))
                end = draw(st.integers(start + 1, min(len(text), start + 15)))
                label = draw(st.sampled_from(LABELS))
                attrs = {"stance": draw(st.sampled_from(["asserted", "denied"]))} \
                    if label == "CLAIM" and draw(st.booleans()) else {}
                spans.append(Span(doc_id, name, start, end, label, text[start:end],
                                  attrs=attrs))
            relations = []
            claims = [s for s in spans if s.label == "CLAIM"]
            actors = [s for s in spans if s.label == "ACTOR"]
            if claims and actors:
                relations.append(Relation(doc_id, name, "SOURCE", claims[0].id,
                                          actors[-1].id))
            layers[name] = (spans, relations)
        documents.append((doc_id, text, layers))
    return documents


def _pair(documents, first, second, **options):
    return compare_layers(first, second, [
        PairedDocument(doc_id, text, layers[first][0], layers[second][0], layers[first][1],
                       layers[second][1]) for doc_id, text, layers in documents],
        resamples=100, **options)


@settings(deadline=None, max_examples=100)
@given(corpus())
def test_swapping_the_layers_swaps_precision_and_recall_only(documents):
    forward, backward = _pair(documents, "a", "b"), _pair(documents, "b", "a")
    for name in ("exact", "relaxed", "label_blind"):
        there, back = getattr(forward, name), getattr(backward, name)
        assert there.total.f1 == back.total.f1 and there.ci == back.ci
        assert there.total.precision == back.total.recall
        assert {k: v.f1 for k, v in there.by_label.items()} == \
            {k: v.f1 for k, v in back.by_label.items()}
    assert forward.alpha_u.as_dict() == backward.alpha_u.as_dict()
    assert forward.token_kappa.value == backward.token_kappa.value
    assert forward.boundary_only == backward.boundary_only
    assert [d.f1 for d in forward.documents_by_f1] == [d.f1 for d in backward.documents_by_f1]
    for value in (forward.token_kappa.value, forward.stance_kappa.value):
        assert value is None or -1 <= value <= 1


@settings(deadline=None, max_examples=100)
@given(corpus())
def test_a_layer_against_itself_agrees_fully(documents):
    mirrored = [(doc_id, text, {"a": layers["a"], "b": layers["a"]})
                for doc_id, text, layers in documents]
    result = _pair(mirrored, "a", "b")
    if result.exact.total.a:
        assert result.exact.total.f1 == result.relaxed.total.f1 == 1.0
        assert result.exact.ci == (1.0, 1.0)
        assert result.alpha_u.overall == 1.0
        assert result.boundary_only.total == 0
        assert all(row == {label: row[label]} for label, row in result.confusion.items())
    if result.links:
        assert result.links["SOURCE"].f1 == 1.0


@settings(deadline=None, max_examples=100)
@given(corpus())
def test_the_interval_holds_the_point_and_scores_stay_in_range(documents):
    result = _pair(documents, "a", "c")
    for scores in (result.exact, result.relaxed, result.label_blind):
        f1 = scores.total.f1
        if f1 is None:
            assert scores.ci is None
            continue
        low, high = scores.ci
        assert 0 <= low <= high <= 1
        assert low - 1e-12 <= f1 <= high + 1e-12
    assert result.exact.total.matched <= result.relaxed.total.matched \
        <= result.label_blind.total.matched
    alpha = result.alpha_u.overall
    assert alpha is None or alpha <= 1


@settings(deadline=None, max_examples=50)
@given(corpus())
def test_all_pairs_in_one_pass_equal_each_pair_alone(documents):
    together = compare_all(["a", "b", "c"], [
        LayeredDocument(doc_id, text, {n: layers[n][0] for n in "abc"},
                        {n: layers[n][1] for n in "abc"})
        for doc_id, text, layers in documents], resamples=100)
    assert [(r.a, r.b) for r in together] == [("a", "b"), ("a", "c"), ("b", "c")]
    for result in together:
        alone = _pair(documents, result.a, result.b).as_dict()
        data = result.as_dict()
        assert data.keys() == alone.keys()
        for key in data:
            assert _same(data[key], alone[key]), key


def _same(x, y):
    if isinstance(x, float) and isinstance(y, float):
        return x == y or (math.isnan(x) and math.isnan(y))
    return x == y


@pytest.mark.consumer
@settings(deadline=None, max_examples=100)
@given(corpus())
def test_stance_kappa_equals_scikit_learn_over_matched_claims(documents):
    metrics = pytest.importorskip("sklearn.metrics")
    result = _pair(documents, "a", "b")
    table = result.stance_kappa.table
    first = [str(x) for (x, _), n in table.items() for _ in range(n)]
    second = [str(y) for (_, y), n in table.items() for _ in range(n)]
    assert len(first) == sum(1 for x, _ in _claim_pairs(documents))
    if not first or len(set(first) | set(second)) == 1:
        assert result.stance_kappa.value is None
    else:
        assert result.stance_kappa.value == pytest.approx(
            metrics.cohen_kappa_score(first, second), abs=1e-12)


def _claim_pairs(documents):
    from annotator.core.agreement import relaxed_matching
    for _, _, layers in documents:
        for x, y in relaxed_matching(layers["a"][0], layers["b"][0]).pairs:
            if x.label == "CLAIM":
                yield x, y
