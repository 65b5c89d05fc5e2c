"""Labelling from the keyboard and the mouse, checked in the project file itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.services.projects import open_project

# Composed for these tests: a first paragraph with emoji outside the Basic Multilingual Plane
# (each one shifts Qt's UTF-16 positions by one), then a plain paragraph.
FIRST = "قالت مصادرُ محلية 🚀 إن قذائفَ سقطت على بلدة الزهراء 👍🏽 صباح الأحد."
# The paragraph starts with no proclitic: the label keys trim و ف ب ك ل for an ACTOR.
SECOND = "أكد المتحدث باسم الدفاع المدني أن الطريق مفتوح أمام المدنيين."
ARTICLE = FIRST + "\n" + SECOND + "\n"

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def stored_spans(project, layer="amal"):
    with open_project(project) as store:
        doc_id = next(store.document_ids())
        return store.spans(doc_id, layer)


def select_words_from(qtbot, view, block: int, words: int) -> None:
    """With the keyboard only: go to the start of paragraph `block`, then select `words`
    words forward (Ctrl+Shift+Left, as reading goes in a right-to-left paragraph)."""
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(20):
        if view.textCursor().blockNumber() == block:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.textCursor().blockNumber() == block
    assert view.textCursor().positionInBlock() == 0
    for _ in range(words):
        qtbot.keyClick(view, Qt.Key.Key_Left, CTRL_SHIFT)


def test_keyboard_selection_and_key_1_store_a_location_span(qtbot, make_project, open_desk):
    project = make_project(ARTICLE)
    window = open_desk(project).window
    view = window.view
    assert view.hasFocus()
    select_words_from(qtbot, view, block=0, words=2)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_1)
    (span,) = stored_spans(project)
    assert (span.start, span.end, span.label) == (0, len("قالت مصادرُ"), "LOCATION")
    assert span.text == "قالت مصادرُ"  # the trailing space was dropped, the damma kept
    assert span.annotator == "amal"


def test_offsets_are_code_points_in_a_paragraph_after_emoji(qtbot, make_project, open_desk):
    project = make_project(ARTICLE)
    window = open_desk(project).window
    view = window.view
    select_words_from(qtbot, view, block=1, words=3)
    # Qt counts the three astral characters of the first paragraph twice each.
    assert view.textCursor().selectionStart() == len(FIRST) + 1 + 3
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_2)
    (span,) = stored_spans(project)
    start = len(FIRST) + 1
    assert (span.start, span.end) == (start, start + len("أكد المتحدث باسم"))
    assert ARTICLE[span.start:span.end] == span.text == "أكد المتحدث باسم"
    assert span.label == "ACTOR"


def test_undo_and_redo_from_the_keyboard(qtbot, make_project, open_desk):
    project = make_project(ARTICLE)
    window = open_desk(project).window
    view = window.view
    select_words_from(qtbot, view, block=1, words=1)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert len(stored_spans(project)) == 1
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_spans(project) == []
    assert len(view.index) == 0
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)
    (span,) = stored_spans(project)
    assert span.text == "أكد" and view.selected_span_id == span.id


def highlighted_ranges(view, block_number: int) -> list[tuple[int, int, str]]:
    """(start, length, background colour) of what the highlighter drew in a paragraph."""
    block = view.document().findBlockByNumber(block_number)
    return [(r.start, r.length, r.format.background().color().name())
            for r in block.layout().formats()]


def test_spans_are_shown_again_after_reopening(qtbot, make_project, open_desk):
    project = make_project(ARTICLE)
    desk = open_desk(project)
    view = desk.window.view
    select_words_from(qtbot, view, block=1, words=2)
    with qtbot.waitSignal(desk.window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_1)
    desk.window.close()
    desk.close()

    reopened = open_desk(project).window
    (span,) = reopened.view.index.values()
    assert span.text == "أكد المتحدث"
    location = reopened.desk.scheme.label("LOCATION").color
    assert (0, len("أكد المتحدث"), location) in highlighted_ranges(reopened.view, 1)


def test_the_label_palette_labels_a_word_chosen_with_the_mouse(qtbot, make_project,
                                                               open_desk):
    project = make_project(ARTICLE)
    window = open_desk(project).window
    view = window.view
    word = SECOND.index("الطريق")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.units.to_utf16(len(FIRST) + 1 + word + 2))
    point = view.cursorRect(cursor).center()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.textCursor().selectedText() == "الطريق"
    button = window.palette.widgetForAction(window.actions_.labels["WEAPON"])
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (span,) = stored_spans(project)
    assert (span.text, span.label) == ("الطريق", "WEAPON")
