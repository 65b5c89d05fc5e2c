"""What an error from SQLite means for the person using Tawsim, in one line.

The storage engine reports a busy, full, read-only or damaged file as `sqlite3` exceptions;
each command and the desk shows them as one line naming the project file instead of a
traceback. `ProjectFile` uses this when an error leaves a `with` block, and
`services.projects.as_user_error` for everything else.
"""

from __future__ import annotations

import sqlite3

from annotator.core.errors import Phrase, ProjectError, translatable
from annotator.core.phrases import Template

# Words of SQLite's (and Python's) messages for a damaged file. Tawsim stores only valid
# UTF-8, so text that does not decode was changed on the disk.
DAMAGED = ("malformed", "not a database", "corrupt", "Could not decode")


def explain_storage_error(error: BaseException, path: str | None = None) -> ProjectError | None:
    """The one-line error behind an exception from SQLite, placed at `path`; None when it is
    not one a user can act on (a bug)."""
    if not isinstance(error, sqlite3.Error):
        return None
    message = str(error)
    found: str | Phrase | None = None
    if isinstance(error, sqlite3.OperationalError):
        if "locked" in message or "busy" in message:
            found = translatable("the project is busy in another program; try again")
        elif "disk is full" in message:
            found = translatable("the disk is full; nothing was changed")
        elif "readonly" in message or "read-only" in message:
            found = translatable("cannot save: the project file is read-only (or its folder is)")
        elif "unable to open" in message:
            found = translatable("the project file cannot be opened (check the folder's "
                                 "permissions)")
        elif "disk I/O error" in message:
            found = translatable("the project file could not be read or written (a disk error)")
    if found is None and isinstance(error, sqlite3.DatabaseError) and any(
            word in message for word in DAMAGED):
        found = Phrase(translatable("the project file is damaged ({problem}); restore it from a "
                                    "copy"), {"problem": in_plain_words(message)})
    return ProjectError(found, path=path) if found else None


def in_plain_words(problem: str | Phrase) -> str | Phrase:
    """What a damaged file's problem means to its user, for the problems SQLite words in its
    own terms ("Page 4: btreeInitPage() returns error code 11", "database disk image is
    malformed"); a problem Tawsim words itself ("its first page is blank") stays as it is
    (a translatable() one stays translatable, a Phrase stays a Phrase)."""
    if isinstance(problem, Phrase | Template):
        return problem
    if "index" in problem:
        return translatable("an index no longer matches its table")
    return translatable("parts of it cannot be read")


def shorten(message: str, limit: int = 120) -> str:
    """SQLite's account of a problem on one line, cut to a length a dialog can show."""
    message = " ".join(message.replace("*** in database main ***", "").split())
    return message if len(message) <= limit else message[:limit - 3] + "..."
