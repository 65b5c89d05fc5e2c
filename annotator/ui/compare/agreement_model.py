"""The agreement table: one row per pair of annotators, the figures a lead reads first.

Columns: the pair, the documents compared, span F1 exact and relaxed (with its 95% interval
over documents when there are several), Krippendorff's α_U, Cohen's κ over tokens and over
stances, the F1 of SOURCE links, and how many relaxed matches differ only in their edges.
A figure that cannot be computed shows a dash, its reason in the tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.core.agreement import PairAgreement
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import isolated, tooltip

Index = QModelIndex | QPersistentModelIndex


def figure(value: float | None, interval: tuple[float, float] | None = None) -> str:
    if value is None:
        return "—"
    if interval is None:
        return f"{value:.2f}"
    return f"{value:.2f} [{interval[0]:.2f}–{interval[1]:.2f}]"


class AgreementModel(QAbstractTableModel):
    PAIR, DOCUMENTS, EXACT, RELAXED, ALPHA, TOKENS, STANCE, SOURCE, EDGES = range(9)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.pairs: list[PairAgreement] = []
        self.intervals = True

    def show(self, pairs: list[PairAgreement], *, intervals: bool) -> None:
        self.beginResetModel()
        self.pairs, self.intervals = list(pairs), intervals
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        names = (tr("Annotators"), tr("Documents"), tr("F1 exact"), tr("F1 relaxed"),
                 "α_U", tr("κ tokens"), tr("κ stance"), tr("SOURCE F1"),
                 tr("Edges only"))
        tips = (None, tr("Documents both annotators have worked on"),
                tr("Spans with the same start, end and label"),
                tr("Spans of the same label that overlap, matched one to one"),
                tr("Krippendorff's unitizing alpha: 1 is perfect agreement, 0 chance"),
                tr("Cohen's kappa over the tokens' labels, O included"),
                tr("Cohen's kappa over the stances of claims both marked"),
                tr("Links from matched claims to matched actors"),
                tr("Relaxed matches whose edges differ (of them, by a proclitic or the "
                   "article)"))
        if role == Qt.ItemDataRole.DisplayRole:
            return names[section]
        if role == Qt.ItemDataRole.ToolTipRole and tips[section]:
            return tooltip(tips[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pair, column = self.pairs[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(pair, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = self._reason(pair, column)
            return tooltip(reason) if reason else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.PAIR:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, pair: PairAgreement, column: int) -> str:
        ci = self.intervals
        if column == self.PAIR:
            return f"{isolated(pair.a)} – {isolated(pair.b)}"
        if column == self.DOCUMENTS:
            return str(pair.documents)
        if column == self.EXACT:
            return figure(pair.exact.total.f1, pair.exact.ci if ci else None)
        if column == self.RELAXED:
            return figure(pair.relaxed.total.f1, pair.relaxed.ci if ci else None)
        if column == self.ALPHA:
            return figure(pair.alpha_u.overall)
        if column == self.TOKENS:
            return figure(pair.token_kappa.value)
        if column == self.STANCE:
            return figure(pair.stance_kappa.value)
        if column == self.SOURCE:
            return figure(pair.source_f1)
        edges = pair.boundary_only
        return f"{edges.total} ({edges.proclitic} + {edges.article})"

    def _reason(self, pair: PairAgreement, column: int) -> str:
        keys = {self.EXACT: "exact.f1", self.RELAXED: "relaxed.f1",
                self.ALPHA: "alpha_u.overall",
                self.TOKENS: "token_kappa", self.STANCE: "stance_kappa",
                self.SOURCE: "source_f1"}
        key = keys.get(column)
        return pair.notes().get(key, "") if key else ""
