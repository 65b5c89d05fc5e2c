"""The search desk's commands as actions with their shortcuts (listed by Help › Keyboard
shortcuts like every other action of the window)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from annotator.ui.common.i18n import tr


def window_action(window: QWidget, text: str, *shortcuts: str, name: str,
                  checkable: bool = False) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
    action.setCheckable(checkable)
    window.addAction(action)  # the shortcut works wherever the focus is in the window
    return action


class SearchActions:
    def __init__(self, window: QWidget) -> None:
        a = window_action
        self.find = a(window, tr("&Find in the article…"), "Ctrl+F", name="findInArticle")
        self.find_next = a(window, tr("Find &next"), "F3", name="findNext")
        self.find_previous = a(window, tr("Find pre&vious"), "Shift+F3", name="findPrevious")
        self.search_project = a(window, tr("&Search the project…"), "Ctrl+Shift+F",
                                name="searchProject")
        self.label_all = a(window, tr("Label &all occurrences…"), "Ctrl+Shift+L",
                           name="labelAll")
        self.leave_out_proclitic = a(window, tr("Leave out the &proclitic"), "Ctrl+T",
                                     name="leaveOutProclitic")
        self.leave_out_proclitic.setEnabled(False)
        self.show_invisibles = a(window, tr("Show &invisible characters"), "Ctrl+Shift+H",
                                 name="showInvisibles", checkable=True)

    def update_states(self, *, has_project: bool, has_document: bool, has_span: bool) -> None:
        for action in (self.find, self.find_next, self.find_previous):
            action.setEnabled(has_document)
        self.search_project.setEnabled(has_project)
        self.label_all.setEnabled(has_span)

    def add_to_menus(self, edit: QMenu | None, view: QMenu | None) -> None:
        if edit is not None:
            edit.addSeparator()
            edit.addActions([self.find, self.find_next, self.find_previous,
                             self.search_project])
        if view is not None:  # after the zoom, before the first separator
            first_separator = next((a for a in view.actions() if a.isSeparator()), None)
            view.insertAction(first_separator, self.show_invisibles)  # type: ignore[arg-type]

    def annotate_actions(self) -> list[QAction]:
        """For the Annotate menu, which the window refills with the scheme's labels."""
        return [self.label_all, self.leave_out_proclitic]
