"""What a command is, what it reports, and what it needs from the project it edits.

A Command applies and reverts one edit of one document's layer; it reports each Change (a
span or relation that appeared, vanished or changed) and is saved through an AnnotationStore,
which the storage layer implements, with an EditRecord for the audit trail. A step whose rows
were changed elsewhere since is refused with StaleEdit, having written nothing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from annotator.core.commands.summary import EditSummary
from annotator.core.errors import TawsimError
from annotator.core.model import Relation, Span, Status


@dataclass(frozen=True)
class Change:
    """One span or relation that appeared (old None), vanished (new None) or changed."""

    old: Span | Relation | None
    new: Span | Relation | None

    @property
    def item(self) -> Span | Relation:
        item = self.new if self.new is not None else self.old
        assert item is not None
        return item

    @property
    def is_span(self) -> bool:
        return isinstance(self.item, Span)


@dataclass
class EditRecord:
    """What the audit trail keeps of one edit: who, what, where, before and after.

    `before` and `after` are filled in inside the edit, once the command has run (a removal
    learns which relations it took with it only then); the store writes the row at the end.
    """

    actor: str
    action: str
    doc_id: str
    layer: str
    before: Any = None
    after: Any = None
    # An edit of the annotations moves a new document to in progress; a status change does
    # not, so that undoing Done on an untouched document leaves it new.
    starts_document: bool = True


class StaleEdit(TawsimError):
    """An edit, undo or redo refused because what it would change is no longer as this
    writer last saw it: another window or program changed it since. Nothing was written."""

    def __init__(self, what: str = "span", message: str | None = None) -> None:
        super().__init__(message or
                         f"this {what} was changed elsewhere (another window or program)")


class AnnotationStore(Protocol):
    """What commands need from a project. The storage layer implements it.

    Every write is conditional: `write_*` and `delete_*` apply only to the row at the
    revision given (the one the command just read) and only if the writer last saw that
    revision; otherwise they raise StaleEdit and the whole edit is rolled back. Each write
    checks the row against the scheme stored at that moment and returns the row as stored
    (with its new revision).
    """

    def edit(self, record: EditRecord) -> AbstractContextManager[None]: ...
    def current_span(self, span_id: str) -> Span | None: ...
    def current_relation(self, relation_id: str) -> Relation | None: ...
    def current_status(self, doc_id: str, layer: str) -> Status: ...
    def insert_span(self, span: Span) -> Span: ...
    def write_span(self, span: Span, rev: int) -> Span: ...
    def delete_span(self, span: Span) -> None: ...
    def insert_relation(self, relation: Relation) -> Relation: ...
    def write_relation(self, relation: Relation, rev: int) -> Relation: ...
    def delete_relation(self, relation: Relation) -> None: ...
    def relations_of_span(self, span_id: str) -> list[Relation]: ...
    def write_status(self, doc_id: str, layer: str, status: Status) -> None: ...


class Command(ABC):
    """An edit of one document's layer that can be applied and reverted exactly."""

    doc_id: str
    layer: str
    action: str  # audit name, e.g. "add_span"
    starts_document = True  # see EditRecord.starts_document

    @property
    @abstractmethod
    def summary(self) -> EditSummary:
        """What the edit did, in parts, for Undo/Redo menu items."""

    @property
    def description(self) -> str:
        """The summary in English (tests, logs, an interface without its own wording)."""
        return str(self.summary)

    @abstractmethod
    def apply(self, store: AnnotationStore) -> list[Change]: ...

    @abstractmethod
    def revert(self, store: AnnotationStore) -> list[Change]: ...

    @abstractmethod
    def before(self) -> Any: ...

    @abstractmethod
    def after(self) -> Any: ...
