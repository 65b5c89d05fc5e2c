"""Label all occurrences (Ctrl+Shift+L): from the selected span, find the same entity in the
document or the whole project, preview it, and label what the annotator accepts.

Matching and the label's proclitic policy are the service's (services.label_all): a LOCATION
on سوريا finds بسوريا and covers its سوريا. Accepting the checked occurrences is one undoable
edit per document; accepting one is an edit of its own; a span the layer already has is never
made twice. The whole project is searched off the window's thread, with its own connection.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator.core.model import Span
from annotator.services.label_all import (
    LabelCandidate,
    accept_label_candidates,
    label_all_candidates,
)
from annotator.services.session import AnnotationSession
from annotator.ui.common.background import ProjectJob, Work
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.plain import isolated
from annotator.ui.common.plurals import documents as counted_documents
from annotator.ui.common.plurals import occurrences
from annotator.ui.context import DeskContext
from annotator.ui.search.hit_list import HitRow
from annotator.ui.search.label_all_dialog import LabelAllDialog


def project_candidates_work(annotator: str, layer: str, source: Span) -> Work:
    def work(project: Any, _progress: Any, _cancelled: Any) -> list[tuple[LabelCandidate, str]]:
        session = AnnotationSession(project, annotator, layer=layer)
        found = label_all_candidates(session, source.doc_id, source.start, source.end,
                                     source.label, scope="project")
        titles = {doc: session.document(doc).title or doc for doc in {c.doc_id for c in found}}
        return [(candidate, titles[candidate.doc_id]) for candidate in found]

    return work


class LabelAllFlow(QObject):
    message = Signal(str)

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.runner = context.runner
        self.dialog: LabelAllDialog | None = None
        self.source: Span | None = None
        self.job: ProjectJob | None = None

    def start(self) -> None:
        desk, span = self.context.session, self.context.selected_span()
        if desk is None or span is None:
            self.message.emit(tr("Select a span first: click it, or press Tab."))
            return
        label = desk.scheme.label(span.label).display(language())
        self.source = span
        if self.dialog is not None:
            self.dialog.close()
        dialog = LabelAllDialog(self.context.host, tr("Label every other “{mention}” as {label}.",
                                           mention=isolated(span.text), label=label))
        dialog.scopeChanged.connect(self.find)
        dialog.acceptOne.connect(self.accept_one)
        dialog.acceptChecked.connect(self.accept_checked)
        dialog.cancelRequested.connect(self._cancel)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        self.find("document")

    def find(self, scope: str) -> None:
        desk, span, dialog = self.context.session, self.source, self.dialog
        if desk is None or span is None or dialog is None:
            return
        if scope == "document":
            found = desk.attempt(label_all_candidates, desk.session, span.doc_id, span.start,
                                 span.end, span.label) or []
            self._show([(candidate, "") for candidate in found])
            return
        job = ProjectJob(desk.path, project_candidates_work(desk.annotator, desk.layer, span),
                         name="labelAll")
        job.succeeded.connect(lambda found: job is self.job and self._show(found))
        job.failed.connect(lambda text: job is self.job and self.message.emit(text))
        job.ended.connect(lambda: job is self.job and self._ended())
        self.job = job
        dialog.show_busy(True)
        dialog.summary.setText(tr("Searching the project…"))
        self.runner.submit(job)

    def _show(self, found: list[tuple[LabelCandidate, str]]) -> None:
        if self.dialog is None:
            return
        rows = [HitRow(title, c.context_before, c.text, c.context_after, c, True)
                for c, title in found]
        documents = len({c.doc_id for c, _ in found})
        summary = tr("No other occurrence to label.") if not rows else \
            tr("{occurrences} not labelled yet, in {documents}.",
               occurrences=occurrences(len(rows)), documents=counted_documents(documents))
        self.dialog.show_candidates(rows, summary)

    def _ended(self) -> None:
        self.job = None
        if self.dialog is not None:
            self.dialog.show_busy(False)

    def _cancel(self) -> None:
        if self.job is not None:
            self.runner.cancel(self.job)
        if self.dialog is not None:
            self.dialog.summary.setText(tr("Search cancelled."))

    def _closed(self) -> None:
        self._cancel()
        self.dialog = None

    def accept_one(self, candidate: LabelCandidate) -> None:
        desk = self.context.session
        if desk is None or self.dialog is None:
            return
        created = desk.attempt(accept_label_candidates, desk.session, [candidate])
        if created is not None:
            self.dialog.remove_current()
            self.message.emit(tr("Labelled {occurrences}.", occurrences=occurrences(len(created))))

    def accept_checked(self, candidates: list[LabelCandidate]) -> None:
        desk = self.context.session
        if desk is None or not candidates:
            return
        created = desk.attempt(accept_label_candidates, desk.session, candidates)
        if created is None:
            return
        if self.dialog is not None:
            self.dialog.accept()
        self.message.emit(tr("Labelled {occurrences}.", occurrences=occurrences(len(created))))
