"""A project: one SQLite file holding the scheme, the documents, every layer's annotations
and the audit trail.

`ProjectStore`, what the services open, is the file with its keys (`project_file`) and its
queries (`reading`), plus the writes that need another storage module: checking stored
annotations against a scheme (`scheme_changes`) and the edit repository (`annotations`).
Those modules work on a `ProjectFile`, so none of them imports this one back. `bulk` writes
imports.
"""

from __future__ import annotations

from functools import cached_property

import orjson

from annotator.core.errors import SchemeError
from annotator.core.model import Status, utc_now
from annotator.core.scheme import Scheme
from annotator.storage.annotations import AnnotationRepository
from annotator.storage.database import write_transaction
from annotator.storage.reading import ProjectReader
from annotator.storage.rows import loads
from annotator.storage.scheme_changes import violations

__all__ = ["PROJECT_SUFFIX", "ProjectStore"]

PROJECT_SUFFIX = ".tawsim"


class ProjectStore(ProjectReader):
    """An open project: read it, edit it, change its scheme. Use as a context manager, or
    call close()."""

    def set_scheme(self, scheme: Scheme, actor: str) -> None:
        """Store `scheme` as it is, refusing it if a stored annotation does not fit. Changes
        that carry annotations along go through storage.scheme_changes.change_scheme."""
        with write_transaction(self.db):
            found = violations(self, scheme)
            if found:
                total = sum(item.count for item in found)
                raise SchemeError(f"the scheme does not fit {total} stored annotations "
                                  f"({found[0]})")
            before = loads(self.meta("scheme"))
            self.set_meta("scheme", orjson.dumps(scheme.to_dict()).decode())
            self.write_audit(actor, "set_scheme", None, None, before, scheme.to_dict())
        self.forget_cached_scheme()

    def set_status(self, doc_id: str, layer: str, status: Status, actor: str) -> None:
        """Record an explicit status change (for example Done) as its own audited edit."""
        status = Status(status)
        with write_transaction(self.db):
            before = self.status(doc_id, layer)
            if before == status:
                return
            self.write_status(self.document_seq(doc_id), self.ensure_layer(layer), status)
            self.write_audit(actor, "set_status", doc_id, layer, before.value, status.value)

    @cached_property
    def annotations_writer(self) -> AnnotationRepository:
        """The edit side of the project: what the command stack writes through."""
        return AnnotationRepository(self)

    def add_work_time(self, doc_id: str, layer: str, seconds: float) -> None:
        """Add `seconds` of active time on `doc_id` in `layer` (its own small transaction:
        time is not an edit, so it has no audit row and no undo)."""
        if seconds <= 0:
            return
        with write_transaction(self.db):
            self.conn.execute(
                "INSERT INTO work_time (document, layer, seconds, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document, layer) DO UPDATE SET "
                "seconds = seconds + excluded.seconds, updated_at = excluded.updated_at",
                (self.document_seq(doc_id), self.ensure_layer(layer), float(seconds),
                 utc_now()))

    def work_time(self, doc_id: str, layer: str) -> float:
        """Active seconds recorded on `doc_id` in `layer`."""
        layer_id = self.layer_id(layer)
        if layer_id is None:
            return 0.0
        row = self.conn.execute("SELECT seconds FROM work_time WHERE document = ? AND layer = ?",
                                (self.document_seq(doc_id), layer_id)).fetchone()
        return float(row[0]) if row else 0.0
