"""Creating and opening projects, keeping the project file whole, and who is working in them.

A project is one file only when its journal has been copied into it: `checkpoint` does that
(the desk calls it about a second after the last edit), and closing a project always does.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from annotator.core.errors import TawsimError
from annotator.core.scheme import Scheme, load_scheme
from annotator.services.identity import PackageIdentity, package_identity
from annotator.storage import ProjectStore
from annotator.storage.failures import explain_storage_error


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


def open_project(path: str | Path, *, read_only: bool | None = None) -> ProjectStore:
    """Open a project, checked first; a damaged one is refused in one line and left as it
    is. `read_only` None: read-only when the file or its folder cannot be written (then
    `project.read_only` is True and every write is refused in one line)."""
    return ProjectStore.open(Path(path), read_only=read_only)


def checkpoint(project: ProjectStore, mode: str = "TRUNCATE") -> bool:
    """Copy every saved edit from the journal into the project file, without waiting; True
    when the project file alone now holds them all (so copying it is a complete copy), False
    when another connection's read or a transaction in progress kept some back (call again
    a moment later). `mode` "TRUNCATE" also empties the journal; "PASSIVE" leaves it."""
    return project.checkpoint(mode).complete


def as_user_error(error: BaseException, path: str | Path | None = None) -> TawsimError | None:
    """The one-line user error behind an exception from the storage engine or the system, if
    it is one (another program holding the project, a full disk, a read-only or damaged file,
    an argument that is not text), placed at `path` when given; None for a bug."""
    message = str(error)
    explained = explain_storage_error(error, None if path is None else str(path))
    if explained is not None:
        return explained
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
