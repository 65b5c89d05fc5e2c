"""Creating and opening project files, refusing anything that is not ours, too new or damaged.

Order matters: a file is inspected read-only first (is it SQLite, is it Tawsim's, which schema
version, is it sound; `journal` says which check runs when), and only then opened for writing,
so a refused file is never touched. A file that this process may not write (or whose folder
it may not write) opens read-only, creating nothing beside it. On creation,
`page_size` must be set before WAL is enabled and before the first table, or it silently stays
4096 (measured: 16384 makes a project of ~2 KB articles 1.1x the text instead of 2x).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from annotator.core.errors import ProjectError, translatable
from annotator.storage.damage import damaged_error, unreadable
from annotator.storage.journal import (
    first_problem,
    index_path,
    journal_has_transactions,
    journal_path,
)
from annotator.storage.journal_link import begin_mark, journal_mismatch, mark_commit
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations
from annotator.storage.open_files import file_identity, is_open_here

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
        raise ProjectError(translatable("a file already exists there; choose a new name"),
                           path=str(path))
    if not path.parent.is_dir():
        raise ProjectError(translatable("the folder does not exist"), path=str(path))
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


def writable(path: Path) -> bool:
    """Whether this process may write the project file and create files beside it (SQLite
    keeps its journal there)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _reading_uri(path: Path, shared: bool) -> str:
    """A read-only URI for `path`. `shared`: read through SQLite's locks and the journal
    beside the file (which may create the -shm index); else `immutable`, which reads the
    file alone, takes no lock and creates nothing (the journal is empty or absent)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if shared else uri + "&immutable=1"


def _check_file(path: Path) -> None:
    where = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ProjectError(translatable("no such project file"), path=where) from None
    except OSError as exc:
        raise ProjectError(translatable("cannot read the file: {reason}"),
                           fields={"reason": exc.strerror}, path=where) from None
    if path.is_dir():
        raise ProjectError(translatable("this is a folder, not a project file"), path=where)
    if info.st_size == 0:
        raise ProjectError(translatable("not a Tawsim project (the file is empty)"), path=where)


# quick_check reads the whole file: 0.15 s for a 256 MB project once cached, but 40 s for a
# million articles (4.5 GB) read cold, at every open and every command. Above this size a
# file without a journal to replay is opened unchecked: a damaged page is still refused in
# one line when a command reads it (SQLite reports it then). A journal with transactions is
# always checked whole, whatever the size.
QUICK_CHECK_LIMIT = 256 * 1024 * 1024


@dataclass(frozen=True)
class Inspection:
    """What opening found out, read-only, before anything may write."""

    version: int
    with_journal: bool  # the journal beside the file holds transactions
    uri: str  # how to read the file without writing anything


def inspect_database(path: Path) -> int:
    """Check, read-only, that `path` is a sound Tawsim project this version can open; return
    its schema version. Raises ProjectError otherwise, having changed nothing."""
    return inspect_checked(path).version


def inspect_checked(path: Path, *, check: bool = True) -> Inspection:
    """Check, read-only, that `path` is a sound Tawsim project this version can open, and
    say how. Raises ProjectError otherwise, having changed nothing.

    The file is only ever read through SQLite here. Opening and closing it with Python's own
    `open()` would drop every POSIX lock this process holds on it (fcntl locks belong to the
    process, and any close releases them), so a desk with the project open would lose its
    lock and another program could checkpoint and delete the WAL under it. `check` runs
    SQLite's consistency check (see `journal` for which one and why).
    """
    _check_file(path)
    where = str(path)
    with_journal = journal_has_transactions(path)
    uri = _reading_uri(path, with_journal or index_path(path).exists())
    problem = None
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if check and app_id == APPLICATION_ID and (
                    with_journal or path.stat().st_size <= QUICK_CHECK_LIMIT):
                problem = ((with_journal and journal_mismatch(path, conn))
                           or first_problem(conn, thorough=with_journal))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise unreadable(path, exc, with_journal) from None
    except UnicodeDecodeError:  # SQLite's message quotes schema text that is no longer UTF-8
        raise damaged_error(path, translatable("its schema is not readable text"),
                            with_journal=with_journal) from None
    if app_id != APPLICATION_ID:
        raise ProjectError(translatable("not a Tawsim project (an SQLite file of another "
                                        "program)"), path=where)
    if problem is not None:
        raise damaged_error(path, problem, with_journal=with_journal)
    if version > SCHEMA_VERSION:
        raise ProjectError(
            translatable("written by a newer version of Tawsim (schema {version}; this one "
                         "reads up to {supported}); update Tawsim to open it"),
            fields={"version": version, "supported": SCHEMA_VERSION}, path=where)
    return Inspection(version, with_journal, uri)


@dataclass(frozen=True)
class OpenedDatabase:
    """An open project database: `read_only` when this process may not write the file;
    `identity` tells the file apart (storage.open_files)."""

    db: Database
    read_only: bool
    identity: tuple[int, int]


def open_checked(path: Path, *, read_only: bool | None = None) -> OpenedDatabase:
    """Open an existing project, checked first (unless this process has it open already),
    bringing an older schema up to date. `read_only` None: read-only when the file or its
    folder cannot be written. A read-only project is read without creating any file beside
    it, so a file on a read-only disk or share opens as it is."""
    _check_file(path)
    if read_only is None:
        read_only = not writable(path)
    identity = file_identity(path)
    if read_only and journal_has_transactions(path) and not index_path(path).exists():
        # Reading the journal needs its index (-shm), which would have to be created.
        raise ProjectError(
            translatable("the journal beside the project file ({journal}) holds edits not yet "
                         "in it, and the file is read-only: open it once where it can be "
                         "written, or copy both files to a writable folder"),
            fields={"journal": journal_path(path).name}, path=str(path))
    found = inspect_checked(path, check=not is_open_here(identity))
    if read_only:
        if found.version < SCHEMA_VERSION:
            raise ProjectError(translatable("made by an older Tawsim, and the file is "
                                            "read-only, so it cannot be brought up to date; "
                                            "copy it to a writable folder"), path=str(path))
        conn = sqlite3.connect(found.uri, uri=True, check_same_thread=False)
        _configure(conn)
        db = Database(conn)
    else:
        conn = _connect(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            _configure(conn)
            db = Database(conn)
            if found.version < SCHEMA_VERSION:
                migrations.apply(db)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ProjectError(translatable("the project file cannot be opened: {reason}"),
                               fields={"reason": str(exc)}, path=str(path)) from None
    return OpenedDatabase(db, read_only, identity)


def open_database(path: Path) -> Database:
    """Open an existing project for writing (see open_checked, which also says whether the
    project is read-only)."""
    return open_checked(path, read_only=False).db


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One edit's transaction (`immediate_transaction`); inside an open transaction it nests
    as a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    with immediate_transaction(db.conn):
        yield


@contextlib.contextmanager
def immediate_transaction(conn: sqlite3.Connection, *, keep: bool = True,
                          changed: Callable[[], bool] | None = None) -> Iterator[None]:
    """A transaction taking the write lock at BEGIN (IMMEDIATE), rolled back on any error or
    at the end when `keep` is False (a dry run), its commit marked for the journal link.

    A deferred transaction that reads first (the document's text, to check a span) and then
    writes can fail at once with SQLITE_BUSY if another connection (the desk's search
    indexer, the command line) committed in between; taking the lock first waits for it
    instead, up to the busy timeout. `changed`, asked at the end, says whether anything was
    written when the connection's change count cannot tell (a merge's checks fill temporary
    tables): a transaction that changed nothing leaves the file as it was.
    """
    conn.execute("BEGIN IMMEDIATE")
    mark = begin_mark(conn)
    try:
        yield
        if not keep:
            conn.execute("ROLLBACK")
            return
        if changed is None or changed():
            mark_commit(conn, mark)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
