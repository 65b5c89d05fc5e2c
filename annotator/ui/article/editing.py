"""Turning what the annotator selects and presses into edits of the current document.

A text selection becomes a span: widened to whole grapheme clusters, stripped of spaces and
punctuation at its edges, and (as an option) widened to whole words. With no text selected,
the label keys relabel the selected span. Every edit goes through the DeskSession.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from annotator.core.boundaries import expand_to_words, trim_span
from annotator.core.commands import Change
from annotator.core.commands.summary import shorten
from annotator.core.model import Span
from annotator.ui.article.view import ArticleView
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import label_display
from annotator.ui.common.plain import isolated
from annotator.ui.common.session import DeskSession


class EditController(QObject):
    message = Signal(str)

    def __init__(self, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.desk: DeskSession | None = None
        self.doc_id: str | None = None
        self.snap_to_words = False
        # (start, end, label) -> the range to label: the label's proclitic policy, set by the
        # search desk (proclitic_policy.py).
        self.trim_for_label: Callable[[int, int, str], tuple[int, int]] | None = None

    def set_session(self, desk: DeskSession | None) -> None:
        self.desk = desk
        self.doc_id = None
        if desk is not None:
            self.view.set_scheme(desk.scheme)

    # -- labelling -------------------------------------------------------------------------

    def span_range(self) -> tuple[int, int]:
        """The span the current text selection would make: [start, end), empty if none."""
        start, end = self.view.selection_range()
        if start >= end:
            return start, start
        text = self.view.text
        start, end = trim_span(text, start, end)
        if start < end and self.snap_to_words:
            start, end = expand_to_words(text, start, end)
        return start, end

    def label(self, name: str) -> Span | None:
        """The label key: a new span from the selection, or relabel the selected span."""
        if self.desk is None or self.doc_id is None:
            return None
        # A new key press answers for itself: the last refusal or offer is no longer news (a
        # refusal left standing would seem to be about this key).
        self.message.emit("")
        selection = self.view.selection_range()
        if selection[0] < selection[1]:
            start, end = self.span_range()
            if start == end:
                self.message.emit(tr("The selection holds only spaces or punctuation."))
                return None
            if self.trim_for_label is not None:
                start, end = self.trim_for_label(start, end, name)
            span = self.desk.add_span(self.doc_id, start, end, name)
            if span is not None:
                self.view.place_cursor(self.view.cursor_position())
                self.view.set_selected_span(span.id)
            return span
        selected = self.view.selected_span()
        if selected is None:
            self.message.emit(tr("Select some text, or a span, first."))
            return None
        span = self.desk.relabel(selected.id, name)
        if span is not None:
            self.view.set_selected_span(span.id)
            if span.label != selected.label:
                # A digit relabels the selected span even when the caret has moved on: say
                # what changed, so that a slip over hours of keyboard work is seen.
                scheme = self.desk.scheme
                self.message.emit(tr("Relabelled “{words}”: {old} → {new}.",
                                     words=isolated(shorten(span.text)),
                                     old=label_display(scheme, selected.label),
                                     new=label_display(scheme, span.label)))
        return span

    def delete_selected(self) -> None:
        span = self.view.selected_span()
        if self.desk is None or span is None:
            self.message.emit(tr("Select a span first: click it, or press Tab."))
            return
        self.desk.remove_span(span.id)

    def nudge(self, edge: str, step: int, unit: str) -> None:
        """Move the selected span's start or end edge by a character or a word."""
        span = self.view.selected_span()
        if self.desk is None or span is None:
            self.message.emit(tr("Select a span first: click it, or press Tab."))
            return
        moved = self.desk.nudge_edge(span.id, edge, step, unit)
        if moved is not None:
            self.view.set_selected_span(moved.id)
            self.view.reveal(moved.start, moved.end)

    def set_attribute(self, name: str, value: str | None) -> None:
        span = self.view.selected_span()
        if self.desk is not None and span is not None:
            self.desk.set_attribute(span.id, name, value)

    # -- undo ------------------------------------------------------------------------------

    def undo(self) -> None:
        if self.desk is not None and self.doc_id is not None:
            self._show(self.desk.undo(self.doc_id))

    def redo(self) -> None:
        if self.desk is not None and self.doc_id is not None:
            self._show(self.desk.redo(self.doc_id))

    def _show(self, changes: list[Change]) -> None:
        """After undo or redo, select and reveal the span that came back (if one did)."""
        for change in changes:
            if isinstance(change.new, Span):
                self.view.set_selected_span(change.new.id)
                self.view.reveal(change.new.start, change.new.end)
                return
