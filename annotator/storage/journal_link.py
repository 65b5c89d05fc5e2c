"""Which state of the project file a journal (-wal) continues, so that a journal is never
replayed into an older copy of the file put back beside it.

SQLite's journal names no state of the file it belongs to. Tawsim adds the link itself: the
one-row table `journal_link` holds a token that every commit Tawsim makes replaces with a
new random one, keeping the one it replaced in `prev` (`mark_commit`, called once, right
before the outermost COMMIT). The row is then in every transaction of the journal, so:

- the file exactly as it was when the journal began holds the `prev` of the journal's first
  link, and
- the file after a checkpoint copied part of the journal into it (checkpoints stop between
  transactions) holds the token of one of the journal's links,

while an older copy holds a token the journal never mentions and is refused. The file's
own token is read with `immutable=1`, which reads the file without its journal; the
journal's links are read from its frames (the row's page, parsed here). A journal without
links (one written by another program, or before the table existed) gets no verdict here:
the integrity checks in `journal` decide alone, as before.

The journal is read as SQLite recovers it: its checksums are checked, so frames a power cut
left half written are not read (their place may still hold an older generation's link).
Both are read inside a read transaction on the connection that reads the file with its
journal, so another writer can neither start the journal afresh nor checkpoint past that
view in between; the pair is still read again before a mismatch is believed.
"""

from __future__ import annotations

import sqlite3
import struct
import sys
import time
from array import array
from dataclasses import dataclass
from pathlib import Path

from annotator.core.phrases import translatable
from annotator.storage.journal import (
    FRAME_HEADER,
    FRAME_HEADER_SIZE,
    WAL_HEADER,
    WAL_HEADER_SIZE,
    WAL_MAGIC,
    journal_path,
)

LINK_TABLE = "journal_link"
MISMATCH_READS = 3  # reads of the pair before a mismatch is believed
# Checking a journal's frames as SQLite does takes about 20 ms per MB (pure Python). SQLite
# copies the journal into the file every 1000 pages (16 MB), so a bigger one comes from one
# huge transaction or a reader that held it: it gets no verdict here, the integrity checks
# alone decide, as for a journal without links.
SCAN_LIMIT = 64 * 1024 * 1024
TABLE_LEAF = 0x0D


@dataclass(frozen=True)
class CommitMark:
    """What `begin_mark` saw just after BEGIN: the connection's change count and the token
    the file held, which the transaction's own token replaces."""

    changes: int
    token: int | None


def begin_mark(conn: sqlite3.Connection) -> CommitMark:
    """Call right after BEGIN (IMMEDIATE: the write lock keeps the token as read)."""
    row = conn.execute(f"SELECT token FROM {LINK_TABLE} WHERE id = 1").fetchone()
    return CommitMark(conn.total_changes, row[0] if row else None)


def mark_commit(conn: sqlite3.Connection, mark: CommitMark) -> None:
    """Give the transaction about to commit on `conn` its own token, keeping the one the file
    held at BEGIN in `prev` (so that a second call in one transaction changes nothing that
    matters). Only a transaction that changed a row is marked: one that changed nothing
    still writes nothing. Call it right before the outermost COMMIT. A transaction left
    unmarked only makes the check less sharp, never wrong."""
    if mark.token is not None and conn.total_changes != mark.changes:
        conn.execute(f"UPDATE {LINK_TABLE} SET prev = ?, token = random() WHERE id = 1",
                     (mark.token,))


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: (value, position after it)."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


_INTEGER_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def link_in_page(page: bytes) -> tuple[int, int] | None:
    """(token, prev) from an image of the link table's page, or None when the page is not
    a table leaf holding the link row as `mark_commit` writes it."""
    try:
        if page[0] != TABLE_LEAF or int.from_bytes(page[3:5], "big") != 1:
            return None
        cell = int.from_bytes(page[8:10], "big")
        _payload, at = _varint(page, cell)
        _rowid, at = _varint(page, at)
        header_size, cursor = _varint(page, at)
        types = []
        while cursor < at + header_size:
            serial, cursor = _varint(page, cursor)
            types.append(serial)
        values = []
        body = at + header_size
        for serial in types:
            if serial in (0, 8, 9):
                values.append({0: None, 8: 0, 9: 1}[serial])
                continue
            size = _INTEGER_SIZES.get(serial)
            if size is None:
                return None
            values.append(int.from_bytes(page[body:body + size], "big", signed=True))
            body += size
    except IndexError:
        return None
    if len(values) != 3 or None in values[1:]:
        return None
    return values[1], values[2]


def _checksum(data: bytes, sums: tuple[int, int], big_endian: bool) -> tuple[int, int]:
    """SQLite's running journal checksum over `data` (a multiple of 8 bytes), continuing
    `sums`; the words are read in the byte order the journal's magic number names."""
    words = array("I", data)
    if big_endian != (sys.byteorder == "big"):
        words.byteswap()
    first, second = sums
    pairs = iter(words)
    for word0, word1 in zip(pairs, pairs, strict=True):
        first = (first + word0 + second) & 0xFFFFFFFF
        second = (second + word1 + first) & 0xFFFFFFFF
    return first, second


def journal_links(path: Path, page_number: int) -> list[tuple[int, int]]:
    """The (token, prev) pairs of the link page in the committed frames of the journal
    beside `path`, oldest first, read as SQLite reads a journal it recovers: frames up to
    the first one of another generation (other salts) or with a wrong checksum (a write
    cut short by a power cut), and of those only the ones up to the last commit."""
    links: list[tuple[int, int]] = []
    try:
        if journal_path(path).stat().st_size > SCAN_LIMIT:
            return []
        with journal_path(path).open("rb") as journal:
            head = journal.read(WAL_HEADER_SIZE)
            if len(head) < WAL_HEADER_SIZE:
                return []
            magic, _version, page_size, _checkpoints, salt1, salt2 = WAL_HEADER.unpack_from(head)
            if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
                return []
            big_endian = bool(magic & 1)
            sums = _checksum(head[:24], (0, 0), big_endian)
            if sums != struct.unpack_from(">II", head, 24):
                return []
            pending: list[tuple[int, int]] = []
            while True:
                frame = journal.read(FRAME_HEADER_SIZE + page_size)
                if len(frame) < FRAME_HEADER_SIZE + page_size:
                    break
                page, size_after_commit, frame_salt1, frame_salt2 = FRAME_HEADER.unpack_from(
                    frame)
                if (frame_salt1, frame_salt2) != (salt1, salt2):
                    break
                sums = _checksum(frame[:8], sums, big_endian)
                sums = _checksum(frame[FRAME_HEADER_SIZE:], sums, big_endian)
                if sums != struct.unpack_from(">II", frame, 16):
                    break
                if page == page_number:
                    link = link_in_page(frame[FRAME_HEADER_SIZE:])
                    if link is not None:
                        pending.append(link)
                if size_after_commit:
                    links.extend(pending)
                    pending = []
    except OSError:
        return []
    return links


def _token_alone(path: Path) -> int | None:
    """The token in the project file read without its journal (0 for a file from before
    the link existed), or None when it cannot be read."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            row = conn.execute(f"SELECT token FROM {LINK_TABLE} WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as error:
        return 0 if "no such table" in str(error) else None
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _link_page(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (LINK_TABLE,)).fetchone()
    return row[0] if row else None


def _belongs(path: Path, page_number: int) -> bool | None:
    links = journal_links(path, page_number)
    if not links:
        return None
    token = _token_alone(path)
    if token is None:
        return None
    # In an unbroken chain each link's prev is the token before it, so this is the file as
    # the journal began (the first prev) or as a checkpoint left it (a link's token).
    return any(token in link for link in links)


def journal_mismatch(path: Path, conn: sqlite3.Connection) -> str | None:
    """Why the journal beside `path` does not continue the file beside it, or None when it
    does or nothing can be said. `conn` reads the file with its journal: a read transaction
    on it is held while the file and the journal are read, so that no other connection can
    start the journal afresh or checkpoint past what `conn` sees in the meantime."""
    if conn.in_transaction:
        return None
    try:
        conn.execute("BEGIN")
        try:
            page_number = _link_page(conn)  # the first read starts the snapshot
            if page_number is None:
                return None
            for attempt in range(MISMATCH_READS):
                if _belongs(path, page_number) is not False:
                    return None
                if attempt + 1 < MISMATCH_READS:
                    time.sleep(0.05)
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.DatabaseError:
        return None
    return translatable("the journal continues another state of the file than this one")
