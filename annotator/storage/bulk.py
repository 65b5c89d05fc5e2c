"""Imports: many prepared records written as one transaction, all or nothing.

Records are buffered and written in batches with `executemany`, which is about three times
faster than row-by-row inserts. Documents are matched by id, then by text hash, against both
the project and the records already taken in this import, so importing a file twice creates
no duplicates. Matched documents take only the spans and relations they do not have yet.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.ids import new_id
from annotator.core.model import LayerKind, document_title, utc_now
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.storage.project_file import ProjectFile
from annotator.storage.rows import dumps

BATCH_DOCUMENTS = 2000
# A large page cache keeps an import's index pages in memory instead of spilling them to the
# WAL mid-transaction (measured: about 10% faster); memory stays bounded whatever the corpus.
IMPORT_CACHE_KB = 64_000
EDIT_CACHE_KB = 16_000
Rejected = Callable[[DocumentRecord, TawsimError], None]


class ImportRefused(InvariantError):
    """The database refused rows that every check had passed: a bug, never a bad record.
    The whole import rolls back, with or without --skip-bad."""


@dataclass
class ImportCounts:
    documents_new: int = 0
    documents_matched: int = 0
    spans_new: int = 0
    spans_present: int = 0
    relations_new: int = 0
    relations_present: int = 0
    rejected: int = 0
    ids_renumbered: int = 0  # incoming ids another annotation already had: given new ones
    layers: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)  # what a format could not carry

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["layers"] = sorted(self.layers)
        return data


@dataclass
class _Rows:
    """Rows of one batch, in the order they must be written."""

    documents: list[tuple] = field(default_factory=list)
    spans: list[tuple] = field(default_factory=list)
    relations: list[tuple] = field(default_factory=list)
    statuses: list[tuple] = field(default_factory=list)


@dataclass
class _TakenIds:
    """Span and relation ids already used: in the project, or earlier in this import."""

    spans: set[str]
    relations: set[str]


@dataclass
class _Pending:
    record: DocumentRecord
    layer_id: int | None


class BulkImport:
    """Use as a context manager; leaving it with an exception rolls everything back."""

    def __init__(self, project: ProjectFile, *, actor: str, source: str,
                 layer: str | None = None, layer_kind: LayerKind | None = None,
                 on_reject: Rejected | None = None) -> None:
        self.project = project
        self.conn = project.conn
        self.actor = actor
        self.source = source
        self.layer_override = layer
        self.layer_kind = layer_kind
        self.on_reject = on_reject
        self.counts = ImportCounts()
        self._pending: list[_Pending] = []
        self._next_doc = self._next_span = self._next_relation = 0
        self._now = utc_now()
        self._layers: dict[str, int] = {}

    def __enter__(self) -> BulkImport:
        # NORMAL is safe against a killed process in WAL mode; the import is one transaction,
        # so a power cut loses the whole import, never half of it.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
        self.conn.execute("BEGIN IMMEDIATE")
        self._next_doc = self._max("document") + 1
        self._next_span = self._max("span") + 1
        self._next_relation = self._max("relation") + 1
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._flush()
                self.project.write_audit(self.actor, "import", None, self.layer_override, None,
                                    {"source": self.source, **self.counts.as_dict()})
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.execute(f"PRAGMA cache_size = -{EDIT_CACHE_KB}")
            self.project.forget_cached_layers()  # layers created here vanish on rollback

    def document_text(self, doc_id: str) -> str | None:
        """The stored text of document `doc_id`, counting the records this import has taken
        already: a CoNLL file imported beside its articles aligns to them."""
        for item in self._pending:
            if item.record.id == doc_id:
                return item.record.text
        row = self.conn.execute("SELECT text FROM document WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def _max(self, table: str) -> int:
        return self.conn.execute(f"SELECT coalesce(max(seq), 0) FROM {table}").fetchone()[0]

    # -- taking records --------------------------------------------------------------------

    def add(self, record: DocumentRecord) -> None:
        """Take one prepared record (see core.records.prepare_record)."""
        try:
            layer_id = self._layer_for(record)
        except TawsimError as error:
            self._reject(record, error)
            return
        self._pending.append(_Pending(record, layer_id))
        if len(self._pending) >= BATCH_DOCUMENTS:
            self._flush()

    def add_all(self, records: Iterable[DocumentRecord]) -> None:
        for record in records:
            self.add(record)

    def _reject(self, record: DocumentRecord, error: TawsimError) -> None:
        origin = record.origin
        error.located(origin.path if origin else None, origin.line if origin else None)
        if self.on_reject is None:
            raise error
        self.counts.rejected += 1
        self.on_reject(record, error)

    def _layer_for(self, record: DocumentRecord) -> int | None:
        name = self.layer_override or record.layer
        started = record.status is not None and record.status != "new"
        has_annotations = bool(record.spans or record.relations or started)
        if name is None:
            if has_annotations:
                raise InvariantError("the record has annotations but names no layer; "
                                     "pass --layer NAME")
            return None
        if name in self._layers:
            return self._layers[name]
        layer_id = self.project.layer_id(name)
        if layer_id is None:
            kind = self.layer_kind or (LayerKind.GOLD if name == "gold" else
                                       LayerKind.MODEL if self.layer_override else
                                       LayerKind.ANNOTATOR)
            layer_id = self.project.ensure_layer(name, kind)
        self.counts.layers.add(name)
        self._layers[name] = layer_id
        return layer_id

    # -- writing a batch ---------------------------------------------------------------------

    def _lookup(self, column: str, values: list[str]) -> dict[str, tuple]:
        found: dict[str, tuple] = {}
        for i in range(0, len(values), 500):
            chunk = values[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {column}, seq, id, text_sha256 FROM document "
                f"WHERE {column} IN ({marks})", chunk
            ):
                found.setdefault(row[0], row[1:])
        return found

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        by_id = self._lookup("id", [p.record.id for p in pending if p.record.id])
        by_hash = self._lookup("text_sha256", [p.record.text_sha256 for p in pending])
        taken = _TakenIds(
            self._existing_ids("span", [s.id for p in pending for s in p.record.spans]),
            self._existing_ids("relation", [r.id for p in pending for r in p.record.relations]),
        )
        batch_first = self._next_doc
        rows = _Rows()
        for item in pending:
            record, layer_id = item.record, item.layer_id
            try:
                target = self._match(record, by_id, by_hash)
                if target is None:
                    doc_seq = self._add_document(record, rows, by_id, by_hash)
                    if layer_id is not None:
                        self._new_annotations(record, doc_seq, layer_id, rows, taken)
                else:
                    doc_seq = target
                    self.counts.documents_matched += 1
                    if layer_id is not None:
                        if doc_seq >= batch_first:  # matched a document of this very batch
                            self._write(rows)  # the merge below reads these rows
                            rows = _Rows()
                        self._merge_annotations(record, doc_seq, layer_id, rows, taken)
            except ImportRefused:
                raise
            except TawsimError as error:
                self._reject(record, error)
                continue
            if record.status and layer_id is not None:
                rows.statuses.append((doc_seq, layer_id, record.status, self._now))
        self._write(rows)

    def _existing_ids(self, table: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(
                f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
        return found

    def _own_id(self, wanted: str, taken: set[str]) -> str:
        """`wanted`, or a new id if another annotation (in the project or earlier in this
        import) already has it: tools such as brat number T1, R1 in every document, and a
        copy of a layer into another layer keeps its ids."""
        if wanted in taken:
            self.counts.ids_renumbered += 1
            wanted = new_id()
        taken.add(wanted)
        return wanted

    @staticmethod
    def _match(record: DocumentRecord, by_id: dict, by_hash: dict) -> int | None:
        """The seq of the document this record is, or None for a new one."""
        if record.id is not None and record.id in by_id:
            seq, _, existing_digest = by_id[record.id]
            if existing_digest != record.text_sha256:
                raise InvariantError(
                    f"document {record.id!r} is already in the project with a different text"
                )
            return seq
        if record.text_sha256 in by_hash:
            return by_hash[record.text_sha256][0]
        return None

    def _add_document(self, record: DocumentRecord, rows: _Rows, by_id: dict,
                      by_hash: dict) -> int:
        seq = self._next_doc
        self._next_doc += 1
        doc_id = record.id or new_id()
        digest = record.text_sha256
        rows.documents.append((
            seq, doc_id, document_title(record.text, record.meta), record.text, digest,
            dumps(record.meta), record.source, record.source_sha256, record.encoding,
            self._now,
        ))
        # Later records of this batch match this one, by id or by text.
        by_id[doc_id] = (seq, doc_id, digest)
        by_hash[digest] = (seq, doc_id, digest)
        self.counts.documents_new += 1
        return seq

    def _new_annotations(self, record: DocumentRecord, doc_seq: int, layer_id: int,
                         rows: _Rows, taken: _TakenIds) -> None:
        seqs: dict[str, int] = {}
        append = rows.spans.append
        seq = self._next_span
        now = self._now
        spans_taken = taken.spans
        for span in record.spans:  # `_span_row`, inlined: this loop runs for every span
            seqs[span.id] = seq
            span_id = span.id if span.id not in spans_taken else self._own_id(span.id,
                                                                              spans_taken)
            spans_taken.add(span_id)
            created = span.created_at or now
            append((seq, span_id, doc_seq, layer_id, span.start, span.end, span.label,
                    span.text, dumps(span.attrs) if span.attrs else "{}", span.note,
                    span.annotator, created, span.updated_at or created))
            seq += 1
        self._next_span = seq
        self.counts.spans_new += len(record.spans)
        for relation in record.relations:
            rows.relations.append(self._relation_row(relation, doc_seq, layer_id, seqs,
                                                     self._own_id(relation.id, taken.relations)))
        self.counts.relations_new += len(record.relations)

    def _span_row(self, span: SpanRecord, span_id: str, doc_seq: int, layer_id: int) -> tuple:
        seq = self._next_span
        self._next_span += 1
        now = self._now
        return (seq, span_id, doc_seq, layer_id, span.start, span.end, span.label, span.text,
                dumps(span.attrs), span.note, span.annotator, span.created_at or now,
                span.updated_at or span.created_at or now)

    def _relation_row(self, relation: RelationRecord, doc_seq: int, layer_id: int,
                      seqs: dict[str, int], relation_id: str) -> tuple:
        seq = self._next_relation
        self._next_relation += 1
        now = self._now
        return (seq, relation_id, doc_seq, layer_id, relation.type, seqs[relation.head],
                seqs[relation.tail], dumps(relation.attrs), relation.annotator,
                relation.created_at or now, relation.updated_at or relation.created_at or now)

    def _merge_annotations(self, record: DocumentRecord, doc_seq: int, layer_id: int,
                           rows: _Rows, taken: _TakenIds) -> None:
        """Add to an existing document only what it lacks; identical items are skipped.

        An item counts as present when this document's layer has it (same id, or the same
        place and label; for links, the same type and ends). An id that names something else
        is not a reason to drop the item: it gets a new id.
        """
        conn = self.conn
        seqs: dict[str, int] = {}
        fresh = _Rows()
        present_spans = present_relations = 0
        for span in record.spans:
            row = conn.execute(
                'SELECT seq FROM span WHERE id = ? AND document = ? AND layer = ? '
                'AND "start" = ? AND "end" = ? AND label = ?',
                (span.id, doc_seq, layer_id, span.start, span.end, span.label),
            ).fetchone() or conn.execute(
                'SELECT seq FROM span WHERE document = ? AND layer = ? AND "start" = ? '
                'AND "end" = ? AND label = ?',
                (doc_seq, layer_id, span.start, span.end, span.label),
            ).fetchone()
            if row is not None:
                seqs[span.id] = row[0]
                present_spans += 1
                continue
            fresh.spans.append(self._span_row(span, self._own_id(span.id, taken.spans),
                                              doc_seq, layer_id))
            seqs[span.id] = fresh.spans[-1][0]
        for relation in record.relations:
            head, tail = seqs[relation.head], seqs[relation.tail]
            row = conn.execute(
                "SELECT seq FROM relation WHERE document = ? AND layer = ? AND (id = ? OR "
                "(type = ? AND head = ? AND tail = ?))",
                (doc_seq, layer_id, relation.id, relation.type, head, tail),
            ).fetchone()
            if row is not None:
                present_relations += 1
                continue
            fresh.relations.append(self._relation_row(
                relation, doc_seq, layer_id, seqs, self._own_id(relation.id, taken.relations)))
        rows.spans.extend(fresh.spans)
        rows.relations.extend(fresh.relations)
        self.counts.spans_new += len(fresh.spans)
        self.counts.relations_new += len(fresh.relations)
        self.counts.spans_present += present_spans
        self.counts.relations_present += present_relations

    def _write(self, rows: _Rows) -> None:
        conn = self.conn
        try:
            conn.executemany(
                "INSERT INTO document (seq, id, title, text, text_sha256, meta, source, "
                "source_sha256, encoding, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows.documents,
            )
            conn.executemany(
                'INSERT INTO span (seq, id, document, layer, "start", "end", label, '
                "text, attrs, note, annotator, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows.spans,
            )
            conn.executemany(
                "INSERT INTO relation (seq, id, document, layer, type, head, tail, "
                "attrs, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows.relations,
            )
            conn.executemany(
                "INSERT INTO status (document, layer, status, updated_at) VALUES (?,?,?,?) "
                "ON CONFLICT (document, layer) DO UPDATE SET status = excluded.status, "
                "updated_at = excluded.updated_at WHERE status.status <> excluded.status",
                rows.statuses,
            )
        except sqlite3.IntegrityError as exc:
            # Every record was checked before; reaching a constraint here is a bug, and the
            # whole import rolls back.
            raise ImportRefused(f"the project refused the import ({exc}); nothing was "
                                "imported") from None
