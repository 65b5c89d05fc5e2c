"""The suite's guard against a dialog no test answers: it is closed and named, instead of the
run waiting for its timeout."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.ui.dialog_watch import DialogWatch


def test_a_forgotten_dialog_is_closed_and_named(qtbot):
    watch = DialogWatch(limit_s=0.2)
    watch.start()
    box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open", "the file is damaged")
    box.exec()  # returns once the guard has closed it
    watch.stop()
    assert watch.forgotten == ["QMessageBox 'Cannot open': the file is damaged"]
