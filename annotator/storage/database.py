"""Creating and opening project files, refusing anything that is not ours or is too new.

Order matters: a file is inspected read-only first (is it SQLite, is it Tawsim's, which schema
version), and only then opened for writing, so a refused file is never touched. On creation,
`page_size` must be set before WAL is enabled and before the first table, or it silently stays
4096 (measured: 16384 makes a project of ~2 KB articles 1.1x the text instead of 2x).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from annotator.core.errors import ProjectError
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations

BUSY_TIMEOUT_MS = 5000
PAGE_SIZE = 16384


def _connect(path: Path) -> sqlite3.Connection:
    # The desk runs long imports and exports in a worker thread while the window stays
    # responsive; one thread uses the connection at a time, and SQLite's serialized mode
    # guards it anyway.
    return sqlite3.connect(str(path), check_same_thread=False)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # FULL: each committed edit reaches the disk before the call returns, so neither a killed
    # process nor a power cut loses an edit the screen showed. Bulk imports relax it.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA cache_size = -16000")  # 16 MB of page cache, whatever the corpus


def create_database(path: Path) -> Database:
    """Create a new, empty, fully migrated project file at `path` (which must not exist)."""
    if path.exists():
        raise ProjectError("a file already exists there; choose a new name", path=str(path))
    if not path.parent.is_dir():
        raise ProjectError("the folder does not exist", path=str(path))
    conn = _connect(path)
    try:
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _configure(conn)
        db = Database(conn)
        migrations.apply(db)
    except BaseException:
        conn.close()
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return db


def inspect_database(path: Path) -> int:
    """Check, read-only, that `path` is a Tawsim project this version can open; return its
    schema version. Raises ProjectError otherwise, having changed nothing.

    The file is only ever read through SQLite here. Opening and closing it with Python's own
    `open()` would drop every POSIX lock this process holds on it (fcntl locks belong to the
    process, and any close releases them), so a desk with the project open would lose its
    lock and another program could checkpoint and delete the WAL under it.
    """
    where = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ProjectError("no such project file", path=where) from None
    except OSError as exc:
        raise ProjectError(f"cannot read the file: {exc.strerror}", path=where) from None
    if path.is_dir():
        raise ProjectError("this is a folder, not a project file", path=where)
    if info.st_size == 0:
        raise ProjectError("not a Tawsim project (the file is empty)", path=where)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise ProjectError("not a Tawsim project (the file is not an SQLite database)",
                               path=where) from None
        raise ProjectError(f"the project file cannot be read: {exc}", path=where) from None
    if app_id != APPLICATION_ID:
        raise ProjectError("not a Tawsim project (an SQLite file of another program)", path=where)
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"written by a newer version of Tawsim (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); update Tawsim to open it",
            path=where,
        )
    return version


def open_database(path: Path) -> Database:
    """Open an existing project, bringing an older schema up to date."""
    version = inspect_database(path)
    conn = _connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        _configure(conn)
        db = Database(conn)
        if version < SCHEMA_VERSION:
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectError(f"the project file cannot be opened: {exc}", path=str(path)) from None
    return db


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One edit's transaction, taking the write lock at BEGIN (IMMEDIATE).

    A deferred transaction that reads first (the document's text, to check a span) and then
    writes can fail at once with SQLITE_BUSY if another connection (the desk's search
    indexer, the command line) committed in between; taking the lock first waits for it
    instead, up to the busy timeout. Inside an open transaction it nests as a savepoint.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
