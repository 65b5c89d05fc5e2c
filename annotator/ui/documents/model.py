"""The document list as a lazy table model: rows are read a page at a time, on demand.

A project of 100k documents costs one count and one page of rows to show; scrolling reads
the pages that come into view. Filters (status, text) run in SQL through the session.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from annotator.core.commands import Change
from annotator.core.model import Status
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import status_icon, status_name, text_alignment
from annotator.ui.common.plain import shown, tooltip
from annotator.ui.common.session import DeskSession

PAGE_SIZE = 200
PAGES_KEPT = 40
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                    Qt.ItemDataRole.FontRole, DOC_ID_ROLE))


class DocumentListModel(QAbstractTableModel):
    TITLE, STATUS, SPANS = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk: DeskSession | None = None
        self.status_filter: Status | None = None
        self.text_filter = ""
        self.current_id: str | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_session(self, desk: DeskSession | None) -> None:
        self.desk = desk
        self.reload()

    def set_filter(self, status: Status | None, text: str) -> None:
        self.status_filter = status
        self.text_filter = text.strip()
        self.reload()

    def reload(self) -> None:
        """Count again and forget every page (after an import or a filter change)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = (self.desk.document_count(self.status_filter, self.text_filter or None)
                       if self.desk is not None else 0)
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Statuses or span counts changed: read the visible pages again on demand."""
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 2))

    def count_spans(self, doc_id: str, changes: list[Change]) -> None:
        """Keep the document's span count current after an edit, without reading again."""
        delta = sum((c.new is not None) - (c.old is not None) for c in changes if c.is_span)
        row = self.row_of(doc_id)
        if not delta or row is None:
            return
        item = self._row(row)
        if item is not None:
            item["spans"] += delta
            index = self.index(row, self.SPANS)
            self.dataChanged.emit(index, index)

    # -- reading pages ---------------------------------------------------------------------

    def _row(self, row: int) -> dict[str, Any] | None:
        if self.desk is None or not 0 <= row < self._count:
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            page = self.desk.document_page(page_number * PAGE_SIZE, PAGE_SIZE,
                                           self.status_filter, self.text_filter or None)
            self._pages[page_number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def doc_id(self, row: int) -> str | None:
        item = self._row(row)
        return item["id"] if item else None

    def row_of(self, doc_id: str) -> int | None:
        """The row of a document among the pages read so far (the current one always is)."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if item["id"] == doc_id:
                    return number * PAGE_SIZE + offset
        return None

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (tr("Title"), tr("Status"), tr("Spans"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        item = self._row(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return shown(item["title"] or item["id"])
            if column == self.STATUS:
                return status_name(item["status"])
            return item["spans"]
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return status_icon(item["status"])
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return tooltip(item["title"] or item["id"])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.TITLE:
                return text_alignment(item["title"] or item["id"])
            return int(Qt.AlignmentFlag.AlignCenter) if column == self.SPANS else None
        if role == Qt.ItemDataRole.FontRole and item["id"] == self.current_id:
            return self._bold
        if role == DOC_ID_ROLE:
            return item["id"]
        return None
