"""Colouring a long article without making the annotator wait for it.

Qt would run the highlighter over every paragraph as soon as the text is set: about 100 ms
for a 200k-character article with 10k spans. Instead the text is set with no spans, the
paragraphs on screen are coloured at once, and the rest in small slices while the app is idle.
Scrolling or resizing colours whatever comes into view before it is painted.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.article.highlighter import SpanHighlighter

SLICE = 120  # paragraphs per idle slice (about 8 ms)
AHEAD = 2  # screens below the visible one that are coloured at once


class LazyColouring(QObject):
    def __init__(self, view: QPlainTextEdit, highlighter: SpanHighlighter) -> None:
        super().__init__(view)
        self.view = view
        self.highlighter = highlighter
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        view.verticalScrollBar().valueChanged.connect(self.colour_visible)

    def start(self) -> None:
        """The document was just set (coloured with no spans): start over."""
        self.highlighter.reset_coloured(self.view.document().blockCount())
        self._next = 0
        self.colour_visible()
        self._timer.start()

    @property
    def finished(self) -> bool:
        return self.highlighter.all_coloured()

    def colour_visible(self) -> None:
        """Colour the paragraphs on screen (and a little beyond) now."""
        view = self.view
        block = view.firstVisibleBlock()
        limit = view.viewport().height() * (AHEAD + 1)
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        while block.isValid() and top <= limit:
            if not self.highlighter.is_coloured(block.blockNumber()):
                self.highlighter.rehighlightBlock(block)
            top += view.blockBoundingRect(block).height()
            block = block.next()

    def _slice(self) -> None:
        document = self.view.document()
        block = document.findBlockByNumber(self._next)
        done = 0
        while block.isValid() and done < SLICE:
            if not self.highlighter.is_coloured(block.blockNumber()):
                self.highlighter.rehighlightBlock(block)
                done += 1
            block = block.next()
        if block.isValid():
            self._next = block.blockNumber()
            self._timer.start()

    def finish(self) -> None:
        """Colour everything now (for tests and pictures that look past the first screen)."""
        self._timer.stop()
        block = self.view.document().firstBlock()
        while block.isValid():
            if not self.highlighter.is_coloured(block.blockNumber()):
                self.highlighter.rehighlightBlock(block)
            block = block.next()
