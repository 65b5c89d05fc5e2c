"""The rows an import writes: new documents, spans and relations numbered after the stored
ones, only what a matched document lacks, and each batch written with `executemany`.

`bulk.BulkImport` decides which records are new and which match a stored document; the
builder here turns them into rows, and `write_rows` stores a batch.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from annotator.core.errors import InvariantError
from annotator.core.ids import new_id
from annotator.core.model import document_title, utc_now
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.storage.rows import dumps


class ImportRefused(InvariantError):
    """The database refused rows that every check had passed: a bug, never a bad record.
    The whole import rolls back, with or without --skip-bad."""


@dataclass
class ImportCounts:
    documents_new: int = 0
    documents_matched: int = 0
    spans_new: int = 0
    spans_present: int = 0
    spans_changed: int = 0  # by --replace
    spans_removed: int = 0  # by --replace
    relations_new: int = 0
    relations_present: int = 0
    relations_changed: int = 0
    relations_removed: int = 0
    rejected: int = 0
    ids_renumbered: int = 0  # incoming ids another annotation already had: given new ones
    layers: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)  # what a format could not carry

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["layers"] = sorted(self.layers)
        return data


@dataclass
class BatchRows:
    """Rows of one batch, in the order they must be written."""

    documents: list[tuple] = field(default_factory=list)
    spans: list[tuple] = field(default_factory=list)
    relations: list[tuple] = field(default_factory=list)
    statuses: list[tuple] = field(default_factory=list)
    times: list[tuple] = field(default_factory=list)  # (document, layer, seconds, at)
    exact_times: bool = False  # --replace: the record's time; else the larger one


@dataclass
class TakenIds:
    """Span and relation ids already used: in the project, or earlier in this import."""

    spans: set[str]
    relations: set[str]


class RowBuilder:
    """Numbers and builds the rows of one import; counts what it adds in `counts`."""

    def __init__(self, conn: sqlite3.Connection, counts: ImportCounts) -> None:
        self.conn = conn
        self.counts = counts
        self.now = utc_now()
        self.next_doc = self.next_span = self.next_relation = 0

    def number_after_stored(self) -> None:
        """Number new rows after the last stored ones (inside the import's transaction)."""
        self.next_doc = self._max("document") + 1
        self.next_span = self._max("span") + 1
        self.next_relation = self._max("relation") + 1

    def _max(self, table: str) -> int:
        return self.conn.execute(f"SELECT coalesce(max(seq), 0) FROM {table}").fetchone()[0]

    def _own_id(self, wanted: str, taken: set[str]) -> str:
        """`wanted`, or a new id if another annotation (in the project or earlier in this
        import) already has it: tools such as brat number T1, R1 in every document, and a
        copy of a layer into another layer keeps its ids."""
        if wanted in taken:
            self.counts.ids_renumbered += 1
            wanted = new_id()
        taken.add(wanted)
        return wanted

    def add_document(self, record: DocumentRecord, rows: BatchRows, by_id: dict,
                     by_hash: dict) -> int:
        seq = self.next_doc
        self.next_doc += 1
        doc_id = record.id or new_id()
        digest = record.text_sha256
        rows.documents.append((
            seq, doc_id, document_title(record.text, record.meta), record.text, digest,
            dumps(record.meta), record.source, record.source_sha256, record.encoding,
            self.now,
        ))
        # Later records of this batch match this one, by id or by text.
        by_id[doc_id] = (seq, doc_id, digest)
        by_hash[digest] = (seq, doc_id, digest)
        self.counts.documents_new += 1
        return seq

    def new_annotations(self, record: DocumentRecord, doc_seq: int, layer_id: int,
                        rows: BatchRows, taken: TakenIds) -> None:
        seqs: dict[str, int] = {}
        append = rows.spans.append
        seq = self.next_span
        now = self.now
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
        self.next_span = seq
        self.counts.spans_new += len(record.spans)
        for relation in record.relations:
            rows.relations.append(self._relation_row(relation, doc_seq, layer_id, seqs,
                                                     self._own_id(relation.id, taken.relations)))
        self.counts.relations_new += len(record.relations)

    def _span_row(self, span: SpanRecord, span_id: str, doc_seq: int, layer_id: int) -> tuple:
        seq = self.next_span
        self.next_span += 1
        now = self.now
        return (seq, span_id, doc_seq, layer_id, span.start, span.end, span.label, span.text,
                dumps(span.attrs), span.note, span.annotator, span.created_at or now,
                span.updated_at or span.created_at or now)

    def _relation_row(self, relation: RelationRecord, doc_seq: int, layer_id: int,
                      seqs: dict[str, int], relation_id: str) -> tuple:
        seq = self.next_relation
        self.next_relation += 1
        now = self.now
        return (seq, relation_id, doc_seq, layer_id, relation.type, seqs[relation.head],
                seqs[relation.tail], dumps(relation.attrs), relation.annotator,
                relation.created_at or now, relation.updated_at or relation.created_at or now)

    def merge_annotations(self, record: DocumentRecord, doc_seq: int, layer_id: int,
                          rows: BatchRows, taken: TakenIds) -> None:
        """Add to an existing document only what it lacks; identical items are skipped.

        An item counts as present when this document's layer has it (same id, or the same
        place and label; for links, the same type and ends). An id that names something else
        is not a reason to drop the item: it gets a new id.
        """
        conn = self.conn
        seqs: dict[str, int] = {}
        fresh = BatchRows()
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


def write_rows(conn: sqlite3.Connection, rows: BatchRows) -> None:
    """Store one batch, documents first: spans and relations point at them."""
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
        larger = "excluded.seconds" if rows.exact_times else \
            "max(work_time.seconds, excluded.seconds)"
        conn.executemany(
            "INSERT INTO work_time (document, layer, seconds, updated_at) VALUES (?,?,?,?) "
            f"ON CONFLICT (document, layer) DO UPDATE SET seconds = {larger}, "
            f"updated_at = excluded.updated_at WHERE work_time.seconds <> {larger}",
            rows.times,
        )
    except sqlite3.IntegrityError as exc:
        # Every record was checked before; reaching a constraint here is a bug, and the
        # whole import rolls back.
        raise ImportRefused(f"the project refused the import ({exc}); nothing was "
                            "imported") from None
