"""A status change is a step of the document's undo stack, saved and audited like an edit."""

from __future__ import annotations

from annotator.core.model import Status
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.session import AnnotationSession
from annotator.storage.bulk import BulkImport


def _session(project):
    with BulkImport(project, actor="t", source="test") as bulk:
        for n in range(2):
            text = f"خبر رقم {n}: أعلنت الشرطة ضبط شاحنة"
            bulk.add(prepare_record(DocumentRecord(text=text, id=f"d{n}"), project.scheme))
    return AnnotationSession(project, "amal")


def test_marking_done_is_undone_and_redone_through_the_stack(project):
    session = _session(project)
    session.add_span("d0", 0, 3, "ACTOR")
    session.set_status("d0", Status.DONE)
    assert session.status("d0") == Status.DONE
    assert session.stack("d0").undo_description == "mark as done"
    session.set_status("d0", Status.DONE)  # the same status again is no edit
    assert list(session.stack("d0").history())[:2] == ["mark as done", "add ACTOR “خبر”"]
    session.undo("d0")
    assert session.status("d0") == Status.IN_PROGRESS
    assert len(session.annotations("d0").spans) == 1  # only the status was undone
    session.redo("d0")
    assert session.status("d0") == Status.DONE
    actions = [(row["action"], row["before"], row["after"])
               for row in session.project.audit_trail("d0")][-3:]
    assert actions == [("set_status", "in_progress", "done"),
                       ("undo_set_status", "done", "in_progress"),
                       ("redo_set_status", "in_progress", "done")]


def test_undoing_done_on_an_untouched_document_leaves_it_new(project):
    session = _session(project)
    session.set_status("d1", Status.DONE)
    assert session.document_count(status=Status.DONE) == 1
    session.undo("d1")
    assert session.status("d1") == Status.NEW
    assert session.document_count(status=Status.DONE) == 0
    session.redo("d1")
    assert session.status("d1") == Status.DONE
