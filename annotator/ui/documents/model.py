"""The document list as a lazy table model: rows are read a page at a time, on demand.

A project of a million documents costs one count and one page of rows to show, and a jump to
any row reads that row's page by seq (services.document_list), never stepping over the rows
before it. A text filter reads the project in slices while the window stays live: rows
appear as they are found, and `scanned` reports how far it has read.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont

from annotator.core.commands import Change
from annotator.core.model import Status
from annotator.services.document_list import DocumentList
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import status_icon, status_name, text_alignment
from annotator.ui.common.plain import isolated, shown, tooltip
from annotator.ui.common.session import DeskSession
from annotator.ui.documents.review_columns import add_review_statuses, review_layers

PAGE_SIZE = 200
PAGES_KEPT = 40
SCAN_STEP_MS = 12  # reading time per turn of the event loop while a text filter scans
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                    Qt.ItemDataRole.FontRole, DOC_ID_ROLE))


class DocumentListModel(QAbstractTableModel):
    # The columns, in order: each has a header and a `_<name>` method giving its cell for a
    # role from the row the list read. A new column (a status per annotator, say) is one
    # more name here, its header, its method and the field its rows need.
    COLUMNS: tuple[str, ...] = ("title", "status", "spans")
    TITLE, STATUS, SPANS = range(3)
    scanned = Signal(float)  # share of the project a text filter has read (1.0: all)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.desk: DeskSession | None = None
        self.status_filter: Status | None = None
        # A lead in a gold layer sees every annotator's status beside gold's (review mode):
        # these layers, one column each, and the layer the status filter looks at.
        self.review_layers: tuple[str, ...] = ()
        self.filter_layer: str | None = None
        self.columns: tuple[str, ...] = self.COLUMNS
        self.text_filter = ""
        self.current_id: str | None = None
        self.listing: DocumentList | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._scan = QTimer(self)
        self._scan.setSingleShot(True)
        self._scan.setInterval(0)
        self._scan.timeout.connect(self._scan_step)

    def set_session(self, desk: DeskSession | None) -> None:
        self.desk = desk
        self.filter_layer = None
        self.review_layers = review_layers(desk) if desk is not None else ()
        self.reload()

    @property
    def reviewing(self) -> bool:
        return bool(self.review_layers)

    def set_filter_layer(self, layer: str | None) -> None:
        """Whose status the status filter looks at (None: the working layer's)."""
        self.filter_layer = layer
        self.reload()

    def set_filter(self, status: Status | None, text: str) -> None:
        self.status_filter = status
        self.text_filter = text.strip()
        self.reload()

    def reload(self) -> None:
        """Count again and forget every page (after an import or a filter change)."""
        self._scan.stop()
        self.beginResetModel()
        self._pages.clear()
        self.listing = None
        if self.desk is not None:
            self.listing = self.desk.session.document_list(self.status_filter,
                                                           self.text_filter or None,
                                                           self.filter_layer)
        self.columns = (("title", *(f"layer:{name}" for name in self.review_layers))
                        if self.review_layers else self.COLUMNS)
        self._count = self.listing.count if self.listing is not None else 0
        self.endResetModel()
        if self.listing is not None and not self.listing.complete:
            self.scanned.emit(0.0)
            self._scan_step()
        else:
            self.scanned.emit(1.0)

    @property
    def scanning(self) -> bool:
        return self.listing is not None and not self.listing.complete

    def finish_scan(self) -> None:
        """Read the rest of a text filter now (tests, and a caller that needs every row)."""
        while self.scanning:
            self._scan_step(budget_ms=1e9)

    def _scan_step(self, budget_ms: float = SCAN_STEP_MS) -> None:
        """Read slices of the project for the text filter for about `budget_ms`, show the
        rows found, and come back on the next turn of the event loop."""
        listing = self.listing
        if listing is None or listing.complete:
            return
        started = time.perf_counter()
        while not listing.complete and (time.perf_counter() - started) * 1000 < budget_ms:
            listing.scan()
        found = listing.count
        if found > self._count:
            last_page = (self._count - 1) // PAGE_SIZE if self._count else None
            if last_page is not None:
                self._pages.pop(last_page, None)  # it may have been read short
            self.beginInsertRows(QModelIndex(), self._count, found - 1)
            self._count = found
            self.endInsertRows()
        self.scanned.emit(listing.scanned)
        if not listing.complete:
            self._scan.start()

    def refresh_rows(self) -> None:
        """Statuses or span counts changed: read the visible pages again on demand."""
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._count - 1, len(self.columns) - 1))

    def count_spans(self, doc_id: str, changes: list[Change]) -> None:
        """Keep the document's span count current after an edit, without reading again."""
        delta = sum((c.new is not None) - (c.old is not None) for c in changes if c.is_span)
        row = self.row_of(doc_id)
        if not delta or row is None:
            return
        item = self._row(row)
        if item is not None and not self.reviewing:
            item["spans"] += delta
            index = self.index(row, self.SPANS)
            self.dataChanged.emit(index, index)

    # -- reading pages ---------------------------------------------------------------------

    def _row(self, row: int) -> dict[str, Any] | None:
        if self.listing is None or not 0 <= row < self._count:
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            page = self.listing.rows(page_number * PAGE_SIZE, PAGE_SIZE)
            if self.reviewing and self.desk is not None and page:
                add_review_statuses(self.desk, page, self.review_layers)
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

    def position_of(self, doc_id: str) -> int | None:
        """The row of a document in the list as it is filtered now, read or not; None if
        the list does not hold it (or a text filter has not reached it yet)."""
        row = self.row_of(doc_id)
        if row is not None or self.listing is None:
            return row
        row = self.listing.position_of_id(doc_id)
        return row if row is not None and row < self._count else None

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        name = self.columns[section]
        if name.startswith("layer:"):
            return self.layer_header(name[6:])
        return self.headers()[name]

    def layer_header(self, layer: str) -> str:
        working = self.desk is not None and layer == self.desk.layer
        return tr("{layer} (gold)", layer=isolated(layer)) if working else isolated(layer)

    @staticmethod
    def headers() -> dict[str, str]:
        return {"title": tr("Title"), "status": tr("Status"), "spans": tr("Spans")}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not 0 <= index.column() < len(self.columns):
            return None
        item = self._row(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if item["id"] == self.current_id else None
        if role == DOC_ID_ROLE:
            return item["id"]
        name = self.columns[index.column()]
        if name.startswith("layer:"):
            return self._layer_status(item.get("layers", {}).get(name[6:], "new"), role)
        return getattr(self, f"_{name}")(item, role)

    # -- the columns' cells ----------------------------------------------------------------

    def _title(self, item: dict[str, Any], role: int) -> Any:
        title = item["title"] or item["id"]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return text_alignment(title)
        return None

    def _status(self, item: dict[str, Any], role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return status_name(item["status"])
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(item["status"])
        return None

    def _layer_status(self, status: str, role: int) -> Any:
        # An icon each, the name in the tooltip: a column per annotator fits the panel.
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(status_name(status))
        return None

    def _spans(self, item: dict[str, Any], role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item["spans"]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
