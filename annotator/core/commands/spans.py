"""The commands that add, remove and change spans.

Removing a span takes the relations that touch it along, and undo brings all of them back.
Each step first reads the rows it changes (inside the edit's transaction) and refuses with
StaleEdit unless they hold what the step expects, so that no step undoes, or writes over,
what another window or program changed in the meantime.
"""

from __future__ import annotations

from typing import Any

from annotator.core.commands.base import AnnotationStore, Change, Command, StaleEdit
from annotator.core.commands.fields import FieldChanges, same_content
from annotator.core.commands.summary import EditSummary, span_summary
from annotator.core.model import Relation, Span, relation_as_dict, span_as_dict


def _span_as_expected(store: AnnotationStore, expected: Span) -> Span:
    """The stored row of `expected`, if it holds the same annotation; else StaleEdit."""
    current = store.current_span(expected.id)
    if current is None or not same_content(current, expected):
        raise StaleEdit("span")
    return current


def _insert_new_span(store: AnnotationStore, span: Span) -> Span:
    if store.current_span(span.id) is not None:
        raise StaleEdit("span")
    return store.insert_span(span)


class AddSpan(Command):
    action = "add_span"

    def __init__(self, span: Span) -> None:
        self.span = span
        self.doc_id, self.layer = span.doc_id, span.layer

    @property
    def summary(self) -> EditSummary:
        return span_summary("add", self.span)

    def apply(self, store: AnnotationStore) -> list[Change]:
        return [Change(None, _insert_new_span(store, self.span))]

    def revert(self, store: AnnotationStore) -> list[Change]:
        current = _span_as_expected(store, self.span)
        if store.relations_of_span(self.span.id):
            raise StaleEdit("span")  # linked elsewhere: removing it would drop that link
        store.delete_span(current)
        return [Change(current, None)]

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
        current = _span_as_expected(store, self.span)
        relations = store.relations_of_span(self.span.id)
        if self.relations is None:
            self.relations = relations  # the first time: whatever links it has now
        elif not _same_relations(relations, self.relations):
            raise StaleEdit("span")  # linked or unlinked elsewhere since the undo
        changes = []
        for relation in relations:
            store.delete_relation(relation)
            changes.append(Change(relation, None))
        store.delete_span(current)
        changes.append(Change(current, None))
        return changes

    def revert(self, store: AnnotationStore) -> list[Change]:
        changes = [Change(None, _insert_new_span(store, self.span))]
        for relation in self.relations or ():
            if store.current_relation(relation.id) is not None:
                raise StaleEdit("link")
            changes.append(Change(None, store.insert_relation(relation)))
        return changes

    def before(self) -> Any:
        return {
            "span": span_as_dict(self.span),
            "relations": [relation_as_dict(r) for r in self.relations or ()],
        }

    def after(self) -> Any:
        return None


def _same_relations(now: list[Relation], then: list[Relation]) -> bool:
    earlier = {relation.id: relation for relation in then}
    return len(now) == len(earlier) and all(
        relation.id in earlier and same_content(relation, earlier[relation.id])
        for relation in now)


class UpdateSpan(Command):
    """Relabel, move an edge, set an attribute or a note: the span keeps its id.

    Only the fields the edit changes are written, each way: undoing a note writes back the
    note and nothing else, and only while the note is still the one this edit set.
    """

    action = "update_span"

    def __init__(self, old: Span, new: Span, verb: str = "edit", attribute: str = "") -> None:
        if old.id != new.id or old.doc_id != new.doc_id or old.layer != new.layer:
            raise ValueError("an update keeps the span's id, document and layer")
        self.old, self.new = old, new
        self.verb, self.attribute = verb, attribute  # see EditSummary
        self.doc_id, self.layer = new.doc_id, new.layer
        self.changes = FieldChanges.between(old, new)

    @property
    def summary(self) -> EditSummary:
        return span_summary(self.verb, self.new, attribute=self.attribute)

    def _move(self, store: AnnotationStore, source: Span, target: Span) -> list[Change]:
        current = store.current_span(self.old.id)
        if current is None or not self.changes.hold(current, source):
            raise StaleEdit("span")
        wanted = self.changes.carry(current, target, same_content(current, source))
        return [Change(current, store.write_span(wanted, current.rev))]

    def apply(self, store: AnnotationStore) -> list[Change]:
        return self._move(store, self.old, self.new)

    def revert(self, store: AnnotationStore) -> list[Change]:
        return self._move(store, self.new, self.old)

    def before(self) -> Any:
        return span_as_dict(self.old)

    def after(self) -> Any:
        return span_as_dict(self.new)
