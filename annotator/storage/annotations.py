"""Writing edits: the storage side of the core's command stack.

`edit()` wraps one command in one transaction that also writes the audit row and moves the
document from new to in progress. Every write checks the invariants in Python first, for a
clear message; the database triggers check them again, so no path can store a bad span.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from annotator.core.commands import EditRecord
from annotator.core.errors import InvariantError, TawsimError
from annotator.core.invariants import check_span
from annotator.core.model import Relation, Span, Status
from annotator.storage.database import write_transaction
from annotator.storage.project_file import ProjectFile
from annotator.storage.rows import RELATION_COLUMNS, RELATION_JOINS, dumps, relation_from_row


class AnnotationRepository:
    """Implements the core's AnnotationStore on a project file."""

    def __init__(self, project: ProjectFile) -> None:
        self.project = project
        self.conn = project.conn
        self._texts: OrderedDict[str, str] = OrderedDict()

    def text_of(self, doc_id: str) -> str:
        text = self._texts.get(doc_id)
        if text is None:
            text = self.project.document_text(doc_id)
            self._texts[doc_id] = text
            if len(self._texts) > 8:
                self._texts.popitem(last=False)
        return text

    @contextmanager
    def edit(self, record: EditRecord) -> Iterator[None]:
        project = self.project
        with write_transaction(project.db):
            yield
            doc_seq = project.document_seq(record.doc_id)
            layer_id = project.ensure_layer(record.layer)
            if record.starts_document:
                project.mark_started(doc_seq, layer_id)
            project.write_audit(record.actor, record.action, record.doc_id, record.layer,
                           record.before, record.after)

    def write_status(self, doc_id: str, layer: str, status: Status) -> None:
        project = self.project
        project.write_status(project.document_seq(doc_id), project.ensure_layer(layer), status)

    def _keys(self, doc_id: str, layer: str) -> tuple[int, int]:
        layer_id = self.project.layer_id(layer)
        if layer_id is None:
            raise TawsimError(f"the project has no layer {layer!r}")
        return self.project.document_seq(doc_id), layer_id

    def _check(self, span: Span) -> None:
        check_span(self.text_of(span.doc_id), span.start, span.end, span.label, span.text,
                   span.attrs, self.project.scheme)

    # -- spans -----------------------------------------------------------------------------

    def insert_span(self, span: Span) -> None:
        self._check(span)
        doc_seq, layer_id = self._keys(span.doc_id, span.layer)
        try:
            self.conn.execute(
                'INSERT INTO span (id, document, layer, "start", "end", label, text, attrs, '
                "note, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (span.id, doc_seq, layer_id, span.start, span.end, span.label, span.text,
                 dumps(span.attrs), span.note, span.annotator, span.created_at,
                 span.updated_at),
            )
        except sqlite3.IntegrityError as exc:
            raise _integrity(exc, span) from None
        self._write_origin(span)

    def _write_origin(self, span: Span) -> None:
        """A span that carries an origin (curation's CuratedSpan: the span it was accepted
        from) writes it as part of the same write, so undo and redo keep it too."""
        if hasattr(span, "origin"):
            self.conn.execute("UPDATE span SET origin = ? WHERE id = ?", (span.origin, span.id))

    def replace_span(self, span: Span) -> None:
        self._check(span)
        for relation in self.relations_of_span(span.id):
            head, tail = self._labels(relation, changed=span)
            self.project.scheme.check_relation(relation.type, head, tail, relation.attrs)
        try:
            cursor = self.conn.execute(
                'UPDATE span SET "start" = ?, "end" = ?, label = ?, text = ?, attrs = ?, '
                "note = ?, updated_at = ? WHERE id = ?",
                (span.start, span.end, span.label, span.text, dumps(span.attrs), span.note,
                 span.updated_at, span.id),
            )
        except sqlite3.IntegrityError as exc:
            raise _integrity(exc, span) from None
        if cursor.rowcount != 1:
            raise TawsimError(f"the span {span.id!r} is no longer in the project")
        self._write_origin(span)

    def remove_span(self, span_id: str) -> None:
        if self.relations_of_span(span_id):
            # Commands remove a span's relations first, so the audit records them; reaching
            # here with relations left would delete them silently through the cascade.
            raise InvariantError("a span with relations cannot be removed on its own")
        cursor = self.conn.execute("DELETE FROM span WHERE id = ?", (span_id,))
        if cursor.rowcount != 1:
            raise TawsimError(f"the span {span_id!r} is no longer in the project")

    # -- relations -------------------------------------------------------------------------

    def _span_seq_label(self, span_id: str) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, label FROM span WHERE id = ?",
                                (span_id,)).fetchone()
        if row is None:
            raise InvariantError(f"relation end {span_id!r} is not a span of the project")
        return row

    def _labels(self, relation: Relation, changed: Span | None = None) -> tuple[str, str]:
        def label(span_id: str) -> str:
            if changed is not None and changed.id == span_id:
                return changed.label
            return self._span_seq_label(span_id)[1]

        return label(relation.head), label(relation.tail)

    def insert_relation(self, relation: Relation) -> None:
        head_seq, head_label = self._span_seq_label(relation.head)
        tail_seq, tail_label = self._span_seq_label(relation.tail)
        self.project.scheme.check_relation(relation.type, head_label, tail_label, relation.attrs)
        doc_seq, layer_id = self._keys(relation.doc_id, relation.layer)
        try:
            self.conn.execute(
                "INSERT INTO relation (id, document, layer, type, head, tail, attrs, annotator, "
                "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (relation.id, doc_seq, layer_id, relation.type, head_seq, tail_seq,
                 dumps(relation.attrs), relation.annotator, relation.created_at,
                 relation.updated_at),
            )
        except sqlite3.IntegrityError as exc:
            message = str(exc)
            if "UNIQUE" in message:
                raise InvariantError(f"these two spans are already linked by {relation.type}") \
                    from None
            raise InvariantError(_trigger_message(message)) from None

    def replace_relation(self, relation: Relation) -> None:
        head_seq, head_label = self._span_seq_label(relation.head)
        tail_seq, tail_label = self._span_seq_label(relation.tail)
        self.project.scheme.check_relation(relation.type, head_label, tail_label, relation.attrs)
        try:
            cursor = self.conn.execute(
                "UPDATE relation SET type = ?, head = ?, tail = ?, attrs = ?, updated_at = ? "
                "WHERE id = ?",
                (relation.type, head_seq, tail_seq, dumps(relation.attrs), relation.updated_at,
                 relation.id),
            )
        except sqlite3.IntegrityError as exc:
            raise InvariantError(_trigger_message(str(exc))) from None
        if cursor.rowcount != 1:
            raise TawsimError(f"the relation {relation.id!r} is no longer in the project")

    def remove_relation(self, relation_id: str) -> None:
        cursor = self.conn.execute("DELETE FROM relation WHERE id = ?", (relation_id,))
        if cursor.rowcount != 1:
            raise TawsimError(f"the relation {relation_id!r} is no longer in the project")

    def relations_of_span(self, span_id: str) -> list[Relation]:
        rows = self.conn.execute(
            f"SELECT {RELATION_COLUMNS} FROM relation {RELATION_JOINS} "
            "WHERE relation.head = (SELECT seq FROM span WHERE id = ?1) "
            "OR relation.tail = (SELECT seq FROM span WHERE id = ?1) ORDER BY relation.seq",
            (span_id,),
        ).fetchall()
        return [relation_from_row(row) for row in rows]


def _integrity(exc: sqlite3.IntegrityError, span: Span) -> TawsimError:
    message = str(exc)
    if "UNIQUE" in message and "span.id" in message:
        return InvariantError(f"a span with id {span.id!r} already exists")
    if "UNIQUE" in message:
        return InvariantError(
            f"this layer already has a {span.label} span at {span.start}-{span.end}"
        )
    return InvariantError(_trigger_message(message))


def _trigger_message(message: str) -> str:
    return message.split(":", 1)[-1].strip() if "constraint" in message else message
