"""The prediction view's commands, the View menu entries, and where its panel first opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from annotator.ui.common.i18n import tr
from annotator.ui.search.actions import window_action
from annotator.ui.shell.working_layer import WorkingLayerMenu


class ComparisonActions:
    def __init__(self, window: QMainWindow) -> None:
        a = window_action
        self.compare = a(window, tr("&Compare with a prediction layer"), "Ctrl+Shift+P",
                         name="comparePredictions", checkable=True)
        self.next = a(window, tr("Next disagreement"), "F4", name="nextDisagreement")
        self.previous = a(window, tr("Previous disagreement"), "Shift+F4",
                          name="previousDisagreement")
        # A, typed in the predictions panel (on any keyboard layout), not a window shortcut:
        # in the article the letter keys belong to the selected span (a claim's stance).
        self.accept = a(window, tr("Accept the predicted span") + "\tA",
                        name="acceptPrediction")
        layers = QMenu(tr("&Working layer"), window)
        layers.setObjectName("workingLayerMenu")
        self.layers = WorkingLayerMenu(layers)
        view = window.menuBar().findChild(QMenu, "viewMenu")
        if view is not None:
            view.addSeparator()
            view.addActions([self.compare, self.next, self.previous, self.accept])
            view.addMenu(layers)

    def set_comparing(self, comparing: bool) -> None:
        for action in (self.next, self.previous, self.accept):
            action.setEnabled(comparing)


def place_at_the_foot(window: QMainWindow, dock: QDockWidget) -> None:
    """The panel's first place: a tab over the other panels at the foot of the window (so the
    prediction's article gets the width), two fifths of the window high."""
    area = window.dockWidgetArea(dock)
    others = [other for other in window.findChildren(QDockWidget)
              if other is not dock and not other.isFloating() and not other.isHidden()
              and window.dockWidgetArea(other) == area]
    if others:
        window.tabifyDockWidget(others[0], dock)
    dock.show()
    dock.raise_()
    window.resizeDocks([dock], [int(window.height() * 0.4)], Qt.Orientation.Vertical)
