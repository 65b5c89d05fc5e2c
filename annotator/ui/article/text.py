"""The article as text: read-only, right to left, with its spans coloured in.

Positions leave this widget only as code points (through Utf16Map); it never reads its own
text back. Entities are coloured by the highlighter, paragraph by paragraph; claims get a bar
painted under their lines. ArticleView adds what the annotator does with mouse and keys.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.core.commands import Change
from annotator.core.model import Span
from annotator.core.offsets import Utf16Map
from annotator.core.scheme import Scheme
from annotator.ui.article.colouring import LazyColouring
from annotator.ui.article.highlighter import SpanHighlighter
from annotator.ui.article.span_index import SpanIndex
from annotator.ui.article.underlines import paint_underlines
from annotator.ui.common.fonts import article_font


class ArticleText(QPlainTextEdit):
    selectedSpanChanged = Signal(str)  # "" when none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        document = self.document()
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(18)
        option = QTextOption(document.defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        # In a right-to-left QPlainTextEdit only AlignRight|AlignAbsolute right-aligns.
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        self.highlighter = SpanHighlighter(document)
        self.colouring = LazyColouring(self, self.highlighter)
        self.scheme: Scheme | None = None
        self.text = ""
        self.units = Utf16Map("")
        self.setFont(article_font())

    # -- content ---------------------------------------------------------------------------

    def set_scheme(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.highlighter.set_scheme(scheme)

    def set_article(self, text: str, spans: list[Span] | tuple[Span, ...]) -> None:
        """Show `text` with `spans`: the screen is coloured at once, the rest when idle."""
        self.text = text
        self.units = Utf16Map(text)
        self.highlighter.set_spans(self.units, SpanIndex(spans))
        self.highlighter.active = False
        try:
            self.setPlainText(text)
        finally:
            self.highlighter.active = True
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.colouring.start()
        self.selectedSpanChanged.emit("")

    @property
    def index(self) -> SpanIndex:
        return self.highlighter.index

    def apply_changes(self, changes: list[Change]) -> None:
        """Update the spans after an edit, undo or redo and re-colour only what they touch."""
        touched: list[tuple[int, int]] = []
        for change in changes:
            if not change.is_span:
                continue
            if isinstance(change.old, Span):
                self.index.remove(change.old.id)
                touched.append((change.old.start, change.old.end))
            if isinstance(change.new, Span):
                self.index.add(change.new)
                touched.append((change.new.start, change.new.end))
        if self.selected_span_id and self.selected_span_id not in self.index:
            self.set_selected_span(None)
        for start, end in touched:
            self.recolour(start, end)

    def recolour(self, start: int, end: int) -> None:
        document = self.document()
        last = self.units.to_utf16(min(end, len(self.text)))
        block = document.findBlock(self.units.to_utf16(min(start, len(self.text))))
        while block.isValid() and block.position() <= last:
            self.highlighter.rehighlightBlock(block)
            block = block.next()

    # -- the selected span -----------------------------------------------------------------

    @property
    def selected_span_id(self) -> str | None:
        return self.highlighter.selected_id

    def selected_span(self) -> Span | None:
        span_id = self.highlighter.selected_id
        return self.index.get(span_id) if span_id else None

    def set_selected_span(self, span_id: str | None, *, reveal: bool = False) -> None:
        previous = self.selected_span()
        self.highlighter.selected_id = span_id or None
        if previous is not None:
            self.recolour(previous.start, previous.end)
        span = self.selected_span()
        if span is not None:
            self.recolour(span.start, span.end)
            if reveal:
                self.reveal(span.start, span.end)
        self.selectedSpanChanged.emit(span.id if span else "")

    def reveal(self, start: int, end: int) -> None:
        """Scroll so that [start, end) is on screen, with the cursor at its start."""
        cursor = self.textCursor()
        cursor.setPosition(self.units.to_utf16(end))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(self.units.to_utf16(start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # -- positions, in code points ---------------------------------------------------------

    def cursor_position(self) -> int:
        return self.units.from_utf16(self.textCursor().position())

    def selection_range(self) -> tuple[int, int]:
        """The selected text as [start, end) code points (empty when nothing is selected)."""
        cursor = self.textCursor()
        start = self.units.from_utf16(cursor.selectionStart())
        end = self.units.from_utf16(cursor.selectionEnd(), round_up=True)
        return start, end

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.units.to_utf16(start))
        cursor.setPosition(self.units.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def place_cursor(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.units.to_utf16(position))
        self.setTextCursor(cursor)

    def character_at(self, point: QPoint) -> int:
        """The character under a point of the viewport (-1 if none): the cursor position
        Qt finds is on either side of it, so the glyph's own edges decide."""
        if not self.text:
            return -1
        cursor = self.cursorForPosition(point)
        unit = cursor.position()
        for candidate in (unit, unit - 1):
            if not 0 <= candidate < self.units.unit_length:
                continue
            probe = QTextCursor(self.document())
            probe.setPosition(candidate)
            left = self.cursorRect(probe)
            probe.setPosition(candidate + 1)
            right = self.cursorRect(probe)
            if left.top() != right.top():
                continue  # the character ends a line; its far edge is on the next one
            low, high = sorted((left.x(), right.x()))
            if low <= point.x() <= high and left.top() <= point.y() <= left.bottom():
                return self.units.from_utf16(candidate)
        return self.units.from_utf16(unit) if unit < self.units.unit_length else -1

    # -- zoom ------------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        self.setFont(article_font(steps))
        self.colouring.colour_visible()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        self.colouring.colour_visible()

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            paint_underlines(self, painter, event.rect(), self.index, self.units,
                             self.highlighter.colors, self.highlighter.underlined,
                             self.highlighter.selected_id)
        finally:
            painter.end()

