"""Creating and opening projects, and who is working in them."""

from __future__ import annotations

import getpass
import os
import sqlite3
from pathlib import Path

from annotator.core.errors import ProjectError, TawsimError
from annotator.core.scheme import Scheme, load_scheme
from annotator.services.identity import PackageIdentity, package_identity
from annotator.storage import ProjectStore


def default_actor() -> str:
    """Who the command line acts as in the audit trail: $TAWSIM_ANNOTATOR, else the OS user."""
    name = os.environ.get("TAWSIM_ANNOTATOR", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"


def init_project(path: str | Path, scheme_file: str | Path | None = None,
                 name: str | None = None) -> ProjectStore:
    """A new project file with the default scheme or the one in `scheme_file`."""
    scheme: Scheme | None = load_scheme(scheme_file) if scheme_file else None
    return ProjectStore.create(Path(path), scheme, name=name)


def open_project(path: str | Path) -> ProjectStore:
    return ProjectStore.open(Path(path))


def as_user_error(error: BaseException) -> TawsimError | None:
    """The one-line user error behind an exception from the storage engine or the system, if
    it is one (another program holding the project, a full disk, a read-only or damaged file,
    an argument that is not text); None for a bug."""
    message = str(error)
    if isinstance(error, sqlite3.OperationalError):
        if "locked" in message or "busy" in message:
            return ProjectError("the project is busy in another program; try again")
        if "disk is full" in message or "database or disk is full" in message:
            return ProjectError("the disk is full; nothing was changed")
        if "readonly" in message or "read-only" in message:
            return ProjectError("the project file (or its folder) is read-only; Tawsim needs "
                                "to write to it, even to read, because it keeps a journal "
                                "beside it")
        if "unable to open" in message:
            return ProjectError("the project file cannot be opened (check the folder's "
                                "permissions)")
    if isinstance(error, sqlite3.DatabaseError) and "malformed" in message:
        return ProjectError("the project file is damaged (the database image is malformed); "
                            "restore it from a copy")
    if isinstance(error, UnicodeEncodeError) and "surrogate" in message:
        return TawsimError("a name or argument is not valid UTF-8 text")
    if isinstance(error, PermissionError):
        return TawsimError(f"permission denied: {error.filename}")
    return None


def peek_package(path: str | Path) -> PackageIdentity | None:
    """Whether the project at `path` is a work package, and whose; None when it is not one
    or cannot be read (opening it properly says why)."""
    try:
        with open_project(path) as store:
            return package_identity(store)
    except TawsimError:
        return None
