"""Auditing an extractor: a prediction layer compared with a gold layer, corpus-wide or for
one document (what the desk shows beside the gold layer).

The corpus audit walks both layers together in document order, one document at a time, so
memory holds one document's annotations plus the error lists. Documents count when the gold
layer has annotated them (it has spans, or a status past `new`), unless `documents="all"`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.agreement.edges import ARTICLE_KIND, PROCLITIC, boundary_kind
from annotator.core.errors import TawsimError
from annotator.core.evaluation import Comparison, Scores, compare
from annotator.core.model import LayerKind, Relation, Span, Status
from annotator.core.records import DocumentRecord
from annotator.storage import ProjectStore, scan

ERROR_KINDS = ("boundary", "wrong_label", "spurious", "missed")


@dataclass(frozen=True)
class ErrorRow:
    """One disagreement, for the lists: where, what kind, and both sides' spans."""

    document: str
    kind: str  # boundary, wrong_label, spurious (false positive), missed (false negative)
    label: str
    gold: dict[str, Any] | None
    predicted: dict[str, Any] | None
    context: tuple[str, str, str] = ("", "", "")  # text before, the spans' region, after
    # For a boundary error: "proclitic" or "article" when that is all the edges disagree on.
    edge: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class AttributeAgreement:
    agree: int = 0
    differ: int = 0


@dataclass
class AuditResult:
    gold_layer: str
    predicted_layer: str
    labels: tuple[str, ...]
    relation_types: tuple[str, ...]
    documents: int = 0
    exact: Scores = field(default_factory=Scores)
    overlap: Scores = field(default_factory=Scores)
    relations: Scores = field(default_factory=Scores)
    errors: list[ErrorRow] = field(default_factory=list)
    attributes: dict[str, AttributeAgreement] = field(default_factory=dict)
    # Boundary errors (same label, other edges) by what the edges disagree on: a proclitic
    # (بسوريا / سوريا), the article (العراق / عراق), or anything else.
    boundary_kinds: dict[str, int] = field(
        default_factory=lambda: {PROCLITIC: 0, ARTICLE_KIND: 0, "other": 0})

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        """`exact`, `overlap` and `relations`, each mapping every label (relation type) and
        `micro` to precision, recall, f1, tp, fp and fn; with `details`, the errors too, and
        `boundary_errors`: how many boundary errors are only a proclitic or the article."""
        data: dict[str, Any] = {
            "exact": self.exact.as_dict(self.labels),
            "overlap": self.overlap.as_dict(self.labels),
            "relations": self.relations.as_dict(self.relation_types),
        }
        if details:
            data["documents"] = self.documents
            data["gold_layer"] = self.gold_layer
            data["predicted_layer"] = self.predicted_layer
            data["errors"] = [row.as_dict() for row in self.errors]
            data["attributes"] = {name: dict(a.__dict__) for name, a in self.attributes.items()}
            data["boundary_errors"] = {"total": sum(self.boundary_kinds.values()),
                                       **self.boundary_kinds}
        return data

    def errors_of(self, kind: str) -> list[ErrorRow]:
        return [row for row in self.errors if row.kind == kind]


def _layer_exists(project: ProjectStore, name: str) -> None:
    if project.layer_id(name) is None:
        known = ", ".join(layer.name for layer in project.layers()) or "none yet"
        raise TawsimError(f"the project has no layer {name!r} (layers: {known})")


def _annotated(record: DocumentRecord) -> bool:
    return bool(record.spans or record.relations) or (record.status or "new") != Status.NEW


def _paired_records(project: ProjectStore, gold: str, predicted: str,
                    labels: frozenset[str] | None
                    ) -> Iterator[tuple[DocumentRecord, DocumentRecord]]:
    # Both walks give every document once, in the same order.
    yield from zip(scan(project, layer=gold, labels=labels),
                   scan(project, layer=predicted, labels=labels), strict=True)


def _span_row(span: Any) -> dict[str, Any]:
    return {"id": span.id, "start": span.start, "end": span.end, "label": span.label,
            "text": span.text}


def audit_layers(project: ProjectStore, gold: str, predicted: str, *,
                 labels: set[str] | None = None, status: Status | str | None = None,
                 documents: str = "annotated", keep_errors: bool = True,
                 progress: Callable[[int], None] | None = None) -> AuditResult:
    """Precision, recall and F1 of layer `predicted` against layer `gold`."""
    for name in (gold, predicted):
        _layer_exists(project, name)
    if gold == predicted:
        raise TawsimError("compare two different layers")
    if documents not in ("annotated", "all"):
        raise TawsimError(f"documents must be 'annotated' or 'all', not {documents!r}")
    scheme = project.scheme
    for label in labels or ():
        scheme.label(label)
    wanted = Status(status).value if status is not None else None
    result = AuditResult(gold, predicted, tuple(sorted(labels)) if labels
                         else scheme.label_names, scheme.relation_names)
    for gold_record, predicted_record in _paired_records(
            project, gold, predicted, frozenset(labels) if labels else None):
        if progress is not None:
            progress(1)
        if wanted is not None and gold_record.status != wanted:
            continue
        if documents == "annotated" and not _annotated(gold_record):
            continue
        result.documents += 1
        comparison = compare(gold_record.spans, predicted_record.spans,
                             gold_record.relations, predicted_record.relations)
        exact, overlap = comparison.span_scores()
        result.exact.add(exact)
        result.overlap.add(overlap)
        result.relations.add(comparison.relation_scores())
        _attributes(comparison, result)
        _boundary_kinds(gold_record.text, comparison, result)
        if keep_errors:
            _collect_errors(gold_record, comparison, result)
    return result


def _attributes(comparison: Comparison, result: AuditResult) -> None:
    for gold, predicted in comparison.exact + comparison.boundary:
        for name in set(gold.attrs) | set(predicted.attrs):
            agreement = result.attributes.setdefault(name, AttributeAgreement())
            if gold.attrs.get(name) == predicted.attrs.get(name):
                agreement.agree += 1
            else:
                agreement.differ += 1


def _boundary_kinds(text: str, comparison: Comparison, result: AuditResult) -> None:
    for gold, predicted in comparison.boundary:
        kind = boundary_kind(text, gold, predicted) or "other"
        result.boundary_kinds[kind] += 1


CONTEXT = 40  # characters of text shown on each side of an error


def _context(text: str, *spans: Any) -> tuple[str, str, str]:
    start = min(s.start for s in spans if s is not None)
    end = max(s.end for s in spans if s is not None)
    return (text[max(0, start - CONTEXT):start], text[start:end],
            text[end:end + CONTEXT])


def _collect_errors(record: DocumentRecord, comparison: Comparison, result: AuditResult) -> None:
    rows = result.errors
    doc_id, text = record.id or "", record.text
    for kind in ("boundary", "wrong_label"):
        for gold, predicted in getattr(comparison, kind):
            edge = boundary_kind(text, gold, predicted) if kind == "boundary" else ""
            rows.append(ErrorRow(doc_id, kind, gold.label, _span_row(gold),
                                 _span_row(predicted), _context(text, gold, predicted), edge))
    rows.extend(ErrorRow(doc_id, "spurious", s.label, None, _span_row(s), _context(text, s))
                for s in comparison.spurious)
    rows.extend(ErrorRow(doc_id, "missed", s.label, _span_row(s), None, _context(text, s))
                for s in comparison.missed)


# -- one document, for the desk ----------------------------------------------------------------


def layers_to_compare(project: ProjectStore) -> tuple[list[str], list[str]]:
    """(gold-side, prediction-side) layer names for a picker: gold layers first on the gold
    side, model layers first on the prediction side; every layer appears on both."""
    layers = project.layers()

    def ordered(first: LayerKind) -> list[str]:
        return [layer.name for layer in sorted(layers, key=lambda item: item.kind != first)]

    return ordered(LayerKind.GOLD), ordered(LayerKind.MODEL)



@dataclass
class DocumentComparison:
    """A prediction layer beside the gold layer in one document.

    `gold_state` and `predicted_state` give every span id its colour: exact, boundary,
    wrong_label, and missed (gold) or spurious (predicted). `comparison` holds the pairs.
    """

    doc_id: str
    gold_layer: str
    predicted_layer: str
    gold_spans: list[Span]
    predicted_spans: list[Span]
    comparison: Comparison
    gold_state: dict[str, str]
    predicted_state: dict[str, str]


def compare_document(project: ProjectStore, doc_id: str, gold: str,
                     predicted: str) -> DocumentComparison:
    for name in (gold, predicted):
        _layer_exists(project, name)
    gold_spans = project.spans(doc_id, gold)
    predicted_spans = project.spans(doc_id, predicted)
    gold_relations: list[Relation] = project.relations(doc_id, gold)
    predicted_relations: list[Relation] = project.relations(doc_id, predicted)
    comparison = compare(gold_spans, predicted_spans, gold_relations, predicted_relations)
    return DocumentComparison(doc_id, gold, predicted, gold_spans, predicted_spans, comparison,
                              comparison.gold_state(), comparison.predicted_state())


@dataclass(frozen=True)
class Acceptance:
    """What accepting a predicted span into the gold layer means, for the desk to carry out
    through its AnnotationSession (one undoable edit):

    - `add`: no gold span there; add_span(start, end, label, attrs);
    - `move`: a gold span of the same label with other boundaries; move_span(gold_span, ...);
    - `relabel`: a gold span with the same boundaries and another label; relabel(gold_span);
    - `replace`: an overlapping gold span with another label and other boundaries;
      remove it and add the predicted one (a Batch);
    - `none`: the gold layer already has it.
    """

    action: str
    start: int
    end: int
    label: str
    attrs: dict[str, Any]
    gold_span: str | None = None


def acceptance(result: DocumentComparison, predicted_span_id: str) -> Acceptance:
    predicted = next((s for s in result.predicted_spans if s.id == predicted_span_id), None)
    if predicted is None:
        raise TawsimError(f"no predicted span {predicted_span_id!r} in this document")
    state = result.predicted_state.get(predicted.id)
    gold = result.comparison.partner(predicted.id)
    fields = {"start": predicted.start, "end": predicted.end, "label": predicted.label,
              "attrs": dict(predicted.attrs)}
    if state == "exact":
        return Acceptance("none", gold_span=gold.id, **fields)
    if state == "boundary":
        return Acceptance("move", gold_span=gold.id, **fields)
    if state == "wrong_label":
        same_place = (gold.start, gold.end) == (predicted.start, predicted.end)
        return Acceptance("relabel" if same_place else "replace", gold_span=gold.id, **fields)
    return Acceptance("add", **fields)
