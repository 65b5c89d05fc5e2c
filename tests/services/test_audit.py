"""Auditing a prediction layer against gold: figures, error lists, the desk's comparison."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.evaluation import compare
from annotator.core.model import LayerKind
from annotator.services.audit import (
    acceptance,
    audit_layers,
    compare_document,
    layers_to_compare,
)
from annotator.services.audit_report import render
from annotator.services.session import AnnotationSession
from tests.formats.sample import ARTICLE, CLAIMS, DOC_ID, annotated_project, where


@pytest.fixture
def audited(tmp_path):
    """Gold from the sample; predictions with one of each kind of error."""
    project = annotated_project(tmp_path / "a.tawsim")
    model = AnnotationSession(project, "extractor", layer="pred", layer_kind=LayerKind.MODEL)
    model.add_span(DOC_ID, *where(ARTICLE, "الزهراء"), "LOCATION")  # exact
    model.add_span(DOC_ID, *where(ARTICLE, "بلدة الزهراء"), "LOCATION")  # a second guess
    model.add_span(DOC_ID, *where(ARTICLE, "قذائف هاون"), "ACTOR")  # wrong label
    model.add_span(DOC_ID, *where(ARTICLE, "بسوريا"), "LOCATION")  # boundary (proclitic)
    model.add_span(DOC_ID, *where(ARTICLE, "مساء السبت"), "WEAPON")  # spurious
    source = model.add_span(DOC_ID, *where(ARTICLE, "وزارة الدفاع"), "ACTOR")
    claim = model.add_span(DOC_ID, *where(ARTICLE, CLAIMS[1][0]), "CLAIM",
                           {"stance": "asserted"})
    model.link("SOURCE", claim.id, source.id)
    yield project
    project.close()


def test_figures_and_error_lists(audited):
    result = audit_layers(audited, "gold", "pred")
    data = result.as_dict()
    assert set(data) == {"exact", "overlap", "relations"}
    assert set(data["exact"]) == {"LOCATION", "ACTOR", "WEAPON", "CLAIM", "micro"}
    location = data["exact"]["LOCATION"]
    assert (location["tp"], location["fp"], location["fn"]) == (1, 2, 2)
    overlap = data["overlap"]["LOCATION"]
    assert (overlap["tp"], overlap["fp"], overlap["fn"]) == (2, 1, 1)
    assert data["exact"]["micro"]["tp"] == 3  # الزهراء, وزارة الدفاع, the denied claim
    assert data["exact"]["micro"]["fp"] == 4 and data["exact"]["micro"]["fn"] == 12
    assert data["relations"]["SOURCE"] == {"precision": 1.0, "recall": 0.25, "f1": 0.4,
                                           "tp": 1, "fp": 0, "fn": 3}
    assert [r.predicted["text"] for r in result.errors_of("boundary")] == ["بسوريا"]
    assert [r.predicted["text"] for r in result.errors_of("wrong_label")] == ["قذائف هاون"]
    spurious = sorted(r.predicted["text"] for r in result.errors_of("spurious"))
    assert spurious == ["بلدة الزهراء", "مساء السبت"]
    assert len(result.errors_of("missed")) == 10
    assert result.attributes["stance"].differ == 1  # the claim was denied, not asserted
    row = result.errors_of("boundary")[0]
    assert row.context[1] == "بسوريا" and row.context[0].endswith("ضُبطت ")


def test_only_documents_gold_has_annotated_count(audited):
    from annotator.core.records import DocumentRecord, prepare_record
    from annotator.storage import BulkImport

    with BulkImport(audited, actor="t", source="t") as bulk:
        bulk.add(prepare_record(DocumentRecord(text="نص لم يوسم بعد.", id="fresh"),
                                audited.scheme))
    AnnotationSession(audited, "extractor", layer="pred").add_span("fresh", 0, 2, "ACTOR")
    assert audit_layers(audited, "gold", "pred").documents == 1
    everything = audit_layers(audited, "gold", "pred", documents="all")
    assert everything.documents == 2
    assert everything.exact.by_label["ACTOR"].fp == 2


def test_bad_layers_are_refused_in_one_line(audited):
    with pytest.raises(TawsimError, match="no layer 'model'"):
        audit_layers(audited, "gold", "model")
    with pytest.raises(TawsimError, match="two different layers"):
        audit_layers(audited, "gold", "gold")


def test_the_desk_gets_colours_and_what_accepting_means(audited):
    result = compare_document(audited, DOC_ID, "gold", "pred")
    by_text = {s.text: s for s in result.predicted_spans}
    states = result.predicted_state
    assert states[by_text["الزهراء"].id] == "exact"
    assert states[by_text["بسوريا"].id] == "boundary"
    assert states[by_text["قذائف هاون"].id] == "wrong_label"
    assert states[by_text["مساء السبت"].id] == "spurious"
    assert list(result.gold_state.values()).count("missed") == 10
    plan = acceptance(result, by_text["بسوريا"].id)
    gold_syria = next(s for s in result.gold_spans if s.text == "سوريا")
    assert (plan.action, plan.gold_span) == ("move", gold_syria.id)
    assert (plan.start, plan.end) == where(ARTICLE, "بسوريا")
    assert acceptance(result, by_text["قذائف هاون"].id).action == "relabel"
    assert acceptance(result, by_text["مساء السبت"].id).action == "add"
    assert acceptance(result, by_text["الزهراء"].id).action == "none"
    # The desk carries a plan out through its session: accepting the spurious span.
    plan = acceptance(result, by_text["مساء السبت"].id)
    AnnotationSession(audited, "amal", layer="gold").add_span(
        DOC_ID, plan.start, plan.end, plan.label, plan.attrs)
    after = compare_document(audited, DOC_ID, "gold", "pred")
    assert after.predicted_state[by_text["مساء السبت"].id] == "exact"


def test_the_html_report_stands_alone(audited, tmp_path):
    page = render(audit_layers(audited, "gold", "pred"))
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page
    for fetch in ("<script", "src=", "href=", "url(", "@import", "<link"):
        assert fetch not in page
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"]
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    chart = ET.fromstring(svg)
    assert len(chart.findall("{http://www.w3.org/2000/svg}rect")) == 2 * 5
    assert 'dir="rtl"' in page and "بسوريا" in page
    assert "&lt;" not in ARTICLE and "<mark" in page


# -- agreement with nervaluate -----------------------------------------------------------------

LABELS = ("LOCATION", "ACTOR", "WEAPON", "CLAIM")


@st.composite
def layer(draw):
    """Spans of a layer where no two spans of one label overlap (as the guidelines say)."""
    spans = []
    for label in LABELS:
        position = draw(st.integers(0, 3))
        for _ in range(draw(st.integers(0, 5))):
            start = position + draw(st.integers(0, 4))
            end = start + draw(st.integers(1, 6))
            spans.append((start, end, label))
            position = end
    return spans


class _S:
    def __init__(self, n, start, end, label):
        self.id, self.start, self.end, self.label = n, start, end, label


def _ours(gold_docs, pred_docs):
    from annotator.core.evaluation import Scores

    exact, overlap = Scores(), Scores()
    for gold, pred in zip(gold_docs, pred_docs, strict=True):
        e, o = compare([_S(f"g{i}", *s) for i, s in enumerate(gold)],
                       [_S(f"p{i}", *s) for i, s in enumerate(pred)]).span_scores()
        exact.add(e)
        overlap.add(o)
    return exact, overlap


@pytest.mark.consumer
@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(layer(), layer()), min_size=1, max_size=4))
def test_figures_equal_nervaluates_strict_and_ent_type(documents):
    nervaluate = pytest.importorskip("nervaluate")
    gold_docs = [sorted(g) for g, _ in documents]
    pred_docs = [sorted(p) for _, p in documents]

    def as_dicts(docs):  # nervaluate's ends are inclusive
        return [[{"label": lab, "start": s, "end": e - 1} for s, e, lab in doc] for doc in docs]

    found = nervaluate.Evaluator(as_dicts(gold_docs), as_dicts(pred_docs),
                                 tags=list(LABELS), loader="dict").evaluate()
    exact, overlap = _ours(gold_docs, pred_docs)
    pooled = {"strict": [0, 0, 0], "ent_type": [0, 0, 0]}
    for label, by_scenario in found["entities"].items():
        for scenario, ours in (("strict", exact), ("ent_type", overlap)):
            theirs = by_scenario[scenario]
            mine = ours.by_label.get(label)
            assert mine is not None
            assert mine.tp == theirs.correct
            assert mine.tp + mine.fp == theirs.actual
            assert mine.tp + mine.fn == theirs.possible
            assert mine.precision == pytest.approx(theirs.precision)
            assert mine.recall == pytest.approx(theirs.recall)
            assert mine.f1 == pytest.approx(theirs.f1)
            pooled[scenario][0] += theirs.correct
            pooled[scenario][1] += theirs.actual
            pooled[scenario][2] += theirs.possible
    for scenario, ours in (("strict", exact), ("ent_type", overlap)):
        micro = ours.micro
        assert (micro.tp, micro.tp + micro.fp, micro.tp + micro.fn) == tuple(pooled[scenario])


def test_the_desk_lists_layers_for_its_pickers(audited):
    gold_side, prediction_side = layers_to_compare(audited)
    assert gold_side[0] == "gold" and prediction_side[0] == "pred"
    assert sorted(gold_side) == sorted(prediction_side) == ["gold", "pred"]
