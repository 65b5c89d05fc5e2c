"""Moving between documents, marking them done, the two lists and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Status
from tests.ui.conftest import type_text

ARTICLES = [
    "قصفت طائرة مسيرة مستودعًا قرب بلدة الزهراء.",
    "نفت وزارة الداخلية سقوط قتلى في الحريق.",
    "قال شاهد إن صواريخ سقطت على الطريق الدولي.",
]
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_opening_shows_the_first_document_not_done(qtbot, make_project, open_desk):
    project = make_project(*ARTICLES)
    desk = open_desk(project)
    window = desk.window
    first = window.doc_id
    assert window.view.text == ARTICLES[0]
    window.desk.set_status(first, Status.DONE)
    window.close()
    desk.close()
    reopened = open_desk(project).window
    assert reopened.view.text == ARTICLES[1]
    assert reopened.view.hasFocus()


def test_next_and_previous_document_from_the_keyboard(qtbot, make_project, open_desk):
    window = open_desk(make_project(*ARTICLES)).window
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_PageDown, ALT)
    assert view.text == ARTICLES[1]
    qtbot.keyClick(view, Qt.Key.Key_PageDown, ALT)
    assert view.text == ARTICLES[2]
    qtbot.keyClick(view, Qt.Key.Key_PageDown, ALT)
    assert view.text == ARTICLES[2]
    assert "last" in window.status.currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_PageUp, ALT)
    assert view.text == ARTICLES[1]
    table = window.documents.table
    assert table.currentIndex().row() == 1


def test_status_goes_new_in_progress_done(qtbot, make_project, open_desk):
    window = open_desk(make_project(*ARTICLES)).window
    view = window.view
    doc = window.doc_id
    model = window.documents.model
    assert window.desk.status(doc) == Status.NEW
    view.select_range(0, 4)
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert window.desk.status(doc) == Status.IN_PROGRESS
    assert model.data(model.index(0, model.STATUS)) == "In progress"
    assert model.data(model.index(0, model.SPANS)) == 1
    assert "In progress 1" in window.status.progress.text()
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert window.desk.status(doc) == Status.DONE
    assert view.text == ARTICLES[1]  # Done moves on to the next document
    assert "Done 1" in window.status.progress.text()
    assert "amal" in window.status.layer.text()


def test_the_document_list_filters_by_status_and_text(qtbot, make_project, open_desk):
    window = open_desk(make_project(*ARTICLES)).window
    panel = window.documents
    window.desk.set_status(window.doc_id, Status.DONE)
    panel.status.setCurrentIndex(panel.status.findData(Status.DONE.value))
    assert panel.model.rowCount() == 1
    panel.status.setCurrentIndex(panel.status.findData(Status.NEW.value))
    assert panel.model.rowCount() == 2
    panel.status.setCurrentIndex(0)
    qtbot.keyClick(window.view, Qt.Key.Key_L, CTRL)  # Ctrl+F finds in the article
    assert panel.search.hasFocus()
    type_text(panel.search, "الداخلية")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.doc_id(0) is not None
    panel.table.setFocus()
    panel.table.selectRow(0)
    assert window.view.text == ARTICLES[1]


def test_the_span_list_follows_the_article_and_jumps_to_spans(qtbot, make_project,
                                                             open_desk):
    window = open_desk(make_project(ARTICLES[0])).window
    view = window.view
    doc = window.doc_id
    text = ARTICLES[0]
    weapon = window.desk.add_span(doc, text.index("طائرة"), text.index("طائرة") + 11, "WEAPON")
    place = window.desk.add_span(doc, text.index("الزهراء"), len(text) - 1, "LOCATION")
    model = window.spans.model
    assert [model.span(r).id for r in range(2)] == [weapon.id, place.id]
    window.spans.table.sortByColumn(model.LABEL, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, model.LABEL)) == "Location"
    assert model.data(model.index(0, model.POSITION)) == f"{place.start}–{place.end}"
    table = window.spans.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(model.index(1, model.TEXT)).center())
    assert view.selected_span_id == weapon.id
    qtbot.keyClick(table, Qt.Key.Key_Up)  # browsing the list with the keyboard
    assert view.selected_span_id == place.id
    view.set_selected_span(weapon.id)
    assert table.currentIndex().row() == 1
    assert window.status.spans.text().count("</span> 1") == 2


def test_a_large_project_lists_documents_lazily(qtbot, make_project, open_desk):
    window = open_desk(make_project(*[f"مقال رقم {n} عن الأحداث." for n in range(450)])).window
    model = window.documents.model
    assert model.rowCount() == 450
    assert len(model._pages) == 1  # only the page on screen was read
    assert model.data(model.index(449, model.TITLE)) == "مقال رقم 449 عن الأحداث."
    assert len(model._pages) == 2
