"""A panel of the desk as a dock widget the user can move and close.

Features make their panels' docks with this; the shell places them in the window (which
side, which tabs, how large), so that the window's arrangement is decided in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget


def panel_dock(window: QWidget, title: str, name: str, widget: QWidget, *,
               floatable: bool = False) -> QDockWidget:
    """A dock for `widget`, belonging to `window` (the shell adds it to the window's layout;
    made without a parent, a dock would start life as a window of its own)."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # saveState() finds docks by name
    dock.setWidget(widget)
    if not floatable:
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    return dock


class DockToggle(QObject):
    """A checkable action that shows and hides a feature's dock. The first time it shows the
    dock, `placeWanted` asks the shell to place it (after that the user's arrangement
    stands); the action stays checked exactly while the dock is open (closed by its own
    button, or a tab behind another panel still counts as open); `visibilityChanged` tells
    the feature to show what it holds again."""

    placeWanted = Signal()
    visibilityChanged = Signal()

    def __init__(self, action: QAction, dock: QDockWidget) -> None:
        super().__init__(dock)
        self.action, self.dock = action, dock
        self._placed = False
        action.toggled.connect(self._show)
        dock.visibilityChanged.connect(self._follow)

    def _show(self, shown: bool) -> None:
        if shown and not self._placed and not self.dock.isFloating():
            self._placed = True
            self.placeWanted.emit()
        self.dock.setVisible(shown)

    def _follow(self, _visible: bool) -> None:
        self.action.blockSignals(True)
        try:
            self.action.setChecked(not self.dock.isHidden())
        finally:
            self.action.blockSignals(False)
        self.visibilityChanged.emit()
