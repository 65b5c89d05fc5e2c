"""The span list keeps its selection on the span being edited: a stance key, a relabel, a
moved boundary, undo and redo refresh the list, and Del then deletes exactly that span."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.scheme_texts import CONFLICTING, DENIAL, DENIER, LAUNCH_MOSUL, LAUNCH_ZUMMAR
from tests.ui.desk_helpers import layer_state, mark, press


def selected_row_span(window):
    table = window.spans.table
    rows = table.selectionModel().selectedRows()
    assert len(rows) == 1
    return window.spans.model.span(rows[0].row())


def test_stance_key_in_the_span_list_keeps_the_row_and_del_deletes_it(qtbot, make_project,
                                                                      open_desk):
    project = make_project(CONFLICTING)
    window = open_desk(project).window
    mark(qtbot, window, LAUNCH_MOSUL, Qt.Key.Key_4)
    mark(qtbot, window, DENIER, Qt.Key.Key_2)
    claim = mark(qtbot, window, DENIAL, Qt.Key.Key_4)
    mark(qtbot, window, LAUNCH_ZUMMAR, Qt.Key.Key_4)
    table = window.spans.table
    row = window.spans.model.row_of(claim.id)
    table.setFocus()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(window.spans.model.index(row, 1)).center())
    assert window.view.selected_span().id == claim.id
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, table, Qt.Key.Key_D)
    assert table.hasFocus()
    assert selected_row_span(window).id == claim.id
    assert window.view.selected_span().id == claim.id
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, table, Qt.Key.Key_Delete)
    spans, _ = layer_state(project, window.doc_id)
    assert claim.id not in {s["id"] for s in spans}
    assert len(spans) == 3


def test_edits_that_move_the_row_keep_the_selection_on_the_span(qtbot, make_project,
                                                                 open_desk):
    project = make_project(CONFLICTING)
    window = open_desk(project).window
    mark(qtbot, window, LAUNCH_MOSUL, Qt.Key.Key_4)
    mark(qtbot, window, DENIER, Qt.Key.Key_2)
    claim = mark(qtbot, window, DENIAL, Qt.Key.Key_4)
    mark(qtbot, window, LAUNCH_ZUMMAR, Qt.Key.Key_4)
    table, model = window.spans.table, window.spans.model
    table.sortByColumn(model.LABEL, Qt.SortOrder.AscendingOrder)  # a relabel moves the row
    table.setFocus()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(model.index(model.row_of(claim.id), 1)).center())
    rows = []

    def edit(key, modifiers=Qt.KeyboardModifier.NoModifier):
        with qtbot.waitSignal(window.desk.spansChanged):
            press(qtbot, table, key, modifiers)
        assert selected_row_span(window).id == claim.id
        assert window.view.selected_span().id == claim.id
        rows.append(model.row_of(claim.id))

    ctrl = Qt.KeyboardModifier.ControlModifier
    edit(Qt.Key.Key_1)  # relabel as LOCATION: first in label order
    edit(Qt.Key.Key_Z, ctrl)  # undo
    edit(Qt.Key.Key_Y, ctrl)  # redo
    edit(Qt.Key.Key_Z, ctrl)
    edit(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # move the start boundary
    edit(Qt.Key.Key_A)  # a stance
    assert rows[0] != rows[1] and rows[0] == rows[2]  # the row did move with the label
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, table, Qt.Key.Key_Delete)
    spans, _ = layer_state(project, window.doc_id)
    assert claim.id not in {s["id"] for s in spans} and len(spans) == 3
