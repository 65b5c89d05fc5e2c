"""Which of the lead's documents each document of a merged file is, and the batches a merge
walks them in.

A file's document is the lead's document with the same id, which must have the same text
(a different text is refused, by name). A document whose id the lead lacks is the lead's
document with the same text, if exactly one of the file's documents claims it and the file
does not also name it by id; otherwise it is new, and the merge adds it. The matches live
in a temporary table (`merge_doc`) of the lead's connection, with the file attached as
`merge_src` (merging_source); `merge_batch` holds the slice being merged.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

BY_ID, BY_TEXT, NEW, OTHER_TEXT = 0, 1, 2, 3

TEMP_TABLES = """
CREATE TEMP TABLE IF NOT EXISTS merge_doc (
    fseq INTEGER PRIMARY KEY, lseq INTEGER, id TEXT NOT NULL, sha TEXT NOT NULL,
    how INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS temp.merge_doc_by_lseq ON merge_doc (lseq);
CREATE TEMP TABLE IF NOT EXISTS merge_batch (fseq INTEGER PRIMARY KEY, lseq INTEGER);
"""


@dataclass
class DocumentMatch:
    total: int = 0
    by_id: int = 0
    by_text: int = 0
    new: int = 0
    conflicts: list[str] = field(default_factory=list)  # ids with another text in the lead
    conflict_count: int = 0
    text_matches: list[tuple[str, str]] = field(default_factory=list)  # (file id, lead id)


def match_documents(conn: sqlite3.Connection, examples: int = 3) -> DocumentMatch:
    """Fill `merge_doc` for the attached file and say how its documents matched."""
    conn.execute("DELETE FROM temp.merge_doc")
    conn.execute(
        "INSERT INTO temp.merge_doc (fseq, lseq, id, sha, how) "
        "SELECT f.seq, l.seq, f.id, f.text_sha256, CASE WHEN l.seq IS NULL THEN ? "
        "WHEN l.text_sha256 = f.text_sha256 THEN ? ELSE ? END "
        "FROM merge_src.document AS f LEFT JOIN main.document AS l ON l.id = f.id",
        (NEW, BY_ID, OTHER_TEXT),
    )
    # By text: the lead's first document with that text, unless the file names it by id
    # or an earlier document of the file took it already.
    conn.execute(
        "UPDATE temp.merge_doc SET how = ?, lseq = (SELECT min(l.seq) FROM main.document AS l "
        "WHERE l.text_sha256 = merge_doc.sha) WHERE how = ? AND EXISTS "
        "(SELECT 1 FROM main.document AS l WHERE l.text_sha256 = merge_doc.sha)",
        (BY_TEXT, NEW),
    )
    conn.execute(
        "UPDATE temp.merge_doc SET how = ?, lseq = NULL WHERE how = ? AND ("
        "EXISTS (SELECT 1 FROM temp.merge_doc AS d WHERE d.lseq = merge_doc.lseq "
        "AND d.how IN (?, ?)) OR fseq > (SELECT min(d.fseq) FROM temp.merge_doc AS d "
        "WHERE d.lseq = merge_doc.lseq AND d.how = ?))",
        (NEW, BY_TEXT, BY_ID, OTHER_TEXT, BY_TEXT),
    )
    match = DocumentMatch()
    for how, count in conn.execute("SELECT how, count(*) FROM temp.merge_doc GROUP BY how"):
        match.total += count
        if how == BY_ID:
            match.by_id = count
        elif how == BY_TEXT:
            match.by_text = count
        elif how == NEW:
            match.new = count
        else:
            match.conflict_count = count
    match.conflicts = [row[0] for row in conn.execute(
        "SELECT id FROM temp.merge_doc WHERE how = ? ORDER BY fseq LIMIT ?",
        (OTHER_TEXT, examples))]
    match.text_matches = list(conn.execute(
        "SELECT d.id, l.id FROM temp.merge_doc AS d JOIN main.document AS l ON l.seq = d.lseq "
        "WHERE d.how = ? ORDER BY d.fseq LIMIT ?", (BY_TEXT, examples)))
    return match


def add_new_documents(conn: sqlite3.Connection) -> int:
    """Copy the file's documents the lead lacks into the lead (inside the merge's
    transaction) and record where they went."""
    cursor = conn.execute(
        "INSERT INTO main.document (id, title, text, text_sha256, meta, source, "
        "source_sha256, encoding, created_at) "
        "SELECT f.id, f.title, f.text, f.text_sha256, f.meta, f.source, f.source_sha256, "
        "f.encoding, f.created_at FROM temp.merge_doc AS d "
        "JOIN merge_src.document AS f ON f.seq = d.fseq WHERE d.how = ? ORDER BY d.fseq",
        (NEW,),
    )
    conn.execute(
        "UPDATE temp.merge_doc SET lseq = (SELECT seq FROM main.document AS l "
        "WHERE l.id = merge_doc.id) WHERE how = ?", (NEW,))
    return cursor.rowcount


def next_batch(conn: sqlite3.Connection, after: int, size: int) -> tuple[int, int]:
    """Put the next `size` documents after file seq `after` into `merge_batch`; returns how
    many, and the last file seq taken (0 documents: the file is done)."""
    conn.execute("DELETE FROM temp.merge_batch")
    cursor = conn.execute(
        "INSERT INTO temp.merge_batch (fseq, lseq) SELECT fseq, lseq FROM temp.merge_doc "
        "WHERE fseq > ? ORDER BY fseq LIMIT ?", (after, size))
    last = conn.execute("SELECT coalesce(max(fseq), ?) FROM temp.merge_batch",
                        (after,)).fetchone()[0]
    return cursor.rowcount, last


def all_in_one_batch(conn: sqlite3.Connection) -> int:
    """Every matched document in `merge_batch` at once (to compare, never to write)."""
    return next_batch(conn, -1, 1 << 62)[0]


def document_ids(conn: sqlite3.Connection, lead_seqs: list[int]) -> list[str]:
    """The lead's ids of the documents `lead_seqs`, in that order."""
    ids = []
    for seq in lead_seqs:
        row = conn.execute("SELECT id FROM main.document WHERE seq = ?", (seq,)).fetchone()
        ids.append(row[0] if row else f"#{seq}")
    return ids
