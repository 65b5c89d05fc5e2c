"""Keeping the project one file while the desk is open: a checkpoint once typing pauses.

Every edit is saved at once, but SQLite saves it into the journal beside the project file
(`NAME.tawsim-wal`) and copies it into the file itself only at a checkpoint. Someone who
copies the project file alone (to a USB stick, into an e-mail) would leave those edits
behind. So about a second after the last write the desk asks the session to checkpoint
(services.projects.checkpoint): a few milliseconds that never wait for a lock, so they cannot
hold up typing. Each write restarts the wait, so a burst of edits costs one checkpoint.
When another connection's read keeps some pages back (a background search, another window),
the checkpoint is tried again a little later. Closing the project checkpoints too.

Writes are noticed two ways: the session calls `wrote()` after each of its own, and once a
second `look()` compares the connection's count of changed rows with the last one seen, which
catches writes made through a service on the desk's connection without the session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.ui.common.failures import user_message

IDLE_MS = 1000  # how long after the last write the checkpoint runs
RETRY_MS = 300  # how soon it is tried again when another connection held pages back
RETRIES = 30  # then it waits for the next write (or the close) rather than keep trying


class IdleCheckpoint(QObject):
    """Runs `checkpoint()` (True when the project file alone holds every saved edit) once
    the desk has written nothing for IDLE_MS. `changes()` counts the rows the desk's
    connection has changed since it opened."""

    failed = Signal(str)  # a one-line message: the checkpoint met a full or damaged disk

    def __init__(self, checkpoint: Callable[[], bool], changes: Callable[[], int],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checkpoint = checkpoint
        self._changes = changes
        self._seen = changes()
        self._retries = 0
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleCheckpoint")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._run)

    @property
    def pending(self) -> bool:
        """Whether a checkpoint is waiting to run."""
        return self.timer.isActive()

    def wrote(self) -> None:
        """Something was saved: checkpoint once nothing more has been for IDLE_MS."""
        if self._stopped:
            return
        self._retries = 0
        self.timer.start(IDLE_MS)

    def look(self) -> None:
        """Start the wait if rows changed on the desk's connection since the last look."""
        if self._stopped:
            return
        changes = self._changes()
        if changes != self._seen:
            self._seen = changes
            if not self.timer.isActive():
                self.wrote()

    def stop(self) -> None:
        """The project is closing (and checkpoints as it closes): nothing more to do."""
        self._stopped = True
        self.timer.stop()

    def _run(self) -> None:
        if self._stopped:
            return
        self._seen = self._changes()
        try:
            complete = self._checkpoint()
        except Exception as error:  # a full disk or a damaged file, met while copying
            message = user_message(error)
            if message is None:
                raise
            self.failed.emit(message)
            return
        if not complete and self._retries < RETRIES:
            self._retries += 1
            self.timer.start(RETRY_MS)
