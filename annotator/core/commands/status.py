"""The command that marks a document's layer done, reviewed or in progress again."""

from __future__ import annotations

from typing import Any

from annotator.core.commands.base import AnnotationStore, Change, Command, StaleEdit
from annotator.core.commands.summary import EditSummary
from annotator.core.model import Status


class SetStatus(Command):
    """A document's status in one layer (done, reviewed, in progress again) as a step of its
    undo stack. It changes no span or relation, so it reports no changes; the stack still
    saves it in one transaction with its audit row. Each way, the status must still be the
    one the step starts from: another window's Reviewed is not undone to In progress."""

    action = "set_status"
    starts_document = False

    def __init__(self, doc_id: str, layer: str, old: Status, new: Status) -> None:
        self.doc_id, self.layer = doc_id, layer
        self.old, self.new = Status(old), Status(new)

    @property
    def summary(self) -> EditSummary:
        return EditSummary("mark", status=self.new.value)

    def _move(self, store: AnnotationStore, source: Status, target: Status) -> list[Change]:
        if store.current_status(self.doc_id, self.layer) != source:
            raise StaleEdit("document's status")
        store.write_status(self.doc_id, self.layer, target)
        return []

    def apply(self, store: AnnotationStore) -> list[Change]:
        return self._move(store, self.old, self.new)

    def revert(self, store: AnnotationStore) -> list[Change]:
        return self._move(store, self.new, self.old)

    def before(self) -> Any:
        return self.old.value

    def after(self) -> Any:
        return self.new.value
