"""A panel of the desk as a dock widget the user can move and close.

Features make their panels' docks with this; the shell places them in the window (which
side, which tabs, how large), so that the window's arrangement is decided in one place.
"""

from __future__ import annotations

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
