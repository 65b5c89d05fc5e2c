"""Agreement over a project: the figures against independent implementations (nervaluate,
scikit-learn), α_U of identical layers, which documents each pair is compared over, and the
bad inputs, each one line."""

from collections import Counter

import pytest

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.core.tokens import tokenize
from annotator.services.agreement import (
    TOKEN_PROCLITICS,
    annotator_layers,
    document_agreement,
    project_agreement,
)
from annotator.services.session import AnnotationSession
from tests.services.review_data import lead_project

LABELS = ("LOCATION", "ACTOR", "WEAPON", "CLAIM")


@pytest.fixture
def lead(tmp_path):
    project = lead_project(tmp_path / "lead.tawsim", documents=20)
    yield project
    project.close()


def layer_spans(project, layer):
    return {doc: project.spans(doc, layer) for doc in project.document_ids()}


def test_default_layers_are_the_annotator_layers(lead):
    assert annotator_layers(lead) == ["amal", "basel"]
    report = project_agreement(lead, resamples=50)
    assert [(p.a, p.b) for p in report.pairs] == [("amal", "basel")]
    assert report.documents_in_common[("amal", "basel")] == tuple(lead.document_ids())
    data = report.as_dict()["pairs"][0]
    for key in ("a", "b", "documents", "exact", "relaxed", "alpha_u", "token_kappa",
                "stance_kappa", "source_f1", "boundary_only", "documents_by_f1"):
        assert key in data
    assert set(data["exact"]) >= {"f1", "precision", "recall", "by_label"}
    assert set(data["exact"]["by_label"]["LOCATION"]) == {"f1", "a", "b", "matched"}
    assert set(data["alpha_u"]) == {"overall", "by_label"}
    assert data["documents"] == 20


@pytest.mark.consumer
def test_span_f1_equals_nervaluates(lead):
    nervaluate = pytest.importorskip("nervaluate")

    def as_dicts(layer):  # nervaluate's ends are inclusive
        return [[{"label": s.label, "start": s.start, "end": s.end - 1} for s in spans]
                for spans in layer_spans(lead, layer).values()]

    amal, basel = as_dicts("amal"), as_dicts("basel")
    found = nervaluate.Evaluator(amal, basel, tags=list(LABELS), loader="dict").evaluate()
    entities = found["entities"]
    spans_a = sum(len(doc) for doc in amal)
    spans_b = sum(len(doc) for doc in basel)
    pair = project_agreement(lead, resamples=50).pairs[0]
    for scenario, ours in (("strict", pair.exact), ("ent_type", pair.relaxed)):
        correct = sum(entities[label][scenario].correct for label in LABELS)
        assert ours.total.matched == correct
        assert ours.total.f1 == pytest.approx(2 * correct / (spans_a + spans_b))
        for label in LABELS:
            tally = ours.by_label[label]
            assert tally.matched == entities[label][scenario].correct
    assert pair.relaxed.total.f1 > pair.exact.total.f1  # the variations move boundaries


@pytest.mark.consumer
def test_kappas_equal_scikit_learns(lead):
    metrics = pytest.importorskip("sklearn.metrics")
    pair = project_agreement(lead, resamples=50).pairs[0]
    first, second, stances_a, stances_b = [], [], [], []
    for doc in lead.document_ids():
        text = lead.document_text(doc)
        tokens = tokenize(text, TOKEN_PROCLITICS)
        first += [_token_label(t, lead.spans(doc, "amal")) for t in tokens]
        second += [_token_label(t, lead.spans(doc, "basel")) for t in tokens]
        claims = [{(s.start, s.end): s.attrs.get("stance") for s in lead.spans(doc, layer)
                   if s.label == "CLAIM"} for layer in ("amal", "basel")]
        for place, stance in claims[0].items():  # the claims are at the same place
            stances_a.append(str(stance))
            stances_b.append(str(claims[1][place]))
    assert pair.token_kappa.value == pytest.approx(metrics.cohen_kappa_score(first, second),
                                                   abs=1e-12)
    assert pair.stance_kappa.items == 20
    assert pair.stance_kappa.value == pytest.approx(
        metrics.cohen_kappa_score(stances_a, stances_b), abs=1e-12)


def _token_label(token, spans):
    """The innermost span over the token (shortest, then first, then by label), else O."""
    over = [s for s in spans if s.start < token.end and token.start < s.end]
    if not over:
        return "O"
    return min(over, key=lambda s: (s.end - s.start, s.start, s.label)).label


def test_identical_layers_agree_fully(tmp_path):
    with lead_project(tmp_path / "same.tawsim", documents=6, identical=True) as project:
        pair = project_agreement(project, resamples=50).pairs[0]
    assert pair.alpha_u.overall == 1.0
    assert all(value in (1.0, None) for value in pair.alpha_u.by_label.values())
    assert pair.exact.total.f1 == pair.relaxed.total.f1 == 1.0
    assert pair.token_kappa.value == 1.0 and pair.source_f1 == 1.0
    assert pair.boundary_only.total == 0


def test_each_pair_over_the_documents_both_have(tmp_path):
    with lead_project(tmp_path / "three.tawsim", ("amal", "basel"), documents=6) as project:
        chadi = AnnotationSession(project, "chadi")
        for doc in ("a000", "a001"):
            chadi.add_span(doc, 0, 3, "WEAPON")
        chadi.set_status("a000", Status.DONE)
        report = project_agreement(project, resamples=20)
        assert {(p.a, p.b): p.documents for p in report.pairs} == {
            ("amal", "basel"): 6, ("amal", "chadi"): 2, ("basel", "chadi"): 2}
        done = project_agreement(project, status="done", resamples=20)
        assert {(p.a, p.b): p.documents for p in done.pairs}[("amal", "chadi")] == 1
        assert done.documents_in_common[("basel", "chadi")] == ("a000",)


def test_labels_filter_keeps_those_labels_and_their_links(lead):
    report = project_agreement(lead, labels=["CLAIM", "ACTOR"], resamples=20)
    pair = report.pairs[0]
    assert list(pair.relaxed.by_label) == ["CLAIM", "ACTOR"]
    assert pair.source_f1 is not None
    assert report.labels == ("CLAIM", "ACTOR")


def test_documents_by_f1_hardest_first_and_one_document(lead):
    pair = project_agreement(lead, resamples=20).pairs[0]
    scores = [score.f1 for score in pair.documents_by_f1]
    assert scores == sorted(scores)
    hardest = pair.documents_by_f1[0].document
    one = document_agreement(lead, hardest).pairs[0]
    assert one.documents == 1
    assert one.relaxed.total.f1 == pytest.approx(pair.documents_by_f1[0].f1)
    assert document_agreement(lead, hardest, ["basel", "amal"]).pairs[0].a == "basel"


@pytest.mark.parametrize(("options", "message"), [
    ({"layers": ["amal", "nobody"]}, "the project has no layer 'nobody'"),
    ({"layers": ["amal", "amal"]}, "layer 'amal' is named twice"),
    ({"layers": ["amal"]}, "two layers or more"),
    ({"labels": ["PLACE"]}, "the scheme has no label 'PLACE'"),
    ({"status": "finished"}, "unknown status 'finished'"),
    ({"status": "reviewed"}, "amal and basel have no document in common at status reviewed"),
])
def test_bad_inputs_are_one_line(lead, options, message):
    with pytest.raises(TawsimError) as error:
        project_agreement(lead, **options)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_one_annotator_or_none_in_common(tmp_path, project):
    AnnotationSession(project, "amal")
    with pytest.raises(TawsimError, match="two annotator layers with work in them; the "
                                          "project has 0"):
        project_agreement(project)
    with lead_project(tmp_path / "apart.tawsim", ("amal",), documents=2) as apart:
        basel = AnnotationSession(apart, "basel")
        assert apart.document_ids()
        # basel has done nothing yet: not an annotator to compare with.
        with pytest.raises(TawsimError, match=r"the project has 1 \(amal\)"):
            project_agreement(apart)
        with pytest.raises(TawsimError, match="amal and basel have no document in common"):
            project_agreement(apart, layers=["amal", "basel"])
        basel.add_span("a000", 0, 3, "WEAPON")
        assert project_agreement(apart, resamples=5).pairs[0].documents == 1


def test_a_pair_with_nothing_in_common_is_left_out(tmp_path):
    with lead_project(tmp_path / "l.tawsim", ("amal", "basel"), documents=3) as project:
        AnnotationSession(project, "chadi")
        project.ensure_layer("dana")
        chadi = AnnotationSession(project, "chadi")
        chadi.add_span("a001", 0, 3, "WEAPON")
        dana = AnnotationSession(project, "dana")
        dana.add_span("a002", 0, 3, "WEAPON")
        report = project_agreement(project, layers=["amal", "chadi", "dana"], resamples=5)
        assert [(p.a, p.b) for p in report.pairs] == [("amal", "chadi"), ("amal", "dana")]
        assert [item.reason for item in report.left_out] == [
            "chadi and dana have no document in common (none that both have worked on)"]
        assert report.as_dict()["left_out"][0]["a"] == "chadi"


def test_confusion_counts_the_label_disagreements(lead):
    pair = project_agreement(lead, resamples=5).pairs[0]
    relabelled = Counter()
    for doc in lead.document_ids():
        labels = [{s.text: s.label for s in lead.spans(doc, layer)} for layer in ("amal",
                                                                                   "basel")]
        if "حلب" in labels[0] and "حلب" in labels[1]:
            relabelled[(labels[0]["حلب"], labels[1]["حلب"])] += 1
    assert pair.confusion["LOCATION"].get("ACTOR", 0) == relabelled[("LOCATION", "ACTOR")]
