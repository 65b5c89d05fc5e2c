"""Every change to annotations is a command with do and undo, run through one stack.

The stack lives here, in the core, so that undo, saving and tests need no widgets: the desk
pushes commands and listens for the changes they report. Each push, undo and redo runs inside
`store.edit(...)`, which the storage layer makes one SQLite transaction with one audit row.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from annotator.core.model import Relation, Span, Status, relation_as_dict, span_as_dict


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


@dataclass(frozen=True)
class EditSummary:
    """What an edit did, in parts, so that an interface can say it in its own language.

    `verb` is one of add, delete, edit, resize, relabel, set, note, accept, label_all, link,
    unlink, change_link and mark; the other fields are filled as the verb needs them.
    """

    verb: str
    label: str = ""
    text: str = ""  # the span's text, shortened for a menu
    attribute: str = ""
    relation: str = ""
    status: str = ""
    count: int = 0

    def __str__(self) -> str:
        quoted = f"{self.label} “{self.text}”"
        return {
            "relabel": f"relabel as {quoted}",
            "set": f"set {self.attribute} of {quoted}",
            "note": f"note on {quoted}",
            "label_all": f"label all ({self.count})",
            "link": f"link {self.relation}",
            "unlink": f"unlink {self.relation}",
            "change_link": f"change {self.relation} link",
            "mark": f"mark as {self.status.replace('_', ' ')}",
        }.get(self.verb, f"{self.verb} {quoted}")


def span_summary(verb: str, span: Span, **parts: Any) -> EditSummary:
    return EditSummary(verb, label=span.label, text=_short(span.text), **parts)


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


class AnnotationStore(Protocol):
    """What commands need from a project. The storage layer implements it."""

    def edit(self, record: EditRecord) -> AbstractContextManager[None]: ...
    def insert_span(self, span: Span) -> None: ...
    def replace_span(self, span: Span) -> None: ...
    def remove_span(self, span_id: str) -> None: ...
    def insert_relation(self, relation: Relation) -> None: ...
    def replace_relation(self, relation: Relation) -> None: ...
    def remove_relation(self, relation_id: str) -> None: ...
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


class AddSpan(Command):
    action = "add_span"

    def __init__(self, span: Span) -> None:
        self.span = span
        self.doc_id, self.layer = span.doc_id, span.layer

    @property
    def summary(self) -> EditSummary:
        return span_summary("add", self.span)

    def apply(self, store: AnnotationStore) -> list[Change]:
        store.insert_span(self.span)
        return [Change(None, self.span)]

    def revert(self, store: AnnotationStore) -> list[Change]:
        store.remove_span(self.span.id)
        return [Change(self.span, None)]

    def before(self) -> Any:
        return None

    def after(self) -> Any:
        return span_as_dict(self.span)


class RemoveSpan(Command):
    """Removes a span and the relations that touch it; undo brings all of them back."""

    action = "remove_span"

    def __init__(self, span: Span) -> None:
        self.span = span
        self.doc_id, self.layer = span.doc_id, span.layer
        self.relations: list[Relation] | None = None

    @property
    def summary(self) -> EditSummary:
        return span_summary("delete", self.span)

    def apply(self, store: AnnotationStore) -> list[Change]:
        if self.relations is None:
            self.relations = store.relations_of_span(self.span.id)
        changes = []
        for relation in self.relations:
            store.remove_relation(relation.id)
            changes.append(Change(relation, None))
        store.remove_span(self.span.id)
        changes.append(Change(self.span, None))
        return changes

    def revert(self, store: AnnotationStore) -> list[Change]:
        store.insert_span(self.span)
        changes = [Change(None, self.span)]
        for relation in self.relations or ():
            store.insert_relation(relation)
            changes.append(Change(None, relation))
        return changes

    def before(self) -> Any:
        return {
            "span": span_as_dict(self.span),
            "relations": [relation_as_dict(r) for r in self.relations or ()],
        }

    def after(self) -> Any:
        return None


class UpdateSpan(Command):
    """Relabel, move an edge, set an attribute or a note: the span keeps its id."""

    action = "update_span"

    def __init__(self, old: Span, new: Span, verb: str = "edit", attribute: str = "") -> None:
        if old.id != new.id or old.doc_id != new.doc_id or old.layer != new.layer:
            raise ValueError("an update keeps the span's id, document and layer")
        self.old, self.new = old, new
        self.verb, self.attribute = verb, attribute  # see EditSummary
        self.doc_id, self.layer = new.doc_id, new.layer

    @property
    def summary(self) -> EditSummary:
        return span_summary(self.verb, self.new, attribute=self.attribute)

    def apply(self, store: AnnotationStore) -> list[Change]:
        store.replace_span(self.new)
        return [Change(self.old, self.new)]

    def revert(self, store: AnnotationStore) -> list[Change]:
        store.replace_span(self.old)
        return [Change(self.new, self.old)]

    def before(self) -> Any:
        return span_as_dict(self.old)

    def after(self) -> Any:
        return span_as_dict(self.new)


class AddRelation(Command):
    action = "add_relation"

    def __init__(self, relation: Relation) -> None:
        self.relation = relation
        self.doc_id, self.layer = relation.doc_id, relation.layer

    @property
    def summary(self) -> EditSummary:
        return EditSummary("link", relation=self.relation.type)

    def apply(self, store: AnnotationStore) -> list[Change]:
        store.insert_relation(self.relation)
        return [Change(None, self.relation)]

    def revert(self, store: AnnotationStore) -> list[Change]:
        store.remove_relation(self.relation.id)
        return [Change(self.relation, None)]

    def before(self) -> Any:
        return None

    def after(self) -> Any:
        return relation_as_dict(self.relation)


class RemoveRelation(Command):
    action = "remove_relation"

    def __init__(self, relation: Relation) -> None:
        self.relation = relation
        self.doc_id, self.layer = relation.doc_id, relation.layer

    @property
    def summary(self) -> EditSummary:
        return EditSummary("unlink", relation=self.relation.type)

    def apply(self, store: AnnotationStore) -> list[Change]:
        store.remove_relation(self.relation.id)
        return [Change(self.relation, None)]

    def revert(self, store: AnnotationStore) -> list[Change]:
        store.insert_relation(self.relation)
        return [Change(None, self.relation)]

    def before(self) -> Any:
        return relation_as_dict(self.relation)

    def after(self) -> Any:
        return None


class UpdateRelation(Command):
    action = "update_relation"

    def __init__(self, old: Relation, new: Relation) -> None:
        if old.id != new.id or old.doc_id != new.doc_id or old.layer != new.layer:
            raise ValueError("an update keeps the relation's id, document and layer")
        self.old, self.new = old, new
        self.doc_id, self.layer = new.doc_id, new.layer

    @property
    def summary(self) -> EditSummary:
        return EditSummary("change_link", relation=self.new.type)

    def apply(self, store: AnnotationStore) -> list[Change]:
        store.replace_relation(self.new)
        return [Change(self.old, self.new)]

    def revert(self, store: AnnotationStore) -> list[Change]:
        store.replace_relation(self.old)
        return [Change(self.new, self.old)]

    def before(self) -> Any:
        return relation_as_dict(self.old)

    def after(self) -> Any:
        return relation_as_dict(self.new)


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


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
