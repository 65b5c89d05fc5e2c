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

Reading both while another process writes can catch a checkpoint between the two reads;
the pair is read again before a mismatch is believed (a stale pair stays stale).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

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
TABLE_LEAF = 0x0D


def mark_commit(conn: sqlite3.Connection, changes_at_begin: int) -> None:
    """Give the transaction about to commit on `conn` its own token, if it changed a row
    (`changes_at_begin`: `conn.total_changes` just after BEGIN), so that a transaction that
    changed nothing still writes nothing. Call it once per transaction, right before the
    outermost COMMIT: a second call would leave in `prev` a token that was never committed,
    and the file as the journal began would not match. A transaction left unmarked only
    makes the check less sharp, never wrong."""
    if conn.total_changes != changes_at_begin:
        conn.execute(f"UPDATE {LINK_TABLE} SET prev = token, token = random() WHERE id = 1")


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


def journal_links(path: Path, page_number: int) -> list[tuple[int, int]]:
    """The (token, prev) pairs of the link page in the committed frames of the journal
    beside `path`, oldest first. Frames of an earlier generation (other salts) and frames
    after the last commit are not part of it, as SQLite reads it. (Frame checksums are not
    recomputed: a torn last frame could only add a link, never refuse a sound pair.)"""
    links: list[tuple[int, int]] = []
    try:
        with journal_path(path).open("rb") as journal:
            head = journal.read(WAL_HEADER_SIZE)
            if len(head) < WAL_HEADER_SIZE:
                return []
            magic, _version, page_size, _checkpoints, salt1, salt2 = WAL_HEADER.unpack_from(head)
            if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
                return []
            pending: list[tuple[int, int]] = []
            while True:
                frame = journal.read(FRAME_HEADER_SIZE)
                if len(frame) < FRAME_HEADER_SIZE:
                    break
                page, size_after_commit, frame_salt1, frame_salt2 = FRAME_HEADER.unpack_from(
                    frame)
                if (frame_salt1, frame_salt2) != (salt1, salt2):
                    break
                if page == page_number:
                    image = journal.read(page_size)
                    if len(image) < page_size:
                        break
                    link = link_in_page(image)
                    if link is not None:
                        pending.append(link)
                else:
                    journal.seek(page_size, 1)
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
    return token == links[0][1] or any(token == link[0] for link in links)


def journal_mismatch(path: Path, conn: sqlite3.Connection) -> str | None:
    """Why the journal beside `path` does not continue the file beside it, or None when it
    does or nothing can be said. `conn` reads the file with its journal (for the page the
    link lives on)."""
    try:
        page_number = _link_page(conn)
    except sqlite3.DatabaseError:
        return None
    if page_number is None:
        return None
    for attempt in range(MISMATCH_READS):
        verdict = _belongs(path, page_number)
        if verdict is not False:
            return None
        if attempt + 1 < MISMATCH_READS:
            time.sleep(0.05)
    return "the journal continues another state of the file than this one"
