"""A complete, consistent copy of a project into a new single file, while it is in use.

SQLite's online backup copies the database as one snapshot (one read transaction), so edits
that other connections save meanwhile neither block it nor end up half in the copy; they go
on into the journal. The copy is written under a temporary name beside the target
(core.partfiles), checked with the full integrity check, and renamed into place only then,
so a failed or killed copy never leaves a half-made project under the target's name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from pathlib import Path

from annotator.core.partfiles import PART, clear_stale_parts, part_prefix
from annotator.storage.damage import damaged_error
from annotator.storage.journal import first_problem


def _fsync(path: Path) -> None:
    flags = (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:  # a folder cannot be opened on Windows; its entry is saved anyway
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_into(source: sqlite3.Connection, source_path: Path, target: Path) -> int:
    """Copy the project `source` is connected to (its file is `source_path`) into `target`,
    replacing it if it exists; returns the copy's size in bytes. The copy is one file (no
    journal beside it) in WAL mode, as projects are."""
    folder = target.parent
    clear_stale_parts(folder, target.name)
    temporary = folder / f"{part_prefix(target.name)}{secrets.token_hex(4)}{PART}"
    # Made here rather than by mkstemp so that it gets the usual permissions of a new file
    # (the umask applies), as the project did when it was created.
    os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    try:
        copy = sqlite3.connect(temporary)
        try:
            # No journal for the copy while it is made: until it is renamed it is nobody's.
            copy.execute("PRAGMA journal_mode = OFF")
            source.backup(copy)  # all pages in one step: one snapshot
            problem = first_problem(copy, thorough=True)
            if problem is not None:
                raise damaged_error(source_path, problem)
            mode = copy.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":  # pragma: no cover - SQLite always allows WAL on a local file
                raise OSError(f"the copy could not be put in WAL mode ({mode})")
        finally:
            copy.close()  # the only connection: SQLite folds in and removes its journal
        _fsync(temporary)
        os.replace(temporary, target)
        _fsync(folder)
    except BaseException:
        for leftover in (temporary, *(temporary.with_name(temporary.name + suffix)
                                      for suffix in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    return target.stat().st_size
