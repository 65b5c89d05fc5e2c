"""The project's search index: normalised document texts in FTS5, and reading candidates.

The index is derived data. A document's text never changes after import, so the index only
ever grows: documents are indexed in seq order and `search_state` remembers the highest seq
indexed. Bringing it up to date is cheap when nothing is new (two small reads) and is
done before every search, in batches of one transaction each, so a cancelled or interrupted
update keeps what it did. The index is rebuilt from scratch when it was built by another
normaliser version or after a document was removed (a trigger marks it stale).

FTS5 names candidate documents: the table is trigram-tokenised and contentless, so it
answers "which documents hold this normalised string" (a phrase of trigrams, positions
checked) without storing the text twice. The search service finds the hits and their
offsets on the stored text. See docs/PERFORMANCE.md for the measurements behind the choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.normalise import DEFAULT_FOLDING, NORMALISER_VERSION, normalise_key

if TYPE_CHECKING:
    from annotator.storage.project import ProjectStore

INDEX_FOLDING = DEFAULT_FOLDING  # the widest folding: candidates for every narrower one
TRIGRAM = 3
BATCH = 500  # documents per transaction: keeps the write lock short for an editing desk
READ_BATCH = 64

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

    def state(self) -> IndexState:
        row = self._state_row()
        if row is None or row[0] != NORMALISER_VERSION:
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
        done = 0
        relax = not conn.in_transaction  # the level cannot change inside a transaction
        if relax:
            conn.execute("PRAGMA synchronous = NORMAL")  # derived data: a lost batch is redone
        try:
            while cancelled is None or not cancelled():
                row = self._state_row()
                through, documents = (row[1], row[2]) if row else (0, 0)
                rows = conn.execute(
                    "SELECT seq, text FROM document WHERE seq > ? ORDER BY seq LIMIT ?",
                    (through, BATCH),
                ).fetchall()
                if not rows:
                    break
                with self.project.db.atomic():
                    conn.executemany(
                        "INSERT INTO search_index (rowid, text) VALUES (?, ?)",
                        [(seq, normalise_key(text, INDEX_FOLDING)) for seq, text in rows],
                    )
                    conn.execute(
                        "INSERT INTO search_state (id, normaliser, indexed_through, documents) "
                        "VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        "normaliser = excluded.normaliser, "
                        "indexed_through = excluded.indexed_through, "
                        "documents = excluded.documents",
                        (NORMALISER_VERSION, rows[-1][0], documents + len(rows)),
                    )
                done += len(rows)
                if progress is not None:
                    progress(len(rows))
        finally:
            if relax:
                conn.execute("PRAGMA synchronous = FULL")
        return done

    def _clear(self) -> None:
        with self.project.db.atomic():
            self.conn.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
            self.conn.execute("DELETE FROM search_state")

    # -- reading -------------------------------------------------------------------------------

    def candidates(self, key: str, *, from_seq: int = 0) -> Iterator[int]:
        """Seqs of the documents (from `from_seq` on, in order) that may contain normalised
        `key`: every document when the key is shorter than a trigram."""
        if len(key) < TRIGRAM:
            sql, params = "SELECT seq FROM document WHERE seq >= ? ORDER BY seq", (from_seq,)
        else:
            sql = ("SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid >= ? "
                   "ORDER BY rowid")
            params = (match_expression(key), from_seq)
        for (seq,) in self.conn.execute(sql, params):
            yield seq

    def count(self, key: str) -> int:
        """How many documents `candidates(key)` names."""
        if len(key) < TRIGRAM:
            return self.project.count_documents()
        return self.conn.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?",
            (match_expression(key),)).fetchone()[0]

    def documents(self, seqs: Sequence[int]) -> list[StoredDocument]:
        marks = ",".join("?" * len(seqs))
        rows = self.conn.execute(
            f"SELECT seq, id, title, text FROM document WHERE seq IN ({marks}) ORDER BY seq",
            tuple(seqs),
        ).fetchall()
        return [StoredDocument(*row) for row in rows]

    def candidate_documents(self, key: str, *, from_seq: int = 0) -> Iterator[StoredDocument]:
        """The candidate documents themselves, read a few at a time, in seq order."""
        batch: list[int] = []
        for seq in self.candidates(key, from_seq=from_seq):
            batch.append(seq)
            if len(batch) == READ_BATCH:
                yield from self.documents(batch)
                batch = []
        if batch:
            yield from self.documents(batch)


def match_expression(key: str) -> str:
    """An FTS5 query for a normalised key: the key as one phrase, which the trigram tokenizer
    turns into its trigrams at consecutive positions, i.e. the key as a substring."""
    return '"' + key.replace('"', '""') + '"'
