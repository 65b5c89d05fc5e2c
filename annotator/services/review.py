"""Review state: which documents the lead has reviewed, by whom and when, and where each
layer stands, side by side.

- set_status / mark_reviewed: a status on many documents of one layer at once (`tawsim
  status PROJECT --layer gold --set reviewed DOC…`, Document › Mark reviewed), each change
  with its audit row (who, when, before, after); review_record reads who reviewed and when.
- statuses_by_layer: the document list's columns, one page at a time, each annotator's
  status and gold's, filtered by any of them.
- fully_agreed_documents: the documents every annotator has done and marked identically
  (spans, stances and other attributes, links), gold having nothing else;
  review_fully_agreed puts their spans into gold (a pre-merge) and marks them reviewed.
- undecided_places: the places curation still lists to decide in a gold layer, per
  document, so that marking a document reviewed with places open is asked about first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, Relation, Span, Status
from annotator.services.agreement import check_layers
from annotator.services.curation import curation_view
from annotator.services.curation_premerge import premerge
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from annotator.storage.database import write_transaction
from annotator.storage.review import (
    count_statuses,
    document_seqs,
    document_titles,
    last_status_change,
    layer_has_work,
    layered_rows,
    layers_worked_on,
    statuses,
    worked_documents,
    write_statuses,
)


@dataclass(frozen=True)
class StatusRow:
    document: str
    title: str
    statuses: dict[str, str]  # layer -> status


@dataclass(frozen=True)
class StatusTable:
    layers: tuple[str, ...]
    rows: list[StatusRow]
    total: int  # documents that pass the filter, over all pages

    def as_dict(self) -> dict[str, Any]:
        return {"layers": list(self.layers), "total": self.total,
                "documents": [{"document": row.document, "title": row.title,
                               "statuses": row.statuses} for row in self.rows]}


@dataclass(frozen=True)
class StatusChange:
    layer: str
    status: str
    changed: list[tuple[str, str]]  # (document, status before)
    unchanged: list[str]  # already in that status

    def as_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "status": self.status,
                "changed": [{"document": doc, "before": before} for doc, before in self.changed],
                "unchanged": self.unchanged}


@dataclass(frozen=True)
class ReviewRecord:
    actor: str
    at: str


def review_layers(project: ProjectStore) -> tuple[str, ...]:
    """Every annotator layer that has worked on a document (not a lead's own empty layer),
    then every gold layer: the document list's status columns."""
    layers = project.layers()
    return tuple([layer.name for layer in layers if layer.kind == LayerKind.ANNOTATOR
                  and layer_has_work(project, layer.name)]
                 + [layer.name for layer in layers if layer.kind == LayerKind.GOLD])


def _known_layer(project: ProjectStore, layer: str) -> None:
    if project.layer_id(layer) is None:
        known = ", ".join(item.name for item in project.layers()) or "none"
        raise TawsimError(f"the project has no layer {layer!r} (layers: {known})",
                          path=str(project.path))


def statuses_by_layer(project: ProjectStore, doc_ids: Sequence[str] | None = None, *,
                      layers: Sequence[str] | None = None, offset: int = 0,
                      limit: int | None = None, where: dict[str, str] | None = None
                      ) -> StatusTable:
    """Each document's status in every layer of `layers` (default: review_layers), one page
    (`offset`, `limit`) in project order, or the documents `doc_ids`; `where` keeps the
    documents whose status in each of its layers is the one given."""
    names = tuple(layers) if layers is not None else review_layers(project)
    for name in names:
        _known_layer(project, name)
    for name, status in (where or {}).items():
        _known_layer(project, name)
        Status(status)
    rows = statuses(project, names, offset=offset, limit=limit, doc_ids=doc_ids, where=where)
    total = len(rows) if doc_ids is not None else count_statuses(project, where)
    return StatusTable(names, [StatusRow(doc, title, dict(zip(names, found, strict=True)))
                               for doc, title, found in rows], total)


def set_status(project: ProjectStore, layer: str, doc_ids: Sequence[str],
               status: str | Status, actor: str) -> StatusChange:
    """`status` on every document of `doc_ids` in `layer`, in one transaction, each change
    with its audit row (who, when, before and after)."""
    if str(status) not in Status._value2member_map_:
        allowed = ", ".join(item.value for item in Status)
        raise TawsimError(f"unknown status {status!r} (allowed: {allowed})")
    wanted = Status(status)
    _known_layer(project, layer)
    if not doc_ids:
        raise TawsimError("name the documents whose status to set")
    seqs = document_seqs(project, doc_ids)
    missing = [doc for doc in doc_ids if doc not in seqs]
    if missing:
        raise TawsimError(f"the project has no document {missing[0]!r}"
                          + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
                          path=str(project.path))
    unique = list(dict.fromkeys(doc_ids))
    with write_transaction(project.db):
        changed = write_statuses(project, layer, unique, wanted, actor)
    done = {doc for doc, _ in changed}
    return StatusChange(layer, wanted.value, changed, [doc for doc in unique if doc not in done])


def mark_reviewed(project: ProjectStore, layer: str, doc_ids: Sequence[str],
                  actor: str) -> StatusChange:
    """The lead reviewed `doc_ids` in `layer` (gold): set_status(..., reviewed)."""
    return set_status(project, layer, doc_ids, Status.REVIEWED, actor)


def undecided_places(project: ProjectStore, gold_layer: str, doc_ids: Sequence[str]
                     ) -> dict[str, int]:
    """Per document of `doc_ids` with any, the places the lead has still to decide in
    `gold_layer` against every annotator that has worked on it (CurationView.
    places_to_decide, what the desk's curation counts), in the order given. Nothing for a
    layer that is not a gold layer, or a document no annotator has worked on."""
    kinds = {layer.name: layer.kind for layer in project.layers()}
    if kinds.get(gold_layer) != LayerKind.GOLD:
        return {}
    found: dict[str, int] = {}
    for doc_id in dict.fromkeys(doc_ids):
        count = len(curation_view(project, doc_id, None, gold_layer).places_to_decide())
        if count:
            found[doc_id] = count
    return found


def review_record(project: ProjectStore, doc_id: str, layer: str) -> ReviewRecord | None:
    """Who marked `doc_id` reviewed in `layer`, and when; None unless it is reviewed now."""
    if project.status(doc_id, layer) != Status.REVIEWED:
        return None
    found = last_status_change(project, doc_id, layer, Status.REVIEWED)
    return ReviewRecord(*found) if found else None


def fully_agreed_documents(project: ProjectStore, annotator_layers: Sequence[str],
                           gold_layer: str | None = None, *,
                           those_who_worked: bool = False) -> list[str]:
    """The documents every layer of `annotator_layers` has done (or further) with the very
    same spans, attributes and links; with `gold_layer`, only those where gold has nothing
    or the same. With `those_who_worked`, "every layer" is every one of them that worked on
    the document, at least two: in a team where each document went to two annotators of
    three, a document both finished alike is fully agreed. In project order."""
    if len(annotator_layers) < 1:
        raise TawsimError("name the annotator layers")
    for name in (*annotator_layers, *([gold_layer] if gold_layer else [])):
        _known_layer(project, name)
    done = {name: worked_documents(project, name, Status.DONE.value) for name in annotator_layers}
    if those_who_worked:
        worked = {name: worked_documents(project, name) for name in annotator_layers}
        candidates = {seq for seq in set().union(*done.values())
                      if sum(seq in done[name] for name in annotator_layers) >= 2
                      and all(seq in done[name] for name in annotator_layers
                              if seq in worked[name])}
    else:
        worked = done
        candidates = set.intersection(*done.values())
    layers = [*annotator_layers, *([gold_layer] if gold_layer else [])]
    found = []
    for rows in layered_rows(project, layers, candidates):
        seq = project.document_seq(rows.doc_id)
        marks = {_signature(rows.spans[name], rows.relations[name])
                 for name in annotator_layers if seq in worked[name]}
        if len(marks) != 1:
            continue
        if gold_layer and rows.spans[gold_layer] and \
                _signature(rows.spans[gold_layer], rows.relations[gold_layer]) not in marks:
            continue
        found.append(rows.doc_id)
    return found


@dataclass(frozen=True)
class FullyAgreed:
    """What reviewing the fully agreed documents would do, for the lead to see first."""

    annotator_layers: tuple[str, ...]
    documents: list[str]  # not yet reviewed in gold, in project order
    titles: dict[str, str]


def fully_agreed_preview(project: ProjectStore, gold_layer: str) -> FullyAgreed:
    """The documents every annotator with work in the project finished identically and gold
    has not reviewed yet (gold having nothing there or the same)."""
    layers = tuple(check_layers(project, None))
    found = fully_agreed_documents(project, layers,
                                   gold_layer if project.layer_id(gold_layer) else None,
                                   those_who_worked=True)
    if project.layer_id(gold_layer) is not None:
        found = [doc for doc in found if project.status(doc, gold_layer) != Status.REVIEWED]
    return FullyAgreed(layers, found, document_titles(project, found))


def review_fully_agreed(session: AnnotationSession, annotator_layers: Sequence[str],
                        doc_ids: Sequence[str]) -> StatusChange:
    """Put the spans of fully agreed documents (fully_agreed_documents, shown to the lead
    first) into the session's gold layer, one pre-merge edit each, from the layers that worked
    on it, and mark them reviewed."""
    project = session.project
    for doc_id in doc_ids:
        worked = layers_worked_on(project, project.document_seq(doc_id))
        premerge(session, [doc_id], [name for name in annotator_layers if name in worked])
    return mark_reviewed(project, session.layer, doc_ids, session.annotator)


def _signature(spans: Sequence[Span], relations: Sequence[Relation]) -> tuple[Any, ...]:
    def key(span: Span) -> tuple[Any, ...]:
        return (span.start, span.end, span.label,
                tuple(sorted(span.attrs.items(), key=repr)))

    by_id = {span.id: key(span) for span in spans}
    links = frozenset((r.type, by_id.get(r.head), by_id.get(r.tail),
                       tuple(sorted(r.attrs.items(), key=repr))) for r in relations)
    return frozenset(by_id.values()), links
