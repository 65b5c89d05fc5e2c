"""Review state: statuses set on many documents with who and when on the record, the
statuses of every layer side by side (paged, filtered), and fully agreed documents."""

import pytest

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.services.adjudication import working_session
from annotator.services.review import (
    fully_agreed_documents,
    mark_reviewed,
    review_fully_agreed,
    review_layers,
    review_record,
    set_status,
    statuses_by_layer,
)
from annotator.services.session import AnnotationSession
from tests.services.review_data import lead_project


@pytest.fixture
def lead(tmp_path):
    project = lead_project(tmp_path / "lead.tawsim", documents=8)
    working_session(project, "lead", "gold").add_span("a001", 0, 3, "WEAPON")
    yield project
    project.close()


def test_mark_reviewed_records_who_and_when(lead):
    change = mark_reviewed(lead, "gold", ["a001", "a002"], "layla")
    assert change.changed == [("a001", "in_progress"), ("a002", "new")]
    assert lead.status("a002", "gold") == Status.REVIEWED
    record = review_record(lead, "a001", "gold")
    assert record.actor == "layla" and record.at.endswith("Z")
    rows = [row for row in lead.audit_trail("a002") if row["action"] == "set_status"]
    assert (rows[-1]["actor"], rows[-1]["before"], rows[-1]["after"]) == \
        ("layla", "new", "reviewed")
    again = mark_reviewed(lead, "gold", ["a001"], "someone")
    assert again.changed == [] and again.unchanged == ["a001"]
    assert review_record(lead, "a001", "gold").actor == "layla"
    assert review_record(lead, "a003", "gold") is None
    set_status(lead, "gold", ["a001"], "in_progress", "layla")
    assert review_record(lead, "a001", "gold") is None


@pytest.mark.parametrize(("layer", "docs", "status", "message"), [
    ("nobody", ["a001"], "reviewed", "no layer 'nobody'"),
    ("gold", ["a001", "zzz"], "reviewed", "no document 'zzz'"),
    ("gold", ["a001"], "finished", "unknown status 'finished'"),
    ("gold", [], "reviewed", "name the documents"),
])
def test_bad_status_changes_are_one_line_and_change_nothing(lead, layer, docs, status, message):
    with pytest.raises(TawsimError, match=message):
        set_status(lead, layer, docs, status, "layla")
    assert lead.status("a001", "gold") == Status.IN_PROGRESS


def test_statuses_side_by_side_paged_and_filtered(lead):
    assert review_layers(lead) == ("amal", "basel", "gold")
    AnnotationSession(lead, "amal").set_status("a003", Status.IN_PROGRESS)
    mark_reviewed(lead, "gold", ["a005"], "layla")
    table = statuses_by_layer(lead, offset=2, limit=3)
    assert table.total == 8
    assert [row.document for row in table.rows] == ["a002", "a003", "a004"]
    assert table.rows[1].statuses == {"amal": "in_progress", "basel": "done", "gold": "new"}
    assert table.rows[0].title == "الخبر 2"
    done = statuses_by_layer(lead, where={"amal": "done", "gold": "new"})
    assert [row.document for row in done.rows] == ["a000", "a002", "a004", "a006", "a007"]
    assert done.total == 5
    chosen = statuses_by_layer(lead, ["a005", "a001"], layers=["gold"])
    assert [(row.document, row.statuses) for row in chosen.rows] == [
        ("a001", {"gold": "in_progress"}), ("a005", {"gold": "reviewed"})]
    with pytest.raises(TawsimError, match="no layer 'x'"):
        statuses_by_layer(lead, where={"x": "done"})


def test_fully_agreed_documents_then_reviewed_at_once(tmp_path):
    with lead_project(tmp_path / "same.tawsim", documents=5, identical=True) as project:
        basel = AnnotationSession(project, "basel")
        extra = basel.add_span("a003", 0, 3, "WEAPON")
        basel.set_status("a004", Status.IN_PROGRESS)
        gold = working_session(project, "lead", "gold")
        gold.add_span("a002", 0, 3, "WEAPON")  # gold has something else there
        assert fully_agreed_documents(project, ["amal", "basel"]) == ["a000", "a001", "a002"]
        agreed = fully_agreed_documents(project, ["amal", "basel"], "gold")
        assert agreed == ["a000", "a001"]
        basel.remove_span(extra.id)
        change = review_fully_agreed(gold, ["amal", "basel"], agreed)
        assert [doc for doc, _ in change.changed] == ["a000", "a001"]
        for doc in agreed:
            assert project.status(doc, "gold") == Status.REVIEWED
            theirs = {(s.start, s.end, s.label, tuple(s.attrs.items()))
                      for s in project.spans(doc, "amal")}
            assert {(s.start, s.end, s.label, tuple(s.attrs.items()))
                    for s in project.spans(doc, "gold")} == theirs
            assert len(project.relations(doc, "gold")) == len(project.relations(doc, "amal"))


def test_fully_agreed_by_those_who_worked_on_each_document(tmp_path):
    """Three annotators, the third only on some documents: a document the two who worked on it
    finished alike is fully agreed among them, and reviewing it takes their spans into gold;
    one the third started and has not finished is not. Naming all three asks every one."""
    with lead_project(tmp_path / "three.tawsim", documents=3, identical=True) as project:
        chadi = AnnotationSession(project, "chadi")
        chadi.add_span("a001", 0, 3, "WEAPON")  # chadi starts a001 and does not finish it
        layers = ["amal", "basel", "chadi"]
        assert fully_agreed_documents(project, layers) == []  # chadi finished nothing
        among = fully_agreed_documents(project, layers, those_who_worked=True)
        assert among == ["a000", "a002"]
        gold = working_session(project, "lead", "gold")
        change = review_fully_agreed(gold, layers, ["a000"])
        assert [doc for doc, _ in change.changed] == ["a000"]
        assert {(s.start, s.end, s.label) for s in project.spans("a000", "gold")} == \
            {(s.start, s.end, s.label) for s in project.spans("a000", "amal")}
