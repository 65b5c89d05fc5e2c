"""The Team panel: one row per annotator (assigned, started, done, active time, minutes per
done document, last merge) and how many overlap documents every annotator has finished."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.services.progress import AnnotatorProgress, TeamProgress
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import shown


def clock_time(seconds: float) -> str:
    """Active time as hours and minutes (1:05)."""
    minutes = round(seconds / 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def when(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else tr("never")


class TeamPanel(QWidget):
    packagesRequested = Signal()
    mergeRequested = Signal()
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamPanel")
        headers = [tr("Annotator"), tr("Layer"), tr("Assigned"), tr("Started"), tr("Done"),
                   tr("Active (h:mm)"), tr("Minutes per document"), tr("Last merged")]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("teamTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.summary = QLabel()
        self.summary.setObjectName("teamSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        packages = QPushButton(tr("Work packages…"))
        packages.clicked.connect(self.packagesRequested)
        merge = QPushButton(tr("Merge annotators' work…"))
        merge.clicked.connect(self.mergeRequested)
        refresh = QPushButton(tr("Refresh"))
        refresh.clicked.connect(self.refreshRequested)
        buttons = QHBoxLayout()
        for button in (packages, merge, refresh):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def show_progress(self, progress: TeamProgress | None) -> None:
        rows = progress.annotators if progress is not None else ()
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(number, column, item)
        self.table.resizeColumnsToContents()
        if progress is None:
            self.summary.clear()
        elif not rows:
            self.summary.setText(tr("No annotators yet: hand out work packages, or annotate "
                                    "in this project."))
        else:
            self.summary.setText(tr("Overlap documents every annotator has done (ready for "
                                    "agreement): {ready} of {total}",
                                    ready=progress.overlap_ready,
                                    total=progress.overlap_documents))

    @staticmethod
    def _cells(row: AnnotatorProgress) -> list[str]:
        median = "—" if row.median_minutes_per_done is None \
            else f"{row.median_minutes_per_done:.1f}"
        return [shown(row.name), shown(row.layer) if row.layer else "—", str(row.assigned),
                str(row.started),
                str(row.done), clock_time(row.active_seconds), median, when(row.last_merged)]
