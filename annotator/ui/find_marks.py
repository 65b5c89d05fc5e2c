"""Find hits drawn over the article: every hit tinted, the current one framed.

Hits are sorted and never overlap, so the ones on a paragraph are found by bisecting; a
query that matches thousands of times costs only the hits on screen.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtGui import QColor, QPainter, QPen

from annotator.ui.view_marks import ViewOverlay, VisibleBlock

HIT = QColor(255, 200, 0, 95)  # translucent: the span colours and the letters show through
CURRENT = QColor(255, 120, 0, 120)
CURRENT_FRAME = QColor(200, 80, 0)


class FindMarks(ViewOverlay):
    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.setObjectName("findMarks")
        self.hits: list[tuple[int, int]] = []
        self._ends: list[int] = []
        self.current = -1

    def show_hits(self, hits: list[tuple[int, int]], current: int = -1) -> None:
        self.hits = hits
        self._ends = [end for _, end in hits]
        self.current = current
        self.update()

    def set_current(self, current: int) -> None:
        if current != self.current:
            self.current = current
            self.update()

    def has_marks(self) -> bool:
        return bool(self.hits)

    def paint_marks(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        frame = QPen(CURRENT_FRAME)
        frame.setWidthF(1.5)
        for where in blocks:
            i = bisect_right(self._ends, where.start)
            while i < len(self.hits) and self.hits[i][0] < max(where.end, where.start + 1):
                start, end = self.hits[i]
                current = i == self.current
                painter.setPen(frame if current else QPen(QColor(0, 0, 0, 0)))
                painter.setBrush(CURRENT if current else HIT)
                for box in self.boxes(where, start, end):
                    painter.drawRoundedRect(box.adjusted(0, 1, 0, -1), 2, 2)
                i += 1
