"""The attribute panel from the keyboard and the mouse: value keys (also on the Arabic
layout), clearing a value, the note saved as one undoable edit, tooltips from the guide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from annotator.services.guidelines import tooltip
from annotator.ui.common import i18n
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER
from tests.ui.conftest import type_text
from tests.ui.desk_helpers import layer_state, mark, press

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def claim(qtbot, make_project, open_desk):
    project = make_project(CONFLICTING)
    window = open_desk(project).window
    return project, window, mark(qtbot, window, DENIAL, Qt.Key.Key_4)


def stored(project, window, span_id):
    return next(s for s in layer_state(project, window.doc_id)[0] if s["id"] == span_id)


def arabic_key(widget, letter: str) -> None:
    """A letter typed on the Arabic layout: the key code is not Latin, the text Arabic."""
    QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, letter,
                       Qt.KeyboardModifier.NoModifier)


def test_value_keys_on_both_layouts_and_a_click_to_clear(qtbot, claim):
    project, window, span = claim
    view, panel = window.view, window.claims_desk.attributes
    with qtbot.waitSignal(window.desk.spansChanged):
        arabic_key(view, "ي")  # the D key on the Arabic layout
    assert stored(project, window, span.id)["attrs"] == {"stance": "denied"}
    assert window.status.currentMessage() == "Stance: Denied"
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, view, Qt.Key.Key_R)
    assert stored(project, window, span.id)["attrs"] == {"stance": "reported"}
    assert panel.buttons[("stance", "reported")].isChecked()
    # Pressing the value it has already is no edit: nothing new to undo.
    before = window.desk.undo_steps(window.doc_id)
    press(qtbot, view, Qt.Key.Key_R)
    assert window.desk.undo_steps(window.doc_id) == before
    # The panel's buttons: a click sets, a click on the value that is set clears it.
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.mouseClick(panel.buttons[("stance", "uncertain")], Qt.MouseButton.LeftButton)
    assert stored(project, window, span.id)["attrs"] == {"stance": "uncertain"}
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.mouseClick(panel.buttons[("stance", "uncertain")], Qt.MouseButton.LeftButton)
    assert stored(project, window, span.id)["attrs"] == {}
    assert not any(button.isChecked() for button in panel.buttons.values())
    # With the focus in the panel, the keys work too.
    panel.buttons[("stance", "asserted")].setFocus()
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, panel.buttons[("stance", "asserted")], Qt.Key.Key_D)
    assert stored(project, window, span.id)["attrs"] == {"stance": "denied"}
    # A value key means nothing on an actor: the status bar says so.
    actor = mark(qtbot, window, DENIER, Qt.Key.Key_2)
    press(qtbot, view, Qt.Key.Key_D)
    assert stored(project, window, actor.id)["attrs"] == {}
    assert window.status.currentMessage() == "Key D sets nothing on a span of Actor."


def test_the_note_is_one_undoable_edit(qtbot, claim):
    project, window, span = claim
    view, panel = window.view, window.claims_desk.attributes
    press(qtbot, view, Qt.Key.Key_F2)
    assert panel.note.hasFocus()
    type_text(panel.note, "ينفي دون دليل")
    assert stored(project, window, span.id)["note"] == ""  # nothing saved while typing
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, panel.note, Qt.Key.Key_Return)
    assert stored(project, window, span.id)["note"] == "ينفي دون دليل"
    assert view.hasFocus()
    # Leaving the field saves too; Esc puts the saved note back.
    panel.note.setFocus()
    panel.note.selectAll()
    type_text(panel.note, "ملاحظة ثانية")
    with qtbot.waitSignal(window.desk.spansChanged):
        view.setFocus()
    assert stored(project, window, span.id)["note"] == "ملاحظة ثانية"
    panel.note.setFocus()
    type_text(panel.note, " لن تُحفظ")
    press(qtbot, panel.note, Qt.Key.Key_Escape)
    assert panel.note.text() == "ملاحظة ثانية" and view.hasFocus()
    assert stored(project, window, span.id)["note"] == "ملاحظة ثانية"
    # Each saved note is one step back.
    for expected in ("ينفي دون دليل", ""):
        with qtbot.waitSignal(window.desk.spansChanged):
            press(qtbot, view, Qt.Key.Key_Z, CTRL)
        assert stored(project, window, span.id)["note"] == expected
        assert panel.note.text() == expected


def test_tooltips_come_from_the_guide_in_the_interface_language(qtbot, make_project,
                                                                open_desk):
    window = open_desk(make_project(CONFLICTING), language="ar").window
    try:
        scheme = window.desk.scheme
        button = window.palette.widgetForAction(window.actions_.labels["CLAIM"])
        assert button.toolTip() == tooltip(scheme, "CLAIM", "ar")
        assert "مثال:" in button.toolTip()
        span = mark(qtbot, window, DENIAL, Qt.Key.Key_4)
        panel = window.claims_desk.attributes
        assert panel.buttons[("stance", "denied")].toolTip() == \
            tooltip(scheme, "CLAIM.stance:denied", "ar")
        assert panel.buttons[("stance", "denied")].text() == "\u200fD  منفي"
        assert span.id == window.view.selected_span_id
        link = window.claims_desk.link_panel.findChild(QPushButton, "link_SOURCE")
        assert link is not None and link.toolTip() == tooltip(scheme, "SOURCE", "ar")
    finally:
        i18n.set_language("en")
