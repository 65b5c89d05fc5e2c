"""The commands that add, remove and change spans.

Removing a span takes the relations that touch it along, and undo brings all of them back.
"""

from __future__ import annotations

from typing import Any

from annotator.core.commands.base import AnnotationStore, Change, Command
from annotator.core.commands.summary import EditSummary, span_summary
from annotator.core.model import Relation, Span, relation_as_dict, span_as_dict


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
