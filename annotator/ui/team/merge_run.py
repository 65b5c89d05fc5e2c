"""File › Merge annotators' work…: choose the annotators' project files, see what merging them
would change (a dry run, file by file and layer by layer), then merge, in the background with
a progress dialog.

Each file is all or nothing. A file that is not a newer state of what was merged before (an
older copy, or one edited on two machines) is refused with what diverged; the lead may then
merge it anyway, and the file's state wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog

from annotator.services.merging import MergeDiverged, MergeReport, merge_files, merge_size
from annotator.ui.common.background import ProjectJob, Work
from annotator.ui.common.failures import said
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import Button, ask, inform, warn
from annotator.ui.common.progress import progress_dialog
from annotator.ui.context import DeskContext
from annotator.ui.team.merge_preview import MergePreview, merged_lines

PROJECT_FILTER = "Tawsim (*.tawsim)"


@dataclass(frozen=True)
class Diverged:
    """A dry run refused a file as diverged: what it said, for the lead to decide."""

    message: str


def merge_work(paths: list[Path], *, dry_run: bool, force: bool) -> Work:
    def work(project: Any, progress: Any, cancelled: Any) -> MergeReport | Diverged:
        try:
            return merge_files(project, paths, dry_run=dry_run, force=force,
                               progress=progress, cancelled=cancelled)
        except MergeDiverged as error:
            if not dry_run:
                raise
            return Diverged(said(error))

    return work


class MergeRun(QObject):
    merged = Signal()

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.paths: list[Path] = []

    def choose_and_merge(self) -> None:
        if self.context.session is None:
            return
        chosen, _ = QFileDialog.getOpenFileNames(
            self.context.host, tr("Merge annotators' work"),
            str(self.context.project_folder()), PROJECT_FILTER)
        if chosen:
            self.start([Path(path) for path in chosen], dry_run=True, force=False)

    def start(self, paths: list[Path], *, dry_run: bool, force: bool) -> ProjectJob | None:
        desk = self.context.session
        if desk is None:
            return None
        self.paths = paths
        title = tr("Reading the annotators' files…") if dry_run \
            else tr("Merging the annotators' work…")
        total = desk.attempt(merge_size, paths) or 0
        progress = progress_dialog(self.context.host, title, total)
        job = ProjectJob(desk.path, merge_work(paths, dry_run=dry_run, force=force),
                         name="merge", interruptible=False)
        job.progressed.connect(lambda n: progress.setValue(min(progress.value() + n, total)))
        job.succeeded.connect(lambda result: self._previewed(result, force) if dry_run
                              else self._done(result))
        job.failed.connect(lambda message: warn(self.context.host, tr("Nothing was merged"),
                                                message))
        job.ended.connect(progress.close)
        progress.canceled.connect(lambda: self.context.runner.cancel(job))
        self.context.runner.submit(job)
        return job

    def _previewed(self, result: MergeReport | Diverged, force: bool) -> None:
        if isinstance(result, Diverged):
            answer = ask(self.context.host, tr("The files diverged"),
                         result.message + "\n\n" + tr(
                             "Merge anyway? The files' state then replaces what was merged "
                             "from them before."),
                         Button.Yes | Button.No, Button.No)
            if answer == Button.Yes:
                self.start(self.paths, dry_run=True, force=True)
            return
        dialog = MergePreview(self.context.host, result)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start(self.paths, dry_run=False, force=force)

    def _done(self, report: MergeReport) -> None:
        inform(self.context.host, tr("Merged"), "\n".join(merged_lines(report)))
        self.context.say(tr("Merged the annotators' work."))
        self.merged.emit()
