"""The command that marks a document's layer done, reviewed or in progress again."""

from __future__ import annotations

from typing import Any

from annotator.core.commands.base import AnnotationStore, Change, Command
from annotator.core.commands.summary import EditSummary
from annotator.core.model import Status


class SetStatus(Command):
    """A document's status in one layer (done, reviewed, in progress again) as a step of its
    undo stack. It changes no span or relation, so it reports no changes; the stack still
    saves it in one transaction with its audit row."""

    action = "set_status"
    starts_document = False

    def __init__(self, doc_id: str, layer: str, old: Status, new: Status) -> None:
        self.doc_id, self.layer = doc_id, layer
        self.old, self.new = Status(old), Status(new)

    @property
    def summary(self) -> EditSummary:
        return EditSummary("mark", status=self.new.value)

    def apply(self, store: AnnotationStore) -> list[Change]:
        store.write_status(self.doc_id, self.layer, self.new)
        return []

    def revert(self, store: AnnotationStore) -> list[Change]:
        store.write_status(self.doc_id, self.layer, self.old)
        return []

    def before(self) -> Any:
        return self.old.value

    def after(self) -> Any:
        return self.new.value
