"""Claims are drawn as a bar under their lines, painted over the text view.

A character format's underline is one pixel thin and disappears under an entity's colour;
a bar at the foot of each line stays visible whatever is nested inside the claim. Only the
paragraphs on screen are painted, with the spans the SpanIndex finds for them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QPainter, QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.model import Span
from annotator.core.offsets import Utf16Map
from annotator.ui.article.span_index import SpanIndex

BAR = 3.0  # pixels
SELECTED_BAR = 5.0
NESTED_STEP = 4.0  # a claim inside a claim gets its bar this much higher


def paint_underlines(view: QPlainTextEdit, painter: QPainter, area: QRect, index: SpanIndex,
                     units: Utf16Map, colors: dict[str, QColor], underlined: set[str],
                     selected_id: str | None) -> None:
    if not underlined or not len(index):
        return
    offset = view.contentOffset()
    block = view.firstVisibleBlock()
    while block.isValid():
        geometry = view.blockBoundingGeometry(block).translated(offset)
        if geometry.top() > area.bottom():
            break
        if block.isVisible() and geometry.bottom() >= area.top():
            _paint_block(painter, block, geometry.topLeft(), index, units, colors,
                         underlined, selected_id)
        block = block.next()


def _paint_block(painter: QPainter, block: QTextBlock, origin: QPointF, index: SpanIndex,
                 units: Utf16Map, colors: dict[str, QColor], underlined: set[str],
                 selected_id: str | None) -> None:
    first = block.position()
    if first + block.length() - 1 > units.unit_length:
        return
    start = units.from_utf16(first)
    end = units.from_utf16(first + block.length() - 1)
    claims = [s for s in index.overlapping(start, end) if s.label in underlined]
    if not claims:
        return
    layout = block.layout()
    for span in claims:
        low = units.to_utf16(max(span.start, start)) - first
        high = units.to_utf16(min(span.end, end)) - first
        color = QColor(colors.get(span.label, QColor("gray")))
        thick = SELECTED_BAR if span.id == selected_id else BAR
        painter.setPen(color.darker(150 if span.id == selected_id else 115))
        painter.setBrush(painter.pen().color())
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            left, right = max(low, line.textStart()), min(high, line.textStart()
                                                          + line.textLength())
            if left >= right:
                continue
            x1, x2 = sorted((line.cursorToX(left)[0], line.cursorToX(right)[0]))
            bottom = origin.y() + line.y() + line.height() - 1 \
                - _depth(claims, span) * NESTED_STEP
            painter.drawRoundedRect(QRectF(origin.x() + x1, bottom - thick, x2 - x1, thick),
                                    thick / 2, thick / 2)


def _depth(claims: list[Span], span: Span) -> int:
    """How many other claims on this paragraph contain `span`."""
    return sum(1 for other in claims if other is not span and other.start <= span.start
               and other.end >= span.end and (other.end - other.start) > (span.end - span.start))
