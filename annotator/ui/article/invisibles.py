"""Show invisible characters: a mark over each direction mark, joiner and special space.

Like a text editor's "show whitespace", but the text is never touched: the marks are painted
over the laid-out article (view_marks), so every offset, selection and span stays where it
was. A character with no width (RLM, ZWNJ...) gets a thin bar where it sits and its short
name in a small tag at the top of the line; a special space (NBSP, thin space) gets a frame
over its width and its name.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from annotator.core.invisibles import invisible_characters
from annotator.ui.article.marks import ViewOverlay, VisibleBlock

MARK = QColor("#b0126f")
TAG_BACKGROUND = QColor(255, 255, 255, 215)
ZERO_WIDTH = 1.0  # pixels: narrower than this, the character is drawn as a bar


class InvisibleMarks(ViewOverlay):
    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.setObjectName("invisibleMarks")
        self.shown = False

    def set_shown(self, shown: bool) -> None:
        self.shown = shown
        self.update()

    def has_marks(self) -> bool:
        return self.shown

    def paint_marks(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        text = self.view.text
        font = QFont(self.font())
        for where in blocks:
            marks = invisible_characters(text, where.start, where.end)
            for mark in marks:
                for box in self.boxes(where, mark.position, mark.position + 1):
                    font.setPixelSize(max(7, int(box.height() * 0.28)))
                    painter.setFont(font)
                    self._paint_one(painter, box, mark.name)

    def _paint_one(self, painter: QPainter, box: QRectF, name: str) -> None:
        pen = QPen(MARK)
        pen.setWidthF(1.4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        middle = box.center().x()
        if box.width() < ZERO_WIDTH:
            painter.drawLine(QPointF(middle, box.top() + 2), QPointF(middle, box.bottom() - 2))
        else:
            painter.drawRoundedRect(box.adjusted(0.5, box.height() * 0.3, -0.5, -2), 2, 2)
        metrics = QFontMetricsF(painter.font())
        width = metrics.horizontalAdvance(name) + 4
        tag = QRectF(middle - width / 2, box.top(), width, metrics.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TAG_BACKGROUND)
        painter.drawRoundedRect(tag, 2, 2)
        painter.setPen(MARK)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, name)
