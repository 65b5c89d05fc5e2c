"""The journal beside a project file (`NAME.tawsim-wal`), checking a file before it is
trusted, and moving saved edits from the journal into the file itself.

SQLite in WAL mode writes each committed edit to the journal first and copies it into the
project file later (a checkpoint). Until then the project file alone lacks those edits, and
a journal left by a crash is replayed into whatever file sits beside it when the file is next
opened, even an older copy of the project put back in its place. SQLite's journal names no
state of the file (its salts are random per generation), so Tawsim adds one
(`journal_link`: every commit carries a token), and the rule is:

- a journal that holds no transactions is harmless and ignored;
- a journal whose links show that it continues a later state than the file beside it is
  refused, whatever the file holds (`journal_link.journal_mismatch`);
- a journal that holds transactions is trusted only if the file read with it also passes
  SQLite's full `integrity_check`, which compares every index with its table, and
  `foreign_key_check`, read through a read-only connection that never writes the file, so a
  refused pair stays exactly as it was; an import runs the same checks before it writes (up
  to 256 MB);
- a file without such a journal, up to 256 MB, gets the cheaper `quick_check` (about 0.6 ms
  per MB once cached, against 1.5 ms for integrity_check): a damaged file is refused, never
  written. A larger one is not read whole at every open (storage.database.QUICK_CHECK_LIMIT);
  a damaged page in it is refused when a command reads it.

Before the link, 40 simulated restores of an older copy beside a newer journal gave 27 mixed
pairs, and the integrity checks let one through (an older status table, pages the journal
did not hold, beside newer spans). With it, 150 random sessions (edits, long notes rewritten
in place, checkpoints of both kinds, copies at any moment, then a crash) put 275 copies back:
172 were refused by the link, 40 were not projects by their own bytes (copied before
anything reached the file), and the 63 taken opened exactly as the project stood at the
crash; none opened mixed (tests/storage/test_journal_link.py runs the same). Without the
link the integrity checks refused 131 of those and took 144, none mixed either; what they
cannot see, a row changed in place on a page the journal does not hold, the link refuses
(test_a_copy_older_than_the_journal_is_refused_even_when_nothing_contradicts). Checkpoints make
such journals rare: the desk asks for one about a second after the last edit and every close
empties the journal, so only a crash in the middle of editing leaves transactions in it;
`tawsim backup` makes copies that need none.

SQLite's own checkpoint every 1000 journal pages stays. Measured (600 edits, 16 KB pages,
synchronous=FULL): median 0.24 ms per edit at 1000 pages, 0.23 at 100 and 0.38 at 20; the
idle checkpoint after a burst takes a few milliseconds, so lowering it gains nothing.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import Phrase, translatable
from annotator.storage.failures import shorten

WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums little- or big-endian: both are journals
WAL_HEADER = struct.Struct(">IIIIII")  # magic, version, page size, checkpoint no., salts
FRAME_HEADER = struct.Struct(">IIII")  # page number, size after commit, salts
WAL_HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
CHECKPOINT_MODES = ("PASSIVE", "FULL", "RESTART", "TRUNCATE")


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def index_path(path: Path) -> Path:
    """The journal's shared index (`-shm`), which every open connection maps."""
    return path.with_name(path.name + "-shm")


def journal_has_transactions(path: Path) -> bool:
    """Whether the journal beside `path` holds frames SQLite would replay into the file.

    Reads the journal's header and first frame header (the journal is not locked by SQLite,
    so reading it with Python cannot disturb a connection). A missing, empty or truncated
    journal, one of another format, or one whose first frame belongs to an earlier
    generation (other salts) holds nothing SQLite would use.
    """
    try:
        with journal_path(path).open("rb") as handle:
            head = handle.read(WAL_HEADER_SIZE + FRAME_HEADER_SIZE)
    except OSError:
        return False
    if len(head) < WAL_HEADER_SIZE + FRAME_HEADER_SIZE:
        return False
    magic, _version, page_size, _checkpoints, salt1, salt2 = WAL_HEADER.unpack_from(head)
    if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
        return False
    page, _size, frame_salt1, frame_salt2 = FRAME_HEADER.unpack_from(head, WAL_HEADER_SIZE)
    return page > 0 and (frame_salt1, frame_salt2) == (salt1, salt2)


def first_problem(conn: sqlite3.Connection, *, thorough: bool) -> str | Phrase | None:
    """The first thing SQLite finds wrong in the open database, or None when it is sound.
    `thorough` runs integrity_check (indexes against tables too), else quick_check."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}(1)").fetchall()
        found: str | Phrase = shorten(" ".join(str(row[0]) for row in rows
                                               if row and row[0] != "ok"))
        if not found and thorough:
            # A journal replayed into an older copy can leave every index agreeing with its
            # table and still point rows at rows the copy lacks (spans of a layer it never
            # had): the references are checked too.
            dangling = conn.execute("PRAGMA foreign_key_check").fetchone()
            if dangling is not None:
                found = Phrase(translatable("a row of {table} refers to a missing row of "
                                            "{other}"),
                               {"table": dangling[0], "other": dangling[2]})
    except sqlite3.DatabaseError as error:
        return shorten(str(error))
    except UnicodeDecodeError:  # SQLite's own message quotes damaged schema text
        return translatable("its schema is not readable text")
    return found or None


@dataclass(frozen=True)
class Checkpoint:
    """What one checkpoint did: `complete` when the project file alone now holds every
    committed edit (the journal was copied in full, and emptied with TRUNCATE)."""

    complete: bool
    busy: bool = False
    journal_frames: int = 0
    copied_frames: int = 0


def checkpoint(conn: sqlite3.Connection, mode: str = "TRUNCATE", *,
               busy_timeout_ms: int = 0) -> Checkpoint:
    """Copy the journal into the project file (`mode` as SQLite's wal_checkpoint).

    With the default `busy_timeout_ms=0` it never waits: what another connection's open
    read still needs stays in the journal and the result is not complete (try again later).
    A connection in the middle of a transaction or of reading a result cannot checkpoint;
    that too is "not complete", never an error.
    """
    mode = mode.upper()
    if mode not in CHECKPOINT_MODES:
        raise ValueError(f"unknown checkpoint mode {mode!r}")
    if conn.in_transaction:
        return Checkpoint(complete=False, busy=True)
    try:
        usual = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        try:
            busy, frames, copied = conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(usual)}")
    except sqlite3.OperationalError:  # "database table is locked": a read is still going
        return Checkpoint(complete=False, busy=True)
    if frames == -1:  # not in WAL mode (a read-only file opened as immutable): nothing to do
        return Checkpoint(complete=True)
    return Checkpoint(complete=not busy and copied == frames, busy=bool(busy),
                      journal_frames=frames, copied_frames=copied)
