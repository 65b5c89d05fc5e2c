"""Where the claims panels go: the selected span's attributes and links under the span list,
the claims table under the article, the help beside the selected span (hidden at first).

Side panels keep the window's full height (the bottom corners belong to them), so the claims
table takes width only from under the article, which stays the centre of the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QWidget

from annotator.ui.common.i18n import tr

CLAIMS_HEIGHT = 240
DETAILS_HEIGHT = 420


def _dock(window: QMainWindow, title: str, name: str, widget: QWidget,
          area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState() finds docks by name
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    window.addDockWidget(area, dock)
    return dock


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def add_claim_docks(window: QMainWindow, beside: QDockWidget, details: QWidget,
                    claims: QWidget, help_panel: QWidget
                    ) -> tuple[QDockWidget, QDockWidget, QDockWidget]:
    """Add the three docks; `beside` is the span list's dock, which the details go under."""
    trailing = window.dockWidgetArea(beside)
    for corner, area in ((Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
                         (Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)):
        window.setCorner(corner, area)
    details_dock = _dock(window, tr("Selected span"), "detailsDock", _scrolling(details),
                         trailing)
    window.splitDockWidget(beside, details_dock, Qt.Orientation.Vertical)
    claims_dock = _dock(window, tr("Claims"), "claimsDock", claims,
                        Qt.DockWidgetArea.BottomDockWidgetArea)
    help_dock = _dock(window, tr("Help"), "helpDock", help_panel, trailing)
    window.tabifyDockWidget(details_dock, help_dock)
    details_dock.raise_()
    help_dock.hide()
    return details_dock, claims_dock, help_dock


def size_claim_docks(window: QMainWindow, beside: QDockWidget, details: QDockWidget,
                     claims: QDockWidget) -> None:
    """Give the panels room on the first run (later runs restore what the user chose)."""
    window.resizeDocks([claims], [CLAIMS_HEIGHT], Qt.Orientation.Vertical)
    rest = max(window.height() - DETAILS_HEIGHT - 120, 200)
    window.resizeDocks([beside, details], [rest, DETAILS_HEIGHT], Qt.Orientation.Vertical)
