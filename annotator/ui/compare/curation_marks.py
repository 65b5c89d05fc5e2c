"""Where the annotators and gold differ, outlined over the article while the lead curates.

Each item that is not agreed gets a box around the whole stretch its versions cover, in its
kind's colour and line (so it reads without colour too); the item chosen in the curation
table is drawn thicker. The article itself shows gold's spans.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.core.curation import CurationItem
from annotator.ui.article.marks import ViewOverlay, VisibleBlock
from annotator.ui.compare.curation_model import KIND_COLOURS

LINES = {"gold_differs": Qt.PenStyle.DashLine, "annotators_disagree": Qt.PenStyle.DotLine,
         "missing_in_gold": Qt.PenStyle.SolidLine, "only_in_gold": Qt.PenStyle.DashDotLine}


class CurationMarks(ViewOverlay):
    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.setObjectName("curationMarks")
        self.items: list[CurationItem] = []
        self.focused: int | None = None

    def show_items(self, items: list[CurationItem], focused: int | None = None) -> None:
        self.items = [item for item in items if item.kind in LINES]
        self.focused = focused
        self.update()

    def has_marks(self) -> bool:
        return bool(self.items)

    def paint_marks(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for where in blocks:
            for item in self.items:
                if item.end <= where.start or item.start >= max(where.end, where.start + 1):
                    continue
                pen = QPen(QColor(KIND_COLOURS[item.kind]))
                pen.setStyle(LINES[item.kind])
                pen.setWidthF(3.0 if item.index == self.focused else 1.6)
                painter.setPen(pen)
                for box in self.boxes(where, item.start, item.end):
                    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
