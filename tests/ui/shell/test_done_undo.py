"""Marking a document done is an edit like any other: Ctrl+Z takes it back, even after Done
has moved on to the next document, and Ctrl+Enter on a done document reopens it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.services.projects import open_project
from tests.ui.documents.test_documents import ARTICLES

CTRL = Qt.KeyboardModifier.ControlModifier


def stored_status(project, doc_id):
    with open_project(project) as store:
        return store.status(doc_id, "amal")


def test_ctrl_z_after_done_goes_back_and_reopens_the_document(qtbot, make_project, open_desk):
    project = make_project(*ARTICLES)
    window = open_desk(project).window
    view, first = window.view, window.doc_id
    view.select_range(0, 4)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_3)
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert stored_status(project, first) == Status.DONE
    assert window.doc_id != first
    assert window.actions_.undo.isEnabled()
    assert window.actions_.undo.text() == "&Undo mark as done"
    assert "Done 1" in window.status.progress.text()
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert window.doc_id == first
    assert stored_status(project, first) == Status.IN_PROGRESS
    assert not window.actions_.mark_done.isChecked()
    assert "Done 0" in window.status.progress.text()
    assert window.header.where.text().endswith("In progress")
    assert len(window.spans.model._spans) == 1  # the span stays: only Done was undone
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)  # redo marks it done again, in place
    assert window.doc_id == first
    assert stored_status(project, first) == Status.DONE
    assert window.actions_.mark_done.isChecked()
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)  # on a done document: reopen
    assert stored_status(project, first) == Status.IN_PROGRESS
    assert window.doc_id == first
    assert window.actions_.undo.text() == "&Undo mark as in progress"


def test_done_on_the_last_document_opens_the_first_one_not_done(qtbot, make_project,
                                                                  open_desk):
    project = make_project(*ARTICLES[:3])
    window = open_desk(project).window
    first = window.doc_id
    for _ in range(2):
        window.actions_.next_document.trigger()
    last = window.doc_id
    assert last != first
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert stored_status(project, last) == Status.DONE
    assert window.doc_id == first  # back to the first document that still needs work
    assert "Undone" not in window.status.currentMessage()
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.doc_id == last and stored_status(project, last) == Status.NEW
    assert window.status.currentMessage() == "Undone: the document is no longer marked done."


def test_done_when_every_other_document_is_done_stays_and_says_so(qtbot, make_project,
                                                                  open_desk):
    project = make_project(*ARTICLES[:2])
    window = open_desk(project).window
    first = window.doc_id
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    second = window.doc_id
    assert second != first
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert window.doc_id == second
    assert "every document is done" in window.status.currentMessage()
