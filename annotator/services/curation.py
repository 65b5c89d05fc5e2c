"""Curation, the read side: one document's annotator layers and gold, lined up.

`curation_view(project, doc_id, ["amal", "basel"], "gold")` reads the document and every
layer's spans and links in one pass, and lines them up (core.curation.align): each item
holds each layer's version with its kind (agreed, gold_differs, annotators_disagree,
missing_in_gold, only_in_gold) and what differs. The desk shows it beside the gold layer
and walks `view.disagreements()` with F4 and Shift+F4 (`view.next_disagreement`). The edits
(accept a version, reject, accept all, pre-merge) are in curation_edits and
curation_premerge. `view.places_to_decide()` is what the desk counts as places to decide,
and what `tawsim curate` reports as left for the lead and `tawsim status --set reviewed`
refuses to leave open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.core.curation import CurationItem, ItemWalk, align
from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, Status
from annotator.storage import ProjectStore
from annotator.storage.curation_decisions import rejected_places
from annotator.storage.review import (
    document_ids,
    layered_rows,
    layers_worked_on,
    span_origins,
    worked_documents,
)

DEFAULT_GOLD = "gold"


@dataclass(frozen=True)
class CurationView(ItemWalk):
    """One document as the lead curates it: its text, the layers, the aligned items in
    text order, and each layer's status."""

    doc_id: str
    text: str
    gold_layer: str
    annotator_layers: tuple[str, ...]
    items: list[CurationItem]
    statuses: dict[str, Status]

    def places_to_decide(self) -> list[CurationItem]:
        """The places the lead still has to decide: not agreed, and gold holds no
        annotator's version exactly (the desk's "places to decide"). None while no
        annotator has worked on the document."""
        return self.disagreements(unresolved=True) if self.annotator_layers else []

    def counts(self) -> dict[str, int]:
        """Items of each kind."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return counts


def check_curation_layers(project: ProjectStore, annotator_layers: Sequence[str],
                          gold_layer: str) -> None:
    """One line for an annotator layer that does not exist, one named twice, gold among
    them, or a gold layer that holds a model's predictions or an annotator's work."""
    kinds = {layer.name: layer.kind for layer in project.layers()}
    for name in annotator_layers:
        if name not in kinds:
            raise TawsimError(f"the project has no layer {name!r} (layers: "
                              f"{', '.join(kinds) or 'none'})", path=str(project.path))
        if list(annotator_layers).count(name) > 1:
            raise TawsimError(f"layer {name!r} is named twice")
    if gold_layer in annotator_layers:
        raise TawsimError(f"layer {gold_layer!r} cannot be both compared and curated into")
    if kinds.get(gold_layer) == LayerKind.MODEL:
        raise TawsimError(f"layer {gold_layer!r} holds a model's predictions; curate into a "
                          "gold layer")
    if kinds.get(gold_layer) == LayerKind.ANNOTATOR and gold_layer != DEFAULT_GOLD:
        raise TawsimError(f"layer {gold_layer!r} is an annotator's own work; curate into a "
                          "gold layer (for example --into gold)")


def curation_view(project: ProjectStore, doc_id: str,
                  annotator_layers: Sequence[str] | None = None,
                  gold_layer: str = DEFAULT_GOLD) -> CurationView:
    """The document `doc_id` with `annotator_layers` (default: every annotator layer that
    has worked on it) lined up with `gold_layer` (which may not exist yet: then it is
    empty)."""
    seq = project.document_seq(doc_id)
    if annotator_layers is None:
        worked = layers_worked_on(project, seq)
        annotator_layers = [layer.name for layer in project.layers()
                            if layer.kind == LayerKind.ANNOTATOR and layer.name != gold_layer
                            and layer.name in worked]
    names = tuple(annotator_layers)
    check_curation_layers(project, names, gold_layer)
    rows = next(layered_rows(project, [gold_layer, *names], [seq]))
    origins = span_origins(project, [span.id for span in rows.spans[gold_layer]])
    items = align(gold_layer, names, rows.spans, rows.relations, project.scheme.claim_roles,
                  origins)
    rejected = rejected_places(project, doc_id, gold_layer)
    if rejected:
        items = [replace(item, rejected=True)
                 if item.gold is None and (item.start, item.end) in rejected else item
                 for item in items]
    statuses = {name: project.status(doc_id, name) for name in (*names, gold_layer)}
    return CurationView(doc_id, rows.text, gold_layer, names, items, statuses)


def documents_to_curate(project: ProjectStore, layers: Sequence[str], min_layers: int
                        ) -> list[str]:
    """The documents at least `min_layers` of `layers` have worked on, in project order."""
    counts: dict[int, int] = {}
    for name in layers:
        for seq in worked_documents(project, name):
            counts[seq] = counts.get(seq, 0) + 1
    chosen = sorted(seq for seq, count in counts.items() if count >= min_layers)
    ids = document_ids(project, chosen)
    return [ids[seq] for seq in chosen]
