"""File › Save a copy…: the open project copied into a new single file while work goes on.

The copy is SQLite's online backup (services.backup.backup_project), made by a background
job on its own connection to the project: it holds every edit saved before it began, edits
made meanwhile neither wait for it nor end up half in it, and it needs no journal beside
it. The file dialog suggests "NAME copy DATE.tawsim" beside the project. The project itself
is never overwritten (the service refuses it and a message box says so); another file is
replaced only when the person said so in the dialog. The status bar says where the copy
went; any failure (a read-only folder, a full disk) is a message box naming the file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.services.backup import Backup, backup_project
from annotator.ui.common.background import ProjectJob, Work
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import warn
from annotator.ui.context import DeskContext
from annotator.ui.shell.dialogs import PROJECT_FILTER

SUFFIX = ".tawsim"


def default_copy_name(project: Path, today: date) -> str:
    """The name the dialog suggests: "articles copy 2026-12-07.tawsim"."""
    return f"{project.stem} copy {today.isoformat()}{SUFFIX}"


def choose_copy_path(parent: QWidget | None, suggestion: Path) -> tuple[Path, bool] | None:
    """Where the copy goes, and whether the person agreed to replace a file already there
    (the dialog asks before it returns an existing file's name); None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, tr("Save a copy of the project"),
                                            str(suggestion), PROJECT_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix == SUFFIX:
        return path, path.exists()
    # The name the dialog confirmed is not the one written: no replacing without asking.
    return path.with_name(path.name + SUFFIX), False


def backup_work(target: Path, replace: bool) -> Work:
    def work(project: Any, _progress: Any, _cancelled: Any) -> Backup:
        try:
            return backup_project(project, target, force=replace)
        except OSError as error:
            # It names the hidden file the copy is made under; the person chose `target`.
            error.filename = str(target)
            raise

    return work


def save_a_copy(context: DeskContext, chosen: tuple[Path, bool] | None = None
                ) -> ProjectJob | None:
    """Ask where (unless `chosen` says), then copy the open project there in the
    background; the job, or None when there was nothing to do."""
    desk = context.session
    if desk is None:
        return None
    if chosen is None:
        suggestion = desk.path.parent / default_copy_name(desk.path, date.today())
        chosen = choose_copy_path(context.host, suggestion)
        if chosen is None:
            return None
    target, replace = chosen
    job = ProjectJob(desk.path, backup_work(target, replace), name="saveCopy",
                     interruptible=False)
    job.succeeded.connect(lambda made: context.say(
        tr("Saved a copy of the project as {path}", path=str(made.path))))
    job.failed.connect(lambda message: warn(
        context.host, tr("Cannot save a copy"), tr("No copy was made.") + "\n\n" + message))
    context.say(tr("Saving a copy of the project…"))
    context.runner.submit(job)
    return job
