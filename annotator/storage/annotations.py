"""Writing edits: the storage side of the core's command stack.

`edit()` wraps one command in one transaction (BEGIN IMMEDIATE: the write lock is held from
the first read) that also writes the audit row and moves the document from new to in
progress. Inside it, every write is conditional:

- an UPDATE or DELETE names the revision the command just read (`WHERE id = ? AND rev = ?`),
  and the writer must have last seen that revision (its Revisions), else StaleEdit;
- every write raises the row's revision to the edit's stamp: one more than the newest audit
  row, so a revision is never handed out twice, not even to a span deleted and made again;
- every row is checked against the scheme stored at that moment (a command-line `scheme
  rename` in another process is seen at the next edit), and against the invariants in Python
  for a clear message; the database triggers check them again.

The writer learns the revisions it wrote only once the transaction has committed.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import orjson

from annotator.core.commands import EditRecord, StaleEdit
from annotator.core.commands.revisions import Revisions
from annotator.core.errors import InvariantError, TawsimError, translatable
from annotator.core.invariants import check_span
from annotator.core.model import Relation, Span, Status
from annotator.core.scheme import Scheme
from annotator.storage.annotation_relations import RelationRows, trigger_message
from annotator.storage.database import write_transaction
from annotator.storage.project_file import ProjectFile
from annotator.storage.rows import (
    SPAN_COLUMNS,
    dumps,
    span_from_row,
)


class AnnotationRepository(RelationRows):
    """Implements the core's AnnotationStore on a project file, for one writer (whose
    last-seen revisions `seen` holds; None: a writer that takes rows as stored)."""

    def __init__(self, project: ProjectFile, seen: Revisions | None = None) -> None:
        self.project = project
        self.conn = project.conn
        self.seen = seen
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._scheme_text: str | None = None
        self._stamp: int | None = None
        # What this edit wrote, learned by `seen` once the transaction has committed.
        self._written: dict[tuple[str, str], tuple[Span | Relation, bool]] = {}
        self._statuses: dict[str, Status] = {}

    def text_of(self, doc_id: str) -> str:
        text = self._texts.get(doc_id)
        if text is None:
            text = self.project.document_text(doc_id)
            self._texts[doc_id] = text
            if len(self._texts) > 8:
                self._texts.popitem(last=False)
        return text

    # -- the scheme as stored now ----------------------------------------------------------

    def scheme_now(self) -> Scheme:
        """The scheme stored in the file at this moment: the cached one, unless the stored
        text changed (another process changed the scheme), then read again."""
        text = self.project.meta("scheme")
        if text != self._scheme_text:
            # Parsing a scheme checks it against its JSON Schema (slow); the cached one is
            # kept when it is what the file holds (storage writes it as these same bytes).
            if text is None or orjson.dumps(self.project.scheme.to_dict()).decode() != text:
                self.project.forget_cached_scheme()
            self._scheme_text = text
        return self.project.scheme

    # -- one edit --------------------------------------------------------------------------

    @contextmanager
    def edit(self, record: EditRecord) -> Iterator[None]:
        project = self.project
        self._written, self._statuses = {}, {}
        try:
            with write_transaction(project.db):
                self._stamp = self.conn.execute(
                    "SELECT coalesce(max(seq), 0) + 1 FROM audit").fetchone()[0]
                self.scheme_now()
                yield
                doc_seq = project.document_seq(record.doc_id)
                layer_id = project.ensure_layer(record.layer)
                if record.starts_document:
                    project.mark_started(doc_seq, layer_id)
                    self._statuses[record.doc_id] = self.current_status(record.doc_id,
                                                                        record.layer)
                project.write_audit(record.actor, record.action, record.doc_id, record.layer,
                                    record.before, record.after)
            written, statuses = self._written, self._statuses
        finally:
            self._stamp, self._written, self._statuses = None, {}, {}
        if self.seen is not None:
            for item, alive in written.values():
                if alive:
                    self.seen.saw(item)
                else:
                    self.seen.forget(item)
            for doc_id, status in statuses.items():
                self.seen.saw_status(doc_id, status)

    def _next_rev(self, current: int = -1) -> int:
        assert self._stamp is not None, "annotations are written inside edit()"
        return max(self._stamp, current + 1)

    def _expect(self, item: Span | Relation, rev: int) -> None:
        """Refuse a write to a row that this writer last saw at another revision (or, in a
        document it read whole, never saw). A row this edit wrote already is as it left it."""
        earlier = self._written.get(_key(item))
        if earlier is not None:
            if not earlier[1] or earlier[0].rev != rev:
                raise StaleEdit("span" if isinstance(item, Span) else "link")
        elif self.seen is not None:
            self.seen.check(replace(item, rev=rev))

    def _wrote(self, item: Span | Relation, alive: bool = True) -> None:
        self._written[_key(item)] = (item, alive)

    def write_status(self, doc_id: str, layer: str, status: Status) -> None:
        project = self.project
        if self.seen is not None and doc_id not in self._statuses:
            self.seen.check_status(doc_id, self.current_status(doc_id, layer))
        project.write_status(project.document_seq(doc_id), project.ensure_layer(layer), status)
        self._statuses[doc_id] = status

    def current_status(self, doc_id: str, layer: str) -> Status:
        row = self.conn.execute(
            "SELECT status.status FROM status JOIN document ON document.seq = status.document "
            "JOIN layer ON layer.id = status.layer WHERE document.id = ? AND layer.name = ?",
            (doc_id, layer)).fetchone()
        return Status(row[0]) if row else Status.NEW

    def _keys(self, doc_id: str, layer: str) -> tuple[int, int]:
        layer_id = self.project.layer_id(layer)
        if layer_id is None:
            raise TawsimError(translatable("the project has no layer {layer!r}"),
                              fields={"layer": layer})
        return self.project.document_seq(doc_id), layer_id

    def _check(self, span: Span) -> None:
        check_span(self.text_of(span.doc_id), span.start, span.end, span.label, span.text,
                   span.attrs, self.project.scheme)

    # -- spans -----------------------------------------------------------------------------

    def current_span(self, span_id: str) -> Span | None:
        row = self.conn.execute(
            f"SELECT {SPAN_COLUMNS} FROM span JOIN document ON document.seq = span.document "
            "JOIN layer ON layer.id = span.layer WHERE span.id = ?", (span_id,)).fetchone()
        return span_from_row(row) if row else None

    def insert_span(self, span: Span) -> Span:
        self._check(span)
        doc_seq, layer_id = self._keys(span.doc_id, span.layer)
        stored = replace(span, rev=self._next_rev())
        try:
            self.conn.execute(
                'INSERT INTO span (id, document, layer, "start", "end", label, text, attrs, '
                "note, annotator, created_at, updated_at, rev) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (span.id, doc_seq, layer_id, span.start, span.end, span.label, span.text,
                 dumps(span.attrs), span.note, span.annotator, span.created_at,
                 span.updated_at, stored.rev),
            )
        except sqlite3.IntegrityError as exc:
            raise _integrity(exc, span) from None
        self._write_origin(span)
        self._wrote(stored)
        return stored

    def _write_origin(self, span: Span) -> None:
        """A span that carries an origin (curation's CuratedSpan: the span it was accepted
        from) writes it as part of the same write (same revision), so undo and redo keep it
        too."""
        if hasattr(span, "origin"):
            self.conn.execute("UPDATE span SET origin = ? WHERE id = ?", (span.origin, span.id))

    def write_span(self, span: Span, rev: int) -> Span:
        """Store `span`'s content over the row at revision `rev`."""
        self._expect(span, rev)
        self._check(span)
        for relation in self.relations_of_span(span.id):
            head, tail = self._labels(relation, changed=span)
            self.project.scheme.check_relation(relation.type, head, tail, relation.attrs)
        stored = replace(span, rev=self._next_rev(rev))
        try:
            cursor = self.conn.execute(
                'UPDATE span SET "start" = ?, "end" = ?, label = ?, text = ?, attrs = ?, '
                "note = ?, updated_at = ?, rev = ? WHERE id = ? AND rev = ?",
                (span.start, span.end, span.label, span.text, dumps(span.attrs), span.note,
                 span.updated_at, stored.rev, span.id, rev),
            )
        except sqlite3.IntegrityError as exc:
            raise _integrity(exc, span) from None
        if cursor.rowcount != 1:
            raise StaleEdit("span")
        self._write_origin(span)
        self._wrote(stored)
        return stored

    def delete_span(self, span: Span) -> None:
        """Delete the span, which must be at revision `span.rev` and have no relations."""
        self._expect(span, span.rev)
        if self.relations_of_span(span.id):
            # Commands remove a span's relations first, so the audit records them; reaching
            # here with relations left would delete them silently through the cascade.
            raise InvariantError("a span with relations cannot be removed on its own")
        cursor = self.conn.execute("DELETE FROM span WHERE id = ? AND rev = ?",
                                   (span.id, span.rev))
        if cursor.rowcount != 1:
            raise StaleEdit("span")
        self._wrote(span, alive=False)


def _key(item: Span | Relation) -> tuple[str, str]:
    return ("span" if isinstance(item, Span) else "relation", item.id)


def _integrity(exc: sqlite3.IntegrityError, span: Span) -> TawsimError:
    message = str(exc)
    if "UNIQUE" in message and "span.id" in message:
        return InvariantError(translatable("a span with id {id!r} already exists"),
                              fields={"id": span.id})
    if "UNIQUE" in message:
        return InvariantError(
            translatable("this layer already has a {label} span at {start}-{end}"),
            fields={"label": span.label, "start": span.start, "end": span.end})
    return InvariantError(trigger_message(message))
