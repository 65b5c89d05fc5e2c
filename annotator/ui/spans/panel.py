"""The current document's span list: click (or Enter) on a row to jump to its span."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from annotator.core.commands import Change
from annotator.core.scheme import Scheme
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import label_name
from annotator.ui.common.list_table import list_table
from annotator.ui.spans.model import SpanListModel


class SpanPanel(QWidget):
    spanChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanPanel")
        self.model = SpanListModel(self)
        self.table = list_table("spanTable", self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SpanListModel.POSITION, Qt.SortOrder.AscendingOrder)
        # Fixed widths: sizing to contents would read thousands of rows after every edit.
        header = self.table.horizontalHeader()
        # The style's minimum section width follows the font's widest glyph (over a hundred
        # pixels with an Arabic font): the text column could not shrink below it, and in a
        # narrow dock it pushed the positions out of view.
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("W" * 9) + 28)
        header.resizeSection(2, self.fontMetrics().horizontalAdvance("000000–000000") + 16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        self.table.clicked.connect(self._choose)
        self.table.activated.connect(self._choose)
        self.table.selectionModel().currentRowChanged.connect(self._browse)
        self.model.layoutChanged.connect(self._reselect)
        self._selected: str | None = None
        self._syncing = False

    def fit_labels(self, scheme: Scheme) -> None:
        """Make the label column as wide as the longest label name in the interface language."""
        metrics = self.table.fontMetrics()
        widest = max((metrics.horizontalAdvance(label_name(label)) for label in scheme.labels),
                     default=0)
        header = self.table.horizontalHeader()
        header.resizeSection(0, max(widest, metrics.horizontalAdvance(tr("Label"))) + 40)

    def _choose(self, index: QModelIndex) -> None:
        span = self.model.span(index.row())
        if span is not None and not self._syncing:
            self.spanChosen.emit(span.id)

    def _browse(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Arrow keys in the list show each span in turn; rows moving because of an edit
        # must not change the selection (see apply_changes).
        if self.table.hasFocus():
            self._choose(current)

    def apply_changes(self, changes: list[Change]) -> None:
        """Show an edit, undo or redo. A row removed and inserted again (a span that moved
        in the sort order) makes Qt move the current row to a neighbour; that must not
        choose the neighbour, and the selection goes back to the selected span."""
        self._syncing = True
        try:
            self.model.apply_changes(changes)
        finally:
            self._syncing = False
        self._reselect()

    def show_selected(self, span_id: str) -> None:
        """Follow the article's selected span ("" for none)."""
        self._selected = span_id or None
        self._reselect()

    def _reselect(self) -> None:
        row = self.model.row_of(self._selected) if self._selected else None
        self._syncing = True
        try:
            if row is None:
                self.table.clearSelection()
                return
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        finally:
            self._syncing = False

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
