"""Curation, the write side: building gold from the annotators' versions, one edit a step.

Every action goes through the gold layer's AnnotationSession as one core.commands.Batch, so
it is one undoable edit with one audit row; the row's accept_span steps name the span taken
(`origin`) and the layers it came from, and the gold span records the origin too.

- accept_version(session, item, "amal"): gold takes amal's version of the item (place,
  label, stance and other attributes, note) over its own or as a new span, and amal's links
  from it (the claim's SOURCE): a link's target is gold's version of the target's item, or,
  when gold has none yet, amal's target accepted in the same edit;
- reject(session, item): gold drops its version (and its links); when gold has none, the
  rejection is still recorded;
- accept_all(session, doc_id, "amal"): every version of amal's that gold lacks or has
  otherwise, in one edit (items amal did not mark stay as they are).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.commands import (
    AddRelation,
    Batch,
    Command,
    EditSummary,
    RemoveRelation,
    RemoveSpan,
    span_summary,
)
from annotator.core.curation import (
    AcceptSpan,
    CuratedSpan,
    CurationItem,
    Decision,
    DecisionRecord,
    Version,
    curated,
)
from annotator.core.errors import SchemeError, TawsimError
from annotator.core.model import Relation, Span, utc_now
from annotator.services.curation import CurationView, curation_view
from annotator.services.session import AnnotationSession
from annotator.storage.review import span_origins


class GoldPlan:
    """The commands of one curation edit, worked out against gold as it is now and as the
    earlier steps of the same edit leave it."""

    def __init__(self, session: AnnotationSession, view: CurationView) -> None:
        if view.gold_layer != session.layer:
            raise TawsimError(f"the view curates into {view.gold_layer!r}, but the working "
                              f"layer is {session.layer!r}")
        project = session.project
        self.session, self.view = session, view
        self.doc_id = view.doc_id
        spans = project.spans(self.doc_id, session.layer)
        origins = span_origins(project, [span.id for span in spans])
        self.spans: dict[str, CuratedSpan] = {s.id: curated(s, origins.get(s.id))
                                              for s in spans}
        self.relations: list[Relation] = list(project.relations(self.doc_id, session.layer))
        self.item_gold: dict[int, str] = {}
        for item in view.items:
            if item.gold is not None:
                if item.gold.span.id not in self.spans:
                    raise TawsimError("gold has changed since this document was lined up; "
                                      "open it again")
                self.item_gold[item.index] = item.gold.span.id
        self.commands: list[Command] = []
        self.taken: list[CuratedSpan] = []

    # -- spans -------------------------------------------------------------------------------

    def take(self, item: CurationItem, source: Span, from_layers: Sequence[str], *,
             attrs: dict[str, Any] | None = None, note: str | None = None,
             links: Sequence[tuple[str, int, dict[str, Any]]] | None = None) -> CuratedSpan:
        """Gold takes `source`'s place and label (with `attrs` and `note`, else source's),
        and, when `links` is given, exactly those links out of it: (type, target item,
        attrs), each target gold's version of that item (which must exist by then)."""
        attrs = dict(source.attrs if attrs is None else attrs)
        note = source.note if note is None else note
        old_id = self.item_gold.get(item.index)
        if old_id is not None:
            old = self.spans[old_id]
            new = curated(old.with_changes(start=source.start, end=source.end,
                                           label=source.label, text=source.text, attrs=attrs,
                                           note=note), source.id)
        else:
            old = None
            new = CuratedSpan(doc_id=self.doc_id, layer=self.session.layer,
                              start=source.start, end=source.end, label=source.label,
                              text=source.text, attrs=attrs, note=note,
                              annotator=self.session.annotator, created_at=utc_now(),
                              origin=source.id)
        wanted = {(kind, self.item_gold[target]): extra for kind, target, extra in links} \
            if links is not None else None
        if old is not None:
            self._drop_relations(old.id, new.label, wanted)
        self.commands.append(AcceptSpan(new, from_layers, old))
        self.spans[new.id] = new
        self.item_gold[item.index] = new.id
        self.taken.append(new)
        for (kind, target_id), extra in (wanted or {}).items():
            self.link(new.id, kind, target_id, extra)
        return new

    def take_version(self, item: CurationItem, version: Version) -> CuratedSpan:
        """Gold takes `version` with its links, accepting a link's target first when gold
        has no version of the target's item yet."""
        links = []
        for link in version.links:
            target = self.view.items[link.target_item] if link.target_item >= 0 else None
            if target is None:
                continue
            if target.index not in self.item_gold:
                self.take(target, link.target, (version.layer,))
            links.append((link.relation.type, target.index, dict(link.relation.attrs)))
        return self.take(item, version.span, (version.layer,), links=links)

    def remove(self, item: CurationItem) -> CuratedSpan | None:
        span_id = self.item_gold.pop(item.index, None)
        if span_id is None:
            return None
        span = self.spans.pop(span_id)
        self.relations = [r for r in self.relations if span_id not in (r.head, r.tail)]
        self.commands.append(RemoveSpan(span))
        return span

    # -- links -------------------------------------------------------------------------------

    def link(self, head: str, kind: str, tail: str, attrs: dict[str, Any]) -> None:
        if any(r.head == head and r.tail == tail and r.type == kind for r in self.relations):
            return
        heads, tails = self.spans[head], self.spans[tail]
        try:
            self.session.scheme.check_relation(kind, heads.label, tails.label, attrs)
        except SchemeError:
            return  # the scheme no longer allows it: gold keeps what it can
        relation = Relation(self.doc_id, self.session.layer, kind, head, tail,
                            attrs=dict(attrs), annotator=self.session.annotator)
        self.relations.append(relation)
        self.commands.append(AddRelation(relation))

    def _drop_relations(self, span_id: str, label: str,
                        wanted: dict[tuple[str, str], Any] | None) -> None:
        """Remove the links of gold's span that its new label makes invalid, and, when
        `wanted` is given, its outgoing links that are not wanted."""
        kept = []
        for relation in self.relations:
            if span_id not in (relation.head, relation.tail):
                kept.append(relation)
                continue
            unwanted = wanted is not None and relation.head == span_id \
                and (relation.type, relation.tail) not in wanted
            head = label if relation.head == span_id else self.spans[relation.head].label
            tail = label if relation.tail == span_id else self.spans[relation.tail].label
            try:
                self.session.scheme.check_relation(relation.type, head, tail, relation.attrs)
                valid = True
            except SchemeError:
                valid = False
            if unwanted or not valid:
                self.commands.append(RemoveRelation(relation))
            else:
                kept.append(relation)
        self.relations = kept

    # -- pushing -------------------------------------------------------------------------------

    def decide(self, decision: str, layers: Sequence[str], item: CurationItem) -> None:
        where = {"start": item.start, "end": item.end,
                 "text": self.view.text[item.start:item.end]}
        self.commands.append(Decision(self.doc_id, self.session.layer,
                                      DecisionRecord(decision, tuple(layers), where)))

    def push(self, summary: EditSummary, action: str) -> bool:
        """Save the commands as one edit; False (nothing saved) when there are none."""
        if not self.commands:
            return False
        self.session.stack(self.doc_id).push(Batch(self.commands, summary, action=action))
        return True


def accept_version(session: AnnotationSession, view: CurationView, item: CurationItem,
                   annotator_layer: str) -> CuratedSpan:
    """Gold takes `annotator_layer`'s version of `item` (see the module); one edit."""
    version = item.versions.get(annotator_layer)
    if version is None:
        raise TawsimError(f"{annotator_layer} has no version of this item")
    plan = GoldPlan(session, view)
    new = plan.take_version(item, version)
    plan.push(span_summary("accept", new), "accept_version")
    return new


def reject(session: AnnotationSession, view: CurationView, item: CurationItem) -> bool:
    """Gold drops its version of `item`, on the record with the versions rejected; one
    edit. Returns whether gold had a version."""
    plan = GoldPlan(session, view)
    removed = plan.remove(item)
    layers = [layer for layer, version in item.versions.items() if version is not None]
    plan.decide("reject", layers, item)
    shown = removed or next(v.span for v in item.versions.values() if v is not None)
    plan.push(span_summary("reject", shown), "reject_version")
    return removed is not None


def accept_all(session: AnnotationSession, doc_id: str, annotator_layer: str) -> int:
    """Gold takes every version of `annotator_layer` in `doc_id` that it lacks or has
    otherwise, in one edit; returns how many."""
    view = curation_view(session.project, doc_id, [annotator_layer], session.layer)
    plan = GoldPlan(session, view)
    count = 0
    for item in view.items:
        version = item.versions.get(annotator_layer)
        if version is None or annotator_layer in _matching(plan, item):
            continue
        plan.take_version(item, version)
        count += 1
    plan.push(EditSummary("accept_all", count=count, label=annotator_layer), "accept_all")
    return count


def _matching(plan: GoldPlan, item: CurationItem) -> tuple[str, ...]:
    """The layers gold agrees with on `item`, unless this edit already took a version."""
    if any(span.id == plan.item_gold.get(item.index) for span in plan.taken):
        return tuple(item.versions)
    return item.gold_matches()
