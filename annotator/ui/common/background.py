"""Long work off the window's thread: each job opens the project file on its own connection.

An SQLite connection belongs to the thread that uses it, so a job never touches the desk's
project object: it opens the same file again (services.projects.open_project), works, and
closes it. Jobs report progress and a result through Qt signals, which arrive on the window's
thread. One JobRunner runs its jobs one at a time: the search index is brought up to date by
whichever job needs it first, and two jobs writing the index at once would index the same
documents twice. Starting a job cancels the one running (it stops at its next check), unless
the running one is work the user asked to finish (export, merge, packaging): then it waits.
A failure the person can act on (a full disk, a read-only folder, a damaged project) ends a
job as `failed` with its one line (ui.common.failures); only a bug ends it as `crashed`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.errors import TawsimError
from annotator.services.projects import open_project
from annotator.ui.common.failures import user_message

# work(project, progress, cancelled) -> result; `progress(n)` adds n to what is done.
Work = Callable[[Any, Callable[[int], None], Callable[[], bool]], Any]


class JobCancelled(TawsimError):
    """Raised by a job's work to say it stopped because it was asked to."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class ProjectJob(QObject):
    """One piece of work on a thread of its own. Its signals are emitted on the window's
    thread, so any slot, lambdas included, runs there.

    The worker thread is a plain Python thread that neither emits nor calls anything of Qt:
    it puts what it has to say in a queue, and a timer on the window's thread reads the queue
    and emits the signals. Garbage is collected on the window's thread only
    (ui.common.collector): a collection on the worker's thread could destroy a window's Qt
    objects there, which crashed the process once in four test runs at once under load.
    """

    progressed = Signal(int)  # how much more is done (documents, articles...)
    succeeded = Signal(object)
    failed = Signal(str)  # a one-line message for the user
    stopped = Signal()  # cancelled: nothing to show
    crashed = Signal(object)  # a bug: the exception, re-raised on the window's thread
    ended = Signal()  # after whichever of the four above

    POLL_MS = 20

    def __init__(self, path: Path, work: Work, name: str = "",
                 parent: QObject | None = None, *, interruptible: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(name or "projectJob")
        self.path = Path(path)
        self.work = work
        # A search or an indexing run gives way to newer work; an export, a merge or
        # packaging is something the user asked to finish: later jobs wait for it.
        self.interruptible = interruptible
        self._cancel = threading.Event()
        self._said: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._relay)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        thread = threading.Thread(
            target=_run, args=(self.path, self.work, self._said, self._cancel),
            name=self.objectName(), daemon=True)
        self._thread = thread
        thread.start()
        self._poll.start()

    def isRunning(self) -> bool:  # QThread's name, which callers know
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        """Block until the work has returned (its outcome is delivered by the timer)."""
        if self._thread is not None:
            self._thread.join()

    def _relay(self) -> None:
        progress = 0
        while True:
            try:
                kind, value = self._said.get_nowait()
            except queue.Empty:
                break
            if kind == "progress":
                progress += int(value)  # type: ignore[call-overload]
                continue
            if progress:
                self.progressed.emit(progress)
                progress = 0
            self._poll.stop()
            self._deliver(kind, value)
            return
        if progress:
            self.progressed.emit(progress)

    def _deliver(self, outcome: str, value: object) -> None:
        if outcome == "succeeded":
            self.succeeded.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
        elif outcome == "crashed":
            self.crashed.emit(value)
        else:
            self.stopped.emit()
        self.ended.emit()


def _run(path: Path, work: Work, said: queue.SimpleQueue[tuple[str, object]],
         cancel: threading.Event) -> None:
    """The job's thread: the work on its own connection, its progress and its outcome put
    in `said` (plain Python objects only)."""
    def progress(amount: int) -> None:
        said.put(("progress", amount))

    try:
        project = open_project(path)
        try:
            result = work(project, progress, cancel.is_set)
        finally:
            project.close()
    except JobCancelled:
        said.put(("stopped", None))
    except TawsimError as error:
        said.put(("stopped" if cancel.is_set() else "failed", user_message(error)))
    except Exception as error:  # a full disk, a busy project... or a bug
        message = user_message(error, path)
        said.put(("crashed" if message is None else "failed",
                  error if message is None else message))
    except BaseException as error:  # SystemExit, KeyboardInterrupt: still an outcome, or
        said.put(("crashed", error))  # the runner would wait for this job for ever
        raise
    else:
        said.put(("stopped" if cancel.is_set() else "succeeded", result))


def _reraise(error: BaseException) -> None:
    raise error


class JobRunner(QObject):
    """Runs ProjectJobs one after another; a new job cancels the running one unless that
    one must finish (an export, a merge), and replaces any interruptible job still waiting."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: ProjectJob | None = None
        self._waiting: list[ProjectJob] = []
        self._closed = False

    @property
    def busy(self) -> bool:
        return self.current is not None or bool(self._waiting)

    def submit(self, job: ProjectJob) -> ProjectJob:
        job.setParent(self)
        if self._closed:
            # The window is closing: a timer that fires now must not start a thread that
            # would still run when the window, its parent, is destroyed (Qt aborts then).
            self._drop(job)
            return job
        job.crashed.connect(_reraise)
        job.ended.connect(lambda j=job: self._finished(j))
        for waiting in [w for w in self._waiting if w.interruptible]:
            self._waiting.remove(waiting)
            self._drop(waiting)
        self._waiting.append(job)
        if self.current is None:
            self._next()
        elif self.current.interruptible:
            self.current.cancel()
        return job

    def cancel(self, job: ProjectJob) -> None:
        """Stop `job`, whether it runs already or waits its turn."""
        if job in self._waiting:
            self._waiting.remove(job)
            self._drop(job)
        else:
            job.cancel()

    @staticmethod
    def _drop(job: ProjectJob) -> None:
        """A job that never started: it ends as cancelled."""
        job.cancel()
        job.stopped.emit()
        job.ended.emit()
        job.deleteLater()

    def _next(self) -> None:
        if self._waiting:
            self.current = self._waiting.pop(0)
            self.current.start()
        else:
            self.idle.emit()

    def _finished(self, job: ProjectJob) -> None:
        if job is self.current:
            self.current = None
            job.wait()  # run() has returned; let the thread wind down before deleting it
            job.deleteLater()
            self._next()

    def shutdown(self) -> None:
        """Cancel everything and wait for the running job (the window is closing); jobs
        submitted after this are dropped."""
        self._closed = True
        self._waiting = []
        job, self.current = self.current, None
        if job is not None:
            job.cancel()
            job.wait()
