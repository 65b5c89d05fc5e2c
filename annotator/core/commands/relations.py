"""The commands that add, remove and change relations (links between two spans)."""

from __future__ import annotations

from typing import Any

from annotator.core.commands.base import AnnotationStore, Change, Command
from annotator.core.commands.summary import EditSummary
from annotator.core.model import Relation, relation_as_dict


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
