"""Keeping the search index up to date in the background after a project opens or articles
are imported, so that the first search does not wait for it.

Indexing takes about a minute per 100k articles. It starts when the desk has been idle for a
moment, runs as a background job (its own connection, batches of one short transaction each)
and shows its progress in the status bar with a button to stop it; a search started
meanwhile takes over (it indexes what is left before searching).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from annotator.services.search import index_state, update_search_index
from annotator.ui.common.background import JobRunner, ProjectJob
from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession

START_AFTER_MS = 1500  # let the window settle (and short test runs finish) first


class IndexProgress(QWidget):
    """The status bar's indexing field: a label, a bar and a stop button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indexProgress")
        self.label = QLabel(tr("Indexing for search"))
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(self.fontMetrics().height())
        self.stop = QToolButton()
        self.stop.setText("✕")
        self.stop.setAutoRaise(True)
        self.stop.setToolTip(tr("Stop indexing (searches index what is left first)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.stop)
        self.hide()


class IndexKeeper(QObject):
    def __init__(self, runner: JobRunner, progress: IndexProgress,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.progress = progress
        self.desk: DeskSession | None = None
        self.job: ProjectJob | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(START_AFTER_MS)
        self._timer.timeout.connect(self.start)
        progress.stop.clicked.connect(self.stop)

    def set_session(self, desk: DeskSession | None) -> None:
        self.stop()
        self.desk = desk
        self.check()

    def check(self) -> None:
        """Articles may have arrived: index them after a moment, if any wait."""
        if self.desk is not None and index_state(self.desk.project).pending:
            self._timer.start()

    def ready(self) -> bool:
        """Whether the index may be read from the window's thread now (nothing to add, no
        background job writing it)."""
        return self.desk is not None and not self.runner.busy \
            and index_state(self.desk.project).pending == 0

    def start(self) -> None:
        if self.desk is None or self.runner.busy:
            return
        pending = index_state(self.desk.project).pending
        if not pending:
            return
        job = ProjectJob(self.desk.path, _index_work, name="searchIndex")
        bar = self.progress.bar
        bar.setRange(0, pending)
        bar.setValue(0)
        job.progressed.connect(lambda count: bar.setValue(min(bar.value() + count, pending)))
        job.ended.connect(self._ended)
        self.job = job
        self.progress.show()
        self.runner.submit(job)

    def stop(self) -> None:
        self._timer.stop()
        if self.job is not None:
            self.runner.cancel(self.job)

    def _ended(self) -> None:
        self.job = None
        self.progress.hide()


def _index_work(project: Any, progress: Any, cancelled: Any) -> int:
    return update_search_index(project, progress, cancelled)
