"""The command line's progress bar: on a terminal only, once the work has taken a moment."""

from __future__ import annotations

import io
import sys

import annotator.cli.common as common


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(monkeypatch, stream) -> str:
    clock = iter([0.0, 0.1, common.PROGRESS_DELAY + 1, common.PROGRESS_DELAY + 2])
    monkeypatch.setattr(common.time, "monotonic", lambda: next(clock, 99.0))
    monkeypatch.setattr(sys, "stderr", stream)
    with common.lazy_progress(10, "Exporting") as advance:
        advance(3)  # within the moment: nothing yet
        advance(3)  # past it: the bar
        advance(4)
    return stream.getvalue()


def test_a_bar_appears_on_a_terminal_once_the_work_takes_a_moment(monkeypatch):
    assert "Exporting" in _run(monkeypatch, Terminal())


def test_nothing_is_written_to_a_pipe_or_a_log_however_long_it_takes(monkeypatch):
    assert _run(monkeypatch, io.StringIO()) == ""
