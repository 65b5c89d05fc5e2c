"""The claims of the open document as a table: the claim, its source, its stance and the
entities inside it (rows from the claims service, `ClaimRow`).

A row is replaced, inserted or removed on its own after an edit, at its sorted place, so the
table keeps its selection and scroll position while the annotator works.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from annotator.services.claims import ClaimRow
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import dot, text_alignment
from annotator.ui.common.plain import shown, tooltip

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COMPLETE, INCOMPLETE = "#3f9d4f", "#e0a526"
MISSING = QColor("#8a8a8a")
Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.TextAlignmentRole, SPAN_ID_ROLE))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _position(row: ClaimRow) -> tuple[int, int, str]:
    return (row.start, -row.end, row.span_id)


def entities_text(row: ClaimRow) -> str:
    return " · ".join(_flat(entity.text) for entity in row.entities)


class ClaimsModel(QAbstractTableModel):
    CLAIM, SOURCE, STANCE, ENTITIES = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ClaimRow] = []  # ascending by the sort key
        self._keys: list[tuple] = []
        self._column = self.CLAIM
        self._descending = False

    def _key_function(self) -> Callable[[ClaimRow], tuple]:
        position = _position
        if self._column == self.SOURCE:
            return lambda r: (not r.sources, r.source_text, *position(r))
        if self._column == self.STANCE:
            return lambda r: (r.stance is None, r.stance_title, *position(r))
        if self._column == self.ENTITIES:
            return lambda r: (not r.entities, entities_text(r), *position(r))
        return position

    # -- rows ------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[ClaimRow]) -> None:
        self.beginResetModel()
        key = self._key_function()
        self._rows = sorted(rows, key=key)
        self._keys = [key(r) for r in self._rows]
        self.endResetModel()

    def rows(self) -> list[ClaimRow]:
        """In the order shown."""
        return list(reversed(self._rows)) if self._descending else list(self._rows)

    def _view_row(self, position: int) -> int:
        return len(self._rows) - 1 - position if self._descending else position

    def row(self, view_row: int) -> ClaimRow | None:
        if not 0 <= view_row < len(self._rows):
            return None
        return self._rows[self._view_row(view_row)]

    def row_of(self, span_id: str) -> int | None:
        for position, row in enumerate(self._rows):
            if row.span_id == span_id:
                return self._view_row(position)
        return None

    def put(self, row: ClaimRow) -> None:
        """Add the row, or replace the one of the same claim."""
        current = self.row_of(row.span_id)
        key = self._key_function()(row)
        if current is not None:
            position = self._view_row(current)
            if self._keys[position] == key:
                self._rows[position] = row
                self.dataChanged.emit(self.index(current, 0), self.index(current, 3))
                return
            self.remove(row.span_id)
        position = bisect_left(self._keys, key)
        view_row = len(self._rows) - position if self._descending else position
        self.beginInsertRows(QModelIndex(), view_row, view_row)
        self._rows.insert(position, row)
        self._keys.insert(position, key)
        self.endInsertRows()

    def remove(self, span_id: str) -> None:
        view_row = self.row_of(span_id)
        if view_row is None:
            return
        position = self._view_row(view_row)
        self.beginRemoveRows(QModelIndex(), view_row, view_row)
        del self._rows[position]
        del self._keys[position]
        self.endRemoveRows()

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        key = self._key_function()
        self._rows.sort(key=key)
        self._keys = [key(r) for r in self._rows]
        self.layoutChanged.emit()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (tr("Claim"), tr("Source"), tr("Stance"), tr("Entities inside"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks for a dozen roles per cell on every repaint; answer the others at once.
        if role not in _ROLES:
            return None
        row = self.row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(self._display(row, column))
        if role == SPAN_ID_ROLE:
            return row.span_id
        if role == Qt.ItemDataRole.DecorationRole and column == self.CLAIM:
            return _status_icon(row.is_complete)
        if role == Qt.ItemDataRole.ForegroundRole and self._missing(row, column):
            return MISSING
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(row, column))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return text_alignment(self._display(row, column))
        return None

    def _missing(self, row: ClaimRow, column: int) -> bool:
        return (column == self.SOURCE and not row.sources) \
            or (column == self.STANCE and row.stance is None) \
            or (column == self.ENTITIES and not row.entities)

    def _display(self, row: ClaimRow, column: int) -> str:
        if column == self.CLAIM:
            return _flat(row.text)
        if column == self.SOURCE:
            return _flat(row.source_text) if row.sources else tr("(no source)")
        if column == self.STANCE:
            return row.stance_title or tr("(not set)")
        return entities_text(row) or "—"

    def _tooltip(self, row: ClaimRow, column: int) -> str:
        if column == self.CLAIM:
            note = "\n" + tr("Note: {note}", note=row.note) if row.note else ""
            return row.text + note
        if column == self.SOURCE:
            return "\n".join(f"{s.label_title}: {s.text}" for s in row.sources)
        if column == self.ENTITIES:
            return "\n".join(f"{e.label_title}: {e.text}" for e in row.entities)
        return row.stance_title


def _status_icon(complete: bool) -> QIcon:
    return dot(COMPLETE if complete else INCOMPLETE)
