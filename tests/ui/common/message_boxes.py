"""Answering the desk's message boxes as a person would, and keeping what each said.

`MessageBoxes` presses OK on every message box that opens while it runs (modal ones shown
with exec() and window-modal ones shown with open() alike), so a test can count the boxes a
refusal shows: exactly one, never a second one nobody expected, never a hang.
"""

from __future__ import annotations

from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


class MessageBoxes:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []  # (title, text) of each box, in order
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._answer)

    def __enter__(self) -> MessageBoxes:
        self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._answer()
        self._timer.stop()

    @property
    def texts(self) -> list[str]:
        return [text for _title, text in self.seen]

    def _answer(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.seen.append((widget.windowTitle(), widget.text()))
                widget.done(QMessageBox.StandardButton.Ok)
