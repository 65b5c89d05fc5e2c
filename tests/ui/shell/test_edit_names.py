"""Undo and Redo say what they would undo, in the interface language."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.commands import EditSummary
from annotator.ui.shell.edit_names import edit_name
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER
from tests.ui.desk_helpers import mark, press

CTRL = Qt.KeyboardModifier.ControlModifier


def test_undo_and_redo_texts_in_arabic(qtbot, make_project, open_desk):
    window = open_desk(make_project(CONFLICTING), language="ar").window
    undo, redo = window.actions_.undo, window.actions_.redo
    mark(qtbot, window, DENIAL, Qt.Key.Key_4)
    short = DENIAL[:29] + "…"
    assert undo.text() == f"تراجع عن إضافة ادعاء «{short}»"
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, window.view, Qt.Key.Key_D)
    assert undo.text() == f"تراجع عن تعيين موقف في ادعاء «{short}»"
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, window.view, Qt.Key.Key_Z, CTRL)
    assert redo.text() == f"إعادة تعيين موقف في ادعاء «{short}»"
    with qtbot.waitSignal(window.desk.statusChanged):
        press(qtbot, window.view, Qt.Key.Key_Return, CTRL)
    assert undo.text() == "تراجع عن التعليم بأنه منجز"
    scheme = window.desk.scheme
    link = EditSummary("link", relation="SOURCE")
    assert edit_name(link, scheme) == "ربط " + scheme.relation("SOURCE").display("ar")
    assert edit_name(EditSummary("label_all", count=3), scheme) == "وسم الكل (3 مقاطع)"
    assert edit_name(EditSummary("mark", status="in_progress"), scheme) == "التعليم بأنه قيد العمل"
    assert edit_name(EditSummary("edit", label="CLAIM", text="…"), scheme) is None


def test_undo_texts_in_english_name_labels_as_the_scheme_does(qtbot, make_project, open_desk):
    window = open_desk(make_project(CONFLICTING)).window
    mark(qtbot, window, DENIER, Qt.Key.Key_2)
    assert window.actions_.undo.text() == "&Undo add Actor “المتحدث باسم التحالف”"
    assert edit_name(EditSummary("label_all", count=1), window.desk.scheme) == \
        "label all (1 span)"
