"""Saving a copy of a project (`tawsim backup`, File › Save a copy): a complete, consistent,
single file, made while the project is open and being edited.

Copying the project file with the file manager is only complete once the desk has been idle
for a moment (services.projects.checkpoint); a copy made here is complete at any time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.services.projects import open_project
from annotator.storage import ProjectStore
from annotator.storage.backup import backup_into


@dataclass(frozen=True)
class Backup:
    path: Path  # the copy
    size: int  # its size in bytes


def _check_target(source: Path, target: Path, force: bool) -> None:
    where = str(target)
    if target.is_dir():
        raise ProjectError("this is a folder; give the copy a file name", path=where)
    if not target.parent.is_dir():
        raise ProjectError("the folder for the copy does not exist", path=where)
    if target.exists():
        if os.path.samefile(source, target):
            raise ProjectError("this is the project itself; give the copy another name",
                               path=where)
        if not force:
            raise ProjectError("a file already exists there; choose a new name (or replace "
                               "it with --force)", path=where)
    for suffix in ("-wal", "-shm"):
        if target.with_name(target.name + suffix).exists():
            raise ProjectError(f"a journal ({target.name}{suffix}) sits beside it, so it may "
                               "be open in Tawsim; close it or choose another name", path=where)


def backup_project(project: ProjectStore | str | Path, target: str | Path, *,
                   force: bool = False) -> Backup:
    """Copy `project` (an open project, or the path of one) into the new file `target`
    (replacing an existing file only with `force`). Others may go on editing meanwhile:
    the copy holds every edit saved before it began. A damaged project is refused and no
    copy is made."""
    target = Path(target)
    if isinstance(project, ProjectStore):
        _check_target(project.path, target, force)
        size = backup_into(project.conn, project.path, target)
    else:
        with open_project(project) as store:
            _check_target(store.path, target, force)
            size = backup_into(store.conn, store.path, target)
    return Backup(target, size)
