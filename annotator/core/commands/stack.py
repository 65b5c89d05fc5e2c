"""The undo stack: every change to annotations is pushed here, and undone or redone here.

The stack lives in the core, so that undo, saving and tests need no widgets: the desk pushes
commands and listens for the changes they report. Each push, undo and redo runs inside
`store.edit(...)`, which the storage layer makes one SQLite transaction with one audit row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from annotator.core.commands.base import AnnotationStore, Change, Command, EditRecord
from annotator.core.commands.summary import EditSummary

Listener = Callable[[list[Change]], None]


class CommandStack:
    """Undo and redo for one document's edits, each step saved in its own transaction."""

    def __init__(self, store: AnnotationStore, actor: str, limit: int = 1000) -> None:
        self.store = store
        self.actor = actor
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_description(self) -> str | None:
        return self._done[-1].description if self._done else None

    @property
    def redo_description(self) -> str | None:
        return self._undone[-1].description if self._undone else None

    @property
    def undo_summary(self) -> EditSummary | None:
        return self._done[-1].summary if self._done else None

    @property
    def redo_summary(self) -> EditSummary | None:
        return self._undone[-1].summary if self._undone else None

    def push(self, command: Command) -> list[Change]:
        """Apply and save `command`; if saving fails, nothing changed and it raises."""
        record = EditRecord(self.actor, command.action, command.doc_id, command.layer,
                            starts_document=command.starts_document)
        with self.store.edit(record):
            changes = command.apply(self.store)
            record.before, record.after = command.before(), command.after()
        self._done.append(command)
        del self._done[: -self.limit]
        self._undone.clear()
        self._notify(changes)
        return changes

    def undo(self) -> list[Change]:
        if not self._done:
            return []
        command = self._done[-1]
        record = EditRecord(self.actor, "undo_" + command.action, command.doc_id,
                            command.layer, starts_document=command.starts_document)
        with self.store.edit(record):
            changes = command.revert(self.store)
            record.before, record.after = command.after(), command.before()
        self._undone.append(self._done.pop())
        self._notify(changes)
        return changes

    def redo(self) -> list[Change]:
        if not self._undone:
            return []
        command = self._undone[-1]
        record = EditRecord(self.actor, "redo_" + command.action, command.doc_id,
                            command.layer, starts_document=command.starts_document)
        with self.store.edit(record):
            changes = command.apply(self.store)
            record.before, record.after = command.before(), command.after()
        self._done.append(self._undone.pop())
        self._notify(changes)
        return changes

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

    def _notify(self, changes: list[Change]) -> None:
        for listener in list(self._listeners):
            listener(changes)

    def history(self) -> Iterator[str]:
        """Descriptions of the edits that can be undone, newest first."""
        return (command.description for command in reversed(self._done))
