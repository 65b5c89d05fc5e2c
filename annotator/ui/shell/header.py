"""The line above the article: its title, and where it stands (position, status)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from annotator.core.model import Status
from annotator.ui.common.labels import STATUS_COLORS, status_name
from annotator.ui.common.plain import rich


class DocumentHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentHeader")
        self.title = QLabel()
        self.title.setObjectName("documentTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                | Qt.AlignmentFlag.AlignVCenter)
        self.where = QLabel()
        self.where.setObjectName("documentPlace")
        self.where.setTextFormat(Qt.TextFormat.RichText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.where)
        layout.addWidget(self.title, 1)

    def show_document(self, title: str, position: int, total: int, status: Status) -> None:
        self.title.setText(f"<b>{rich(title)}</b>")
        self.where.setText(
            f"{position + 1} / {total} &nbsp;<span style='color:{STATUS_COLORS[status]}'>●</span>"
            f" {html.escape(status_name(status))}")

    def clear(self) -> None:
        self.title.clear()
        self.where.clear()
