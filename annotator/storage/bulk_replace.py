"""`import --replace`: a record's layer in a stored document ends up holding exactly what
the record says, the same sync rule a merge of project files follows.

Each of the record's spans is the stored span with its id in that document and layer, else
the stored one at the same place with the same label, else new. Stored spans the record
does not have are removed, and matched ones that differ are updated (rev + 1). Relations
likewise, by id, else by type and ends. Timestamps the record leaves out are kept.

Writes run in an order the unique keys (a layer's span place and label; a layer's link type
and ends) cannot trip over when spans swap places: what goes or moves first steps aside,
then new rows come in, moved rows take their places, and what goes is deleted last (see
merging_sync, which does the same in SQL for merges).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.storage.bulk_rows import RowBuilder, TakenIds
from annotator.storage.rows import dumps, loads


def _span_changes(span: SpanRecord, row: tuple, now: str) -> dict[str, Any] | None:
    """The columns of stored span `row` that differ from `span`, or None."""
    _, _, start, end, label, text, attrs, note, annotator, created, updated = row
    wanted = {"start": span.start, "end": span.end, "label": span.label, "text": span.text,
              "attrs": dumps(span.attrs) if span.attrs else "{}", "note": span.note or "",
              "annotator": span.annotator}
    stored = {"start": start, "end": end, "label": label, "text": text,
              "attrs": dumps(loads(attrs)), "note": note, "annotator": annotator}
    if span.created_at is not None:
        wanted["created_at"], stored["created_at"] = span.created_at, created
    if span.updated_at is not None:
        wanted["updated_at"], stored["updated_at"] = span.updated_at, updated
    if wanted == stored:
        return None
    wanted.setdefault("updated_at", now)
    return wanted


def _relation_changes(relation: RelationRecord, head: int, tail: int, row: tuple,
                      now: str) -> dict[str, Any] | None:
    _, _, type_, stored_head, stored_tail, attrs, annotator, created, updated = row
    wanted = {"type": relation.type, "head": head, "tail": tail,
              "attrs": dumps(relation.attrs) if relation.attrs else "{}",
              "annotator": relation.annotator}
    stored = {"type": type_, "head": stored_head, "tail": stored_tail,
              "attrs": dumps(loads(attrs)), "annotator": annotator}
    if relation.created_at is not None:
        wanted["created_at"], stored["created_at"] = relation.created_at, created
    if relation.updated_at is not None:
        wanted["updated_at"], stored["updated_at"] = relation.updated_at, updated
    if wanted == stored:
        return None
    wanted.setdefault("updated_at", now)
    return wanted


def _pair(items: list, by_id: dict, by_key: dict, key: Callable[[Any], tuple]) -> list:
    """The stored row each item is: by id first (for all of them), then by key among the
    rows no item claimed by id; None for a new item."""
    found: list = [by_id.get(item.id) for item in items]
    claimed = {row[0] for row in found if row is not None}
    for index, item in enumerate(items):
        if found[index] is None:
            row = by_key.get(key(item))
            if row is not None and row[0] not in claimed:
                found[index] = row
                claimed.add(row[0])
    return found


def _update(conn: sqlite3.Connection, table: str, seq: int, values: dict[str, Any]) -> None:
    columns = ", ".join(f'"{name}" = ?' for name in values)
    conn.execute(f"UPDATE {table} SET {columns}, rev = rev + 1 WHERE seq = ?",
                 (*values.values(), seq))


def replace_annotations(builder: RowBuilder, record: DocumentRecord, doc_seq: int,
                        layer_id: int, taken: TakenIds) -> None:
    """Make layer `layer_id` of stored document `doc_seq` hold exactly `record`'s spans and
    relations; counts go to `builder.counts`."""
    conn, counts, now = builder.conn, builder.counts, builder.now
    stored = conn.execute(
        'SELECT seq, id, "start", "end", label, text, attrs, note, annotator, created_at, '
        "updated_at FROM span WHERE document = ? AND layer = ?", (doc_seq, layer_id)).fetchall()
    by_id = {row[1]: row for row in stored}
    by_place = {(row[2], row[3], row[4]): row for row in stored}
    matches = _pair(record.spans, by_id, by_place,
                    lambda span: (span.start, span.end, span.label))
    seqs: dict[str | None, int] = {}
    kept: set[int] = set()
    changed: list[tuple[int, dict[str, Any]]] = []
    new_rows: list[tuple] = []
    for span, row in zip(record.spans, matches, strict=True):
        if row is None:
            new_rows.append(builder._span_row(span, builder._own_id(span.id, taken.spans),
                                              doc_seq, layer_id))
            seqs[span.id] = new_rows[-1][0]
            continue
        kept.add(row[0])
        seqs[span.id] = row[0]
        values = _span_changes(span, row, now)
        if values is not None:
            changed.append((row[0], values))
    gone = [row[0] for row in stored if row[0] not in kept]
    counts.spans_new += len(new_rows)
    counts.spans_changed += len(changed)
    counts.spans_removed += len(gone)
    counts.spans_present += len(kept) - len(changed)

    relations = conn.execute(
        "SELECT seq, id, type, head, tail, attrs, annotator, created_at, updated_at "
        "FROM relation WHERE document = ? AND layer = ?", (doc_seq, layer_id)).fetchall()
    rel_by_id = {row[1]: row for row in relations}
    rel_by_ends = {(row[2], row[3], row[4]): row for row in relations}
    rel_matches = _pair(record.relations, rel_by_id, rel_by_ends,
                        lambda item: (item.type, seqs[item.head], seqs[item.tail]))
    rel_kept: set[int] = set()
    rel_changed: list[tuple[int, dict[str, Any]]] = []
    rel_new: list[tuple] = []
    for relation, row in zip(record.relations, rel_matches, strict=True):
        head, tail = seqs[relation.head], seqs[relation.tail]
        if row is None:
            rel_new.append(builder._relation_row(
                relation, doc_seq, layer_id, seqs, builder._own_id(relation.id,
                                                                   taken.relations)))
            continue
        rel_kept.add(row[0])
        values = _relation_changes(relation, head, tail, row, now)
        if values is not None:
            rel_changed.append((row[0], values))
    rel_gone = [row[0] for row in relations if row[0] not in rel_kept]
    counts.relations_new += len(rel_new)
    counts.relations_changed += len(rel_changed)
    counts.relations_removed += len(rel_gone)
    counts.relations_present += len(rel_kept) - len(rel_changed)

    execute = conn.execute
    for seq in rel_gone:
        execute("DELETE FROM relation WHERE seq = ?", (seq,))
    for seq, _ in rel_changed:
        execute("UPDATE relation SET type = char(1) || id WHERE seq = ?", (seq,))
    for seq in [*gone, *(seq for seq, _ in changed)]:
        execute("UPDATE span SET label = char(1) || id WHERE seq = ?", (seq,))
    conn.executemany(
        'INSERT INTO span (seq, id, document, layer, "start", "end", label, text, attrs, '
        "note, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        new_rows)
    for seq, values in changed:  # each sets the label set aside above again
        _update(conn, "span", seq, values)
    conn.executemany(
        "INSERT INTO relation (seq, id, document, layer, type, head, tail, attrs, annotator, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rel_new)
    for seq, values in rel_changed:
        _update(conn, "relation", seq, values)
    for seq in gone:
        execute("DELETE FROM span WHERE seq = ?", (seq,))
