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
from annotator.core.model import Status
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
        with self.db.atomic():
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
