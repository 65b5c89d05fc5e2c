"""Making one lead layer hold exactly one file layer's work, for a batch of documents, in SQL.

For the documents in `merge_batch` (merging_docs), the lead's layer `ll` ends up with the
file layer `fl`'s spans, relations, statuses and active time, under the same ids. The work
is set-based: `classify` copies the file's rows into temporary tables, each marked by what
it is to the lead (the same, added, changed, changed in place or label), and lists the
lead's rows the file no longer has; it reads and writes nothing of the lead's own tables,
so it also serves to show how a diverged file differs. `apply` then writes.

Keys: a span is unique by (document, layer, start, end, label), and a relation by (document,
layer, type, head, tail). When spans swap places or a deleted span's place is taken by a new
one, a naive order of writes collides with those keys. So the rows that go or move first
step aside (their label, or type, becomes a value no scheme has: U+0001 and their own id),
new rows are inserted, moved rows take their new values, and the rows that go are deleted
last, once no relation the file keeps still points at them (a delete would cascade).

Ids: span and relation ids are UUIDs, unique across projects. A file's id the lead already
uses in another layer or document (a package that started from a copy of the lead's
predictions, say) is given a derived id, the same one every time (`derived_id`), so merging
again finds it. Changed rows get rev + 1; new rows start at 0; span.origin is kept as the
file has it.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, field

SAME, ADDED, CHANGED, MOVED = 0, 1, 2, 3
_DERIVED = uuid.UUID("0b9a1d52-3f55-4d39-8c8e-1f7c7f0b6a43")

TEMP_TABLES = """
CREATE TEMP TABLE IF NOT EXISTS merge_label (source TEXT PRIMARY KEY, target TEXT);
CREATE TEMP TABLE IF NOT EXISTS merge_span (
    fseq INTEGER PRIMARY KEY, id TEXT NOT NULL, document INTEGER, "start" INTEGER,
    "end" INTEGER, label TEXT, text TEXT, attrs TEXT, note TEXT, annotator TEXT,
    created_at TEXT, updated_at TEXT, origin TEXT, lead_seq INTEGER, state INTEGER,
    content INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS temp.merge_span_by_id ON merge_span (id);
CREATE TEMP TABLE IF NOT EXISTS merge_relation (
    fseq INTEGER PRIMARY KEY, id TEXT NOT NULL, document INTEGER, type TEXT, head_id TEXT,
    tail_id TEXT, attrs TEXT, annotator TEXT, created_at TEXT, updated_at TEXT,
    lead_seq INTEGER, state INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS temp.merge_relation_by_id ON merge_relation (id);
CREATE TEMP TABLE IF NOT EXISTS merge_gone_span (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, document INTEGER
);
CREATE TEMP TABLE IF NOT EXISTS merge_gone_relation (seq INTEGER PRIMARY KEY, document INTEGER);
"""


def derived_id(file_id: str, lead_layer: int) -> str:
    """The id a file's span or relation takes in lead layer `lead_layer` when the lead uses
    its own id elsewhere: always the same for the same id and layer."""
    return str(uuid.uuid5(_DERIVED, f"{lead_layer}\x00{file_id}"))


def register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("tawsim_derived_id", 2, derived_id, deterministic=True)


_COPY_SPANS = """
INSERT INTO temp.merge_span
SELECT q.seq, q.mid, q.lseq, q."start", q."end", q.label, q.text, q.attrs, q.note,
       q.annotator, q.created_at, q.updated_at, q.origin, x.seq,
       CASE WHEN x.seq IS NULL THEN 1
            WHEN (x."start", x."end", x.label) IS NOT (q."start", q."end", q.label) THEN 3
            WHEN (x.text, x.attrs, x.note, x.annotator, x.created_at, x.updated_at, x.origin)
                 IS NOT (q.text, q.attrs, q.note, q.annotator, q.created_at, q.updated_at,
                         q.origin) THEN 2
            ELSE 0 END,
       x.seq IS NOT NULL AND (x."start", x."end", x.label, x.attrs)
                             IS NOT (q."start", q."end", q.label, q.attrs)
FROM (SELECT s.seq, b.lseq, s."start", s."end", coalesce(m.target, s.label) AS label, s.text,
             s.attrs, s.note, s.annotator, s.created_at, s.updated_at, s.origin,
             CASE WHEN x0.seq IS NOT NULL AND (x0.layer <> :ll OR x0.document IS NOT b.lseq)
                  THEN tawsim_derived_id(s.id, :ll) ELSE s.id END AS mid
      FROM temp.merge_batch AS b
      JOIN merge_src.span AS s ON s.document = b.fseq AND s.layer = :fl
      LEFT JOIN temp.merge_label AS m ON m.source = s.label
      LEFT JOIN main.span AS x0 ON x0.id = s.id
      WHERE m.source IS NULL OR m.target IS NOT NULL) AS q
LEFT JOIN main.span AS x ON x.id = q.mid AND x.layer = :ll
"""

_COPY_RELATIONS = """
INSERT INTO temp.merge_relation
SELECT q.seq, q.mid, q.lseq, q.type, q.head_id, q.tail_id, q.attrs, q.annotator,
       q.created_at, q.updated_at, x.seq,
       CASE WHEN x.seq IS NULL THEN 1
            WHEN (x.type, xh.id, xt.id) IS NOT (q.type, q.head_id, q.tail_id) THEN 3
            WHEN (x.attrs, x.annotator, x.created_at, x.updated_at)
                 IS NOT (q.attrs, q.annotator, q.created_at, q.updated_at) THEN 2
            ELSE 0 END
FROM (SELECT r.seq, b.lseq, r.type, h.id AS head_id, t.id AS tail_id, r.attrs, r.annotator,
             r.created_at, r.updated_at,
             CASE WHEN x0.seq IS NOT NULL AND (x0.layer <> :ll OR x0.document IS NOT b.lseq)
                  THEN tawsim_derived_id(r.id, :ll) ELSE r.id END AS mid
      FROM temp.merge_batch AS b
      JOIN merge_src.relation AS r ON r.document = b.fseq AND r.layer = :fl
      JOIN temp.merge_span AS h ON h.fseq = r.head
      JOIN temp.merge_span AS t ON t.fseq = r.tail
      LEFT JOIN main.relation AS x0 ON x0.id = r.id) AS q
LEFT JOIN main.relation AS x ON x.id = q.mid AND x.layer = :ll
LEFT JOIN main.span AS xh ON xh.seq = x.head
LEFT JOIN main.span AS xt ON xt.seq = x.tail
"""

_GONE_SPANS = """
INSERT INTO temp.merge_gone_span
SELECT s.seq, s.id, s.document FROM temp.merge_batch AS b
JOIN main.span AS s ON s.document = b.lseq AND s.layer = :ll
WHERE NOT EXISTS (SELECT 1 FROM temp.merge_span AS m WHERE m.id = s.id)
"""

_GONE_RELATIONS = """
INSERT INTO temp.merge_gone_relation
SELECT r.seq, r.document FROM temp.merge_batch AS b
JOIN main.relation AS r ON r.document = b.lseq AND r.layer = :ll
WHERE NOT EXISTS (SELECT 1 FROM temp.merge_relation AS m WHERE m.id = r.id)
"""

# Documents whose status or active time in the file differs from the lead's.
_STATUS_DIFFERS = """
SELECT b.lseq FROM temp.merge_batch AS b
LEFT JOIN merge_src.status AS f ON f.document = b.fseq AND f.layer = :fl
LEFT JOIN main.status AS l ON l.document = b.lseq AND l.layer = :ll
WHERE coalesce(f.status, 'new') <> coalesce(l.status, 'new')
"""
_TIME_DIFFERS = """
SELECT b.lseq FROM temp.merge_batch AS b
LEFT JOIN merge_src.work_time AS f ON f.document = b.fseq AND f.layer = :fl
LEFT JOIN main.work_time AS l ON l.document = b.lseq AND l.layer = :ll
WHERE coalesce(f.seconds, 0) <> coalesce(l.seconds, 0)
"""


@dataclass
class SyncCounts:
    spans_added: int = 0
    spans_changed: int = 0
    spans_removed: int = 0
    relations_added: int = 0
    relations_changed: int = 0
    relations_removed: int = 0
    statuses_changed: int = 0
    times_changed: int = 0
    changed_documents: list[int] = field(default_factory=list)  # lead seqs

    def add(self, other: SyncCounts) -> None:
        for name in ("spans_added", "spans_changed", "spans_removed", "relations_added",
                     "relations_changed", "relations_removed", "statuses_changed",
                     "times_changed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.changed_documents.extend(other.changed_documents)


@dataclass(frozen=True)
class GoldFromChanged:
    """A lead gold span accepted from an annotator's span this merge changes or removes."""

    document: str
    gold_span: str
    label: str
    start: int
    end: int
    origin: str
    what: str  # "changed" or "removed"


def classify(conn: sqlite3.Connection, fl: int, ll: int) -> SyncCounts:
    """Compare file layer `fl` with lead layer `ll` (-1 when it does not exist yet) for the
    documents of `merge_batch`; fills the temporary tables and counts the differences."""
    params = {"fl": fl, "ll": ll}
    for table in ("merge_span", "merge_relation", "merge_gone_span", "merge_gone_relation"):
        conn.execute(f"DELETE FROM temp.{table}")
    conn.execute(_COPY_SPANS, params)
    conn.execute(_COPY_RELATIONS, params)
    conn.execute(_GONE_SPANS, params)
    conn.execute(_GONE_RELATIONS, params)
    counts = SyncCounts()
    for state, number in conn.execute("SELECT state, count(*) FROM temp.merge_span "
                                      "WHERE state <> 0 GROUP BY state"):
        if state == ADDED:
            counts.spans_added += number
        else:
            counts.spans_changed += number
    for state, number in conn.execute("SELECT state, count(*) FROM temp.merge_relation "
                                      "WHERE state <> 0 GROUP BY state"):
        if state == ADDED:
            counts.relations_added += number
        else:
            counts.relations_changed += number
    counts.spans_removed = conn.execute("SELECT count(*) FROM temp.merge_gone_span").fetchone()[0]
    counts.relations_removed = conn.execute(
        "SELECT count(*) FROM temp.merge_gone_relation").fetchone()[0]
    statuses = [row[0] for row in conn.execute(_STATUS_DIFFERS, params)]
    times = [row[0] for row in conn.execute(_TIME_DIFFERS, params)]
    counts.statuses_changed, counts.times_changed = len(statuses), len(times)
    changed = {row[0] for row in conn.execute(
        "SELECT document FROM temp.merge_span WHERE state <> 0 "
        "UNION SELECT document FROM temp.merge_relation WHERE state <> 0 "
        "UNION SELECT document FROM temp.merge_gone_span "
        "UNION SELECT document FROM temp.merge_gone_relation")}
    changed.update(statuses)
    changed.update(times)
    changed.discard(None)
    counts.changed_documents = sorted(changed)
    return counts


def gold_from_changed(conn: sqlite3.Connection) -> list[GoldFromChanged]:
    """The lead's gold spans, in the batch's documents, accepted from a span that
    `classify` found changed (in place, label or attributes) or gone."""
    return [GoldFromChanged(*row) for row in conn.execute(
        "SELECT d.id, g.id, g.label, g.\"start\", g.\"end\", g.origin, w.what "
        "FROM (SELECT id, document, 'changed' AS what FROM temp.merge_span WHERE content "
        "      UNION ALL SELECT id, document, 'removed' FROM temp.merge_gone_span) AS w "
        "JOIN main.span AS g ON g.document = w.document AND g.origin = w.id "
        "JOIN main.layer AS lg ON lg.id = g.layer AND lg.kind = 'gold' "
        "JOIN main.document AS d ON d.seq = g.document "
        "ORDER BY g.document, g.\"start\"")]


def apply(conn: sqlite3.Connection, fl: int, ll: int) -> None:
    """Write what `classify` found into lead layer `ll` (inside the caller's transaction)."""
    params = {"fl": fl, "ll": ll}
    execute = conn.execute
    execute("DELETE FROM main.relation WHERE seq IN (SELECT seq FROM temp.merge_gone_relation)")
    execute("UPDATE main.relation SET type = char(1) || id WHERE seq IN "
            "(SELECT lead_seq FROM temp.merge_relation WHERE state = 3)")
    execute("UPDATE main.span SET label = char(1) || id WHERE seq IN "
            "(SELECT seq FROM temp.merge_gone_span "
            " UNION ALL SELECT lead_seq FROM temp.merge_span WHERE state = 3)")
    execute(
        'INSERT INTO main.span (id, document, layer, "start", "end", label, text, attrs, '
        "note, annotator, created_at, updated_at, origin) "
        'SELECT id, document, :ll, "start", "end", label, text, attrs, note, annotator, '
        "created_at, updated_at, origin FROM temp.merge_span WHERE state = 1 ORDER BY fseq",
        params)
    execute(
        'UPDATE main.span SET "start" = m."start", "end" = m."end", label = m.label, '
        "text = m.text, attrs = m.attrs, note = m.note, annotator = m.annotator, "
        "created_at = m.created_at, updated_at = m.updated_at, origin = m.origin, "
        "rev = span.rev + 1 FROM temp.merge_span AS m "
        "WHERE span.seq = m.lead_seq AND m.state IN (2, 3)")
    execute(
        "INSERT INTO main.relation (id, document, layer, type, head, tail, attrs, annotator, "
        "created_at, updated_at) "
        "SELECT m.id, m.document, :ll, m.type, h.seq, t.seq, m.attrs, m.annotator, "
        "m.created_at, m.updated_at FROM temp.merge_relation AS m "
        "JOIN main.span AS h ON h.id = m.head_id JOIN main.span AS t ON t.id = m.tail_id "
        "WHERE m.state = 1 ORDER BY m.fseq", params)
    execute(
        "UPDATE main.relation SET type = q.type, head = q.head, tail = q.tail, "
        "attrs = q.attrs, annotator = q.annotator, created_at = q.created_at, "
        "updated_at = q.updated_at, rev = relation.rev + 1 "
        "FROM (SELECT m.lead_seq, m.type, h.seq AS head, t.seq AS tail, m.attrs, m.annotator, "
        "      m.created_at, m.updated_at FROM temp.merge_relation AS m "
        "      JOIN main.span AS h ON h.id = m.head_id JOIN main.span AS t ON t.id = m.tail_id "
        "      WHERE m.state IN (2, 3)) AS q WHERE relation.seq = q.lead_seq")
    execute("DELETE FROM main.span WHERE seq IN (SELECT seq FROM temp.merge_gone_span)")
    _sync_document_rows(conn, params)


def _sync_document_rows(conn: sqlite3.Connection, params: dict[str, int]) -> None:
    """Statuses and active time: the file's rows for the batch's documents, exactly."""
    for table, columns in (("status", ("status", "updated_at")),
                           ("work_time", ("seconds", "updated_at"))):
        conn.execute(
            f"DELETE FROM main.{table} WHERE layer = :ll AND document IN "
            f"(SELECT b.lseq FROM temp.merge_batch AS b WHERE NOT EXISTS (SELECT 1 FROM "
            f"merge_src.{table} AS f WHERE f.document = b.fseq AND f.layer = :fl))", params)
        listed = ", ".join(columns)
        conn.execute(
            f"INSERT INTO main.{table} (document, layer, {listed}) "
            f"SELECT b.lseq, :ll, {', '.join('f.' + c for c in columns)} "
            f"FROM temp.merge_batch AS b JOIN merge_src.{table} AS f "
            f"ON f.document = b.fseq AND f.layer = :fl WHERE true "
            f"ON CONFLICT (document, layer) DO UPDATE SET "
            f"{', '.join(f'{c} = excluded.{c}' for c in columns)} "
            f"WHERE ({', '.join(f'{table}.{c}' for c in columns)}) IS NOT "
            f"({', '.join(f'excluded.{c}' for c in columns)})", params)
