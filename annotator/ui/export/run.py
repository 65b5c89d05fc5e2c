"""Exporting off the window's thread, with a progress dialog that can be cancelled, and the
report of what the format could not carry.

The export runs as a background job on its own connection to the project file (the desk's
job runner, so it never runs beside an indexing job). Cancelling stops it at the next
document and the service removes what it had written: a cancelled or failed export leaves no
file, and a write the disk refuses (full, read-only, no rights) is a message box naming the
output. When the format had to change or leave out spans, or warns about anything, the report
dialog says so and can save the full report as JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Status
from annotator.services.exporting import export_dataset, write_report
from annotator.ui.common.background import ProjectJob, Work
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import warn
from annotator.ui.common.plurals import documents, links, spans
from annotator.ui.common.progress import progress_dialog
from annotator.ui.context import DeskContext
from annotator.ui.export.dialog import ExportChoice


def export_work(choice: ExportChoice) -> Work:
    def work(project: Any, progress: Any, cancelled: Any) -> Any:  # a WriteReport
        try:
            return export_dataset(project, choice.path, format=choice.format,
                                  layer=choice.layer, status=choice.status,
                                  labels=choice.labels, options=choice.options or None,
                                  split=choice.split, progress=progress, cancelled=cancelled)
        except OSError as error:  # a full disk, a read-only folder: the job says it in a line
            # naming the output the person chose (not a hidden part file, nor the project)
            error.filename = str(choice.path)
            raise

    return work


class ExportRun(QObject):
    """One export: start() runs it; `report` holds what was written once it is done."""

    def __init__(self, context: DeskContext, choice: ExportChoice) -> None:
        super().__init__(context)
        self.context = context
        self.choice = choice
        self.report: Any = None  # the service's WriteReport, once written
        self.job: ProjectJob | None = None
        self.dialog: QProgressDialog | None = None

    def start(self) -> ProjectJob | None:
        desk = self.context.session
        if desk is None:
            return None
        choice = self.choice
        total = desk.document_count(choice.status) if choice.layer is not None else 0
        dialog = progress_dialog(self.context.host, tr("Exporting the dataset…"), total)
        job = ProjectJob(desk.path, export_work(choice), name="export", interruptible=False)
        job.progressed.connect(lambda n: dialog.setValue(min(dialog.value() + n, total))
                               if total else None)
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        job.ended.connect(dialog.close)
        dialog.canceled.connect(self.cancel)
        self.job, self.dialog = job, dialog
        self.context.runner.submit(job)
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.context.runner.cancel(self.job)

    def _failed(self, message: str) -> None:
        warn(self.context.host, tr("Export failed"),
             tr("Nothing was written.") + "\n\n" + message)

    def _done(self, report: Any) -> None:
        self.report = report
        path = str(self.choice.path)
        self.context.say(tr("Exported {documents} to {path}", path=path,
                                  documents=documents(report.documents)))
        if report.warnings or report.issue_count:
            dialog = ReportDialog(self.context.host, report, path)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()


def export_articles(context: DeskContext, out: Path, *, format: str, layer: str | None,
                    status: Status | None) -> bool:
    """Write the dataset and wait for it: the export runs in the background with a
    window-modal progress dialog (Cancel), while this waits in a local event loop. True when
    a complete file was written. File › Export runs the same without waiting."""
    run = ExportRun(context, ExportChoice(out, format, layer, status))
    job = run.start()
    if job is None:
        return False
    loop = QEventLoop()
    job.ended.connect(loop.quit)
    loop.exec()
    return run.report is not None


class ReportDialog(QDialog):
    """What was written, and what the format could not carry as it is."""

    def __init__(self, parent: QWidget | None, report: Any, path: str) -> None:
        super().__init__(parent)
        self.setObjectName("exportReport")
        self.setWindowTitle(tr("Export report"))
        self.resize(600, 420)
        self.report = report
        summary = QLabel(tr("Wrote {documents}, {spans} and {relations} to {path}.",
                            documents=documents(report.documents), spans=spans(report.spans),
                            relations=links(report.relations), path=path))
        summary.setWordWrap(True)
        issues = QLabel(tr("{spans} could not be written as they are; the saved report "
                           "lists them.", spans=spans(report.issue_count)) if report.issue_count
                        else "")
        issues.setObjectName("exportIssueCount")
        issues.setWordWrap(True)
        self.warnings = QPlainTextEdit("\n".join(report.warnings))
        self.warnings.setObjectName("exportWarnings")
        self.warnings.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = buttons.addButton(tr("Save the report…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(issues)
        layout.addWidget(QLabel(tr("Warnings")))
        layout.addWidget(self.warnings, 1)
        layout.addWidget(buttons)

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the report"), "report.json",
                                              "JSON (*.json)")
        if path:
            write_report(self.report, path)
