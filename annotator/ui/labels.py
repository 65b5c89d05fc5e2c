"""How labels and statuses look in the interface: names in the interface language, swatches."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from annotator.core.model import Status
from annotator.core.scheme import LabelDef
from annotator.ui.i18n import language, tr

STATUS_COLORS = {
    Status.NEW: "#b0b0b0",
    Status.IN_PROGRESS: "#e0a526",
    Status.DONE: "#3f9d4f",
    Status.REVIEWED: "#3b73b9",
}


def status_name(status: Status | str) -> str:
    names = {
        Status.NEW: tr("New"),
        Status.IN_PROGRESS: tr("In progress"),
        Status.DONE: tr("Done"),
        Status.REVIEWED: tr("Reviewed"),
    }
    return names[Status(status)]


def label_name(label: LabelDef) -> str:
    return label.display(language())


@cache
def swatch(color: str, style: str = "background", size: int = 14) -> QIcon:
    """A small square in the label's colour; underlined labels get a bar instead."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(color)
    if style == "underline":
        tint = QColor(fill)
        tint.setAlpha(90)
        painter.fillRect(1, 1, size - 2, size - 2, tint)
        painter.fillRect(1, size - 4, size - 2, 3, fill.darker(115))
    else:
        painter.setPen(fill.darker(130))
        painter.setBrush(fill)
        painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def status_icon(status: Status | str) -> QIcon:
    return dot(STATUS_COLORS[Status(status)])


@cache
def dot(color: str, size: int = 10) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return QIcon(pixmap)
