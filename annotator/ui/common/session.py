"""The app's one handle on a project: AnnotationSession behind Qt signals.

Widgets call its methods and listen to its signals; they never see the database. Every edit
is saved by the session before the signal goes out, so what the screen shows is on disk.
A refused edit (TawsimError) becomes a `refused` signal with its one-line message.

Another window or program may write the same file. Once a second, while the event loop is
idle, the desk asks the session whether another connection committed (one cheap statement
when none did), and then shows it with the signals the window already follows: the open
document's changed spans and links as `spansChanged`, its status as `statusChanged`, new
documents, statuses and counts as `documentsChanged`, a new scheme as `schemeChanged`. An
edit refused because its rows changed elsewhere (StaleEdit) reloads the document the same way.
About a second after the last write the project file itself gets every saved edit
(idle_checkpoint), so that copying the file alone copies them all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.commands import Change, EditSummary, StaleEdit
from annotator.core.errors import TawsimError
from annotator.core.model import Annotations, Relation, Span, Status
from annotator.core.scheme import Scheme
from annotator.core.scheme_edits import SchemeOp
from annotator.services import scheme as schemes
from annotator.services.session import AnnotationSession
from annotator.ui.common.failures import said, user_message
from annotator.ui.common.i18n import tr
from annotator.ui.common.idle_checkpoint import IdleCheckpoint

T = TypeVar("T")

POLL_MS = 1000  # how often the desk looks for changes written elsewhere


class DeskSession(QObject):
    spansChanged = Signal(str, object)
    statusChanged = Signal(str, str)
    documentsChanged = Signal()
    refused = Signal(str)  # a one-line message for the user
    schemeChanged = Signal()  # the project's scheme changed; labels may have been migrated

    def __init__(self, session: AnnotationSession, parent: QObject | None = None, *,
                 own_layer: str | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # The person's own layer (the session may work in a gold layer instead).
        self.own_layer = own_layer or session.layer
        self._statuses: dict[str, Status] = {}
        # The document the window shows, as it shows it: spans and links by id, so that a
        # reload can tell the window only what differs.
        self._shown_doc: str | None = None
        self._shown: dict[tuple[bool, str], Span | Relation] = {}
        self._closed = False
        session.subscribe(self._on_changes)
        self.saver = IdleCheckpoint(session.checkpoint, lambda: session.changed_rows, self)
        self.saver.failed.connect(self.refused)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.look_elsewhere)
        self.poll_timer.timeout.connect(self.saver.look)
        self.poll_timer.start()

    # -- what the session is -----------------------------------------------------------------

    @property
    def project(self) -> Any:
        """The open project, to hand to services (import, export); widgets do not use it."""
        return self.session.project

    @property
    def path(self) -> Path:
        return Path(self.session.project.path)

    @property
    def name(self) -> str:
        return self.session.project.meta("name") or self.path.stem

    @property
    def scheme(self) -> Scheme:
        return self.session.scheme

    @property
    def layer(self) -> str:
        return self.session.layer

    @property
    def annotator(self) -> str:
        return self.session.annotator

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(RuntimeError):  # the window, its parent, may be gone already
            self.poll_timer.stop()
            self.saver.stop()
        self.session.project.close()

    # -- guarded calls ---------------------------------------------------------------------

    def attempt(self, action: Callable[..., T], *args: Any) -> T | None:
        """Run an edit; a refusal becomes the `refused` signal and returns None."""
        try:
            return action(*args)
        except StaleEdit:
            self.reload_document()
            self.refused.emit(tr("This was changed elsewhere (in another window or program); "
                                 "the document has been reloaded, try again."))
        except TawsimError as error:
            self.refused.emit(said(error))
        except Exception as error:  # the storage engine's user errors (busy, disk full)
            message = user_message(error, self.path)
            if message is None:
                raise
            self.refused.emit(message)
        return None

    def _on_changes(self, doc_id: str, changes: list[Change]) -> None:
        self.saver.wrote()
        if doc_id == self._shown_doc:
            self._follow(changes)
        self.spansChanged.emit(doc_id, changes)
        # The first edit of a document moves it from new to in progress, in the same
        # transaction; a status edit (and its undo) changes no span at all. Tell the panels.
        if not changes or self._statuses.get(doc_id) != Status.IN_PROGRESS:
            self._refresh_status(doc_id)

    def _refresh_status(self, doc_id: str) -> None:
        status = self.session.status(doc_id)
        if self._statuses.get(doc_id) != status:
            self._statuses[doc_id] = status
            self.statusChanged.emit(doc_id, status.value)

    # -- documents -------------------------------------------------------------------------

    def annotations(self, doc_id: str) -> Annotations:
        """The document's annotations; the desk takes it to be the one shown from now on."""
        annotations = self.session.annotations(doc_id)
        self._statuses[doc_id] = annotations.status
        self._shown_doc = doc_id
        self._shown = {_key(item): item for item in (*annotations.spans,
                                                     *annotations.relations)}
        return annotations

    # -- changes made elsewhere ------------------------------------------------------------

    def look_elsewhere(self) -> None:
        """Show what another window or program wrote since the last look (the timer calls
        this once a second; nothing is read when nobody else wrote)."""
        change = None if self._closed else self.session.changes_elsewhere(self._shown_doc)
        if change is None:
            return
        if change.scheme:
            self.schemeChanged.emit()  # the window rebuilds the labels and reopens the document
        elif change.document:
            self.reload_document()
        if change.documents or change.scheme:
            self._statuses.clear()
            self.documentsChanged.emit()

    def reload_document(self) -> None:
        """Read the shown document again and tell the window what differs, as spansChanged
        (and statusChanged), as if the differences were edits made here."""
        doc_id = self._shown_doc
        if doc_id is None:
            return
        try:
            annotations = self.session.annotations(doc_id)
        except TawsimError:  # the document itself is gone
            self.documentsChanged.emit()
            return
        fresh = {_key(item): item for item in (*annotations.spans, *annotations.relations)}
        changes = [Change(old, fresh.get(key)) for key, old in self._shown.items()
                   if fresh.get(key) != old]
        changes += [Change(None, new) for key, new in fresh.items() if key not in self._shown]
        self._shown = fresh
        if changes:
            self.spansChanged.emit(doc_id, changes)
        self._refresh_status(doc_id)

    def _follow(self, changes: list[Change]) -> None:
        for change in changes:
            if change.old is not None:
                self._shown.pop(_key(change.old), None)
            if change.new is not None:
                self._shown[_key(change.new)] = change.new

    def status(self, doc_id: str) -> Status:
        return self.session.status(doc_id)

    def set_status(self, doc_id: str, status: Status) -> None:
        self.attempt(self.session.set_status, doc_id, status)
        self._refresh_status(doc_id)

    def status_counts(self) -> dict[Status, int]:
        return self.session.status_counts()

    def document_count(self, status: Status | None = None, text: str | None = None) -> int:
        return self.session.document_count(status, text)

    def document_page(self, offset: int, limit: int, status: Status | None = None,
                      text: str | None = None) -> list[dict[str, Any]]:
        return self.session.document_page(offset, limit, status, text)

    def document_position(self, doc_id: str) -> int:
        return self.session.document_position(doc_id)

    def resume_document(self, last: str | None = None) -> str | None:
        return self.session.resume_document(last)

    def next_document(self, doc_id: str, step: int) -> str | None:
        return self.session.next_document(doc_id, step)

    def notify_documents_added(self) -> None:
        self.saver.wrote()
        self._statuses.clear()
        self.documentsChanged.emit()

    def record_time(self, doc_id: str, seconds: float) -> None:
        """Add active time on a document (the desk's activity clock)."""
        self.attempt(self.session.add_active_time, doc_id, seconds)
        self.saver.wrote()

    # -- edits -----------------------------------------------------------------------------

    def add_span(self, doc_id: str, start: int, end: int, label: str) -> Span | None:
        return self.attempt(self.session.add_span, doc_id, start, end, label)

    def remove_span(self, span_id: str) -> None:
        self.attempt(self.session.remove_span, span_id)

    def relabel(self, span_id: str, label: str) -> Span | None:
        return self.attempt(self.session.relabel, span_id, label)

    def nudge_edge(self, span_id: str, edge: str, step: int, unit: str) -> Span | None:
        return self.attempt(self.session.nudge_edge, span_id, edge, step, unit)

    def set_attribute(self, span_id: str, name: str, value: str | None) -> Span | None:
        return self.attempt(self.session.set_attribute, span_id, name, value)

    def undo(self, doc_id: str) -> list[Change]:
        return self.attempt(self.session.undo, doc_id) or []

    def redo(self, doc_id: str) -> list[Change]:
        return self.attempt(self.session.redo, doc_id) or []

    def undo_steps(self, doc_id: str) -> tuple[EditSummary | None, EditSummary | None]:
        """What Undo and Redo would do now (None when there is nothing)."""
        stack = self.session.stack(doc_id)
        return stack.undo_summary, stack.redo_summary

    # -- links, attributes and notes -------------------------------------------------------

    def link(self, type_: str, head_id: str, tail_id: str) -> Relation | None:
        return self.attempt(self.session.link, type_, head_id, tail_id)

    def retarget(self, doc_id: str, relation_id: str, tail_id: str) -> Relation | None:
        return self.attempt(lambda: self.session.retarget(doc_id, relation_id, tail=tail_id))

    def unlink(self, doc_id: str, relation_id: str) -> None:
        self.attempt(self.session.unlink, doc_id, relation_id)

    def set_note(self, span_id: str, note: str) -> Span | None:
        return self.attempt(self.session.set_note, span_id, note)

    # -- the scheme ------------------------------------------------------------------------
    # These raise (SchemeError, SchemeChangeRefused): the scheme dialogs ask the user what
    # to do about a refusal rather than showing it in the status bar.

    def scheme_usage(self) -> schemes.SchemeUsage:
        return schemes.scheme_usage(self.project)

    def preview_scheme_change(self, ops: Sequence[SchemeOp]) -> schemes.SchemeChangeReport:
        return schemes.preview_scheme_change(self.project, ops)

    def change_scheme(self, ops: Sequence[SchemeOp], *, delete: bool = False
                      ) -> schemes.SchemeChangeReport:
        report = schemes.change_scheme(self.project, ops, actor=self.annotator, delete=delete)
        self._scheme_changed()
        return report

    def import_scheme(self, path: Path, *, delete: bool = False, dry_run: bool = False
                      ) -> schemes.SchemeChangeReport:
        report = schemes.import_scheme(self.project, path, actor=self.annotator,
                                       delete=delete, dry_run=dry_run)
        if not dry_run:
            self._scheme_changed()
        return report

    def export_scheme(self, path: Path) -> Path:
        return schemes.export_scheme(self.project, path)

    def _scheme_changed(self) -> None:
        # Recorded edits name the old labels and types: undoing one now could bring back
        # what the scheme no longer allows.
        self.session.forget_history()
        self.saver.wrote()
        self.schemeChanged.emit()


def _key(item: Span | Relation) -> tuple[bool, str]:
    return isinstance(item, Span), item.id
