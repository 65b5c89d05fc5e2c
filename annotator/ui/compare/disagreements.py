"""The disagreements of one document, in reading order, as a table to walk with the keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.model import Span
from annotator.core.scheme import Scheme
from annotator.services.audit import DocumentComparison
from annotator.ui.common.i18n import language
from annotator.ui.common.plain import isolated
from annotator.ui.compare.marks import STYLES, kind_name

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Disagreement:
    kind: str  # boundary, wrong_label, spurious or missed
    predicted: Span | None
    gold: Span | None

    @property
    def start(self) -> int:
        return min(s.start for s in (self.predicted, self.gold) if s is not None)

    @property
    def key(self) -> str:
        """What identifies the row across recomputations."""
        return (self.predicted or self.gold).id  # type: ignore[union-attr]


def disagreements(result: DocumentComparison) -> list[Disagreement]:
    comparison = result.comparison
    rows = [Disagreement(kind, predicted, gold)
            for kind in ("boundary", "wrong_label")
            for gold, predicted in getattr(comparison, kind)]
    rows += [Disagreement("spurious", span, None) for span in comparison.spurious]
    rows += [Disagreement("missed", None, span) for span in comparison.missed]
    return sorted(rows, key=lambda row: (row.start, row.kind))


class DisagreementModel(QAbstractTableModel):
    KIND, PREDICTED, GOLD = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Disagreement] = []
        self.scheme: Scheme | None = None
        self.headers = ("", "", "")

    def set_rows(self, rows: list[Disagreement], scheme: Scheme) -> None:
        self.beginResetModel()
        self.rows = rows
        self.scheme = scheme
        self.endResetModel()

    def set_headers(self, kind: str, predicted: str, gold: str) -> None:
        self.headers = (kind, predicted, gold)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def _describe(self, span: Span | None) -> str:
        if span is None:
            return "—"
        name = self.scheme.label(span.label).display(language()) \
            if self.scheme is not None and self.scheme.has_label(span.label) else span.label
        text = " ".join(span.text.split())
        return f"{name}: {isolated(text if len(text) <= 40 else text[:39] + '…')}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                return kind_name(row.kind)
            return self._describe(row.predicted if column == self.PREDICTED else row.gold)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.KIND:
            return QColor(STYLES[row.kind][0])
        return None
