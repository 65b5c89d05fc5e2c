"""Selecting, reaching, relabelling, deleting and resizing spans in the article."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from annotator.services.projects import open_project
from tests.ui.desk_helpers import mark, visible

TEXT = ("وأكد المتحدث باسم الدفاع المدني أن الطريق مفتوح أمام المدنيين.\n"
        "وقالت وزارة الداخلية إن القصف استهدف بلدة الزهراء.\n")
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def at(word: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def click_character(qtbot, view, position: int) -> None:
    """Click the middle of the character at code point `position`."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.units.to_utf16(position))
    left = view.cursorRect(cursor)
    cursor.setPosition(view.units.to_utf16(position + 1))
    right = view.cursorRect(cursor)
    point = left.center()
    point.setX((left.center().x() + right.center().x()) // 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


@pytest.fixture
def nested(qtbot, make_project, open_desk):
    """A claim with an actor inside it, made through the desk's session."""
    project = make_project(TEXT)
    window = open_desk(project).window
    doc = window.doc_id
    claim = window.desk.add_span(doc, *at("المتحدث باسم الدفاع المدني أن الطريق"), "CLAIM")
    actor = window.desk.add_span(doc, *at("الدفاع المدني"), "ACTOR")
    return project, window, claim, actor


def test_clicking_again_reaches_the_span_underneath(qtbot, nested):
    _, window, claim, actor = nested
    view = window.view
    inside_both = at("الدفاع")[0] + 2
    click_character(qtbot, view, inside_both)
    assert view.selected_span_id == actor.id
    click_character(qtbot, view, inside_both)
    assert view.selected_span_id == claim.id
    click_character(qtbot, view, inside_both)
    assert view.selected_span_id == actor.id
    click_character(qtbot, view, at("الطريق")[0] + 1)  # only the claim is there
    assert view.selected_span_id == claim.id
    click_character(qtbot, view, at("بلدة")[0] + 1)  # no span there
    assert view.selected_span_id is None


def test_tab_cycles_through_the_spans_at_the_cursor(qtbot, nested):
    _, window, claim, actor = nested
    view = window.view
    view.place_cursor(at("المدني")[0] + 1)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_span_id == actor.id
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_span_id == claim.id
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.selected_span_id == actor.id
    assert view.hasFocus()  # Tab did not move the focus away


def test_the_selected_span_is_drawn_darker(qtbot, nested):
    _, window, _claim, actor = nested
    view = window.view
    color = window.desk.scheme.label("ACTOR").color

    def background_at(position: int) -> str:
        block = view.document().findBlock(view.units.to_utf16(position))
        offset = view.units.to_utf16(position) - block.position()
        for item in block.layout().formats():
            if item.start <= offset < item.start + item.length:
                return item.format.background().color().name()
        return ""

    assert background_at(actor.start) == color
    view.set_selected_span(actor.id)
    assert background_at(actor.start) not in (color, "")


def test_relabel_and_delete_the_selected_span(qtbot, nested):
    project, window, claim, actor = nested
    view = window.view
    view.set_selected_span(actor.id)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_1)
    # The status bar says what the key changed: a relabel is never silent.
    assert visible(window.status.currentMessage()) == (
        f"Relabelled “{actor.text}”: Actor → Location.")
    view.set_selected_span(claim.id)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    with open_project(project) as store:
        (left,) = store.spans(window.doc_id, "amal")
    assert (left.id, left.label) == (actor.id, "LOCATION")
    assert view.selected_span_id is None


def test_span_edges_move_by_character_and_by_word(qtbot, nested):
    project, window, _claim, actor = nested
    view = window.view
    view.set_selected_span(actor.id)

    def press(key, modifiers):
        with qtbot.waitSignal(window.desk.spansChanged):
            qtbot.keyClick(view, key, modifiers)
        return view.selected_span()

    # In right-to-left text the start is the right edge: Alt+Right extends it.
    span = press(Qt.Key.Key_Right, ALT | Qt.KeyboardModifier.ControlModifier)
    assert span.text == "باسم الدفاع المدني"
    span = press(Qt.Key.Key_Left, ALT)
    assert span.text == "اسم الدفاع المدني"
    span = press(Qt.Key.Key_Left, ALT | SHIFT | Qt.KeyboardModifier.ControlModifier)
    assert span.text == "اسم الدفاع المدني أن"
    span = press(Qt.Key.Key_Right, ALT | SHIFT)
    assert span.text == "اسم الدفاع المدني أ"
    with open_project(project) as store:
        stored = {s.id: s for s in store.spans(window.doc_id, "amal")}[actor.id]
    assert (stored.start, stored.end) == (span.start, span.end)
    assert TEXT[stored.start:stored.end] == stored.text


def test_arabic_indic_digits_work_as_label_keys(qtbot, make_project, open_desk):
    project = make_project(TEXT)
    window = open_desk(project).window
    view = window.view
    view.select_range(*at("الزهراء"))
    # What the digit key 1 sends on an Arabic keyboard layout: the key and text ARABIC-INDIC
    # DIGIT ONE (U+0661), which no ASCII shortcut matches.
    with qtbot.waitSignal(window.desk.spansChanged):
        QTest.sendKeyEvent(QTest.KeyAction.Click, view, Qt.Key(0x661), "\u0661",
                           Qt.KeyboardModifier.NoModifier)
    (span,) = view.index.values()
    assert (span.text, span.label) == ("الزهراء", "LOCATION")


def test_snapping_to_whole_words_is_an_option(qtbot, make_project, open_desk):
    project = make_project(TEXT)
    window = open_desk(project).window
    view = window.view
    start, end = at("الداخلية")
    view.select_range(start + 2, end - 2)  # the middle of a word, "ال" left out
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_2)
    window.actions_.snap_words.trigger()
    view.select_range(*at("دة الزهر"))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_1)
    texts = sorted((s.label, s.text) for s in view.index.values())
    assert texts == [("ACTOR", "داخل"), ("LOCATION", "بلدة الزهراء")]
    assert window.settings.snap_to_words


def test_a_selection_of_spaces_and_punctuation_makes_no_span(qtbot, make_project, open_desk):
    project = make_project(TEXT)
    window = open_desk(project).window
    view = window.view
    end = TEXT.index("\n")
    view.select_range(end - 1, end + 1)  # the full stop and the line break
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert len(view.index) == 0
    assert "punctuation" in window.status.currentMessage()


def test_spans_snap_to_whole_grapheme_clusters(qtbot, make_project, open_desk):
    text = "قالت مصادرُ محلية إنّ قذائفَ سقطت 👍🏽 صباحًا.\n"
    project = make_project(text)
    window = open_desk(project).window
    view = window.view
    damma = text.index("ُ")
    view.select_range(text.index("مصادر"), damma)  # stops between the letter and its damma
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_2)
    emoji = text.index("👍")
    view.select_range(emoji, emoji + 1)  # the hand without its skin tone
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_3)
    texts = sorted(s.text for s in view.index.values())
    assert texts == ["مصادرُ", "👍🏽"]


def test_the_text_itself_cannot_be_edited(qtbot, make_project, open_desk):
    project = make_project(TEXT)
    window = open_desk(project).window
    view = window.view
    view.select_range(*at("الطريق"))
    qtbot.keyClicks(view, "abc")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert view.document().toPlainText() == TEXT  # (no NBSP or U+2028 in this text)
    assert view.isReadOnly()
    with open_project(project) as store:
        assert store.document_text(window.doc_id) == TEXT


def test_a_refusal_does_not_outlive_the_next_key(qtbot, make_project, open_desk):
    window = open_desk(make_project(TEXT)).window
    view = window.view
    mark(qtbot, window, "الدفاع المدني", Qt.Key.Key_1)
    view.select_range(*at("الدفاع المدني"))
    qtbot.keyClick(view, Qt.Key.Key_1)  # the same span again: refused
    assert "already has" in window.status.currentMessage()
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_2)
    assert "already has" not in window.status.currentMessage()
