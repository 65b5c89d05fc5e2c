"""Several annotators' layers and gold lined up span by span, for the lead's curation.

`align()` groups the spans of one document that stand for the same thing: an item holds at
most one span per layer, and spans of one item overlap. Layers are taken in turn (gold
first, then the annotators in the order given); each layer's spans are paired one to one
with the items found so far by core.agreement's matchings, against each item's first span:
claims only with claims, by the relaxed matching (same label, overlapping: a claim and the
actor inside it are never one item), every other label by the label-blind matching (so an
ACTOR against a LOCATION at the same place is one item that disagrees on its label). A span
left without a partner starts an item of its own. Items come in text order.

Each layer's span in an item is a Version: where it is, its label, stance and other
attributes, note, and where its links go (SOURCE and any other relation it is the head of),
the targets named by the items they belong to, so two claims linked to the "same" actor
agree even when the two actors' edges differ (that difference is the actor's own item).

An item's kind:
- agreed: every annotator and gold have it, all the same;
- gold_differs: the annotators all agree, gold has something else;
- annotators_disagree: gold has a version, the annotators differ (or some lack it);
- missing_in_gold: annotators have it, gold does not;
- only_in_gold: gold has it, no annotator does.
Its aspects say what differs between the versions present: boundaries, label, stance,
attributes, source (the claim's SOURCE target), links (other relations), absent (an
annotator lacks it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.agreement import label_blind_matching, relaxed_matching
from annotator.core.model import Relation, Span
from annotator.core.scheme import ClaimRoles

AGREED = "agreed"
GOLD_DIFFERS = "gold_differs"
ANNOTATORS_DISAGREE = "annotators_disagree"
MISSING_IN_GOLD = "missing_in_gold"
ONLY_IN_GOLD = "only_in_gold"
KINDS = (AGREED, GOLD_DIFFERS, ANNOTATORS_DISAGREE, MISSING_IN_GOLD, ONLY_IN_GOLD)
ASPECTS = ("boundaries", "label", "stance", "attributes", "source", "links", "absent")


@dataclass(frozen=True)
class Link:
    """A relation a version is the head of: its type, the target span, and the item the
    target belongs to (filled by align)."""

    relation: Relation
    target: Span
    target_item: int = -1


@dataclass(frozen=True)
class Version:
    """One layer's span in an item, with what curation compares and carries."""

    layer: str
    span: Span
    links: tuple[Link, ...] = ()
    stance_name: str | None = None  # the scheme's stance attribute
    source_type: str | None = None  # the scheme's source relation
    origin: str | None = None  # gold only: the span it was accepted from

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def label(self) -> str:
        return self.span.label

    @property
    def note(self) -> str:
        return self.span.note

    @property
    def stance(self) -> Any:
        return self.span.attrs.get(self.stance_name) if self.stance_name else None

    @property
    def other_attrs(self) -> dict[str, Any]:
        return {k: v for k, v in self.span.attrs.items() if k != self.stance_name}

    @property
    def sources(self) -> tuple[Link, ...]:
        """The SOURCE links (the scheme's source relation) of this version."""
        return tuple(link for link in self.links if link.relation.type == self.source_type)

    def link_keys(self, source: bool) -> frozenset[tuple[str, int]]:
        """(type, target item) of the source links (or of the other links)."""
        return frozenset((link.relation.type, link.target_item) for link in self.links
                         if (link.relation.type == self.source_type) == source)

    def content(self) -> tuple[Any, ...]:
        """What must be equal for two versions to agree (not the note)."""
        return (self.start, self.end, self.label, self.stance,
                tuple(sorted(self.other_attrs.items(), key=repr)), self.link_keys(True),
                self.link_keys(False))


@dataclass(frozen=True)
class CurationItem:
    """One thing the layers marked (or some did), with each layer's version of it."""

    index: int
    versions: Mapping[str, Version | None]  # every annotator layer, None where it lacks it
    gold: Version | None
    kind: str
    aspects: tuple[str, ...]
    # The lead rejected every version here and gold has none: decided, though gold holds
    # nothing (curation_decisions).
    rejected: bool = False

    @property
    def start(self) -> int:
        return min(version.start for version in self._present())

    @property
    def end(self) -> int:
        return max(version.end for version in self._present())

    def _present(self) -> list[Version]:
        found = [v for v in self.versions.values() if v is not None]
        return found + ([self.gold] if self.gold is not None else [])

    def version(self, layer: str) -> Version | None:
        """The layer's version (gold's under the gold layer's name)."""
        if self.gold is not None and layer == self.gold.layer:
            return self.gold
        return self.versions.get(layer)

    def agreeing(self) -> list[tuple[Version, tuple[str, ...]]]:
        """The distinct annotator versions, each with the layers that gave it, most first."""
        groups: dict[tuple[Any, ...], list[Version]] = {}
        for version in self.versions.values():
            if version is not None:
                groups.setdefault(version.content(), []).append(version)
        ranked = sorted(groups.values(), key=lambda group: -len(group))
        return [(group[0], tuple(v.layer for v in group)) for group in ranked]

    def gold_matches(self) -> tuple[str, ...]:
        """The annotator layers whose version gold has exactly."""
        if self.gold is None:
            return ()
        content = self.gold.content()
        return tuple(layer for layer, version in self.versions.items()
                     if version is not None and version.content() == content)

    @property
    def disagrees(self) -> bool:
        return self.kind != AGREED

    @property
    def resolved(self) -> bool:
        """Gold has exactly one annotator's version (the lead, or a pre-merge, chose it), or
        the lead rejected them all and gold has none."""
        return bool(self.gold_matches()) or (self.rejected and self.gold is None)


def align(gold_layer: str, annotator_layers: Sequence[str],
          spans: Mapping[str, Sequence[Span]], relations: Mapping[str, Sequence[Relation]],
          claims: ClaimRoles | None = None, origins: Mapping[str, str] | None = None
          ) -> list[CurationItem]:
    """The items of one document (see the module), in text order. `spans` and `relations`
    by layer name (a layer missing has none); `origins`: gold span id -> the span it was
    accepted from."""
    order = [gold_layer, *annotator_layers]
    claim_label = claims.label if claims is not None else None
    groups: list[dict[str, Span]] = []
    for layer in order:
        layer_spans = list(spans.get(layer, ()))
        for is_claim in (True, False):
            mine = [s for s in layer_spans if (s.label == claim_label) == is_claim]
            if not mine:
                continue
            open_groups = [g for g in groups if layer not in g
                           and (g[next(iter(g))].label == claim_label) == is_claim]
            heads = [g[next(iter(g))] for g in open_groups]
            match = relaxed_matching if is_claim else label_blind_matching
            found = match(heads, mine)
            by_head = {id(head): group for head, group in zip(heads, open_groups, strict=True)}
            for head, span in found.pairs:
                by_head[id(head)][layer] = span
            for span in found.b_alone:
                groups.append({layer: span})
    groups.sort(key=lambda g: (min(s.start for s in g.values()),
                               -max(s.end for s in g.values()),
                               min(s.label for s in g.values())))
    item_of = {span.id: index for index, group in enumerate(groups) for span in group.values()}
    by_id = {span.id: span for layer in order for span in spans.get(layer, ())}
    links: dict[str, list[Link]] = {}
    for layer in order:
        for relation in relations.get(layer, ()):
            target = by_id.get(relation.tail)
            if target is not None:
                links.setdefault(relation.head, []).append(
                    Link(relation, target, item_of.get(target.id, -1)))
    stance = claims.stance if claims is not None else None
    source = claims.source if claims is not None else None
    origins = origins or {}

    def version(layer: str, span: Span | None) -> Version | None:
        if span is None:
            return None
        return Version(layer, span, tuple(links.get(span.id, ())), stance, source,
                       origins.get(span.id) if layer == gold_layer else None)

    items = []
    for index, group in enumerate(groups):
        versions = {layer: version(layer, group.get(layer)) for layer in annotator_layers}
        gold = version(gold_layer, group.get(gold_layer))
        kind, aspects = _judge(versions, gold)
        items.append(CurationItem(index, versions, gold, kind, aspects))
    return items


def _judge(versions: Mapping[str, Version | None], gold: Version | None
           ) -> tuple[str, tuple[str, ...]]:
    present = [v for v in versions.values() if v is not None]
    everyone = len(present) == len(versions)
    contents = {v.content() for v in present}
    if not present:
        kind = ONLY_IN_GOLD
    elif gold is None:
        kind = MISSING_IN_GOLD
    elif everyone and len(contents) == 1:
        kind = AGREED if gold.content() in contents else GOLD_DIFFERS
    else:
        kind = ANNOTATORS_DISAGREE
    compared = present + ([gold] if gold is not None else [])
    aspects = [name for name, key in _ASPECT_KEYS.items()
               if len({key(v) for v in compared}) > 1]
    if not everyone:
        aspects.append("absent")
    return kind, tuple(aspects)


_ASPECT_KEYS: dict[str, Any] = {
    "boundaries": lambda v: (v.start, v.end),
    "label": lambda v: v.label,
    "stance": lambda v: v.stance,
    "attributes": lambda v: tuple(sorted(v.other_attrs.items(), key=repr)),
    "source": lambda v: v.link_keys(True),
    "links": lambda v: v.link_keys(False),
}


class ItemWalk:
    """The walk through a document's disagreements (F4, Shift+F4), for a class with
    `items` (the items of align(), in text order)."""

    items: list[CurationItem]

    def disagreements(self, unresolved: bool = False) -> list[CurationItem]:
        """The items that are not agreed; with `unresolved`, only those where gold has no
        annotator's version exactly."""
        return [item for item in self.items
                if item.kind != AGREED and not (unresolved and item.resolved)]

    def next_disagreement(self, after: int | None = None, step: int = 1,
                          unresolved: bool = False) -> CurationItem | None:
        """The disagreement after item index `after` (before it with step -1), wrapping
        around; the first (last) one when `after` is None."""
        found = self.disagreements(unresolved)
        if not found:
            return None
        if after is None:
            return found[0] if step > 0 else found[-1]
        if step > 0:
            return next((item for item in found if item.index > after), found[0])
        return next((item for item in reversed(found) if item.index < after), found[-1])

    def item_of_span(self, span_id: str) -> CurationItem | None:
        for item in self.items:
            for version in (*item.versions.values(), item.gold):
                if version is not None and version.span.id == span_id:
                    return item
        return None
