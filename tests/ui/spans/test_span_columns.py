"""The Spans panel in a narrow dock, in English and in Arabic: the text column gives way, and
the positions stay in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from annotator.ui.spans.model import SpanListModel

TEXT = "وأكد المتحدث باسم الدفاع المدني أن الطريق مفتوح أمام المدنيين في بلدة الزهراء.\n"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_positions_stay_in_view_in_a_narrow_dock(qtbot, make_project, open_desk, language):
    window = open_desk(make_project(TEXT), language=language).window
    window.resize(1400, 900)
    start = TEXT.index("الدفاع المدني")
    window.desk.add_span(window.doc_id, start, start + len("الدفاع المدني"), "ACTOR")
    dock = window.findChild(QDockWidget, "spansDock")
    window.resizeDocks([dock], [270], Qt.Orientation.Horizontal)
    for _ in range(5):
        QApplication.processEvents()
    table = dock.widget().table
    assert 0 < table.viewport().width() <= 300
    header = table.horizontalHeader()
    position = SpanListModel.POSITION
    left = header.sectionViewportPosition(position)
    assert left >= 0 and left + header.sectionSize(position) <= table.viewport().width()
    assert header.sectionSize(position) >= table.fontMetrics().horizontalAdvance("000–000")
