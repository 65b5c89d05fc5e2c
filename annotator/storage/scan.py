"""Reading a whole project out, one document and layer at a time, in constant memory.

Five cursors walk documents, spans, relations, statuses and active times in document order,
and are merged here, so an export reads each row once and never holds more than one
document's annotations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from annotator.core.model import Status
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.storage.rows import loads

if TYPE_CHECKING:
    from annotator.storage.project import ProjectStore


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


def scan(project: ProjectStore, *, layer: str | None = None, status: Status | None = None,
         labels: frozenset[str] | None = None) -> Iterator[DocumentRecord]:
    """Yield one record per document and layer.

    With `layer`, every document comes once, with that layer's annotations (possibly none).
    Without it, each document comes once per layer that has annotations or a status, and
    once with no layer if it has none. `status` keeps only records in that status; `labels`
    keeps only spans with those labels (and relations between kept spans).
    """
    conn = project.conn
    layer_names = {row[0]: row[1] for row in conn.execute("SELECT id, name FROM layer")}
    layer_owners = {row[0]: row[1] for row in conn.execute("SELECT id, owner FROM layer")}
    only_layer: int | None = None
    if layer is not None:
        only_layer = project.layer_id(layer)
        if only_layer is None:
            only_layer = -1  # no such layer yet: every document, with no annotations
    layer_filter = "" if only_layer is None else f"WHERE layer = {int(only_layer)}"
    rel_filter = "" if only_layer is None else f"WHERE r.layer = {int(only_layer)}"

    spans = _Cursor(iter(conn.execute(
        'SELECT document, layer, id, "start", "end", label, text, attrs, note, annotator, '
        f'created_at, updated_at FROM span {layer_filter} '
        'ORDER BY document, layer, "start", "end", label')))
    relations = _Cursor(iter(conn.execute(
        "SELECT r.document, r.layer, r.id, r.type, h.id, t.id, r.attrs, r.annotator, "
        "r.created_at, r.updated_at FROM relation AS r JOIN span AS h ON h.seq = r.head "
        f"JOIN span AS t ON t.seq = r.tail {rel_filter} "
        "ORDER BY r.document, r.layer, r.seq")))
    statuses = _Cursor(iter(conn.execute(
        f"SELECT document, layer, status FROM status {layer_filter} ORDER BY document, layer")))
    times = _Cursor(iter(conn.execute(
        f"SELECT document, layer, seconds FROM work_time {layer_filter} "
        "ORDER BY document, layer")))
    documents = conn.execute(
        "SELECT seq, id, text, text_sha256, meta, source, source_sha256, encoding "
        "FROM document ORDER BY seq")

    wanted_status = Status(status).value if status is not None else None
    for seq, doc_id, text, digest, meta, source, source_sha, encoding in documents:
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
            span_records = [_span(row) for row in doc_spans.get(layer_id, ())]
            relation_records = [_relation(row) for row in doc_relations.get(layer_id, ())]
            if labels is not None:
                span_records = [s for s in span_records if s.label in labels]
                kept = {s.id for s in span_records}
                relation_records = [r for r in relation_records
                                    if r.head in kept and r.tail in kept]
            yield DocumentRecord(
                text=text, id=doc_id, meta=loads(meta),
                layer=layer_names.get(layer_id) if layer_id is not None else layer,
                status=status_value, spans=span_records, relations=relation_records,
                text_sha256=digest, source=source, source_sha256=source_sha,
                encoding=encoding,
                layer_owner=layer_owners.get(layer_id) if layer_id is not None else None,
                time_active_s=(doc_times[layer_id][0][2] if layer_id in doc_times else 0.0)
                if layer_id is not None else None,
            )


def _span(row: tuple) -> SpanRecord:
    # Positional: this runs for every span of an export (start, end, label, text, id, ...).
    return SpanRecord(row[3], row[4], row[5], row[6], row[2], loads(row[7]), row[8], row[9],
                      row[10], row[11])


def _relation(row: tuple) -> RelationRecord:
    return RelationRecord(row[3], row[4], row[5], row[2], loads(row[6]), row[7], row[8],
                          row[9])


def count_records(project: ProjectStore) -> int:
    """How many documents an export walks (for progress bars)."""
    return project.count_documents()
