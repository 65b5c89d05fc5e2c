"""Reading a whole project out, one document and layer at a time, in constant memory.

Five cursors walk documents, spans, relations, statuses and active times in document order,
and are merged here, so an export reads each row once and never holds more than one
document's annotations. `scan_rows` gives each document and layer as the rows themselves
(what a JSON Lines export turns straight into text); `scan` gives record objects.
A range of document seqs lets several processes each read a part of one project.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from annotator.core.model import Status
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.storage.rows import loads

if TYPE_CHECKING:
    from annotator.storage.project import ProjectStore

# The columns of the rows `scan_rows` gives, in order (span and relation rows begin with
# their document and layer).
DOCUMENT_ROW = ("seq", "id", "text", "text_sha256", "meta", "source", "source_sha256",
                "encoding")
SPAN_ROW = ("document", "layer", "id", "start", "end", "label", "text", "attrs", "note",
            "annotator", "created_at", "updated_at")
RELATION_ROW = ("document", "layer", "id", "type", "head", "tail", "attrs", "annotator",
                "created_at", "updated_at")


class RawRecord(NamedTuple):
    """One document in one layer (or in none) as stored: rows in the layouts above."""

    document: tuple  # DOCUMENT_ROW
    layer: str | None
    layer_owner: str | None
    status: str
    time_active_s: float | None
    spans: list[tuple]  # SPAN_ROW, sorted by start, end, label
    relations: list[tuple]  # RELATION_ROW, head and tail as span ids


class _Cursor:
    """A cursor over rows sorted by (document, layer, ...), taken one document at a time."""

    def __init__(self, rows: Iterator[tuple]) -> None:
        self._rows = rows
        self._next = next(rows, None)

    def take(self, doc_seq: int) -> dict[int, list[tuple]]:
        """The rows of document `doc_seq`, grouped by layer id (rows of earlier ones skipped)."""
        grouped: dict[int, list[tuple]] = {}
        row = self._next
        while row is not None and row[0] < doc_seq:
            row = next(self._rows, None)
        while row is not None and row[0] == doc_seq:
            grouped.setdefault(row[1], []).append(row)
            row = next(self._rows, None)
        self._next = row
        return grouped


def _where(*conditions: str) -> str:
    kept = [c for c in conditions if c]
    return "WHERE " + " AND ".join(kept) if kept else ""


def scan_rows(conn: sqlite3.Connection, *, layer: str | None = None,
              status: Status | None = None, labels: frozenset[str] | None = None,
              seqs: tuple[int, int] | None = None) -> Iterator[RawRecord]:
    """What `scan` yields, as rows; `seqs` (first, last) keeps the documents in that range."""
    layer_names = {row[0]: row[1] for row in conn.execute("SELECT id, name FROM layer")}
    layer_owners = {row[0]: row[1] for row in conn.execute("SELECT id, owner FROM layer")}
    only_layer: int | None = None
    if layer is not None:
        found = conn.execute("SELECT id FROM layer WHERE name = ?", (layer,)).fetchone()
        only_layer = found[0] if found else -1  # no such layer yet: no annotations
    in_layer = "" if only_layer is None else f"layer = {int(only_layer)}"
    in_range = "" if seqs is None else f"document BETWEEN {int(seqs[0])} AND {int(seqs[1])}"
    span_where = _where(in_layer, in_range)
    rel_where = _where(in_layer and "r." + in_layer, in_range and "r." + in_range)

    spans = _Cursor(iter(conn.execute(
        'SELECT document, layer, id, "start", "end", label, text, attrs, note, annotator, '
        f'created_at, updated_at FROM span {span_where} '
        'ORDER BY document, layer, "start", "end", label')))
    relations = _Cursor(iter(conn.execute(
        "SELECT r.document, r.layer, r.id, r.type, h.id, t.id, r.attrs, r.annotator, "
        "r.created_at, r.updated_at FROM relation AS r JOIN span AS h ON h.seq = r.head "
        f"JOIN span AS t ON t.seq = r.tail {rel_where} "
        "ORDER BY r.document, r.layer, r.seq")))
    statuses = _Cursor(iter(conn.execute(
        f"SELECT document, layer, status FROM status {span_where} ORDER BY document, layer")))
    times = _Cursor(iter(conn.execute(
        f"SELECT document, layer, seconds FROM work_time {span_where} "
        "ORDER BY document, layer")))
    doc_range = "" if seqs is None else f"WHERE seq BETWEEN {int(seqs[0])} AND {int(seqs[1])}"
    documents = conn.execute(
        "SELECT seq, id, text, text_sha256, meta, source, source_sha256, encoding "
        f"FROM document {doc_range} ORDER BY seq")

    wanted_status = Status(status).value if status is not None else None
    for document in documents:
        seq = document[0]
        doc_spans = spans.take(seq)
        doc_relations = relations.take(seq)
        doc_statuses = statuses.take(seq)
        doc_times = times.take(seq)
        if only_layer is not None:
            layer_ids: list[int | None] = [only_layer]
        else:
            layer_ids = sorted(set(doc_spans) | set(doc_relations) | set(doc_statuses)
                               | set(doc_times)) or [None]
        for layer_id in layer_ids:
            state = doc_statuses.get(layer_id) if layer_id is not None else None
            status_value = state[0][2] if state else Status.NEW.value
            if wanted_status is not None and status_value != wanted_status:
                continue
            span_rows = doc_spans.get(layer_id, [])
            relation_rows = doc_relations.get(layer_id, [])
            if labels is not None:
                span_rows = [row for row in span_rows if row[5] in labels]
                kept = {row[2] for row in span_rows}
                relation_rows = [row for row in relation_rows
                                 if row[4] in kept and row[5] in kept]
            yield RawRecord(
                document,
                layer_names.get(layer_id) if layer_id is not None else layer,
                layer_owners.get(layer_id) if layer_id is not None else None,
                status_value,
                (doc_times[layer_id][0][2] if layer_id in doc_times else 0.0)
                if layer_id is not None else None,
                span_rows, relation_rows)


def scan(project: ProjectStore, *, layer: str | None = None, status: Status | None = None,
         labels: frozenset[str] | None = None) -> Iterator[DocumentRecord]:
    """Yield one record per document and layer.

    With `layer`, every document comes once, with that layer's annotations (possibly none).
    Without it, each document comes once per layer that has annotations or a status, and
    once with no layer if it has none. `status` keeps only records in that status; `labels`
    keeps only spans with those labels (and relations between kept spans).
    """
    for raw in scan_rows(project.conn, layer=layer, status=status, labels=labels):
        yield record_from_rows(raw)


def record_from_rows(raw: RawRecord) -> DocumentRecord:
    """The record object of one RawRecord."""
    _, doc_id, text, digest, meta, source, source_sha, encoding = raw.document
    return DocumentRecord(
        text=text, id=doc_id, meta=loads(meta), layer=raw.layer, status=raw.status,
        spans=[span_record(row) for row in raw.spans],
        relations=[relation_record(row) for row in raw.relations],
        text_sha256=digest, source=source, source_sha256=source_sha, encoding=encoding,
        layer_owner=raw.layer_owner, time_active_s=raw.time_active_s,
    )


def span_record(row: tuple) -> SpanRecord:
    """A SpanRecord from a SPAN_ROW."""
    # Positional: this runs for every span of an export (start, end, label, text, id, ...).
    return SpanRecord(row[3], row[4], row[5], row[6], row[2], loads(row[7]), row[8], row[9],
                      row[10], row[11])


def relation_record(row: tuple) -> RelationRecord:
    """A RelationRecord from a RELATION_ROW."""
    return RelationRecord(row[3], row[4], row[5], row[2], loads(row[6]), row[7], row[8],
                          row[9])


def count_records(project: ProjectStore) -> int:
    """How many documents an export walks (for progress bars)."""
    return project.count_documents()
