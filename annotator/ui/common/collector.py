"""Python's garbage collector, run on the window's thread only.

The collector runs on whichever thread happens to allocate when a generation fills up. In the
desk that can be a background job's thread (ui.common.background), and a collection there
destroys whatever Qt objects sit in unreachable cycles on that thread: Qt objects belong to the
window's thread, and destroying one elsewhere crashed the process (reproduced by running the
export tests a few hundred times with frequent collections, with the jobs on a QThread as on a
plain thread). So the desk turns automatic collection off and collects from a timer on the
window's thread, by the same thresholds CPython uses.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

TICK_MS = 200  # how often the window's thread looks at the collector's counts


class WindowThreadCollector(QObject):
    """Turns automatic collection off and collects on this (the window's) thread instead."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Back to automatic collection (when no window or job is left)."""
        self._timer.stop()
        gc.enable()

    def tick(self) -> None:  # a timer of the window's thread calls it
        first, second, third = gc.get_count()
        limit0, limit1, limit2 = self._thresholds
        if limit0 and first > limit0:
            generation = 2 if third > limit2 else 1 if second > limit1 else 0
            gc.collect(generation)


def collect_on_window_thread(app: QCoreApplication) -> WindowThreadCollector:
    """The application's collector, made and started once."""
    found = app.findChild(WindowThreadCollector)
    if found is None:
        found = WindowThreadCollector(app)
        found.start()
    return found
