"""A guard against a modal dialog that no test answers: it would wait for an answer nobody
gives until the suite's timeout killed the whole run. The guard closes a dialog that stays
open longer than its limit and remembers what it said, so that the test can fail naming it
and the other tests still run."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

FORGOTTEN_DIALOG_S = 60.0  # a dialog no test answers in this long is one nobody will answer


class DialogWatch:
    def __init__(self, limit_s: float = FORGOTTEN_DIALOG_S) -> None:
        self.limit_s = limit_s
        self.forgotten: list[str] = []
        self._first_seen: dict[int, float] = {}
        self._timer = QTimer()
        self._timer.timeout.connect(self._look)

    def start(self) -> None:
        self._timer.start(min(500, max(10, int(self.limit_s * 250))))

    def stop(self) -> None:
        self._timer.stop()

    def _look(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            self._first_seen.clear()
            return
        since = self._first_seen.setdefault(id(widget), time.monotonic())
        if time.monotonic() - since > self.limit_s:
            text = widget.text() if isinstance(widget, QMessageBox) else ""
            self.forgotten.append(f"{type(widget).__name__} {widget.windowTitle()!r}: {text}")
            self._first_seen.pop(id(widget), None)
            widget.close()
