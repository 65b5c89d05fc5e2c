"""The commands that add, remove and change relations (links between two spans).

As with spans, each step reads the row it changes inside the edit's transaction and refuses
with StaleEdit unless it holds what the step expects; an update writes only its own fields.
"""

from __future__ import annotations

from typing import Any

from annotator.core.commands.base import AnnotationStore, Change, Command, StaleEdit
from annotator.core.commands.fields import FieldChanges, same_content
from annotator.core.commands.summary import EditSummary
from annotator.core.model import Relation, relation_as_dict


def _insert(store: AnnotationStore, relation: Relation) -> list[Change]:
    if store.current_relation(relation.id) is not None:
        raise StaleEdit("link")
    return [Change(None, store.insert_relation(relation))]


def _delete(store: AnnotationStore, expected: Relation) -> list[Change]:
    current = store.current_relation(expected.id)
    if current is None or not same_content(current, expected):
        raise StaleEdit("link")
    store.delete_relation(current)
    return [Change(current, None)]


class AddRelation(Command):
    action = "add_relation"

    def __init__(self, relation: Relation) -> None:
        self.relation = relation
        self.doc_id, self.layer = relation.doc_id, relation.layer

    @property
    def summary(self) -> EditSummary:
        return EditSummary("link", relation=self.relation.type)

    def apply(self, store: AnnotationStore) -> list[Change]:
        return _insert(store, self.relation)

    def revert(self, store: AnnotationStore) -> list[Change]:
        return _delete(store, self.relation)

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
        return _delete(store, self.relation)

    def revert(self, store: AnnotationStore) -> list[Change]:
        return _insert(store, self.relation)

    def before(self) -> Any:
        return relation_as_dict(self.relation)

    def after(self) -> Any:
        return None


class UpdateRelation(Command):
    """Another type, head or tail (or attributes) for a link; it keeps its id."""

    action = "update_relation"

    def __init__(self, old: Relation, new: Relation) -> None:
        if old.id != new.id or old.doc_id != new.doc_id or old.layer != new.layer:
            raise ValueError("an update keeps the relation's id, document and layer")
        self.old, self.new = old, new
        self.doc_id, self.layer = new.doc_id, new.layer
        self.changes = FieldChanges.between(old, new)

    @property
    def summary(self) -> EditSummary:
        return EditSummary("change_link", relation=self.new.type)

    def _move(self, store: AnnotationStore, source: Relation, target: Relation
              ) -> list[Change]:
        current = store.current_relation(self.old.id)
        if current is None or not self.changes.hold(current, source):
            raise StaleEdit("link")
        wanted = self.changes.carry(current, target, same_content(current, source))
        return [Change(current, store.write_relation(wanted, current.rev))]

    def apply(self, store: AnnotationStore) -> list[Change]:
        return self._move(store, self.old, self.new)

    def revert(self, store: AnnotationStore) -> list[Change]:
        return self._move(store, self.new, self.old)

    def before(self) -> Any:
        return relation_as_dict(self.old)

    def after(self) -> Any:
        return relation_as_dict(self.new)
