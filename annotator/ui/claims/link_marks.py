"""Links drawn over the article: the spans linked to the selected one are outlined, an arrow
goes from each claim to its source, and while linking the spans that can be chosen get a
dashed outline.

A transparent widget lies over the article's viewport (mouse events pass through it), so the
article's own painting is untouched. Only the paragraphs on screen are looked at, and only
the spans the SpanIndex finds there, so a document with thousands of spans costs no more.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QTextBlock,
)
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.model import Span
from annotator.ui.article.text import ArticleText

LINK_COLOUR = QColor("#b03a2e")  # the arrows and the outline of a linked span
CANDIDATE_COLOUR = QColor("#1f6fb2")
ARROW_ALPHA = 190


class LinkMarks(QWidget):
    def __init__(self, view: ArticleText) -> None:
        super().__init__(view)
        self.setObjectName("linkMarks")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFont(QApplication.font())  # tags in the interface's size, not the article's
        self.view = view
        self.outlined: set[str] = set()  # far ends of the selected span's links
        self.arrows: list[tuple[str, str]] = []  # (head, tail) span ids
        self.candidates: set[str] = set()  # spans a link being made may point to
        self._first_shown = 0  # the first character of the first paragraph on screen
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        self.setGeometry(view.viewport().geometry())

    def show_links(self, outlined: set[str], arrows: list[tuple[str, str]]) -> None:
        if outlined != self.outlined or arrows != self.arrows:
            self.outlined, self.arrows = outlined, arrows
            self.update()

    def show_candidates(self, candidates: set[str]) -> None:
        if candidates != self.candidates:
            self.candidates = candidates
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.setGeometry(self.view.viewport().geometry())
            self.raise_()
        return False

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        if not (self.outlined or self.arrows or self.candidates) or not self.view.text:
            return
        rects = self.visible_rects()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            dashed = QPen(CANDIDATE_COLOUR, 1.6, Qt.PenStyle.DashLine)
            solid = QPen(LINK_COLOUR, 2.2)
            for span_id, boxes in rects.items():
                if span_id in self.outlined:
                    painter.setPen(solid)
                elif span_id in self.candidates:
                    painter.setPen(dashed)
                else:
                    continue
                for box in boxes:
                    painter.drawRoundedRect(box.adjusted(-1.5, 0.5, 1.5, -0.5), 4, 4)
            for head, tail in self.arrows:
                if head in rects and tail in rects:
                    _arrow(painter, rects[head][0], rects[tail][0])
            self._edge_marks(painter, rects)
        finally:
            painter.end()

    def _edge_marks(self, painter: QPainter, rects: dict[str, list[QRectF]]) -> None:
        colour = QColor(LINK_COLOUR)
        colour.setAlpha(225)
        for box, text in self.edge_tags(rects, painter.fontMetrics()):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def edge_tags(self, rects: dict[str, list[QRectF]], metrics: QFontMetrics
                  ) -> list[tuple[QRectF, str]]:
        """A linked span off screen gets a tag at the top or bottom edge, saying where it is
        and what it says."""
        height = self.height()
        tag_height = metrics.height() + 6
        stacked = {True: 0, False: 0}
        tags = []
        for span_id in sorted(self.outlined):
            boxes = rects.get(span_id, [])
            if any(box.bottom() > 0 and box.top() < height for box in boxes):
                continue
            span = self.view.index.get(span_id)
            if span is None:
                continue
            above = boxes[0].bottom() <= 0 if boxes else span.end <= self._first_shown
            words = " ".join(span.text.split())
            text = ("▲ " if above else "▼ ") + (words if len(words) <= 40 else words[:39] + "…")
            width = metrics.horizontalAdvance(text) + 16
            step = stacked[above] * (tag_height + 3)
            y = 4 + step if above else height - tag_height - 4 - step
            stacked[above] += 1
            tags.append((QRectF((self.width() - width) / 2, y, width, tag_height), text))
        return tags

    def visible_rects(self) -> dict[str, list[QRectF]]:
        """The line fragments of the marked spans that are on screen, in viewport pixels."""
        view = self.view
        wanted = self.outlined | self.candidates | {end for pair in self.arrows for end in pair}
        units = view.units
        offset = view.contentOffset()
        height = self.height()
        block = view.firstVisibleBlock()
        blocks = []
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible():
                blocks.append((block, geometry.topLeft()))
            block = block.next()
        if not blocks:
            return {}
        self._first_shown = units.from_utf16(blocks[0][0].position())
        first = blocks[0][0].position()
        last = blocks[-1][0].position() + blocks[-1][0].length() - 1
        if last > units.unit_length:
            return {}
        start, end = units.from_utf16(first), units.from_utf16(last)
        spans = [s for s in view.index.overlapping(start, max(end, start + 1)) if s.id in wanted]
        rects: dict[str, list[QRectF]] = {}
        for block, origin in blocks:
            for span in spans:
                boxes = _fragments(view, span, block, origin)
                if boxes:
                    rects.setdefault(span.id, []).extend(boxes)
        return rects


def _fragments(view: ArticleText, span: Span, block: QTextBlock, origin: QPointF) -> list[QRectF]:
    """The rectangles `span` covers on each line of one paragraph."""
    units = view.units
    first = block.position()
    low = max(units.to_utf16(span.start), first) - first
    high = min(units.to_utf16(span.end), first + block.length() - 1) - first
    if low >= high:
        return []
    layout = block.layout()
    boxes = []
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        left, right = max(low, line.textStart()), min(high, line.textStart() + line.textLength())
        if left >= right:
            continue
        x1, x2 = sorted((line.cursorToX(left)[0], line.cursorToX(right)[0]))
        boxes.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
    return boxes


ARCH_TOP = 3.0  # the highest an arch may reach, from the view's top edge


def _arrow(painter: QPainter, head: QRectF, tail: QRectF) -> None:
    """A curve arching above the text, from a claim to its source, with a point at the
    source."""
    start = QPointF(head.center().x(), head.top() + 2)
    end = QPointF(tail.center().x(), tail.top() + 2)
    rise = max(14.0, min(head.height(), abs(start.x() - end.x()) / 4))
    highest = min(start.y(), end.y())
    top = highest - rise
    if highest >= 0:
        # Ends on the first line in view: a flatter arch whose peak (three quarters of the
        # way from the ends to the control points) stays inside the view's top edge, rather
        # than one whose middle is cut off.
        top = max(top, min(highest, (4 * ARCH_TOP - highest) / 3))
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), top), QPointF(end.x(), top), end)
    colour = QColor(LINK_COLOUR)
    colour.setAlpha(ARROW_ALPHA)
    painter.setPen(QPen(colour, 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(QPolygonF([end, QPointF(end.x() - 5, end.y() - 9),
                                   QPointF(end.x() + 5, end.y() - 9)]))
