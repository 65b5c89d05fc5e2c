"""The scheme on the desk: its commands (edit it in the dialog, load a scheme file, save it)
and the help panel (F1) that shows the project's guidelines from it.

A scheme change is made by the DeskSession, which drops the undo history (its steps name the
old scheme) and signals it; the shell then rebuilds what depends on the scheme (label keys,
palette, colours, panels) and reopens the document, whose spans may have been renamed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from annotator.core.scheme import Scheme
from annotator.ui.common.actions import window_action
from annotator.ui.common.docks import panel_dock
from annotator.ui.common.i18n import tr
from annotator.ui.context import DeskContext
from annotator.ui.scheme.counts import describe_report
from annotator.ui.scheme.dialog import SchemeDialog
from annotator.ui.scheme.files import (
    choose_scheme_file,
    choose_scheme_target,
    load_scheme_file,
    save_scheme_file,
)
from annotator.ui.scheme.help_panel import HelpPanel


class SchemeDesk(QObject):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        a, host = window_action, context.host
        self.edit_scheme = a(host, tr("&Edit the scheme…"), name="editScheme")
        self.load_scheme = a(host, tr("&Load a scheme file…"), name="loadScheme")
        self.save_scheme = a(host, tr("&Save the scheme to a file…"), name="saveScheme")
        self.edit_scheme.triggered.connect(self.edit)
        self.load_scheme.triggered.connect(self.load)
        self.save_scheme.triggered.connect(self.save)
        self.help = HelpPanel()
        self.help_dock = panel_dock(context.host, tr("Help"), "helpDock", self.help)

    def actions(self) -> list[QAction]:
        """For the Annotate menu's scheme submenu."""
        return [self.edit_scheme, self.load_scheme, self.save_scheme]

    def show_scheme(self, scheme: Scheme | None) -> None:
        if scheme is not None:
            self.help.show_scheme(scheme)
        for action in self.actions():
            action.setEnabled(scheme is not None)

    def show_help(self) -> None:
        """F1: show the help panel (in front of its tab neighbour); F1 again hides it."""
        dock = self.help_dock
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            dock.hide()
            return
        dock.show()
        dock.raise_()

    # -- commands --------------------------------------------------------------------------

    def edit(self) -> SchemeDialog | None:
        """Open the scheme dialog (window-modal; it applies its changes itself)."""
        desk = self.context.session
        if desk is None:
            return None
        dialog = SchemeDialog(self.context.host, desk)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.report is not None:
                self.context.say(describe_report(dialog.report, applied=True)
                                 .replace("\n", " — "))

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def load(self) -> None:
        desk = self.context.session
        if desk is None:
            return
        path = choose_scheme_file(self.context.host, self.context.project_folder())
        if path is None:
            return
        report = load_scheme_file(self.context.host, desk, path)
        if report is not None:
            self.context.say(tr("Loaded the scheme “{name}”.", name=report.scheme.name) + " "
                             + describe_report(report, applied=True).replace("\n", " — "))

    def save(self) -> None:
        desk = self.context.session
        if desk is None:
            return
        path = choose_scheme_target(self.context.host, self.context.project_folder(),
                                    desk.scheme.name)
        if path is not None and save_scheme_file(self.context.host, desk, path) is not None:
            self.context.say(tr("Saved the scheme to {path}", path=str(path)))
