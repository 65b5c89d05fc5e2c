"""The search desk's commands as actions with their shortcuts (listed by Help › Keyboard
shortcuts like every other action of the window)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from annotator.ui.common.actions import window_action
from annotator.ui.common.i18n import tr


class SearchActions:
    def __init__(self, host: QWidget) -> None:
        a = window_action
        self.find = a(host, tr("&Find in the article…"), "Ctrl+F", name="findInArticle")
        self.find_next = a(host, tr("Find &next"), "F3", name="findNext")
        self.find_previous = a(host, tr("Find pre&vious"), "Shift+F3", name="findPrevious")
        self.search_project = a(host, tr("&Search the project…"), "Ctrl+Shift+F",
                                name="searchProject")
        self.label_all = a(host, tr("Label &all occurrences…"), "Ctrl+Shift+L",
                           name="labelAll")
        self.leave_out_proclitic = a(host, tr("Leave out the &proclitic"), "Ctrl+T",
                                     name="leaveOutProclitic")
        self.leave_out_proclitic.setEnabled(False)
        self.show_invisibles = a(host, tr("Show &invisible characters"), "Ctrl+Shift+H",
                                 name="showInvisibles", checkable=True)

    def update_states(self, *, has_project: bool, has_document: bool, has_span: bool) -> None:
        for action in (self.find, self.find_next, self.find_previous):
            action.setEnabled(has_document)
        self.search_project.setEnabled(has_project)
        self.label_all.setEnabled(has_span)

    def edit_actions(self) -> list[QAction]:
        """For the Edit menu, after a separator."""
        return [self.find, self.find_next, self.find_previous, self.search_project]

    def annotate_actions(self) -> list[QAction]:
        """For the Annotate menu, after the labels and the claims' commands."""
        return [self.label_all, self.leave_out_proclitic]
