"""The claims panel: every claim of the document with its source, stance and the entities it
mentions, side by side, so conflicting claims can be compared. A double-click (or Enter)
goes to the claim in the article; the row of the selected claim follows the article."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from annotator.services.claims import ClaimRow
from annotator.ui.claims.model import ClaimsModel
from annotator.ui.common.i18n import tr
from annotator.ui.common.list_table import list_table


class ClaimsPanel(QWidget):
    claimChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimsPanel")
        self.model = ClaimsModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("claimsSummary")
        self.table = list_table("claimsTable", self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ClaimsModel.CLAIM, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ClaimsModel.CLAIM, QHeaderView.ResizeMode.Stretch)
        for column, sample in ((ClaimsModel.SOURCE, "W" * 13), (ClaimsModel.STANCE, "W" * 7),
                               (ClaimsModel.ENTITIES, "W" * 16)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.table.doubleClicked.connect(self._choose)
        self.table.activated.connect(self._choose)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset,
                       self.model.dataChanged):
            signal.connect(self._summarise)
        self._summarise()

    def set_rows(self, rows: list[ClaimRow]) -> None:
        self.model.set_rows(rows)

    def _choose(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row is not None:
            self.claimChosen.emit(row.span_id)

    def show_selected(self, span_id: str) -> None:
        """Select the row of the article's selected claim (nothing for other spans)."""
        row = self.model.row_of(span_id) if span_id else None
        if row is None:
            self.table.clearSelection()
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _summarise(self, *_args: object) -> None:
        rows = self.model.rows()
        unsourced = sum(1 for r in rows if not r.sources)
        no_stance = sum(1 for r in rows if r.stance is None)
        text = tr("Claims: {count}", count=len(rows))
        if unsourced:
            text += " · " + tr("without a source: {count}", count=unsourced)
        if no_stance:
            text += " · " + tr("without a stance: {count}", count=no_stance)
        self.summary.setText(text)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
