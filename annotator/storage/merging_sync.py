"""Making one lead layer hold exactly one file layer's work, for a batch of documents, in SQL.

For the documents in `merge_batch` (merging_docs), the lead's layer `ll` ends up with the
file layer `fl`'s spans, relations, statuses and active time, under the same ids. The work
is set-based: `classify` copies the file's rows into temporary tables, each marked by what
it is to the lead (the same, added, changed, changed in place or label), and lists the
lead's rows the file no longer has; it writes nothing of the lead's own tables, so it also
serves to show how a diverged file differs. `apply` then writes. The SQL is in
merging_queries; a batch whose lead layer is still empty takes a shorter road
(merging_fresh).

Keys: a span is unique by (document, layer, start, end, label), and a relation by (document,
layer, type, head, tail). When spans swap places or a deleted span's place is taken by a new
one, a naive order of writes collides with those keys. So the lead's spans standing where a
new or moved span goes, and the relations that change ends or type, first step aside (their
label, or type, becomes a value no scheme has: U+0001 and their own id); then moved rows
take their new values, new rows are inserted, and the rows that go are deleted last, once
no relation the file keeps still points at them (a delete would cascade).

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

from annotator.storage.merging_queries import (
    GONE_RELATIONS,
    GONE_SPANS,
    SETTLE_RELATIONS,
    SETTLE_SPANS,
    STATUS_DIFFERS,
    TIME_DIFFERS,
    copy_relations,
    copy_spans,
)

SAME, ADDED, CHANGED, MOVED, FOREIGN = 0, 1, 2, 3, 4
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


def classify(conn: sqlite3.Connection, fl: int, ll: int, *, whole: bool = False) -> SyncCounts:
    """Compare file layer `fl` with lead layer `ll` (-1 when it does not exist yet) for the
    documents of `merge_batch`; fills the temporary tables, and says which documents differ
    and how many statuses and times (`apply` counts the spans and relations it writes).
    `whole`: the batch holds all the file's documents (read in one pass)."""
    params = {"fl": fl, "ll": ll}
    for table in ("merge_span", "merge_relation", "merge_gone_span", "merge_gone_relation"):
        conn.execute(f"DELETE FROM temp.{table}")
    if conn.execute(copy_spans(whole=whole), params).rowcount:
        conn.execute(SETTLE_SPANS, params)
    if conn.execute(copy_relations(whole=whole), params).rowcount:
        conn.execute(SETTLE_RELATIONS, params)
    conn.execute(GONE_SPANS, params)
    conn.execute(GONE_RELATIONS, params)
    counts = SyncCounts()
    statuses, times = status_and_time_changes(conn, params)
    changed = {row[0] for row in conn.execute(
        "SELECT document FROM temp.merge_span WHERE state <> 0 "
        "UNION SELECT document FROM temp.merge_relation WHERE state <> 0 "
        "UNION SELECT document FROM temp.merge_gone_span "
        "UNION SELECT document FROM temp.merge_gone_relation")}
    changed.discard(None)
    return document_changes(counts, changed, statuses, times)


def document_changes(counts: SyncCounts, changed: set[int], statuses: list[int],
                     times: list[int]) -> SyncCounts:
    counts.statuses_changed, counts.times_changed = len(statuses), len(times)
    counts.changed_documents = sorted(changed.union(statuses, times))
    return counts


def status_and_time_changes(conn: sqlite3.Connection,
                            params: dict[str, int]) -> tuple[list[int], list[int]]:
    """The batch's documents whose status, and whose active time, the merge changes."""
    return ([row[0] for row in conn.execute(STATUS_DIFFERS, params)],
            [row[0] for row in conn.execute(TIME_DIFFERS, params)])


def gold_from_changed(conn: sqlite3.Connection) -> list[GoldFromChanged]:
    """The lead's gold spans, in the batch's documents, accepted from a span that
    `classify` found changed (in place, label or attributes) or gone."""
    found: list[GoldFromChanged] = []
    for (gold,) in conn.execute("SELECT id FROM main.layer WHERE kind = 'gold'").fetchall():
        # CROSS JOIN keeps this order: the few changed spans, then each one's document in
        # the gold layer through the span index (never a scan of every span).
        found += [GoldFromChanged(*row) for row in conn.execute(
            "SELECT d.id, g.id, g.label, g.\"start\", g.\"end\", g.origin, w.what "
            "FROM (SELECT id, document, 'changed' AS what FROM temp.merge_span WHERE content "
            "      UNION ALL SELECT id, document, 'removed' FROM temp.merge_gone_span) AS w "
            "CROSS JOIN main.span AS g ON g.document = w.document AND g.layer = ? "
            "AND g.origin = w.id JOIN main.document AS d ON d.seq = g.document",
            (gold,))]
    return sorted(found, key=lambda item: (item.document, item.start, item.gold_span))


# The lead's spans (going, or moving) at a place and label a new or moved span of the file
# takes: they step aside first. The rest cannot collide with anything.
_SPANS_IN_THE_WAY = """
UPDATE main.span SET label = char(1) || id WHERE seq IN (
    SELECT x.seq FROM temp.merge_span AS m
    CROSS JOIN main.span AS x ON x.document = m.document AND x.layer = :ll
        AND x."start" = m."start" AND x."end" = m."end" AND x.label = m.label
    WHERE m.state IN (1, 3) AND x.id <> m.id)
"""


def apply(conn: sqlite3.Connection, fl: int, ll: int, counts: SyncCounts) -> None:
    """Write what `classify` found into lead layer `ll` (inside the caller's transaction),
    counting the spans and relations added, changed and removed into `counts`."""
    params = {"fl": fl, "ll": ll}
    execute = conn.execute
    counts.relations_removed += execute(
        "DELETE FROM main.relation WHERE seq IN (SELECT seq FROM temp.merge_gone_relation)"
    ).rowcount
    execute("UPDATE main.relation SET type = char(1) || id WHERE seq IN "
            "(SELECT lead_seq FROM temp.merge_relation WHERE state = 3)")
    execute(_SPANS_IN_THE_WAY, params)
    counts.spans_changed += execute(
        'UPDATE main.span SET "start" = m."start", "end" = m."end", label = m.label, '
        "text = m.text, attrs = m.attrs, note = m.note, annotator = m.annotator, "
        "created_at = m.created_at, updated_at = m.updated_at, origin = m.origin, "
        "rev = span.rev + 1 FROM temp.merge_span AS m "
        "WHERE span.seq = m.lead_seq AND m.state IN (2, 3)").rowcount
    counts.spans_added += execute(
        'INSERT INTO main.span (id, document, layer, "start", "end", label, text, attrs, '
        "note, annotator, created_at, updated_at, origin) "
        'SELECT id, document, :ll, "start", "end", label, text, attrs, note, annotator, '
        "created_at, updated_at, origin FROM temp.merge_span WHERE state = 1 ORDER BY fseq",
        params).rowcount
    counts.relations_added += execute(
        "INSERT INTO main.relation (id, document, layer, type, head, tail, attrs, annotator, "
        "created_at, updated_at) "
        "SELECT m.id, m.document, :ll, m.type, h.seq, t.seq, m.attrs, m.annotator, "
        "m.created_at, m.updated_at FROM temp.merge_relation AS m "
        "JOIN main.span AS h ON h.id = m.head_id JOIN main.span AS t ON t.id = m.tail_id "
        "WHERE m.state = 1 ORDER BY m.fseq", params).rowcount
    counts.relations_changed += execute(
        "UPDATE main.relation SET type = q.type, head = q.head, tail = q.tail, "
        "attrs = q.attrs, annotator = q.annotator, created_at = q.created_at, "
        "updated_at = q.updated_at, rev = relation.rev + 1 "
        "FROM (SELECT m.lead_seq, m.type, h.seq AS head, t.seq AS tail, m.attrs, m.annotator, "
        "      m.created_at, m.updated_at FROM temp.merge_relation AS m "
        "      JOIN main.span AS h ON h.id = m.head_id JOIN main.span AS t ON t.id = m.tail_id "
        "      WHERE m.state IN (2, 3)) AS q WHERE relation.seq = q.lead_seq").rowcount
    counts.spans_removed += execute(
        "DELETE FROM main.span WHERE seq IN (SELECT seq FROM temp.merge_gone_span)").rowcount
    sync_document_rows(conn, params)


def sync_document_rows(conn: sqlite3.Connection, params: dict[str, int]) -> None:
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
