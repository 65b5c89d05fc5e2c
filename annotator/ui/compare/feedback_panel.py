"""The Feedback panel, in an annotator's package that carries the lead's curation: where gold
differs from the annotator's own spans in the open document, and the lead's note on each.

One row a difference: what the lead did (added, left out, changed and what), the
annotator's version, gold's, and the note. Choosing a row shows the place in the article.
The gold layer is only read here: nothing in this panel edits anything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from annotator.core.scheme import Scheme
from annotator.services.feedback import ADDED, REMOVED, Difference, FeedbackView
from annotator.ui.common.i18n import tr
from annotator.ui.common.list_table import list_table
from annotator.ui.common.plain import isolated
from annotator.ui.compare.curation_model import aspect_names, describe

Index = QModelIndex | QPersistentModelIndex


def what_the_lead_did(difference: Difference) -> str:
    if difference.kind == ADDED:
        return tr("The lead added this")
    if difference.kind == REMOVED:
        return tr("The lead left this out")
    return tr("The lead changed: {what}", what=aspect_names(difference.aspects))


class FeedbackModel(QAbstractTableModel):
    WHAT, YOURS, GOLD, NOTE = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: FeedbackView | None = None
        self.scheme: Scheme | None = None

    def show(self, view: FeedbackView | None, scheme: Scheme | None) -> None:
        self.beginResetModel()
        self.view, self.scheme = view, scheme
        self.endResetModel()

    @property
    def rows(self) -> list[Difference]:
        return self.view.differences if self.view is not None else []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (tr("What the lead did"), tr("Yours"), tr("Gold"), tr("The lead's note"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.view is None:
            return None
        difference, column = self.rows[index.row()], index.column()
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.WHAT:
            return what_the_lead_did(difference)
        if column == self.YOURS:
            return describe(difference.item.version(self.view.own_layer), self.scheme)
        if column == self.GOLD:
            return describe(difference.item.gold, self.scheme)
        return isolated(" ".join(difference.note.split())) if difference.note else ""


class FeedbackPanel(QWidget):
    differenceChosen = Signal(object)  # a Difference

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackPanel")
        self.model = FeedbackModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("feedbackSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = list_table("feedbackTable", self.model)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Two lines a row, wrapped, as in the curation table: a claim's stance and source
        # first, then its text. What the lead did as wide as it reads; the rest shared.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(
            2 * self.table.fontMetrics().lineSpacing() + 10)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)  # the style's follows the font's widest glyph
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FeedbackModel.WHAT, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.differenceChosen.emit(
                self.model.rows[current.row()] if 0 <= current.row() < len(self.model.rows)
                else None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
