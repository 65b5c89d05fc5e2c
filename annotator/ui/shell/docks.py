"""The two side panels as dock widgets: documents on the leading side, spans on the other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from annotator.ui.common.i18n import tr

DOCK_WIDTH = 340  # wide enough for the columns of both lists


def _dock(window: QMainWindow, title: str, name: str, widget: QWidget,
          area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState() finds docks by name
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    window.addDockWidget(area, dock)
    return dock


def add_side_docks(window: QMainWindow, documents: QWidget,
                   spans: QWidget) -> tuple[QDockWidget, QDockWidget]:
    # Dock areas do not follow the layout direction, so the mirrored layout swaps them.
    leading, trailing = Qt.DockWidgetArea.LeftDockWidgetArea, \
        Qt.DockWidgetArea.RightDockWidgetArea
    if window.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        leading, trailing = trailing, leading
    return (_dock(window, tr("Documents"), "documentsDock", documents, leading),
            _dock(window, tr("Spans"), "spansDock", spans, trailing))


def widen_docks(window: QMainWindow, docks: tuple[QDockWidget, QDockWidget]) -> None:
    """Give both panels room on the first run (later runs restore what the user chose)."""
    window.resizeDocks(list(docks), [DOCK_WIDTH, DOCK_WIDTH], Qt.Orientation.Horizontal)
