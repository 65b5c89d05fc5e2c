"""Shortcuts in the Arabic menus read as they are typed: "Ctrl++", not "++Ctrl"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMenu

from annotator.ui.common.menu_style import isolate_shortcut


def ink(image: QImage, area: QRect) -> QImage:
    """The part of `area` that has dark pixels in it, cropped to them."""
    columns = [x for x in range(area.left(), area.right() + 1)
               if any(QColor(image.pixel(x, y)).lightness() < 128
                      for y in range(area.top(), area.bottom() + 1))]
    rows = [y for y in range(area.top(), area.bottom() + 1)
            if any(QColor(image.pixel(x, y)).lightness() < 128 for x in columns)]
    return image.copy(QRect(QPoint(columns[0], rows[0]), QPoint(columns[-1], rows[-1])))


def shortcut_ink(menu: QMenu, text: str) -> QImage:
    """The shortcut of the item called `text`, as drawn: the half of the row away from the
    label (the shortcut sits at the far end of the row in either direction)."""
    menu.popup(QPoint(0, 0))
    action = next(a for a in menu.actions() if a.text() == text)
    image = menu.grab().toImage()
    row = menu.actionGeometry(action)
    half = QRect(row.left(), row.top(), row.width() // 2, row.height())
    if menu.layoutDirection() == Qt.LayoutDirection.LeftToRight:
        half.moveLeft(row.left() + row.width() // 2)
    menu.hide()
    return ink(image, half)


def test_isolating_keeps_the_label_and_wraps_the_shortcut():
    assert isolate_shortcut("تكبير\tCtrl++") == "تكبير\t\u2066Ctrl++\u2069"
    assert isolate_shortcut(isolate_shortcut("a\tb")) == isolate_shortcut("a\tb")
    assert isolate_shortcut("no shortcut") == "no shortcut"


def profile(image: QImage) -> list[int]:
    """How much ink each column has, left to right."""
    return [sum(QColor(image.pixel(x, y)).lightness() < 128 for y in range(image.height()))
            for x in range(image.width())]


def distance(a: list[int], b: list[int]) -> int:
    """Column by column difference of two ink profiles, the shorter padded with blanks."""
    width = max(len(a), len(b))
    a, b = a + [0] * (width - len(a)), b + [0] * (width - len(b))
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


@pytest.mark.qt_log_ignore(r"This plugin does not support (grabbing the keyboard|raise\(\)"
                           r"|propagateSizeHints\(\))")
def test_the_arabic_view_menu_draws_ctrl_plus_plus_as_written(qtbot, make_project, open_desk):
    window = open_desk(make_project("نص قصير للتجربة."), language="ar").window
    view_menu = window.findChild(QMenu, "viewMenu")
    drawn = profile(shortcut_ink(view_menu, window.actions_.zoom_in.text()))
    as_typed, mirrored = profile(left_to_right("Ctrl++")), profile(left_to_right("++Ctrl"))
    assert distance(drawn, as_typed) * 3 < distance(drawn, mirrored)


def left_to_right(shortcut: str) -> QImage:
    """`shortcut` drawn left to right whatever the application's direction: in an English
    menu, isolated by hand (U+2066 … U+2069)."""
    menu = QMenu()
    menu.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    text = f"\t\u2066{shortcut}\u2069"  # no label: only the shortcut has ink
    menu.addAction(text)
    try:
        return shortcut_ink(menu, text)
    finally:
        menu.deleteLater()
