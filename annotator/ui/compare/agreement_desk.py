"""Agreement in the desk: View › Agreement between annotators (Ctrl+Shift+K).

The panel shows the open document's figures for every pair of annotators who worked on it
(services.agreement.document_agreement, at once: one document is quick), and the project's
when the lead asks (project_agreement, in the background with a count of the documents read
and a Stop button; a project of thousands of documents takes a while). The project's figures
can be saved as the same HTML report `tawsim agree --html` writes.

It reads the project through the services and writes nothing into it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from annotator.core.errors import TawsimError
from annotator.services.agreement import AgreementReport, document_agreement, project_agreement
from annotator.services.agreement_html import write_agreement_html
from annotator.ui.common.background import JobCancelled, ProjectJob
from annotator.ui.common.docks import DockToggle, panel_dock
from annotator.ui.common.failures import user_message
from annotator.ui.common.i18n import tr, trn
from annotator.ui.common.plain import warn
from annotator.ui.common.session import DeskSession
from annotator.ui.compare.agreement_panel import AgreementPanel
from annotator.ui.context import DeskContext


def agreement_work(status: str | None) -> Any:
    """The project's agreement, reading documents with a count and a way to stop."""
    def work(project: Any, progress: Any, cancelled: Any) -> AgreementReport:
        def read(count: int) -> None:
            if cancelled():
                raise JobCancelled()
            progress(count)
        return project_agreement(project, status=status, progress=read)
    return work


class AgreementDesk(QObject):

    def __init__(self, context: DeskContext, toggle: Any) -> None:
        super().__init__(context)
        self.context = context
        self.desk: DeskSession | None = None
        self.report: AgreementReport | None = None
        self.job: ProjectJob | None = None
        self._read = 0
        self.panel = AgreementPanel()
        self.dock = panel_dock(context.host, tr("Agreement"), "agreementDock", self.panel,
                               floatable=True)
        self.toggle = DockToggle(toggle, self.dock)
        self.placeWanted = self.toggle.placeWanted
        self.toggle.visibilityChanged.connect(self.refresh)
        self.panel.measureRequested.connect(self.measure_project)
        self.panel.stopRequested.connect(self.stop)
        self.panel.saveRequested.connect(self.save_report)

    def set_session(self, desk: DeskSession) -> None:
        self.stop()
        self.desk, self.report = desk, None
        self.panel.show_project([], tr("Measure the project to see every pair's figures "
                                       "over the documents both have worked on."))
        desk.documentsChanged.connect(self.refresh)  # a merge brings annotators' work
        self.refresh()

    def show_document(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """The open document's figures (only while the panel is open)."""
        desk, doc_id = self.desk, self.context.doc_id
        if self.dock.isHidden() or desk is None or doc_id is None:
            return
        try:
            report = document_agreement(desk.project, doc_id)
        except TawsimError:
            self.panel.show_document([], tr("Fewer than two annotators have worked on this "
                                            "document."))
            return
        self.panel.show_document(report.pairs, "")

    # -- the project -----------------------------------------------------------------------

    def measure_project(self, status: str | None) -> None:
        desk = self.desk
        if desk is None or self.job is not None:
            return
        self._read = 0
        job = ProjectJob(desk.path, agreement_work(status), name="agreement",
                         interruptible=False)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._measured)
        job.failed.connect(lambda message: self.panel.show_project([], message))
        job.stopped.connect(lambda: self.panel.show_project(
            [], tr("Stopped. Measure the project again when you are ready.")))
        job.ended.connect(self._ended)
        self.job = job
        self.panel.show_measuring(True, self._reading())
        self.context.runner.submit(job)

    def _reading(self) -> str:
        return trn("Measuring… {count} document read", "Measuring… {count} documents read",
                   self._read)

    def _progressed(self, count: int) -> None:
        self._read += count
        self.panel.show_measuring(True, self._reading())

    def _measured(self, report: AgreementReport) -> None:
        self.report = report
        skipped = [tr("{a} and {b}: {reason}", a=item.a, b=item.b, reason=item.reason)
                   for item in report.left_out]
        self.panel.show_project(report.pairs, "\n".join(skipped))
        self.context.say(trn("Agreement measured for {count} pair of annotators.",
                             "Agreement measured for {count} pairs of annotators.",
                             len(report.pairs)))

    def _ended(self) -> None:
        self.job = None
        self.panel.show_measuring(False)

    def stop(self) -> None:
        if self.job is not None:
            self.context.runner.cancel(self.job)

    def save_report(self) -> None:
        desk, report = self.desk, self.report
        if desk is None or report is None:
            return
        start = self.context.project_folder() / f"{desk.path.stem} agreement.html"
        chosen, _ = QFileDialog.getSaveFileName(self.context.host, tr("Save the agreement "
                                                "report"), str(start), tr("Web page (*.html)"))
        if not chosen:
            return
        try:
            write_agreement_html(report, Path(chosen), title=desk.name)
        except (TawsimError, OSError) as error:
            warn(self.context.host, tr("The report was not saved"),
                 user_message(error) or str(error))
            return
        self.context.say(tr("Saved the agreement report to {path}.", path=chosen))
