"""The article: read-only right-to-left text with the spans coloured in.

The text can be selected with the mouse or the keyboard but never edited. Positions leave
this widget only as code points (through Utf16Map); it never reads its own text back.
Clicking a span selects it; clicking it again (or Tab) reaches the spans under it.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.commands import Change
from annotator.core.model import Span
from annotator.core.offsets import Utf16Map
from annotator.core.scheme import Scheme
from annotator.ui.colouring import LazyColouring
from annotator.ui.fonts import article_font
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.span_index import SpanIndex
from annotator.ui.tooltips import span_tooltip
from annotator.ui.underlines import paint_underlines


class ArticleView(QPlainTextEdit):
    selectedSpanChanged = Signal(str)
    hotkeyPressed = Signal(str)
    menuRequested = Signal(QPoint, int)

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
        self._press_position = -1

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

    def cycle_spans(self, step: int) -> None:
        """Tab: the next span under the cursor; with none there, the next span in the text."""
        position = self.cursor_position()
        spans = self.index.at(position) or (self.index.at(position - 1) if position else [])
        if spans:
            ids = [s.id for s in spans]
            current = self.selected_span_id
            i = (ids.index(current) + step) % len(ids) if current in ids else 0
            self.set_selected_span(ids[i])
            return
        neighbour = self.index.after(position) if step > 0 else self.index.before(position)
        if neighbour is not None:
            self.set_selected_span(neighbour.id, reveal=True)

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

    # -- events ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab belongs to the spans here, not to focus changes.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() == Qt.Key.Key_Tab and plain:
                self.cycle_spans(1)
                return True
            if event.key() == Qt.Key.Key_Backtab:
                self.cycle_spans(-1)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.place_cursor(self.cursor_position())
            self.set_selected_span(None)
            return
        text = event.text()
        if len(text) == 1 and not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                                        | Qt.KeyboardModifier.KeypadModifier):
            digit = unicodedata.digit(text, None)
            if digit is not None:
                # Arabic-Indic and Persian digits reach here (ASCII ones fire the actions).
                self.hotkeyPressed.emit(str(digit))
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_position = self.textCursor().position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        self.click_span(self.character_at(event.position().toPoint()))

    def click_span(self, character: int) -> None:
        """Select the innermost span at `character`; clicking inside the selected span
        again selects the next one under it."""
        spans = self.index.at(character) if character >= 0 else []
        if not spans:
            self.set_selected_span(None)
            return
        ids = [s.id for s in spans]
        current = self.selected_span_id
        following = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.set_selected_span(following)

    def contextMenuEvent(self, event) -> None:
        character = self.character_at(event.pos())
        if character >= 0 and not self.textCursor().hasSelection():
            spans = self.index.at(character)
            if spans and self.selected_span_id not in {s.id for s in spans}:
                self.set_selected_span(spans[0].id)
        self.menuRequested.emit(event.globalPos(), character)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            paint_underlines(self, painter, event.rect(), self.index, self.units,
                             self.highlighter.colors, self.highlighter.underlined,
                             self.highlighter.selected_id)
        finally:
            painter.end()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.scheme is not None:
            character = self.character_at(event.pos())
            spans = self.index.at(character) if character >= 0 else []
            if spans:
                QToolTip.showText(event.globalPos(), span_tooltip(spans, self.scheme), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
