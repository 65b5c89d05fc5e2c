"""Active time on each document: what a lead plans, prices and checks annotators with.

Time counts while the desk's window is the active window and the annotator pressed a key,
clicked or scrolled within the idle cutoff (a setting, two minutes at first). A clock ticks
every few seconds and adds the time since its last tick when both hold; the sum is written
for the open document when it is left, every minute, and when the desk closes, so a crash
loses at most a minute. The time of a tick that straddles a document switch goes to the
document that was open.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

TICK_MS = 5_000
WRITE_AFTER_S = 60.0
INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                          QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel})


class ActivityClock(QObject):
    def __init__(self, window: QWidget, idle_seconds: Callable[[], float],
                 record: Callable[[str, float], None],
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.idle_seconds = idle_seconds
        self.record = record  # record(doc_id, seconds): write it to the project
        self.now = now
        self.doc_id: str | None = None
        self.pending = 0.0  # counted, not yet written
        self.last_input = float("-inf")
        self.last_tick = now()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in INPUT_EVENTS:
            self.last_input = self.now()
        return False

    def tick(self) -> None:
        moment = self.now()
        since, self.last_tick = moment - self.last_tick, moment
        active = self.window.isActiveWindow() and \
            moment - self.last_input <= self.idle_seconds()
        if active and self.doc_id is not None:
            # A tick that came late (the machine slept) counts no more than two ticks.
            self.pending += min(since, 2 * TICK_MS / 1000)
        if self.pending >= WRITE_AFTER_S:
            self.write()

    def show_document(self, doc_id: str | None) -> None:
        """Another document is open: what the last one had goes to it first."""
        if doc_id == self.doc_id:
            return
        self.tick()
        self.write()
        self.doc_id = doc_id

    def write(self) -> None:
        pending, self.pending = self.pending, 0.0
        if pending > 0 and self.doc_id is not None:
            self.record(self.doc_id, pending)

    def stop(self) -> None:
        """The desk closes (or leaves the project): write what is counted."""
        self.tick()
        self.write()
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
