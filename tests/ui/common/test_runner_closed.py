"""A job submitted after the window began to close never starts a thread (one still running
when the window is destroyed would make Qt abort the process)."""

from __future__ import annotations

from pathlib import Path

from annotator.ui.common.background import JobRunner, ProjectJob


def test_a_job_after_shutdown_is_dropped(qtbot, tmp_path):
    runner = JobRunner()
    runner.shutdown()
    job = ProjectJob(Path(tmp_path / "none.tawsim"), lambda *_: 1, name="late")
    stopped: list[bool] = []
    job.stopped.connect(lambda: stopped.append(True))
    runner.submit(job)
    assert stopped == [True]
    assert not job.isRunning() and not runner.busy
