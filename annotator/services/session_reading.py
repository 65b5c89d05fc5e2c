"""What an annotator reads in their layer: the document list, where to resume, a document's
annotations and statuses, what another window or program changed meanwhile, and moving
saved edits into the project file itself. `session.AnnotationSession` adds the edits on top."""

from __future__ import annotations

import sqlite3
from typing import Any

from annotator.core.errors import TawsimError, translatable
from annotator.core.model import Annotations, Document, Span, Status
from annotator.core.scheme import Scheme
from annotator.services.document_list import DocumentList
from annotator.services.projects import checkpoint
from annotator.storage import ProjectStore
from annotator.storage.watching import ChangeWatch, Elsewhere

__all__ = ["Elsewhere", "ReadingSession"]


class ReadingSession:
    """One layer of a project, read as the desk shows it."""

    def __init__(self, project: ProjectStore, layer: str) -> None:
        self.project = project
        self.layer = layer
        self._watch = ChangeWatch(project, layer)

    @property
    def scheme(self) -> Scheme:
        return self.project.scheme

    # -- changes made elsewhere ------------------------------------------------------------

    def changes_elsewhere(self, doc_id: str | None = None) -> Elsewhere | None:
        """What other connections (another window, a script, the command line) changed
        since the last call: the scheme, the documents, or `doc_id`'s annotations in this
        layer (as read by `annotations`). None when nothing did; costs one statement then,
        so it can be asked often."""
        return self._watch.poll(doc_id)

    # -- the project file ------------------------------------------------------------------

    def checkpoint(self) -> bool:
        """Copy every saved edit from the journal into the project file, without waiting
        for other connections (services.projects.checkpoint): True when the file alone now
        holds them all, False when another connection's read kept some back (try again a
        moment later). The desk calls it about a second after the last edit. A closed
        project is whole already (closing checkpoints it)."""
        try:
            return checkpoint(self.project)
        except sqlite3.ProgrammingError:  # the project was closed
            return True

    @property
    def changed_rows(self) -> int:
        """How many rows the project's connection has written since it was opened: when it
        grows, there is something a checkpoint would copy (0 once it is closed)."""
        try:
            return self.project.conn.total_changes
        except sqlite3.ProgrammingError:  # the project was closed
            return 0

    # -- documents -------------------------------------------------------------------------

    def document(self, doc_id: str) -> Document:
        return self.project.document(doc_id)

    def document_count(self, status: Status | None = None, text: str | None = None) -> int:
        if status is None and not text:
            return self.project.count_documents()
        if not text:
            return self.project.status_counts(self.layer)[Status(status)]
        listed = self.document_list(status, text)
        listed.scan_all()
        return listed.count

    def document_page(self, offset: int, limit: int, status: Status | None = None,
                      text: str | None = None) -> list[dict[str, Any]]:
        """Rows for the document list: seq, id, title, status (in this layer), spans."""
        listed = self.document_list(status, text)
        while not listed.complete and listed.count < offset + limit:
            listed.scan()
        return listed.rows(offset, limit)

    def document_list(self, status: Status | None = None, text: str | None = None,
                      layer: str | None = None) -> DocumentList:
        """The document list as the desk pages it (by position, read by seq); `status`
        filters by the status in `layer` (default: the working layer)."""
        return DocumentList(self.project, layer or self.layer, status, text)

    def document_position(self, doc_id: str) -> int:
        return self.project.document_position(doc_id)

    def resume_document(self, last: str | None = None) -> str | None:
        """Where to start: `last` (the document the annotator had open) if the project still
        has it and it is not done; else the first document not done yet; else the first."""
        if last:
            try:
                if self.status(last) not in (Status.DONE, Status.REVIEWED):
                    return last
            except TawsimError:  # the document is gone
                pass
        unfinished = self.project.first_document_without(
            self.layer, (Status.DONE, Status.REVIEWED))
        return unfinished or next(self.project.document_ids(), None)

    def next_document(self, doc_id: str, step: int = 1) -> str | None:
        return self.project.neighbour_document(doc_id, step)

    # -- reading ---------------------------------------------------------------------------

    def annotations(self, doc_id: str) -> Annotations:
        self._watch.mark_document(doc_id)
        return self.project.annotations(doc_id, self.layer)

    def span(self, span_id: str) -> Span:
        span = self.project.span(span_id)
        if span.layer != self.layer:
            raise TawsimError(translatable("that span belongs to layer {layer!r}, not "
                                           "{working!r}"),
                              fields={"layer": span.layer, "working": self.layer})
        return span

    # -- statuses --------------------------------------------------------------------------

    def status(self, doc_id: str) -> Status:
        """The document's status as stored now; the writer has now seen it (the desk shows
        it), so a status edit made from here applies only to this status."""
        status = self.project.status(doc_id, self.layer)
        seen = getattr(self, "seen", None)
        if seen is not None:
            seen.saw_status(doc_id, status)
        return status

    def status_counts(self) -> dict[Status, int]:
        """How many documents stand at each status in this annotator's layer."""
        return self.project.status_counts(self.layer)
