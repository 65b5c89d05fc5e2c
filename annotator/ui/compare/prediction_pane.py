"""The prediction layer's article: the same text, read only, beside the gold layer.

Clicking a predicted span chooses it (the disagreement list follows), and A accepts it into
the working layer, as in the list. Letters typed on an Arabic layout count as the Latin key
under them (ش is A).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

from annotator.core.scheme import hotkey_of
from annotator.ui.article.text import ArticleText

ACCEPT_KEY = "a"


def is_accept_key(event: QKeyEvent) -> bool:
    text = event.text()
    plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                      | Qt.KeyboardModifier.KeypadModifier)
    return plain and len(text) == 1 and hotkey_of(text) == ACCEPT_KEY


class PredictionPane(ArticleText):
    spanClicked = Signal(str)
    acceptRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionView")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt's name
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        character = self.character_at(event.position().toPoint())
        spans = self.index.at(character) if character >= 0 else []
        if spans:
            self.spanClicked.emit(spans[0].id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if is_accept_key(event):
            self.acceptRequested.emit()
            return
        super().keyPressEvent(event)
