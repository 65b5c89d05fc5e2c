"""Working in a gold layer and accepting predicted spans into it, each as one undoable edit."""

import pytest

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind
from annotator.services.adjudication import (
    accept_prediction,
    working_layers,
    working_session,
)
from annotator.services.audit import compare_document
from annotator.services.session import AnnotationSession
from tests.formats.sample import ARTICLE, DOC_ID, annotated_project, where


@pytest.fixture
def audited(tmp_path):
    project = annotated_project(tmp_path / "a.tawsim")
    model = AnnotationSession(project, "extractor", layer="pred", layer_kind=LayerKind.MODEL)
    model.add_span(DOC_ID, *where(ARTICLE, "بسوريا"), "LOCATION")  # boundary
    model.add_span(DOC_ID, *where(ARTICLE, "قذائف هاون"), "ACTOR")  # wrong label, same place
    model.add_span(DOC_ID, *where(ARTICLE, "بلدة الزهراء"), "ACTOR")  # other label and edges
    model.add_span(DOC_ID, *where(ARTICLE, "مساء السبت"), "WEAPON", {})  # spurious
    model.add_span(DOC_ID, *where(ARTICLE, "حمص"), "LOCATION")  # exact
    yield project
    project.close()


def spans(project, layer="gold"):
    return sorted((s.text, s.label) for s in project.spans(DOC_ID, layer))


def predicted(result, text):
    return next(s.id for s in result.predicted_spans if s.text == text)


@pytest.mark.parametrize(("text", "action", "gained", "lost"), [
    ("بسوريا", "move", ("بسوريا", "LOCATION"), ("سوريا", "LOCATION")),
    ("قذائف هاون", "relabel", ("قذائف هاون", "ACTOR"), ("قذائف هاون", "WEAPON")),
    ("بلدة الزهراء", "replace", ("بلدة الزهراء", "ACTOR"), ("الزهراء", "LOCATION")),
    ("مساء السبت", "add", ("مساء السبت", "WEAPON"), None),
])
def test_each_acceptance_is_one_undoable_edit(audited, text, action, gained, lost):
    session = working_session(audited, "amal", "gold")
    before = spans(audited)
    result = compare_document(audited, DOC_ID, "gold", "pred")
    plan = accept_prediction(session, result, predicted(result, text))
    assert plan.action == action
    after = spans(audited)
    assert gained in after
    if lost is not None:
        assert lost not in after
    again = compare_document(audited, DOC_ID, "gold", "pred")
    assert again.predicted_state[predicted(again, text)] == "exact"
    session.undo(DOC_ID)
    assert spans(audited) == before


def test_an_agreed_span_changes_nothing(audited):
    session = working_session(audited, "amal", "gold")
    result = compare_document(audited, DOC_ID, "gold", "pred")
    assert accept_prediction(session, result, predicted(result, "حمص")).action == "none"
    assert not session.stack(DOC_ID).can_undo


def test_a_comparison_against_another_layer_is_refused(audited):
    session = working_session(audited, "amal")  # the annotator's own layer
    result = compare_document(audited, DOC_ID, "gold", "pred")
    with pytest.raises(TawsimError, match="working layer is 'amal'"):
        accept_prediction(session, result, predicted(result, "حمص"))


def test_the_layers_a_person_may_work_in(audited, tmp_path):
    choices = working_layers(audited, "amal")
    assert [(c.name, c.kind, c.exists) for c in choices] == [
        ("amal", "annotator", False), ("gold", "gold", True)]
    with pytest.raises(TawsimError, match="model's predictions"):
        working_session(audited, "amal", "pred")
    fresh = annotated_project(tmp_path / "b.tawsim", layer="samira")
    try:
        assert [(c.name, c.exists) for c in working_layers(fresh, "amal")] == [
            ("amal", False), ("gold", False)]
        session = working_session(fresh, "amal", "gold")
        assert session.layer == "gold"
        assert {(layer.name, layer.kind) for layer in fresh.layers()} >= {
            ("gold", LayerKind.GOLD)}
    finally:
        fresh.close()
