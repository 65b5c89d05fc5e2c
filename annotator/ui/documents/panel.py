"""The document list: a filter by status and text above a lazy table of documents, with a
thin bar that fills while a text filter reads the project."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Status
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import status_icon, status_name
from annotator.ui.common.list_table import list_table
from annotator.ui.common.session import DeskSession
from annotator.ui.documents.model import DocumentListModel

FILTER_DELAY_MS = 250


class DocumentPanel(QWidget):
    documentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPanel")
        self.search = QLineEdit()
        self.search.setObjectName("documentFilter")
        self.search.setPlaceholderText(tr("Filter by title or text"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(tr("All"), None)
        for status in (Status.NEW, Status.IN_PROGRESS, Status.DONE):
            self.status.addItem(status_icon(status), status_name(status), status.value)
        self.model = DocumentListModel(self)
        self.table = list_table("documentTable", self.model)
        # Fixed widths measured from the longest value: sizing to contents would read every
        # row of the lazy model.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        metrics = self.fontMetrics()
        widest_status = max(metrics.horizontalAdvance(status_name(s)) for s in Status)
        header.resizeSection(1, widest_status + 34)
        header.resizeSection(2, max(metrics.horizontalAdvance(tr("Spans")),
                                    metrics.horizontalAdvance("00000")) + 18)

        # How far a text filter has read (a million articles take seconds); no words, so
        # it needs no translation.
        self.progress = QProgressBar()
        self.progress.setObjectName("documentFilterProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(4)
        self.progress.hide()
        self.model.scanned.connect(self._show_scanned)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(FILTER_DELAY_MS)
        self._delay.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._delay.start)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self._syncing = False

    def set_session(self, desk: DeskSession | None) -> None:
        self.model.set_session(desk)
        if desk is not None:  # every edit keeps its document's span count current
            desk.spansChanged.connect(self.model.count_spans)

    def apply_filter(self) -> None:
        self._delay.stop()
        value = self.status.currentData()
        self.model.set_filter(Status(value) if value else None, self.search.text())
        if self.model.current_id:
            self.show_current(self.model.current_id)

    def show_current(self, doc_id: str) -> None:
        """Mark `doc_id` as the open document and select its row if the list shows it."""
        self.model.current_id = doc_id
        row = self.model.position_of(doc_id)
        self._syncing = True
        try:
            if row is None or self.model.doc_id(row) != doc_id:
                self.table.clearSelection()
            else:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
        finally:
            self._syncing = False
        self.model.refresh_rows()

    def neighbour(self, doc_id: str, step: int) -> str | None:
        """The next or previous document in the list as it is filtered now."""
        row = self.model.position_of(doc_id)
        if row is None:
            return None
        return self.model.doc_id(row + step)

    def _show_scanned(self, share: float) -> None:
        self.progress.setValue(round(share * 1000))
        self.progress.setVisible(share < 1.0)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        doc_id = self.model.doc_id(current.row())
        if doc_id is not None and doc_id != self.model.current_id:
            self.documentChosen.emit(doc_id)

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
