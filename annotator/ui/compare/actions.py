"""The prediction view's commands: compare with a prediction layer, walk the disagreements,
accept the predicted span."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from annotator.ui.common.actions import window_action
from annotator.ui.common.i18n import tr


class ComparisonActions:
    def __init__(self, host: QWidget) -> None:
        a = window_action
        self.compare = a(host, tr("&Compare with a prediction layer"), "Ctrl+Shift+P",
                         name="comparePredictions", checkable=True)
        self.next = a(host, tr("Next disagreement"), "F4", name="nextDisagreement")
        self.previous = a(host, tr("Previous disagreement"), "Shift+F4",
                          name="previousDisagreement")
        # A, typed in the predictions panel (on any keyboard layout), not a window shortcut:
        # in the article the letter keys belong to the selected span (a claim's stance).
        self.accept = a(host, tr("Accept the predicted span") + "\tA",
                        name="acceptPrediction")

    def set_comparing(self, comparing: bool, walking: bool = False) -> None:
        """F4 and Shift+F4 while comparing or while another walk (curation) is open; A only
        while comparing."""
        for action in (self.next, self.previous):
            action.setEnabled(comparing or walking)
        self.accept.setEnabled(comparing)

    def view_actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.compare, self.next, self.previous, self.accept]
