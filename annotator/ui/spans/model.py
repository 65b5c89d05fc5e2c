"""The current document's spans as a sortable table: label, text, position.

Sorting happens here in Python (one key function), and edits insert or remove single rows at
their sorted place, so a document with 10k spans stays quick to edit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from annotator.core.commands import Change
from annotator.core.model import Span
from annotator.core.scheme import Scheme
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.labels import swatch, text_alignment
from annotator.ui.common.plain import shown, tooltip

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                    SPAN_ID_ROLE))
Index = QModelIndex | QPersistentModelIndex


class SpanListModel(QAbstractTableModel):
    LABEL, TEXT, POSITION = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.scheme: Scheme | None = None
        self._spans: list[Span] = []  # in ascending key order
        self._keys: list[tuple] = []
        self._column = self.POSITION
        self._descending = False
        self._names: dict[str, str] = {}
        self._swatches: dict[str, QIcon] = {}

    def _key_function(self) -> Callable[[Span], tuple]:
        if self._column == self.LABEL:
            order = {name: i for i, name in enumerate(self.scheme.label_names)} \
                if self.scheme else {}
            return lambda s: (order.get(s.label, len(order)), s.start, -s.end, s.id)
        if self._column == self.TEXT:
            return lambda s: (s.text, s.start, s.id)
        return lambda s: (s.start, -s.end, s.label, s.id)

    def set_spans(self, scheme: Scheme, spans: Iterable[Span]) -> None:
        self.beginResetModel()
        if scheme is not self.scheme:
            self._names = {label.name: label.display(language()) for label in scheme.labels}
            self._swatches = {label.name: swatch(label.color, label.style)
                              for label in scheme.labels}
        self.scheme = scheme
        key = self._key_function()
        self._spans = sorted(spans, key=key)
        self._keys = [key(s) for s in self._spans]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._spans, self._keys = [], []
        self.endResetModel()

    # -- rows in view order ----------------------------------------------------------------

    def _row(self, position: int) -> int:
        """Row of the span at ascending `position`, in the order shown."""
        return len(self._spans) - 1 - position if self._descending else position

    def span(self, row: int) -> Span | None:
        if not 0 <= row < len(self._spans):
            return None
        return self._spans[self._row(row)]

    def row_of(self, span_id: str) -> int | None:
        for position, span in enumerate(self._spans):
            if span.id == span_id:
                return self._row(position)
        return None

    # -- edits -----------------------------------------------------------------------------

    def apply_changes(self, changes: list[Change]) -> None:
        for change in changes:
            old, new = change.old, change.new
            if isinstance(old, Span) and isinstance(new, Span) and old.id == new.id \
                    and self._replace_in_place(new):
                continue
            if isinstance(old, Span):
                self._remove(old.id)
            if isinstance(new, Span):
                self._insert(new)

    def _replace_in_place(self, span: Span) -> bool:
        """Update a span whose sorted place is unchanged (a new stance, a note) without
        removing its row, so the row, and the selection on it, stay where they are."""
        row = self.row_of(span.id)
        if row is None:
            return False
        position = self._row(row)
        key = self._key_function()(span)
        if (position > 0 and self._keys[position - 1] > key) or \
                (position + 1 < len(self._keys) and key > self._keys[position + 1]):
            return False
        self._spans[position] = span
        self._keys[position] = key
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def _remove(self, span_id: str) -> None:
        row = self.row_of(span_id)
        if row is None:
            return
        position = self._row(row)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._spans[position]
        del self._keys[position]
        self.endRemoveRows()

    def _insert(self, span: Span) -> None:
        key = self._key_function()(span)
        position = bisect_left(self._keys, key)
        row = len(self._spans) - position if self._descending else position
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(position, span)
        self._keys.insert(position, key)
        self.endInsertRows()

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        key = self._key_function()
        self._spans.sort(key=key)
        self._keys = [key(s) for s in self._spans]
        self.layoutChanged.emit()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (tr("Label"), tr("Text"), tr("Position"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks for a dozen roles per cell on every repaint; answer the others at once.
        if role not in _ROLES:
            return None
        span = self.span(index.row())
        if span is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return self._names.get(span.label, span.label)
            if column == self.TEXT:
                return shown(" ".join(span.text.split()))
            return f"{span.start}–{span.end}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatches.get(span.label) if column == self.LABEL else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(span.text) if column == self.TEXT else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return text_alignment(span.text) if column == self.TEXT else None
        return span.id
