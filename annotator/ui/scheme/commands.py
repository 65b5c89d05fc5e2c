"""The scheme commands of the desk: edit it in the dialog, load a scheme file, save it.

After any change the window rebuilds what depends on the scheme (label keys, palette,
colours, panels) and reopens the document, whose spans may have been renamed; the undo
history was dropped by the DeskSession, since its steps name the old scheme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog

from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession
from annotator.ui.scheme.counts import describe_report
from annotator.ui.scheme.dialog import SchemeDialog
from annotator.ui.scheme.files import (
    choose_scheme_file,
    choose_scheme_target,
    load_scheme_file,
    save_scheme_file,
)

if TYPE_CHECKING:
    from annotator.ui.claims.desk import ClaimsDesk


class SchemeCommands(QObject):
    def __init__(self, hub: ClaimsDesk) -> None:
        super().__init__(hub)
        self.hub = hub
        self.window = hub.window
        actions = hub.actions
        actions.edit_scheme.triggered.connect(self.edit)
        actions.load_scheme.triggered.connect(self.load)
        actions.save_scheme.triggered.connect(self.save)

    def follow(self, desk: DeskSession) -> None:
        desk.schemeChanged.connect(self.window.refresh_scheme)

    def edit(self) -> SchemeDialog | None:
        """Open the scheme dialog (window-modal; it applies its changes itself)."""
        desk = self.window.desk
        if desk is None:
            return None
        dialog = SchemeDialog(self.window, desk)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.report is not None:
                self.hub.say(describe_report(dialog.report, applied=True).replace("\n", " — "))

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def load(self) -> None:
        desk = self.window.desk
        if desk is None:
            return
        path = choose_scheme_file(self.window, self.window.recent_folder())
        if path is None:
            return
        report = load_scheme_file(self.window, desk, path)
        if report is not None:
            self.hub.say(tr("Loaded the scheme “{name}”.", name=report.scheme.name) + " "
                         + describe_report(report, applied=True).replace("\n", " — "))

    def save(self) -> None:
        desk = self.window.desk
        if desk is None:
            return
        path = choose_scheme_target(self.window, self.window.recent_folder(), desk.scheme.name)
        if path is not None and save_scheme_file(self.window, desk, path) is not None:
            self.hub.say(tr("Saved the scheme to {path}", path=str(path)))
