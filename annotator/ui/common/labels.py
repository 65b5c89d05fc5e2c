"""How labels and statuses look in the interface: names in the interface language, swatches."""

from __future__ import annotations

import unicodedata
from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from annotator.core.model import Status
from annotator.core.scheme import LabelDef, Scheme
from annotator.ui.common.i18n import language, tr

STATUS_COLORS = {
    Status.NEW: "#b0b0b0",
    Status.IN_PROGRESS: "#e0a526",
    Status.DONE: "#3f9d4f",
    Status.REVIEWED: "#3b73b9",
}


RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
           | Qt.AlignmentFlag.AlignVCenter)


def text_alignment(text: str) -> int:
    """Right for text that starts right to left (Arabic), left otherwise, whatever the
    direction of the interface around it: a list cell reads like its own text."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return RIGHT
        if kind == "L":
            return LEFT
    return LEFT


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


def label_display(scheme: Scheme | None, name: str) -> str:
    """A label's name in the interface's language; the key as stored when the scheme has no
    such label (a span made under another scheme)."""
    return label_name(scheme.label(name)) if scheme is not None and scheme.has_label(name) \
        else name


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


@cache
def check_mark(color: str = STATUS_COLORS[Status.DONE], size: int = 16) -> QIcon:
    """A tick, for Mark as done."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(color), 2.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPolyline([QPointF(3, 8.5), QPointF(6.5, 12), QPointF(13, 4)])
    painter.end()
    return QIcon(pixmap)
