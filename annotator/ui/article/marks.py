"""A transparent layer over the article for marks that are not part of the text: find hits,
invisible characters, disagreements with a prediction layer.

The layer is a child of the text view lying exactly over its viewport (mouse events pass
through it), so the article's own painting, its text and every offset stay untouched: the
marks are drawn over the characters Qt has laid out. Only the paragraphs on screen are looked
at. Positions come in as code points and are turned into Qt's UTF-16 units by the view's
Utf16Map.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QTextBlock
from PySide6.QtWidgets import QWidget

from annotator.ui.article.text import ArticleText


@dataclass(frozen=True)
class VisibleBlock:
    block: QTextBlock
    origin: QPointF  # the paragraph's top left corner in the layer's coordinates
    start: int  # the paragraph's first code point
    end: int  # the code point after its last character (its line break not included)


class ViewOverlay(QWidget):
    def __init__(self, view: ArticleText) -> None:
        super().__init__(view)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.view = view
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        self.setGeometry(view.viewport().geometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.setGeometry(self.view.viewport().geometry())
            self.raise_()
        return False

    def has_marks(self) -> bool:
        """Whether there is anything to paint (subclasses say)."""
        return False

    def paint_marks(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        """Paint this layer's marks on the paragraphs on screen (subclasses do)."""

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        if not self.has_marks() or not self.view.text:
            return
        blocks = list(self.visible_blocks(event.rect()))
        if not blocks:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint_marks(painter, blocks)
        finally:
            painter.end()

    def visible_blocks(self, area: QRect) -> Iterator[VisibleBlock]:
        view = self.view
        units = view.units
        offset = view.contentOffset()
        block = view.firstVisibleBlock()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > area.bottom():
                break
            first = block.position()
            last = first + block.length() - 1
            if last > units.unit_length:
                break  # the text is being replaced
            if block.isVisible() and geometry.bottom() >= area.top():
                yield VisibleBlock(block, geometry.topLeft(), units.from_utf16(first),
                                   units.from_utf16(last))
            block = block.next()

    def boxes(self, where: VisibleBlock, start: int, end: int) -> list[QRectF]:
        """The boxes [start, end) covers on screen within one paragraph, a box per line."""
        units = self.view.units
        first = where.block.position()
        low = units.to_utf16(max(start, where.start)) - first
        high = units.to_utf16(min(end, where.end)) - first
        layout = where.block.layout()
        found: list[QRectF] = []
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            left = max(low, line.textStart())
            right = min(high, line.textStart() + line.textLength())
            if left > right or (left == right and low != high):
                continue
            x1, x2 = sorted((line.cursorToX(left)[0], line.cursorToX(right)[0]))
            found.append(QRectF(where.origin.x() + x1, where.origin.y() + line.y(),
                                x2 - x1, line.height()))
        return found
