"""Storage for merges: the session a merge runs in, what the lead remembers of each merged
file (merge_state), the file's audit trail, and what a file's annotations use of its scheme.

A merge works on the lead's own connection with the annotator's file attached read-only
(merging_source). `merge_session` sets up the temporary tables the other merging modules
fill (merging_docs: documents and batches; merging_sync: one layer's spans, relations,
statuses and time), `read_transaction` wraps the checks that come before any write, and
`write_transaction` one file's writes, all or nothing. The service
(annotator.services.merging) decides what to merge where.

Divergence: for each (file's project id, file layer name) the lead keeps how many of that
layer's audit rows it has merged and a sha256 over them in order. The file's audit trail is
append-only, so a later state of the same file starts with the same rows (`AuditState`).
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import orjson

from annotator.core.model import utc_now
from annotator.storage.bulk import EDIT_CACHE_KB, IMPORT_CACHE_KB
from annotator.storage.database import immediate_transaction
from annotator.storage.merging_docs import TEMP_TABLES as DOC_TABLES
from annotator.storage.merging_sync import TEMP_TABLES as SYNC_TABLES
from annotator.storage.merging_sync import register_functions


def _statements(script: str) -> Iterable[str]:
    return (part.strip() for part in script.split(";") if part.strip())


_TEMP_TABLES = ("merge_doc", "merge_batch", "merge_label", "merge_span", "merge_relation",
                "merge_gone_span", "merge_gone_relation")


@contextlib.contextmanager
def merge_session(conn: sqlite3.Connection, renames: dict[str, str],
                  dropped: Iterable[str]) -> Iterator[None]:
    """The temporary tables and functions of a merge on `conn`, removed afterwards, with
    the label map: source label -> lead label, or left out (`dropped`). (Each statement runs
    on its own: `executescript` would commit the caller's work.)"""
    if conn.in_transaction:
        raise RuntimeError("a merge starts outside any transaction")
    # One checkpoint at the end (`checkpoint`) instead of one per file: each would write the
    # same index pages into the project file again (measured: 0.3 s of a 20-file merge).
    autocheckpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    register_functions(conn)
    for statement in _statements(DOC_TABLES + SYNC_TABLES):
        conn.execute(statement)
    conn.execute("DELETE FROM temp.merge_label")
    conn.executemany("INSERT INTO temp.merge_label (source, target) VALUES (?, ?)",
                     [*renames.items(), *((label, None) for label in dropped)])
    if conn.in_transaction:
        conn.commit()
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        for table in _TEMP_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(autocheckpoint)}")


def checkpoint(conn: sqlite3.Connection) -> None:
    """Copy what the merge wrote from the WAL into the project file (without waiting for
    readers), as SQLite's automatic checkpoint would have after each file."""
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


@contextlib.contextmanager
def read_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One consistent view of the lead and the attached file for the checks; whatever the
    checks put in temporary tables is discarded with it."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection, *, keep: bool = True,
                      changed: Callable[[], bool] | None = None) -> Iterator[None]:
    """One file's merge as one transaction taken with the write lock; rolled back on any
    error, or at the end when `keep` is False (a dry run). `changed`, asked at the end, says
    whether the merge changed the lead's data: the checks fill temporary tables, so the
    connection's change count cannot tell (a merge that changes nothing writes nothing)."""
    conn.execute("PRAGMA synchronous = NORMAL")  # one transaction: all of it or none
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
    try:
        with immediate_transaction(conn, keep=keep, changed=changed):
            yield
    finally:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA cache_size = -{EDIT_CACHE_KB}")


# -- what the lead remembers of each file ------------------------------------------------------

@dataclass(frozen=True)
class MergeState:
    source: str  # the file's project id
    source_layer: str  # the file's layer name
    layer: int  # the lead's layer it went into
    audit_rows: int
    audit_digest: str
    file: str


def merge_state(conn: sqlite3.Connection, source: str, source_layer: str) -> MergeState | None:
    row = conn.execute(
        "SELECT source, source_layer, layer, audit_rows, audit_digest, file FROM "
        "main.merge_state WHERE source = ? AND source_layer = ?",
        (source, source_layer)).fetchone()
    return MergeState(*row) if row else None


def record_merge_state(conn: sqlite3.Connection, state: MergeState) -> None:
    """Store `state`, leaving the row (and its time) alone when nothing in it changed."""
    conn.execute(
        "INSERT INTO main.merge_state (source, source_layer, layer, audit_rows, audit_digest, "
        "file, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, source_layer) "
        "DO UPDATE SET layer = excluded.layer, audit_rows = excluded.audit_rows, "
        "audit_digest = excluded.audit_digest, file = excluded.file, "
        "merged_at = excluded.merged_at WHERE (merge_state.layer, merge_state.audit_rows, "
        "merge_state.audit_digest, merge_state.file) IS NOT (excluded.layer, "
        "excluded.audit_rows, excluded.audit_digest, excluded.file)",
        (state.source, state.source_layer, state.layer, state.audit_rows, state.audit_digest,
         state.file, utc_now()))


def reissued_documents(conn: sqlite3.Connection, person: str, package: str) -> list[str]:
    """Ids of the attached file's documents that the lead's assignments now give to `person`
    in another package than `package` (the file's project id): handed out to them again."""
    return [doc_id for (doc_id,) in conn.execute(
        "SELECT document.id FROM main.assignment JOIN main.document "
        "ON document.seq = assignment.document WHERE assignment.person = ? "
        "AND assignment.package != ? AND document.id IN (SELECT id FROM merge_src.document) "
        "ORDER BY document.seq", (person, package))]


# -- the file's audit trail -----------------------------------------------------------------

@dataclass(frozen=True)
class AuditState:
    rows: int  # the file layer's audit rows
    digest: str  # over all of them
    prefix_digest: str  # over the first `prefix` of them (as many as it has, if fewer)


_AUDIT_COLUMNS = "at, actor, action, document, before, after"


def audit_state(conn: sqlite3.Connection, layer_name: str, prefix: int) -> AuditState:
    """Count and digest the attached file's audit rows of layer `layer_name`, in order."""
    digest = hashlib.sha256()
    prefix_digest = digest.hexdigest()  # of no rows
    rows = 0
    for row in conn.execute(f"SELECT {_AUDIT_COLUMNS} FROM merge_src.audit WHERE layer = ? "
                            "ORDER BY seq", (layer_name,)):
        digest.update(orjson.dumps(row))
        digest.update(b"\n")
        rows += 1
        if rows == prefix:
            prefix_digest = digest.hexdigest()
    if rows < prefix:
        prefix_digest = digest.hexdigest()
    return AuditState(rows, digest.hexdigest(), prefix_digest)


def append_audit(conn: sqlite3.Connection, file_layer: str, lead_layer: str, after: int) -> int:
    """Append the file layer's audit rows after the first `after` to the lead's trail, under
    the lead's name for the layer; returns how many."""
    return conn.execute(
        "INSERT INTO main.audit (at, actor, action, document, layer, before, after) "
        "SELECT at, actor, action, document, ?, before, after FROM merge_src.audit "
        "WHERE layer = ? ORDER BY seq LIMIT -1 OFFSET ?",
        (lead_layer, file_layer, after)).rowcount


def append_missing_audit(conn: sqlite3.Connection, file_layer: str, lead_layer: str) -> int:
    """Append the file layer's audit rows the lead's trail of that layer lacks (a forced
    merge of a copy that diverged: the rows after the common start)."""
    return conn.execute(
        "INSERT INTO main.audit (at, actor, action, document, layer, before, after) "
        "SELECT f.at, f.actor, f.action, f.document, :lead, f.before, f.after "
        "FROM merge_src.audit AS f WHERE f.layer = :file AND NOT EXISTS ("
        "SELECT 1 FROM main.audit AS a WHERE a.document IS f.document AND a.layer = :lead "
        "AND a.at = f.at AND a.actor = f.actor AND a.action = f.action "
        "AND a.before IS f.before AND a.after IS f.after) ORDER BY f.seq",
        {"lead": lead_layer, "file": file_layer}).rowcount


def add_person(conn: sqlite3.Connection, person: str, name: str) -> None:
    """Record the owner of a merged layer among the lead's people, if it is not there."""
    conn.execute("INSERT OR IGNORE INTO main.person (id, name, created_at) VALUES (?, ?, ?)",
                 (person, name, utc_now()))


# -- what the file's annotations use of its scheme ----------------------------------------------

def span_usage(conn: sqlite3.Connection, layers: list[int]) -> list[tuple[str, str, int]]:
    """(label, attrs JSON, spans) over the file's layers `layers`."""
    marks = ",".join("?" * len(layers))
    return conn.execute(f"SELECT label, attrs, count(*) FROM merge_src.span WHERE layer IN "
                        f"({marks}) GROUP BY label, attrs", layers).fetchall()


def relation_usage(conn: sqlite3.Connection,
                   layers: list[int]) -> list[tuple[str, str, str, str, int]]:
    """(type, head label, tail label, attrs JSON, relations) over the file's `layers`."""
    marks = ",".join("?" * len(layers))
    return conn.execute(
        f"SELECT r.type, h.label, t.label, r.attrs, count(*) FROM merge_src.relation AS r "
        f"JOIN merge_src.span AS h ON h.seq = r.head JOIN merge_src.span AS t "
        f"ON t.seq = r.tail WHERE r.layer IN ({marks}) GROUP BY 1, 2, 3, 4", layers).fetchall()


def spans_made_one(conn: sqlite3.Connection, layers: list[int]) -> tuple[str, int, int] | None:
    """A place where the label map gives two of the file's spans one label: (document id,
    start, end), or None."""
    marks = ",".join("?" * len(layers))
    row = conn.execute(
        f"SELECT d.id, s.\"start\", s.\"end\" FROM merge_src.span AS s "
        f"LEFT JOIN temp.merge_label AS m ON m.source = s.label "
        f"JOIN merge_src.document AS d ON d.seq = s.document "
        f"WHERE s.layer IN ({marks}) AND (m.source IS NULL OR m.target IS NOT NULL) "
        f"GROUP BY s.layer, s.document, s.\"start\", s.\"end\", coalesce(m.target, s.label) "
        f"HAVING count(*) > 1 LIMIT 1", layers).fetchone()
    return tuple(row) if row else None
