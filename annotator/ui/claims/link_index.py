"""One document's links (relations), found by either end at once.

Qt-free like SpanIndex. The desk asks it, on every selection, which spans the selected span is
linked to; a dictionary from span id to the relations touching it answers without looking at
the other links of the document.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.commands import Change
from annotator.core.model import Relation


class LinkIndex:
    def __init__(self, relations: Iterable[Relation] = ()) -> None:
        self._by_id: dict[str, Relation] = {}
        self._by_span: dict[str, dict[str, Relation]] = {}
        for relation in relations:
            self.add(relation)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, relation_id: object) -> bool:
        return relation_id in self._by_id

    def values(self) -> list[Relation]:
        return list(self._by_id.values())

    def get(self, relation_id: str) -> Relation | None:
        return self._by_id.get(relation_id)

    def add(self, relation: Relation) -> None:
        if relation.id in self._by_id:
            self.remove(relation.id)
        self._by_id[relation.id] = relation
        for span_id in (relation.head, relation.tail):
            self._by_span.setdefault(span_id, {})[relation.id] = relation

    def remove(self, relation_id: str) -> Relation | None:
        relation = self._by_id.pop(relation_id, None)
        if relation is None:
            return None
        for span_id in (relation.head, relation.tail):
            links = self._by_span.get(span_id)
            if links is not None:
                links.pop(relation_id, None)
                if not links:
                    del self._by_span[span_id]
        return relation

    def of_span(self, span_id: str) -> list[Relation]:
        """The relations with `span_id` at either end."""
        return list(self._by_span.get(span_id, {}).values())

    def linked_ids(self, span_id: str) -> set[str]:
        """The spans at the far end of `span_id`'s relations."""
        return {relation.tail if relation.head == span_id else relation.head
                for relation in self._by_span.get(span_id, {}).values()}

    def apply_changes(self, changes: Iterable[Change]) -> set[str]:
        """Follow an edit, undo or redo; returns the ids of the spans whose links changed."""
        touched: set[str] = set()
        for change in changes:
            if change.is_span:
                continue
            if isinstance(change.old, Relation):
                self.remove(change.old.id)
                touched.update((change.old.head, change.old.tail))
            if isinstance(change.new, Relation):
                self.add(change.new)
                touched.update((change.new.head, change.new.tail))
        return touched
