"""Ctrl+F in the article: find as you type, the way an Arabic reader reads.

The query is compared after normalisation (services.search.find_in_text): الاعلام finds
الإعلام, قوات finds قوّات, سوريا finds the سوريا in بسوريا. Every hit is tinted over the
article and the current one is selected in it, so Esc then a label key labels the hit (the
label's proclitic policy applies as to any selection). Offsets are code points into the
stored text; the widget's own text is never read.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QObject, Qt, QTimer

from annotator.core.matching import TextMatch
from annotator.services.search import find_in_text
from annotator.ui.article.find_bar import FindBar
from annotator.ui.article.find_marks import FindMarks
from annotator.ui.article.text import ArticleText

PREFILL_LIMIT = 80  # a selection longer than this (or over a line break) is not a query
# A one-letter query matches thousands of times in a long article (~150 ms to find and show
# 27k hits in 200k characters): it waits for a pause in the typing, longer queries do not.
SHORT_QUERY_DELAY_MS = 250


class ArticleFinder(QObject):
    def __init__(self, view: ArticleText, bar: FindBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.bar = bar
        self.marks = FindMarks(view)
        self.hits: list[TextMatch] = []
        self.current = -1
        self.anchor = 0  # hits are chosen from here on as the query is typed
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SHORT_QUERY_DELAY_MS)
        self._pause.timeout.connect(self.refresh)
        bar.hide()
        bar.queryChanged.connect(self._query_changed)
        bar.stepRequested.connect(self.step)
        bar.closeRequested.connect(self.close)

    @property
    def active(self) -> bool:
        return self.bar.isVisible()

    def open(self) -> None:
        """Show the bar with the focus in its field; a short selection becomes the query."""
        start, end = self.view.selection_range()
        selected = self.view.text[start:end]
        self.anchor = start
        self.bar.show()
        if start < end and len(selected) <= PREFILL_LIMIT and "\n" not in selected:
            if selected != self.bar.query:
                self.bar.field.setText(selected)  # refreshes
        else:
            self.refresh()
        self.bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.bar.field.selectAll()

    def close(self) -> None:
        """Hide the bar and the tints; the current hit stays selected in the article."""
        self._pause.stop()
        self.bar.hide()
        self.marks.show_hits([])
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _query_changed(self) -> None:
        if len(self.bar.query.strip()) == 1:
            self._pause.start()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Find the query again (it changed, or the article did)."""
        self._pause.stop()
        query = self.bar.query
        self.hits = find_in_text(self.view.text, query, self.bar.options()) \
            if query.strip() and self.view.text else []
        starts = [hit.start for hit in self.hits]
        self.current = bisect_left(starts, self.anchor) if self.hits else -1
        if self.current >= len(self.hits):
            self.current = 0
        self.marks.show_hits([(hit.start, hit.end) for hit in self.hits], self.current)
        self._show_current()

    def step(self, direction: int) -> None:
        """F3, Enter: the next hit; Shift+F3, Shift+Enter: the previous one (wrapping)."""
        if not self.active:
            self.open()
            return
        if self._pause.isActive():  # Enter right after one letter: find it now
            self.refresh()
            return
        if not self.hits:
            return
        self.current = (self.current + direction) % len(self.hits)
        self.anchor = self.hits[self.current].start
        self.marks.set_current(self.current)
        self._show_current()

    def show_document(self) -> None:
        """Another article is on screen: find the query in it, from its start."""
        self.anchor = 0
        if self.active:
            self.refresh()
        else:
            self.hits, self.current = [], -1

    def _show_current(self) -> None:
        self.bar.show_count(self.current + 1 if self.hits else 0, len(self.hits))
        if not self.hits:
            return
        hit = self.hits[self.current]
        self.view.reveal(hit.start, hit.end)
        self.view.select_range(hit.start, hit.end)
        self.view.ensureCursorVisible()
