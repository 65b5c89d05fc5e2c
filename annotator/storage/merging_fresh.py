"""The common first merge of a batch: the lead's layer holds nothing yet in its documents,
so the file's spans and relations are copied straight in, without the comparison.

This is the same result `merging_sync.classify` and `apply` reach, by a shorter road: when
the lead's layer has no span in the batch's documents, every span of the file is new. The
copy is tried optimistically; if one of the file's ids is taken by another of the lead's
rows (a file that started from a copy of the lead's predictions), the statement fails as a
whole, SQLite undoes it, and the caller takes the general road for that batch.
"""

from __future__ import annotations

import sqlite3

from annotator.storage.merging_queries import rows_of_batch
from annotator.storage.merging_sync import (
    SyncCounts,
    document_changes,
    status_and_time_changes,
    sync_document_rows,
)

_LAYER_HAS_SPANS = """
SELECT EXISTS (SELECT 1 FROM temp.merge_batch AS b
               CROSS JOIN main.span AS s ON s.document = b.lseq AND s.layer = :ll)
"""
_COPY_SPANS = """
INSERT INTO main.span (id, document, layer, "start", "end", label, text, attrs, note,
                       annotator, created_at, updated_at, origin)
SELECT s.id, b.lseq, :ll, s."start", s."end", coalesce(m.target, s.label), s.text, s.attrs,
       s.note, s.annotator, s.created_at, s.updated_at, s.origin
FROM {spans_of_batch}
LEFT JOIN temp.merge_label AS m ON m.source = s.label
WHERE m.source IS NULL OR m.target IS NOT NULL
ORDER BY s.seq
"""
_COPY_RELATIONS = """
INSERT INTO main.relation (id, document, layer, type, head, tail, attrs, annotator,
                           created_at, updated_at)
SELECT r.id, b.lseq, :ll, r.type, h.seq, t.seq, r.attrs, r.annotator, r.created_at,
       r.updated_at
FROM {relations_of_batch}
JOIN merge_src.span AS fh ON fh.seq = r.head
JOIN merge_src.span AS ft ON ft.seq = r.tail
JOIN main.span AS h ON h.id = fh.id AND h.layer = :ll
JOIN main.span AS t ON t.id = ft.id AND t.layer = :ll
ORDER BY r.seq
"""
_FILLED = """
SELECT b.lseq FROM temp.merge_batch AS b
WHERE EXISTS (SELECT 1 FROM main.span AS s WHERE s.document = b.lseq AND s.layer = :ll)
"""


def add_to_empty(conn: sqlite3.Connection, fl: int, ll: int, *,
                 whole: bool = False) -> SyncCounts | None:
    """Copy file layer `fl` into lead layer `ll` for the batch's documents if the lead's
    layer holds no span in them; None (nothing written) when the general road is needed.
    `whole`: the batch holds all the file's documents (read in one pass)."""
    params = {"fl": fl, "ll": ll}
    if conn.execute(_LAYER_HAS_SPANS, params).fetchone()[0]:
        return None
    statuses, times = status_and_time_changes(conn, params)
    counts = SyncCounts()
    conn.execute("SAVEPOINT merge_fresh")
    try:
        spans = _COPY_SPANS.replace("{spans_of_batch}",
                                    rows_of_batch("span", "s", whole=whole))
        relations = _COPY_RELATIONS.replace("{relations_of_batch}",
                                            rows_of_batch("relation", "r", whole=whole))
        counts.spans_added = conn.execute(spans, params).rowcount
        counts.relations_added = conn.execute(relations, params).rowcount
    except sqlite3.IntegrityError:  # an id the lead uses elsewhere
        conn.execute("ROLLBACK TO merge_fresh")
        conn.execute("RELEASE merge_fresh")
        return None
    conn.execute("RELEASE merge_fresh")
    filled = {row[0] for row in conn.execute(_FILLED, params)} if counts.spans_added else set()
    sync_document_rows(conn, params)
    return document_changes(counts, filled, statuses, times)
