"""Reopening a project shows the document last worked on, unless it is done since."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.services.projects import open_project
from tests.ui.documents.test_documents import ARTICLES

ALT = Qt.KeyboardModifier.AltModifier


def reopen(desk, open_desk, project):
    desk.window.close()
    desk.close()
    return open_desk(project)


def test_reopening_shows_the_document_last_open(qtbot, make_project, open_desk):
    project = make_project(*ARTICLES)
    desk = open_desk(project)
    window = desk.window
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, ALT)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, ALT)
    third = window.doc_id
    assert window.view.text == ARTICLES[2]
    desk = reopen(desk, open_desk, project)
    assert desk.window.doc_id == third and desk.window.view.text == ARTICLES[2]
    # Done since (here by another tool): the first document not done opens instead.
    desk.window.close()
    desk.close()
    with open_project(project) as store:
        store.set_status(third, "amal", Status.DONE, "amal")
    assert open_desk(project).window.view.text == ARTICLES[0]


def test_each_layer_resumes_where_it_was(qtbot, make_project, open_desk):
    project = make_project(*ARTICLES)
    desk = open_desk(project)
    qtbot.keyClick(desk.window.view, Qt.Key.Key_PageDown, ALT)
    desk = reopen(desk, open_desk, project)
    assert desk.window.view.text == ARTICLES[1]
    desk.window.close()
    desk.close()
    assert open_desk(project, annotator="badr").window.view.text == ARTICLES[0]
