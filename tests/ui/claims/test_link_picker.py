"""The link picker stays whole inside the article and on the screen, however small they are."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from tests.scheme_texts import CONFLICTING, DENIAL, DENIER
from tests.ui.desk_helpers import mark, press


def shown_whole(picker) -> bool:
    view = picker.parentWidget()
    on_screen = QRect(view.mapToGlobal(picker.geometry().topLeft()), picker.size())
    # Inside the text area: the scroll bar (on the left in a right-to-left article) is drawn
    # over whatever lies under it.
    return view.viewport().geometry().contains(picker.geometry()) and \
        view.screen().availableGeometry().contains(on_screen)


def test_the_picker_fits_a_short_article_and_a_window_past_the_screen_edge(
        qtbot, make_project, open_desk):
    window = open_desk(make_project(CONFLICTING)).window
    for words in ("قناة محلية", DENIER, "المسؤول", "مصدر أمني"):
        if words in window.view.text:
            mark(qtbot, window, words, Qt.Key.Key_2)
    mark(qtbot, window, DENIAL, Qt.Key.Key_4)
    picker = window.claims_desk.linking.picker
    window.resize(1000, 330)
    qtbot.waitUntil(lambda: window.view.height() < 200)
    press(qtbot, window.view, Qt.Key.Key_S)
    assert picker.isVisible() and len(picker.span_ids()) >= 3
    assert shown_whole(picker)
    assert picker.list.currentRow() == 0
    press(qtbot, picker.list, Qt.Key.Key_Escape)
    # The window hangs off the bottom right of the screen: the picker stays on the screen.
    window.resize(1000, 700)
    screen = window.screen().availableGeometry()
    window.move(screen.right() - 500, screen.bottom() - 350)
    qtbot.waitUntil(lambda: window.view.height() > 300)
    press(qtbot, window.view, Qt.Key.Key_S)
    assert picker.isVisible()
    assert shown_whole(picker)
    view = window.view
    assert picker.allowed_area().bottom() < view.rect().bottom() - 4  # the screen's edge cut it
