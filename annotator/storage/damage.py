"""How a project file that SQLite cannot read is refused: damaged (in plain words, SQLite's
own account kept as the error's `detail`), not SQLite at all, or beside a journal it cannot
use. Each is one ProjectError naming the file; database.inspect_checked raises them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.errors import Phrase, ProjectError, translatable
from annotator.storage.failures import DAMAGED, in_plain_words, shorten
from annotator.storage.journal import journal_path
from annotator.storage.open_files import file_identity, is_open_here


def _blank_header(path: Path) -> bool:
    """Whether the file starts with zeros where SQLite's header belongs: a project whose
    first page was wiped, not some other kind of file. Never read while this process has
    the file open (closing a Python handle would drop SQLite's locks on it)."""
    if is_open_here(file_identity(path)):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return False
    return len(head) == 100 and not any(head)


def damaged_error(path: Path, problem: str | Phrase, *, with_journal: bool = False) -> ProjectError:
    """The one line that refuses a damaged file (`problem`: what SQLite found, said in plain
    words by failures.in_plain_words)."""
    problem = in_plain_words(problem)
    if with_journal:
        return ProjectError(
            translatable("the project file and the journal beside it ({journal}) do not belong "
                         "together, or the file is damaged ({problem}); nothing was changed: "
                         "restore the project from a copy, or move {journal} away to open the "
                         "file as it is"),
            fields={"journal": journal_path(path).name, "problem": problem}, path=str(path))
    return ProjectError(translatable("the project file is damaged ({problem}); nothing was "
                                     "changed: restore it from a copy"),
                        fields={"problem": problem}, path=str(path))


def unreadable(path: Path, exc: sqlite3.DatabaseError, with_journal: bool) -> ProjectError:
    message = str(exc)
    if "not a database" in message:
        if _blank_header(path):
            return damaged_error(path, translatable("its first page is blank"),
                                 with_journal=with_journal)
        return ProjectError(translatable("not a Tawsim project (the file is not a "
                                         "database)"), path=str(path))
    if with_journal and ("unable to open" in message or "readonly" in message):
        return ProjectError(
            translatable("the journal beside the project file ({journal}) holds edits not yet "
                         "in it, and the folder is read-only; copy both files to a writable "
                         "folder"), fields={"journal": journal_path(path).name}, path=str(path))
    if any(word in message for word in DAMAGED):
        return damaged_error(path, shorten(message), with_journal=with_journal)
    return ProjectError(translatable("the project file cannot be read: {reason}"),
                        fields={"reason": message}, path=str(path))
