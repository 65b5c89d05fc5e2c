"""The article as the annotator works on it: clicking and Tab reach spans (also the ones
under other spans), hovering shows them, digits typed on any keyboard layout label them.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip

from annotator.ui.article.text import ArticleText
from annotator.ui.common.tooltips import span_tooltip


class ArticleView(ArticleText):
    hotkeyPressed = Signal(str)  # a digit typed in any script, as an ASCII digit
    menuRequested = Signal(QPoint, int)  # global position, character under it (-1: none)

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

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        character = self.character_at(event.pos())
        if character >= 0 and not self.textCursor().hasSelection():
            spans = self.index.at(character)
            if spans and self.selected_span_id not in {s.id for s in spans}:
                self.set_selected_span(spans[0].id)
        self.menuRequested.emit(event.globalPos(), character)

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
