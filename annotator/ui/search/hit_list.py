"""A list of hits in context, for the project search and label-all: each row shows where the
hit is (a document's title) over a line of text with the hit marked in it.

Rows are painted from a small rich-text document each, right to left for Arabic context, and
only the rows on screen are painted, so a page of hundreds costs nothing to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from annotator.ui.common.plain import FSI, PDI, rich

CONTEXT = 40  # characters of context at most on each side of a hit, before fitting
HIT_COLOUR = "#ffd54a"

Index = QModelIndex | QPersistentModelIndex
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class HitRow:
    where: str  # a document's title, or "" when the list is about one document
    before: str
    hit: str
    after: str
    payload: Any  # the SearchHit or LabelCandidate behind the row
    checked: bool | None = None  # None: the row has no check box


def _flat(text: str) -> str:
    """Line breaks and runs of spaces as one space (the spaces next to the hit stay)."""
    return _SPACES.sub(" ", text)


def row_html(row: HitRow, before: str, after: str, title_colour: str = "gray",
             text_colour: str = "black") -> str:
    """A row as rich text: the title over the line, whose context the caller has cut to
    fit (`before` ends at the hit, `after` starts there)."""
    # The line is one isolate (its own direction, no reordering control of the article's
    # acting on the page around it); the title another.
    line = (f"{FSI}{rich(before)[1:-1]}<span style='background:{HIT_COLOUR}; color:black'>"
            f"<b>{rich(row.hit)[1:-1]}</b></span>{rich(after)[1:-1]}{PDI}")
    title = (f"<div style='color:{title_colour}; font-size:small'>"
             f"{rich(row.where)}</div>") if row.where else ""
    return f"{title}<div style='color:{text_colour}'>{line}</div>"


def fitted_context(row: HitRow, metrics: QFontMetrics, width: int) -> tuple[str, str]:
    """The context on each side of the hit, cut with an ellipsis so that the line fits in
    `width` pixels with the hit in it (the hit is bold: measured a little wider)."""
    before, after = _flat(row.before), _flat(row.after)
    if len(before) >= CONTEXT:  # the text goes on: cut at a word, and say so
        before = "…" + before[-CONTEXT:].split(" ", 1)[-1]
    if len(after) >= CONTEXT:
        after = after[:CONTEXT].rsplit(" ", 1)[0] + "…"
    side = max(0, (width - int(metrics.horizontalAdvance(row.hit) * 1.15) - 12) // 2)
    return (metrics.elidedText(before, Qt.TextElideMode.ElideLeft, side),
            metrics.elidedText(after, Qt.TextElideMode.ElideRight, side))


class HitListModel(QAbstractListModel):
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[HitRow] = []

    def set_rows(self, rows: list[HitRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def add_rows(self, rows: list[HitRow]) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def remove_row(self, number: int) -> None:
        self.beginRemoveRows(QModelIndex(), number, number)
        del self.rows[number]
        self.endRemoveRows()

    def checked_payloads(self) -> list[Any]:
        return [row.payload for row in self.rows if row.checked]

    def set_all_checked(self, checked: bool) -> None:
        self.rows = [HitRow(r.where, r.before, r.hit, r.after, r.payload, checked)
                     for r in self.rows]
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.rows[index.row()].checked is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            prefix = f"{row.where}: " if row.where else ""
            return f"{prefix}{_flat(row.before)[-CONTEXT:]}{row.hit}{_flat(row.after)[:CONTEXT]}"
        if role == Qt.ItemDataRole.CheckStateRole and row.checked is not None:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        if role == self.RowRole:
            return row
        return None

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.rows[index.row()] = HitRow(row.where, row.before, row.hit, row.after,
                                        row.payload, checked)
        self.dataChanged.emit(index, index, [role])
        return True


class HitDelegate(QStyledItemDelegate):
    """Paints a row's title and its line of context with the hit marked."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: HitRow = index.data(HitListModel.RowRole)
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        widget: QWidget | None = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter,
                              widget)
            area: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText,
                                               style_option, widget)
        else:
            area = option.rect  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        title = palette.color(QPalette.ColorRole.HighlightedText).name() if selected \
            else "gray"
        before, after = fitted_context(row, option.fontMetrics,  # type: ignore
                                       area.width())
        document = QTextDocument()
        document.setDefaultFont(option.font)  # type: ignore[attr-defined]
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        text_option.setTextDirection(Qt.LayoutDirection.RightToLeft)  # Arabic context
        text_option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        document.setDefaultTextOption(text_option)
        document.setDocumentMargin(2)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected
                                    else QPalette.ColorRole.Text).name()
        document.setHtml(row_html(row, before, after, title, text_colour))
        document.setTextWidth(area.width())
        painter.save()
        painter.translate(area.topLeft())
        painter.setClipRect(QRect(0, 0, area.width(), area.height()))
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row: HitRow = index.data(HitListModel.RowRole)
        lines = 2 if row.where else 1
        height = option.fontMetrics.height() * lines + 10  # type: ignore[attr-defined]
        return QSize(200, height)
