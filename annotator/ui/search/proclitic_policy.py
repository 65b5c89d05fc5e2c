"""The label's proclitic policy when a label key makes a span from a selection.

Each label of the scheme says what to do with و ف ب ك ل joined to the start of a selection
(services.label_all.trim_selection): "trim" leaves them out at once (a LOCATION over بسوريا
covers سوريا), "keep" never touches them, and "suggest" labels the selection as it is and
offers the trimmed span in the status bar: Ctrl+T takes it. Taking it replaces the span just
made, so the whole labelling stays one step for Undo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from annotator.core.commands import Change
from annotator.core.model import Span
from annotator.services.label_all import trim_selection
from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession
from annotator.ui.context import DeskContext


@dataclass
class Suggestion:
    doc_id: str
    start: int  # the span as labelled
    end: int
    label: str
    trimmed: tuple[int, int]
    span_id: str | None = None  # once the span exists


class ProcliticPolicy(QObject):
    suggestionChanged = Signal(bool)  # whether Ctrl+T has something to take

    def __init__(self, context: DeskContext, index_ready: Callable[[], bool]) -> None:
        super().__init__(context)
        self.context = context
        self.index_ready = index_ready
        self.suggestion: Suggestion | None = None
        self._taking = False

    def set_session(self, desk: DeskSession) -> None:
        desk.spansChanged.connect(self._on_changes)
        self._forget()

    def trim(self, start: int, end: int, label: str) -> tuple[int, int]:
        """The range a label key makes a span of, by the label's policy (the shell gives
        this to the article's edit controller)."""
        desk, doc_id = self.context.session, self.context.doc_id
        if desk is None or doc_id is None or not desk.scheme.has_label(label):
            return start, end
        trim = desk.attempt(lambda: trim_selection(desk.session, doc_id, start, end, label,
                                                   project_evidence=self.index_ready()))
        if trim is None or trim.start >= trim.end:
            return start, end
        self._forget()
        if trim.suggestion is not None:
            self.suggestion = Suggestion(doc_id, trim.start, trim.end, label, trim.suggestion)
        return trim.start, trim.end

    def _on_changes(self, doc_id: str, changes: list[Change]) -> None:
        wanted = self.suggestion
        if self._taking or wanted is None:
            return
        added = [c.new for c in changes if c.old is None and isinstance(c.new, Span)]
        if wanted.span_id is None and len(changes) == 1 and added \
                and (doc_id, added[0].start, added[0].end, added[0].label) \
                == (wanted.doc_id, wanted.start, wanted.end, wanted.label):
            wanted.span_id = added[0].id
            start, end = wanted.trimmed
            text = self.context.view.text
            self.context.say(tr("Ctrl+T leaves out {proclitic}: {word}",
                                      proclitic=text[wanted.start:start],
                                      word=text[start:end]))
            self.suggestionChanged.emit(True)
            return
        self._forget()  # any other edit: the offer no longer stands

    def take(self) -> None:
        """Ctrl+T: replace the span just made with the one without its proclitics."""
        wanted, context = self.suggestion, self.context
        desk = context.session
        if wanted is None or wanted.span_id is None or desk is None \
                or wanted.doc_id != context.doc_id or wanted.span_id not in context.view.index:
            context.say(tr("There is no proclitic to leave out."))
            self._forget()
            return
        self._taking = True
        try:
            desk.undo(wanted.doc_id)  # the span goes; the new one takes its place in history
            span = desk.add_span(wanted.doc_id, *wanted.trimmed, wanted.label)
        finally:
            self._taking = False
        self._forget()
        if span is not None:
            context.view.set_selected_span(span.id)

    def _forget(self) -> None:
        if self.suggestion is not None:
            self.suggestion = None
            self.suggestionChanged.emit(False)
