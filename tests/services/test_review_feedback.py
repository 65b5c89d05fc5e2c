"""Feedback: a package carries gold on the annotator's reviewed documents back to them,
read-only, with their own work beside it, and the desk's differences list what the lead
changed and the lead's notes."""

import pytest

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, Status
from annotator.services.adjudication import working_session
from annotator.services.curation import curation_view
from annotator.services.curation_edits import accept_version
from annotator.services.feedback import (
    ADDED,
    CHANGED,
    REMOVED,
    feedback_differences,
    feedback_info,
    read_only_layers,
)
from annotator.services.identity import package_identity
from annotator.services.packaging import make_packages
from annotator.services.review import mark_reviewed
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.review_data import find
from tests.services.team_data import add_articles, article


@pytest.fixture
def lead(tmp_path):
    """amal's merged work on a000-a003 (her layer owned by her person id); gold reviewed on
    a000 and a001 with the lead's changes and notes."""
    project = ProjectStore.create(tmp_path / "lead.tawsim")
    add_articles(project, 10)
    project.ensure_layer("amal", LayerKind.ANNOTATOR, owner="person-amal")
    amal = AnnotationSession(project, "amal")
    for index in range(4):
        doc, text = f"a{index:03d}", article(index)
        amal.add_span(doc, *find(text, "الزهراء"), "LOCATION")
        amal.add_span(doc, *find(text, "حلب"), "ACTOR")
        amal.add_span(doc, *find(text, "مدفعي"), "WEAPON")
        amal.set_status(doc, Status.DONE)
    gold = working_session(project, "layla", "gold")
    for doc in ("a000", "a001", "a002"):
        view = curation_view(project, doc, ["amal"], "gold")
        for item in view.items:
            if item.versions["amal"].label != "WEAPON":
                accept_version(gold, view, item, "amal")
        aleppo = next(s for s in project.spans(doc, "gold") if s.text == "حلب")
        gold.relabel(aleppo.id, "LOCATION")
        gold.set_note(aleppo.id, "حلب مكان هنا")
        text = article(int(doc[1:]))
        gold.add_span(doc, *find(text, "المتحدث"), "ACTOR")
    mark_reviewed(project, "gold", ["a000", "a001", "a003"], "layla")
    yield project
    project.close()


def test_packages_carry_gold_on_reviewed_documents(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", ["amal", "basel"], with_feedback="gold",
                           status="new")
    packages = {p.annotator: p for p in report.packages}
    assert packages["amal"].feedback == 3  # a000, a001, a003: done by her, reviewed
    assert packages["basel"].feedback == 0
    assert report.as_dict()["with_feedback"] == "gold"
    with ProjectStore.open(packages["amal"].path) as package:
        info = feedback_info(package)
        assert (info.layer, info.documents, info.lead) == ("gold", 3, lead.project_id)
        assert read_only_layers(package) == ("gold",)
        kinds = {layer.name: layer.kind for layer in package.layers()}
        assert kinds["gold"] == LayerKind.GOLD and kinds["amal"] == LayerKind.ANNOTATOR
        ids = list(package.document_ids())
        assert {"a000", "a001", "a003"} <= set(ids) and "a002" not in ids
        assert ids == sorted(ids)  # the lead's order
        assert package.spans("a000", "gold") == lead.spans("a000", "gold")
        assert package.spans("a000", "amal") == lead.spans("a000", "amal")
        assert package.status("a000", "gold") == Status.REVIEWED
        assert package.status("a000", "amal") == Status.DONE
        assert package_identity(package).annotator == "amal"
        view = feedback_differences(package, "a000")
        assert (view.own_layer, view.gold_layer) == ("amal", "gold")
        found = {(d.kind, package.document_text("a000")[d.start:d.end]): d
                 for d in view.differences}
        assert set(found) == {(CHANGED, "حلب"), (REMOVED, "مدفعي"), (ADDED, "المتحدث")}
        assert found[(CHANGED, "حلب")].aspects == ("label",)
        assert found[(CHANGED, "حلب")].note == "حلب مكان هنا"
        assert view.agreed == 1
        assert found[(ADDED, "المتحدث")].as_dict()["own"] is None
        empty = feedback_differences(package, "a003")
        assert empty.differences[0].kind == REMOVED and empty.agreed == 0
    with ProjectStore.open(packages["basel"].path) as package:
        assert feedback_info(package) is None and read_only_layers(package) == ()
        with pytest.raises(TawsimError, match="carries no feedback"):
            feedback_differences(package, next(package.document_ids()))


def test_feedback_is_opt_in_and_from_a_gold_layer(lead, tmp_path):
    plain = make_packages(lead, tmp_path / "plain", ["amal"], status="new")
    assert plain.packages[0].feedback == 0
    with ProjectStore.open(plain.packages[0].path) as package:
        assert "gold" not in {layer.name for layer in package.layers()}
    with pytest.raises(TawsimError, match="'amal' is not a gold layer"):
        make_packages(lead, tmp_path / "x", ["basel"], with_feedback="amal", status="new")
    with pytest.raises(TawsimError, match="no layer 'gilt'"):
        make_packages(lead, tmp_path / "y", ["basel"], with_feedback="gilt", status="new")
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
