"""A project file's content as SQL lines, to show that a refusal or a repeated step changed
nothing."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

# Rows every commit that changes anything adds or rewrites: the audit trail and the journal
# link's token (annotator/storage/journal_link.py).
PER_COMMIT = ('INTO "audit"', 'INTO "journal_link"')


def dump(where: Path | sqlite3.Connection, *, per_commit: bool = True) -> list[str]:
    """Every line of SQLite's dump of `where` (a path or an open connection); without the
    per-commit rows when `per_commit` is False."""
    if isinstance(where, sqlite3.Connection):
        lines = list(where.iterdump())
    else:
        with contextlib.closing(sqlite3.connect(where)) as conn:
            lines = list(conn.iterdump())
    if per_commit:
        return lines
    return [line for line in lines if not any(mark in line for mark in PER_COMMIT)]
