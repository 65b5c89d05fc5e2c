"""Changing a project's scheme and carrying every stored annotation along, in one transaction.

The core decides what each annotation becomes (core.scheme_migration); scheme_plan finds the
rows a change affects; this module rewrites or deletes them, stores the new scheme and writes
one audit row that names the counts and keeps what was deleted. Before committing it checks
the whole project against the new scheme, so no change can leave an annotation it does not
allow.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

import orjson

from annotator.core.errors import SchemeError
from annotator.core.model import relation_as_dict, span_as_dict
from annotator.core.scheme import Scheme
from annotator.core.scheme_migration import (
    MigrationCounts,
    Renames,
    SchemeChangeRefused,
    Violation,
)
from annotator.storage.database import write_transaction
from annotator.storage.project_file import ProjectFile
from annotator.storage.rows import (
    RELATION_COLUMNS,
    RELATION_JOINS,
    SPAN_COLUMNS,
    relation_from_row,
    span_from_row,
)
from annotator.storage.scheme_plan import Plan, plan_change

# Spans and relations that change label or type first take a name no scheme can give (a
# scheme name never contains "~"), so that swapping two names never trips a UNIQUE index.
_PARKED = "~{}"


# -- what is in use ----------------------------------------------------------------------------


def span_usage(project: ProjectFile) -> list[tuple[str, str, dict[str, Any], int]]:
    """(layer, label, attrs, count) for every distinct combination stored."""
    rows = project.conn.execute(
        "SELECT layer.name, span.label, span.attrs, count(*) FROM span "
        "JOIN layer ON layer.id = span.layer GROUP BY span.layer, span.label, span.attrs"
    ).fetchall()
    return [(layer, label, orjson.loads(attrs), count) for layer, label, attrs, count in rows]


def relation_usage(project: ProjectFile) -> list[tuple[str, str, str, str, dict[str, Any], int]]:
    """(layer, type, head label, tail label, attrs, count) for every distinct combination."""
    rows = project.conn.execute(
        "SELECT layer.name, relation.type, head.label, tail.label, relation.attrs, count(*) "
        "FROM relation JOIN layer ON layer.id = relation.layer "
        "JOIN span AS head ON head.seq = relation.head "
        "JOIN span AS tail ON tail.seq = relation.tail "
        "GROUP BY relation.layer, relation.type, head.label, tail.label, relation.attrs"
    ).fetchall()
    return [(layer, type_, head, tail, orjson.loads(attrs), count)
            for layer, type_, head, tail, attrs, count in rows]


def violations(project: ProjectFile, scheme: Scheme) -> list[Violation]:
    """Every group of stored annotations that `scheme` does not allow (none, normally)."""
    found: dict[tuple[str, str, str], int] = defaultdict(int)
    for layer, label, attrs, count in span_usage(project):
        try:
            scheme.check_span_label(label, attrs)
        except SchemeError as error:
            found[("span", layer, error.message)] += count
    for layer, type_, head, tail, attrs, count in relation_usage(project):
        try:
            scheme.check_relation(type_, head, tail, attrs)
        except SchemeError as error:
            found[("relation", layer, error.message)] += count
    return [Violation(kind, layer, message, count)
            for (kind, layer, message), count in sorted(found.items())]


# -- changing the scheme -----------------------------------------------------------------------


def _rows(conn: sqlite3.Connection, sql: str, seqs: set[int]) -> list[tuple]:
    ordered = sorted(seqs)
    rows: list[tuple] = []
    for i in range(0, len(ordered), 500):
        chunk = ordered[i:i + 500]
        rows += conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _deleted(conn: sqlite3.Connection, plan: Plan) -> dict[str, list[dict[str, Any]]]:
    """What the change deletes, in full, for the audit trail (so it can be recovered)."""
    spans = [span_from_row(row) for row in _rows(
        conn, f"SELECT {SPAN_COLUMNS} FROM span JOIN document ON document.seq = span.document "
        "JOIN layer ON layer.id = span.layer WHERE span.seq IN ({marks})", plan.deleted_spans)]
    relations = [relation_from_row(row) for row in _rows(
        conn, f"SELECT {RELATION_COLUMNS} FROM relation {RELATION_JOINS} "
        "WHERE relation.seq IN ({marks})", plan.deleted_relations)]
    return {
        "deleted_spans": [span_as_dict(s) | {"document": s.doc_id, "layer": s.layer}
                          for s in spans],
        "deleted_relations": [relation_as_dict(r) | {"document": r.doc_id, "layer": r.layer}
                              for r in relations],
    }


def _write(conn: sqlite3.Connection, plan: Plan) -> None:
    conn.executemany("DELETE FROM relation WHERE seq = ?",
                     [(seq,) for seq in plan.deleted_relations])
    conn.executemany("DELETE FROM span WHERE seq = ?", [(seq,) for seq in plan.deleted_spans])
    # Annotations keep their updated_at: that time says when a person last edited one, and a
    # scheme change is not such an edit (the audit row records it). Their revision rises, as
    # with every write (storage.annotations): an open desk's undo of an edit made under the
    # old names is then refused rather than writing an old name back.
    stamp = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM audit").fetchone()[0]
    for table, column, updates in (("span", "label", plan.span_updates),
                                   ("relation", "type", plan.relation_updates)):
        conn.executemany(f"UPDATE {table} SET {column} = ? WHERE seq = ?",
                         [(_PARKED.format(seq), seq) for seq, name, _ in updates if name])
        conn.executemany(
            f"UPDATE {table} SET {column} = ?, attrs = ?, rev = max(rev + 1, ?) WHERE seq = ?",
            [(name, attrs, stamp, seq) for seq, name, attrs in updates if name])
        conn.executemany(f"UPDATE {table} SET attrs = ?, rev = max(rev + 1, ?) WHERE seq = ?",
                         [(attrs, stamp, seq) for seq, name, attrs in updates if not name])


def count_change(project: ProjectFile, new: Scheme, renames: Renames) -> MigrationCounts:
    """What change_scheme would do, without writing anything."""
    return plan_change(project.conn, project.scheme, new, renames).counts


def change_scheme(project: ProjectFile, new: Scheme, renames: Renames, *, actor: str,
                  summary: str, op: dict[str, Any], delete: bool = False) -> MigrationCounts:
    """Replace the project's scheme with `new`, migrating every annotation, all or nothing.

    Raises SchemeChangeRefused (having changed nothing) when annotations would be deleted or
    attribute values cleared and `delete` is False.
    """
    conn = project.conn
    try:
        with write_transaction(project.db):
            old = project.scheme
            plan = plan_change(conn, old, new, renames)
            if plan.counts.loss and not delete:
                raise SchemeChangeRefused(summary, plan.counts)
            deleted = _deleted(conn, plan)
            _write(conn, plan)
            project.set_meta("scheme", orjson.dumps(new.to_dict()).decode())
            project.write_audit(
                actor, "change_scheme", None, None,
                {"scheme": old.to_dict(), **deleted, "cleared": plan.cleared},
                {"scheme": new.to_dict(), "change": summary, "op": op,
                 "renames": renames.as_dict(), "counts": plan.counts.as_dict()},
            )
            project.forget_cached_scheme()
            left = violations(project, new)
            if left:
                # The plan covers every rule; reaching this is a bug, and rolls back.
                raise AssertionError(f"a scheme change left annotations behind: {left[0]}")
    finally:
        project.forget_cached_scheme()
    return plan.counts
