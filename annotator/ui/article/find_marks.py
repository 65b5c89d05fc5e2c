"""Find hits drawn over the article: every hit tinted, the current one framed.

The current hit is also the text selection, which the palette already colours with readable
letters (white on blue, in light and dark themes alike). Tinting it as well muddied both
into a grey-brown with pale letters, close to the other hits; so it gets no tint, only a
thick frame in a colour no other hit has.

Hits are sorted and never overlap, so the ones on a paragraph are found by bisecting; a
query that matches thousands of times costs only the hits on screen.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtGui import QColor, QPainter, QPen

from annotator.ui.article.marks import ViewOverlay, VisibleBlock

HIT = QColor(255, 200, 0, 95)  # translucent: the span colours and the letters show through
CURRENT = QColor(0, 0, 0, 0)
CURRENT_FRAME = QColor(230, 81, 0)  # a deep orange: stands out on white and on dark grey
CURRENT_FRAME_WIDTH = 3.0


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
        frame.setWidthF(CURRENT_FRAME_WIDTH)
        for where in blocks:
            i = bisect_right(self._ends, where.start)
            while i < len(self.hits) and self.hits[i][0] < max(where.end, where.start + 1):
                start, end = self.hits[i]
                current = i == self.current
                painter.setPen(frame if current else QPen(QColor(0, 0, 0, 0)))
                painter.setBrush(CURRENT if current else HIT)
                for box in self.boxes(where, start, end):
                    # The current hit's frame goes round the letters, not over them.
                    painter.drawRoundedRect(box.adjusted(-2, -1, 2, 1) if current
                                            else box.adjusted(0, 1, 0, -1), 3, 3)
                i += 1
