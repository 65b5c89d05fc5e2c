"""The README's walk-through, driven like a user: the sample articles, all four labels with
the keyboard alone and with the mouse, undo, quit, reopen, and everything is still there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.services.projects import open_project

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def select_with_keys(qtbot, view, text: str, words: str) -> None:
    """Select `words` as a user would with the keyboard: Ctrl+Home, Ctrl+Left word by word
    (forward, in right-to-left text) up to them, then Ctrl+Shift+Left over them. Qt's word
    steps may take a quote mark or a space along; the desk trims those."""
    start, end = text.index(words), text.index(words) + len(words)
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    while True:
        before = view.cursor_position()
        qtbot.keyClick(view, Qt.Key.Key_Left, CTRL)
        if view.cursor_position() > start:
            qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)  # one step too far: back
            break
    assert view.cursor_position() <= start and not text[before:start].strip(" “”\n")
    while view.selection_range()[1] < end:
        qtbot.keyClick(view, Qt.Key.Key_Left, CTRL_SHIFT)


def test_a_new_user_labels_the_samples_and_finds_them_again(qtbot, open_desk, app_paths):
    desk = open_desk(annotator="amal")
    window = desk.window
    view = window.view
    text = view.text
    assert "تل الزيتون" in text

    keyboard = [("1", "محافظة وادي النخيل"), ("2", "كتائب الفجر"),
                ("3", "صواريخ غراد"), ("4", "قصفت المستودع بستة صواريخ غراد")]
    for key, words in keyboard:
        select_with_keys(qtbot, view, text, words)
        with qtbot.waitSignal(window.desk.spansChanged):
            qtbot.keyClick(view, getattr(Qt.Key, f"Key_{key}"))

    # With the mouse: double-click a word, click a palette button.
    for label, word in (("ACTOR", "المرصد"), ("LOCATION", "الزيتون")):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.units.to_utf16(text.index(word) + 2))
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                          pos=view.cursorRect(cursor).center())
        button = window.palette.widgetForAction(window.actions_.labels[label])
        with qtbot.waitSignal(window.desk.spansChanged):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    # Undo the last one from the keyboard, then quit with Ctrl+Q.
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    made = sorted((s.label, s.text) for s in view.index.values())
    assert made == [("ACTOR", "المرصد"), ("ACTOR", "كتائب الفجر"),
                    ("CLAIM", "قصفت المستودع بستة صواريخ غراد"),
                    ("LOCATION", "محافظة وادي النخيل"), ("WEAPON", "صواريخ غراد")]
    qtbot.keyClick(view, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    desk.close()

    with open_project(app_paths.default_project) as store:
        stored = sorted((s.label, s.text) for s in store.spans(window.doc_id, "amal"))
    assert stored == made
    reopened = open_desk(annotator="amal").window  # --annotator holds for one launch only
    assert sorted((s.label, s.text) for s in reopened.view.index.values()) == made
    assert reopened.spans.model.rowCount() == len(made)
