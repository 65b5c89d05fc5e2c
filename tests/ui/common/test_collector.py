"""Garbage is collected on the window's thread only, never on a background job's thread."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from annotator.ui.common.collector import collect_on_window_thread


class Cycle:
    """An object only a reference cycle keeps: freed by the collector, on its thread."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_a_job_thread_that_allocates_never_collects(qtbot, qapp):
    collector = collect_on_window_thread(qapp)
    assert collect_on_window_thread(qapp) is collector  # one per application
    assert not gc.isenabled()
    gc.collect()
    Cycle.freed_on.clear()
    for _ in range(50):
        Cycle()

    kept: list[list[object]] = []

    def allocate() -> None:  # objects that stay: far past the first generation's threshold
        kept.extend([] for _ in range(20 * gc.get_threshold()[0]))

    worker = threading.Thread(target=allocate, name="job")
    worker.start()
    worker.join()
    assert Cycle.freed_on == []  # the job's thread collected nothing
    qtbot.waitUntil(lambda: len(Cycle.freed_on) == 50)
    assert set(Cycle.freed_on) == {threading.main_thread().name}
