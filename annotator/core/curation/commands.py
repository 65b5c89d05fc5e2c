"""The edits curation makes in gold, with whose version they took on the record.

- CuratedSpan: a span that carries `origin`, the id of the span it was accepted from; the
  storage writes it with the span (the `span.origin` column), so undo and redo keep it.
- AcceptSpan: puts an annotator's version into gold, as a new span or over gold's own one
  (which keeps its id, so links to it stay); its audit value names the span taken and the
  layers it came from.
- Decision: changes nothing; it puts the lead's decision (a rejection of versions gold
  never had) on the record as a step of the same edit.
Each is used inside a core.commands.Batch, so one curation action is one undoable edit with
one audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from annotator.core.commands import (
    AnnotationStore,
    Change,
    Command,
    EditSummary,
    StaleEdit,
    span_summary,
)
from annotator.core.commands.fields import same_content
from annotator.core.model import Span, span_as_dict


@dataclass(frozen=True)
class CuratedSpan(Span):
    """A span with the id of the span it was accepted from (None: made by hand)."""

    origin: str | None = None


def curated(span: Span, origin: str | None) -> CuratedSpan:
    """`span` as a CuratedSpan with `origin` (same id and every other field)."""
    values = {f.name: getattr(span, f.name) for f in fields(Span)}
    return CuratedSpan(**values, origin=origin)


def _with_origin(span: Span | None, layers: Sequence[str] = ()) -> dict[str, Any] | None:
    if span is None:
        return None
    data = span_as_dict(span)
    data["origin"] = getattr(span, "origin", None)
    if layers:
        data["from"] = list(layers)
    return data


class AcceptSpan(Command):
    """Gold takes `new` (a CuratedSpan whose origin is the version taken), in place of `old`
    (gold's own span, same id) or as a new span when `old` is None."""

    action = "accept_span"

    def __init__(self, new: CuratedSpan, from_layers: Sequence[str],
                 old: CuratedSpan | None = None) -> None:
        if old is not None and (old.id != new.id or old.layer != new.layer):
            raise ValueError("an accepted version replaces gold's span under its own id")
        self.new, self.old = new, old
        self.from_layers = tuple(from_layers)
        self.doc_id, self.layer = new.doc_id, new.layer

    @property
    def summary(self) -> EditSummary:
        return span_summary("accept", self.new)

    def apply(self, store: AnnotationStore) -> list[Change]:
        return self._put(store, self.old, self.new)

    def revert(self, store: AnnotationStore) -> list[Change]:
        return self._put(store, self.new, self.old)

    @staticmethod
    def _put(store: AnnotationStore, expected: CuratedSpan | None,
             wanted: CuratedSpan | None) -> list[Change]:
        """Turn the stored row from `expected` (None: no such row) into `wanted` (None:
        none), refusing with StaleEdit when the row is not as expected (another window or
        program changed it since)."""
        if expected is None:
            assert wanted is not None
            if store.current_span(wanted.id) is not None:
                raise StaleEdit("span")
            return [Change(None, store.insert_span(wanted))]
        span_id = expected.id
        current = store.current_span(span_id)
        if current is None or not same_content(current, expected):
            raise StaleEdit("span")
        if wanted is None:
            if store.relations_of_span(span_id):
                raise StaleEdit("span")  # linked elsewhere: removing it would drop that link
            store.delete_span(current)
            return [Change(current, None)]
        return [Change(current, store.write_span(wanted, current.rev))]

    def before(self) -> Any:
        return _with_origin(self.old)

    def after(self) -> Any:
        return _with_origin(self.new, self.from_layers)


@dataclass(frozen=True)
class DecisionRecord:
    decision: str  # accept, reject, premerge
    layers: tuple[str, ...]  # whose versions the decision is about
    item: dict[str, Any]  # where: start, end, label of the versions decided on


class Decision(Command):
    """No change to the annotations: the lead's decision, on the record (see the module)."""

    action = "decision"
    starts_document = True

    def __init__(self, doc_id: str, layer: str, record: DecisionRecord) -> None:
        self.doc_id, self.layer = doc_id, layer
        self.record = record

    @property
    def summary(self) -> EditSummary:
        return EditSummary(self.record.decision, label=str(self.record.item.get("label", "")),
                           text=str(self.record.item.get("text", "")))

    def apply(self, store: AnnotationStore) -> list[Change]:
        return []

    def revert(self, store: AnnotationStore) -> list[Change]:
        return []

    def before(self) -> Any:
        return None

    def after(self) -> Any:
        return {"decision": self.record.decision, "layers": list(self.record.layers),
                **self.record.item}
