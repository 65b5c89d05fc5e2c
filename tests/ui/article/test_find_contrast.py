"""The current Ctrl+F hit stands out from the other hits, and its letters stay readable, in a
light and a dark palette."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import type_text
from tests.ui.desk_helpers import point_of
from tests.ui.search.test_find import ARTICLE

DARK = {QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#2a6db0", QPalette.ColorRole.HighlightedText: "#ffffff"}


def luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) \
        + 0.0722 * linear(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(image: QImage, area: QRect) -> list[QColor]:
    """The two commonest colours of `area`: the background, then the letters."""
    counts = Counter(image.pixel(x, y) for x in range(area.left(), area.right())
                     for y in range(area.top(), area.bottom()))
    return [QColor.fromRgb(rgb) for rgb, _ in counts.most_common(2)]


def hit_area(view, start: int, end: int) -> QRect:
    offset = view.viewport().pos()  # points are the viewport's; the picture is the view's
    first, last = point_of(view, start) + offset, point_of(view, end - 1) + offset
    height = view.fontMetrics().height() // 3
    return QRect(min(first.x(), last.x()), first.y() - height,
                 abs(first.x() - last.x()) + 1, 2 * height)


@pytest.fixture(params=["light", "dark"])
def palette(request):
    original = QApplication.palette()
    if request.param == "dark":
        dark = QPalette(original)
        for role, colour in DARK.items():
            dark.setColor(role, QColor(colour))
        QApplication.setPalette(dark)
    yield request.param
    QApplication.setPalette(original)


def test_the_current_hit_is_distinct_and_readable(qtbot, make_project, open_desk, palette):
    window = open_desk(make_project(ARTICLE)).window
    view, bar = window.view, window.search_desk.find_bar
    view.set_zoom(8)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(bar.field, "الاعلام")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # the second hit is current
    hits = window.search_desk.finder.marks.hits
    assert window.search_desk.finder.marks.current == 1
    image = view.grab().toImage()  # with the marks drawn over the text
    other_background, _ = colours(image, hit_area(view, *hits[0]))
    background, letters = colours(image, hit_area(view, *hits[1]))
    difference = sum(abs(a - b) for a, b in zip(background.getRgb()[:3],
                                                other_background.getRgb()[:3], strict=True))
    assert difference > 200, (background.name(), other_background.name())
    assert contrast(background, letters) >= 3, letters.name()  # WCAG AA for large text
