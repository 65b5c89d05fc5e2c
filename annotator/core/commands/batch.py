"""Several commands of one document's layer as one edit, undone and redone together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.commands.base import AnnotationStore, Change, Command
from annotator.core.commands.summary import EditSummary


class Batch(Command):
    """Several commands as one edit (label all occurrences, relabel with its links)."""

    def __init__(self, commands: Sequence[Command], summary: EditSummary,
                 action: str = "batch"):
        if not commands:
            raise ValueError("a batch needs at least one command")
        keys = {(c.doc_id, c.layer) for c in commands}
        if len(keys) != 1:
            raise ValueError("a batch edits one document's layer")
        self.commands = list(commands)
        self.doc_id, self.layer = next(iter(keys))
        self.action = action
        self._summary = summary

    @property
    def summary(self) -> EditSummary:
        return self._summary

    def apply(self, store: AnnotationStore) -> list[Change]:
        changes: list[Change] = []
        for command in self.commands:
            changes.extend(command.apply(store))
        return changes

    def revert(self, store: AnnotationStore) -> list[Change]:
        changes: list[Change] = []
        for command in reversed(self.commands):
            changes.extend(command.revert(store))
        return changes

    def before(self) -> Any:
        return [{"action": c.action, "value": c.before()} for c in self.commands]

    def after(self) -> Any:
        return [{"action": c.action, "value": c.after()} for c in self.commands]
