"""The project's search index: normalised document texts in FTS5, and reading candidates.

The index is derived data. A document's text never changes after import, so the index only
ever grows: documents are indexed in seq order and `search_state` remembers the highest seq
indexed. Bringing it up to date is cheap when nothing is new (two small reads) and is
done before every search, in batches of one transaction each, so a cancelled or interrupted
update keeps what it did. The index is rebuilt from scratch when it was built by another
normaliser version or after a document was removed (a trigger marks it stale).

FTS5 names candidate documents: a trigram table without positions, holding each document as
a few overlapping pieces (search_rows), contentless, about a third of the size of the text.
It answers "which documents have a piece holding every trigram of this normalised string";
the search service finds the hits and their offsets on the stored text, which also weeds out
the rare document that holds the trigrams without the string. See docs/PERFORMANCE.md for
the measurements behind the choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.normalise import NORMALISER_VERSION, normalise_key
from annotator.storage.database import write_transaction
from annotator.storage.search_build import (
    INDEX_FOLDING,
    INSERT_BATCH,
    PreparedBatch,
    batches,
    batches_ahead,
)
from annotator.storage.search_rows import (
    INDEX_FORM,
    TRIGRAM,
    as_it_is,
    first_row,
    index_form,
    match_expression,
    seq_of_row,
    trigram_query,
)

if TYPE_CHECKING:
    from annotator.storage.project import ProjectStore

__all__ = ["INDEX_FOLDING", "IndexState", "SearchIndex", "StoredDocument", "match_expression"]

# Documents per transaction: about 0.2 s of writing, so an edit on the desk waits at most that
# long for the lock; each commit also ends one FTS5 segment, and fewer segments merge faster.
BATCH = 2000
# Prepare batches on a helper thread when at least this many documents wait.
AHEAD_FROM = 2 * BATCH
READ_BATCH = 64
CONFIRM_LIMIT = 2000  # documents `count` reads to give an exact number
# How FTS5 merges the index's segments, set at every (re)build: a level's segments are merged
# 32 at a time, a little with each batch written, and all at once (inside one batch's
# transaction) only when 64 wait. With 16 and 16 (the schema's automerge and FTS5's default
# crisismerge) each row was rewritten more often, and at a million articles the merging could
# not keep up: half the index was merged inside one batch (10.6 s of CPU, 11-18 s of write
# lock). See docs/PERFORMANCE.md, "A million articles".
MERGING = (("automerge", 32), ("crisismerge", 64))
# What search_state.normaliser records: the normaliser and the form of the indexed text.
INDEX_VERSION = f"{NORMALISER_VERSION}/{INDEX_FORM}"

Form = Callable[[str], str]
Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class IndexState:
    indexed: int  # documents in the index
    pending: int  # documents still to index (all of them when a rebuild is due)
    rebuild: bool  # the index must be rebuilt (new normaliser, documents removed)


@dataclass(frozen=True)
class StoredDocument:
    seq: int
    id: str
    title: str
    text: str


class SearchIndex:
    def __init__(self, project: ProjectStore) -> None:
        self.project = project
        self.conn = project.conn

    # -- keeping it up to date ---------------------------------------------------------------

    def _state_row(self) -> tuple[str, int, int] | None:
        return self.conn.execute(
            "SELECT normaliser, indexed_through, documents FROM search_state WHERE id = 1"
        ).fetchone()

    def _form(self, row: tuple[str, int, int] | None) -> Form | None:
        """How the stored index holds its text, or None when it must be rebuilt. An index
        built before INDEX_FORM (search_state names the normaliser alone) is rebuilt, except
        in a read-only project, which cannot rebuild it: that one is read as it is."""
        if row is None:
            return None
        if row[0] == INDEX_VERSION:
            return index_form
        if row[0] == NORMALISER_VERSION and getattr(self.project, "read_only", False):
            return as_it_is
        return None

    def _query(self, key: str) -> str:
        return trigram_query(key, self._form(self._state_row()) or index_form)

    def state(self) -> IndexState:
        row = self._state_row()
        if row is None or self._form(row) is None:
            return IndexState(row[2] if row else 0, self.project.count_documents(),
                              row is not None)
        _, through, documents = row
        # Documents are only ever added with higher seqs (removals mark the index stale).
        pending = self.conn.execute(
            "SELECT count(*) FROM document WHERE seq > ?", (through,)).fetchone()[0]
        return IndexState(documents, pending, False)

    def update(self, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> int:
        """Index every document not in the index yet; returns how many were indexed.

        `progress(n)` is called after each batch with the number just indexed; when
        `cancelled()` turns true the update stops after the current batch.
        """
        state = self.state()
        if state.pending == 0 and not state.rebuild:
            return 0  # nothing to do: no write at all, so a read-only project can be searched
        if state.rebuild or state.indexed == 0:
            self._clear()  # also drops what an interrupted first batch may have left
        conn = self.conn
        row = self._state_row()
        through, documents = (row[1], row[2]) if row else (0, 0)
        ahead = (state.pending >= AHEAD_FROM and not conn.in_transaction
                 and not getattr(self.project, "read_only", False))
        prepared = (batches_ahead(self.project.path, through, BATCH) if ahead
                    else batches(conn, through, BATCH))
        done = 0
        relax = not conn.in_transaction  # the level cannot change inside a transaction
        if relax:
            conn.execute("PRAGMA synchronous = NORMAL")  # derived data: a lost batch is redone
        try:
            for batch in prepared:
                if cancelled is not None and cancelled():
                    break
                documents = self._store(batch, documents)
                done += batch.documents
                if progress is not None:
                    progress(batch.documents)
        finally:
            close = getattr(prepared, "close", None)
            if close is not None:
                close()
            if relax:
                conn.execute("PRAGMA synchronous = FULL")
        return done

    def _store(self, batch: PreparedBatch, documents: int) -> int:
        """Write one batch and the state that records it, in one transaction."""
        with write_transaction(self.project.db):
            self.conn.execute(INSERT_BATCH, (batch.rows_json,))
            documents += batch.documents
            self.conn.execute(
                "INSERT INTO search_state (id, normaliser, indexed_through, documents) "
                "VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "normaliser = excluded.normaliser, "
                "indexed_through = excluded.indexed_through, "
                "documents = excluded.documents",
                (INDEX_VERSION, batch.last_seq, documents),
            )
        return documents

    def _clear(self) -> None:
        with write_transaction(self.project.db):
            self.conn.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
            self.conn.execute("DELETE FROM search_state")
            for option, value in MERGING:  # kept in the index's own config table
                self.conn.execute(
                    "INSERT INTO search_index (search_index, rank) VALUES (?, ?)", (option, value))

    # -- reading -------------------------------------------------------------------------------

    def candidates(self, key: str, *, from_seq: int = 0) -> Iterator[int]:
        """Seqs of the documents (from `from_seq` on, in order) that may contain normalised
        `key`: every one that does, and the few whose pieces hold all its trigrams without
        it. Every document when the key is shorter than a trigram."""
        if len(key) < TRIGRAM:
            sql, params = "SELECT seq FROM document WHERE seq >= ? ORDER BY seq", (from_seq,)
            for (seq,) in self.conn.execute(sql, params):
                yield seq
            return
        last = None
        for (rowid,) in self.conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid >= ? "
                "ORDER BY rowid", (self._query(key), first_row(from_seq))):
            seq = seq_of_row(rowid)
            if seq != last:
                last = seq
                yield seq

    def count(self, key: str) -> int:
        """How many documents hold normalised `key`. Exact when the index names at most
        CONFIRM_LIMIT documents (each is then read and checked, a few milliseconds per
        hundred); above that, the number it names: an upper bound, a few percent over for
        words (docs/PERFORMANCE.md). Every document when the key is shorter than a trigram."""
        return self.count_bound(key)[0]

    def count_bound(self, key: str) -> tuple[int, bool]:
        """count() and whether it is exact (False: the upper bound the index names)."""
        if len(key) < TRIGRAM:
            return self.project.count_documents(), False
        named = self.conn.execute(
            "SELECT count(DISTINCT rowid / ?) FROM search_index WHERE search_index MATCH ?",
            (first_row(1), self._query(key))).fetchone()[0]
        if named > CONFIRM_LIMIT:
            return named, False
        return sum(1 for _ in self.candidate_documents(key)), True

    def documents(self, seqs: Sequence[int]) -> list[StoredDocument]:
        marks = ",".join("?" * len(seqs))
        rows = self.conn.execute(
            f"SELECT seq, id, title, text FROM document WHERE seq IN ({marks}) ORDER BY seq",
            tuple(seqs),
        ).fetchall()
        return [StoredDocument(*row) for row in rows]

    def candidate_documents(self, key: str, *, from_seq: int = 0,
                            confirmed: bool = True) -> Iterator[StoredDocument]:
        """The candidate documents themselves, read a few at a time, in seq order. With
        `confirmed`, only those whose normalised text holds `key` (what a phrase query on
        an index with positions named); a caller that looks for the key in each text
        anyway may skip that."""
        batch: list[int] = []
        for seq in self.candidates(key, from_seq=from_seq):
            batch.append(seq)
            if len(batch) == READ_BATCH:
                yield from self._read(batch, key, confirmed)
                batch = []
        if batch:
            yield from self._read(batch, key, confirmed)

    def _read(self, seqs: list[int], key: str, confirmed: bool) -> list[StoredDocument]:
        found = self.documents(seqs)
        if not confirmed or len(key) < TRIGRAM:
            return found
        return [doc for doc in found if key in normalise_key(doc.text, INDEX_FOLDING)]
