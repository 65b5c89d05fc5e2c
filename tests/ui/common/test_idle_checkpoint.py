"""The idle checkpoint on its own: once after a pause, again soon when another connection
held pages back, a full disk said in one line, and nothing after the project closed."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from annotator.ui.common import idle_checkpoint
from annotator.ui.common.idle_checkpoint import IdleCheckpoint


class Project:
    """What the checkpoint sees of a project: rows written, and how each checkpoint ends."""

    def __init__(self, *outcomes: bool | Exception) -> None:
        self.rows = 0
        self.calls = 0
        self.outcomes = list(outcomes)

    def checkpoint(self) -> bool:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else True
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


# How long a test waits for what the timers do: far longer than they take, so that a
# loaded machine never fails a test (waitUntil returns as soon as it holds).
WAIT_MS = 10_000


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(idle_checkpoint, "IDLE_MS", 100)
    monkeypatch.setattr(idle_checkpoint, "RETRY_MS", 20)


def test_one_checkpoint_after_the_pause(qtbot, monkeypatch):
    # Writes 40 ms apart keep putting the checkpoint off; a pause a loaded machine could
    # slip in between two of them must stay far shorter than the idle time.
    monkeypatch.setattr(idle_checkpoint, "IDLE_MS", 1000)
    project = Project()
    saver = IdleCheckpoint(project.checkpoint, lambda: project.rows)
    for _ in range(5):
        saver.wrote()
        qtbot.wait(40)
    assert project.calls == 0  # each write starts the wait again
    qtbot.waitUntil(lambda: project.calls == 1, timeout=WAIT_MS)
    qtbot.wait(150)
    assert project.calls == 1 and not saver.pending


def test_held_back_pages_are_tried_again(qtbot):
    project = Project(False, False, True)
    saver = IdleCheckpoint(project.checkpoint, lambda: project.rows)
    saver.wrote()
    qtbot.waitUntil(lambda: project.calls == 3 and not saver.pending, timeout=WAIT_MS)
    qtbot.wait(100)
    assert project.calls == 3


def test_retries_stop_until_the_next_write(qtbot, monkeypatch):
    monkeypatch.setattr(idle_checkpoint, "RETRIES", 2)
    project = Project(*[False] * 10)
    saver = IdleCheckpoint(project.checkpoint, lambda: project.rows)
    saver.wrote()
    qtbot.waitUntil(lambda: project.calls == 3 and not saver.pending, timeout=WAIT_MS)
    saver.wrote()
    qtbot.waitUntil(lambda: project.calls == 6 and not saver.pending, timeout=WAIT_MS)


def test_rows_written_elsewhere_on_the_connection_start_the_wait(qtbot):
    project = Project()
    saver = IdleCheckpoint(project.checkpoint, lambda: project.rows)
    saver.look()
    assert not saver.pending  # nothing written since it began
    project.rows += 3
    saver.look()
    assert saver.pending
    qtbot.waitUntil(lambda: project.calls == 1, timeout=WAIT_MS)
    saver.look()
    assert not saver.pending


@pytest.mark.parametrize("failure", [
    sqlite3.OperationalError("database or disk is full"),
    OSError(errno.ENOSPC, "No space left on device"),
], ids=["sqlite", "system"])
def test_a_full_disk_is_one_line(qtbot, failure):
    project = Project(failure)
    saver = IdleCheckpoint(project.checkpoint, lambda: project.rows)
    with qtbot.waitSignal(saver.failed) as said:
        saver.wrote()
    assert "disk is full" in said.args[0]


def test_nothing_runs_once_stopped(qtbot):
    project = Project()
    saver = IdleCheckpoint(project.checkpoint, lambda: project.rows)
    saver.wrote()
    saver.stop()
    project.rows += 1
    saver.look()
    saver.wrote()
    qtbot.wait(200)
    assert project.calls == 0
