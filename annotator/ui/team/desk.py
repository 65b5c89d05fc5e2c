"""The team on the desk: File › Work packages…, File › Merge annotators' work…, and the Team
panel (View › Team).

Packaging and merging run as background jobs on their own connection to the project (they
finish even if a search starts meanwhile), with a progress dialog and Cancel; each is all or
nothing. The Team panel reads the team's progress when it comes on screen and after each job.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from annotator.services.packaging import PackageReport, make_packages
from annotator.services.progress import team_progress
from annotator.ui.common.actions import window_action
from annotator.ui.common.background import ProjectJob, Work
from annotator.ui.common.docks import panel_dock
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import inform, warn
from annotator.ui.common.plurals import documents, work_packages
from annotator.ui.common.progress import progress_dialog
from annotator.ui.common.session import DeskSession
from annotator.ui.context import DeskContext
from annotator.ui.team.merge_run import MergeRun
from annotator.ui.team.packages_dialog import PackageChoice, PackagesDialog
from annotator.ui.team.panel import TeamPanel


def packages_work(choice: PackageChoice) -> Work:
    def work(project: Any, progress: Any, cancelled: Any) -> PackageReport:
        return make_packages(project, choice.folder, choice.annotators, overlap=choice.overlap,
                             per_annotator=choice.per_annotator, status=choice.status,
                             with_layer=choice.with_layer, reassign=choice.reassign,
                             progress=progress, cancelled=cancelled)

    return work


class TeamDesk(QObject):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        host = context.host
        self.packages = window_action(host, tr("&Work packages…"), name="workPackages")
        self.merge = window_action(host, tr("&Merge annotators' work…"), name="mergeWork")
        self.panel = TeamPanel()
        self.dock = panel_dock(host, tr("Team"), "teamDock", self.panel, floatable=True)
        self.merging = MergeRun(context)
        self.merging.merged.connect(self._merged)
        self.packages.triggered.connect(self.make_packages)
        self.merge.triggered.connect(self.merging.choose_and_merge)
        self.panel.packagesRequested.connect(self.make_packages)
        self.panel.mergeRequested.connect(self.merging.choose_and_merge)
        self.panel.refreshRequested.connect(self.refresh)
        self.dock.visibilityChanged.connect(lambda shown: shown and self.refresh())

    def file_actions(self) -> list[QAction]:
        return [self.packages, self.merge]

    def set_session(self, desk: DeskSession) -> None:
        desk.documentsChanged.connect(self.refresh)
        for action in self.file_actions():
            action.setEnabled(True)
        self.refresh()

    def refresh(self) -> None:
        desk = self.context.session
        if desk is None or not self.dock.isVisible():
            return
        self.panel.show_progress(desk.attempt(team_progress, desk.project))

    # -- work packages ---------------------------------------------------------------------

    def make_packages(self) -> None:
        desk = self.context.session
        if desk is None:
            return
        dialog = PackagesDialog(self.context.host, desk, self.context.project_folder())
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.plan is None:
            return
        choice, total = dialog.choice(), dialog.plan.documents_written
        progress = progress_dialog(self.context.host, tr("Writing the work packages…"), total)
        job = ProjectJob(desk.path, packages_work(choice), name="packages",
                         interruptible=False)
        job.progressed.connect(lambda n: progress.setValue(min(progress.value() + n, total)))
        job.succeeded.connect(self._packaged)
        job.failed.connect(lambda message: warn(self.context.host,
                                                tr("No package was written"), message))
        job.ended.connect(progress.close)
        progress.canceled.connect(lambda: self.context.runner.cancel(job))
        self.context.runner.submit(job)

    def _packaged(self, report: PackageReport) -> None:
        lines = [tr("{annotator}: {documents} in {path}", annotator=package.annotator,
                    documents=documents(package.documents), path=str(package.path))
                 for package in report.packages]
        inform(self.context.host, tr("Work packages written"), "\n".join(lines))
        self.context.say(tr("Wrote {packages}.", packages=work_packages(len(report.packages))))
        self.refresh()

    def _merged(self) -> None:
        desk = self.context.session
        if desk is not None:
            desk.notify_documents_added()  # new layers, statuses and documents
        self.refresh()
