"""The one line the desk shows for each failure a person can cause; None for a bug."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

from annotator.core.errors import ProjectError, TawsimError
from annotator.ui.common.failures import user_error, user_message


@pytest.mark.parametrize(("error", "expected"), [
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
     "/p/out.jsonl: the disk is full; nothing was written"),
    (OSError(errno.EDQUOT, os.strerror(errno.EDQUOT)),
     "/p/out.jsonl: the disk quota is used up; nothing was written"),
    (OSError(errno.EROFS, os.strerror(errno.EROFS), "/media/cd/out.jsonl"),
     "/media/cd/out.jsonl: the disk is read-only; nothing was written"),
    (PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/p/x"),
     "permission denied: /p/x"),
    (FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "/p/gone"),
     "/p/gone: no such file or folder"),
    (sqlite3.OperationalError("database or disk is full"),
     "/p/out.jsonl: the disk is full; nothing was changed"),
    (sqlite3.OperationalError("database is locked"),
     "/p/out.jsonl: the project is busy in another program; try again"),
    (ProjectError("not a Tawsim project", path="/p/x.tawsim"),
     "/p/x.tawsim: not a Tawsim project"),
], ids=["full", "quota", "read-only disk", "no rights", "gone", "sqlite full", "busy",
        "refusal"])
def test_what_a_person_can_cause_is_one_line(error, expected):
    assert user_message(error, "/p/out.jsonl") == expected
    assert isinstance(user_error(error, "/p/out.jsonl"), TawsimError)


@pytest.mark.parametrize("error", [
    KeyError("span"), RecursionError("too deep"), OSError("a message and no errno"),
    OSError(errno.EBADF, os.strerror(errno.EBADF)), sqlite3.ProgrammingError("closed"),
], ids=["key", "recursion", "no errno", "bad descriptor", "closed connection"])
def test_a_bug_is_not_dressed_up(error):
    assert user_error(error) is None and user_message(error) is None
