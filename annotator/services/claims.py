"""The claims panel's rows: every claim of a document's layer with its source, stance, note,
other links and the entities inside it, named in the interface language.

`claim_rows` works from annotations the desk already holds; `document_claims` reads them from
the project first. `span_links` is what the desk shows for any selected span (a claim's
source, or the claims an actor is the source of).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.claims import Claim, Link, claims_of, link_targets, links_of
from annotator.core.model import Annotations, Span
from annotator.core.scheme import Scheme
from annotator.storage import ProjectStore


@dataclass(frozen=True)
class LinkedSpan:
    """The far end of one link, as a panel shows it."""

    relation_id: str
    type: str
    type_title: str  # the relation type's name in the interface language
    outgoing: bool  # True: this span is the head (a claim pointing to its source)
    span_id: str
    label: str
    label_title: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    span_id: str
    label: str
    label_title: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class AttributeShown:
    name: str
    title: str
    value: str | None
    value_title: str  # "" when not set


@dataclass(frozen=True)
class ClaimRow:
    span_id: str
    doc_id: str
    layer: str
    start: int
    end: int
    text: str
    stance: str | None  # the stance value's name (e.g. "denied"), None when not set
    stance_title: str  # its name in the interface language, "" when not set
    attributes: tuple[AttributeShown, ...]  # every attribute the claim label defines
    note: str
    sources: tuple[LinkedSpan, ...]
    links: tuple[LinkedSpan, ...]  # the claim's other links
    entities: tuple[Entity, ...]  # LOCATION, ACTOR, WEAPON... spans inside it, by position

    @property
    def source_text(self) -> str:
        """The sources' texts joined, for a table cell; "" when none is linked yet."""
        return "، ".join(source.text for source in self.sources)

    @property
    def is_complete(self) -> bool:
        """Linked to a source and given a stance: what the guidelines ask of every claim."""
        return bool(self.sources) and self.stance is not None


def _label_title(scheme: Scheme, label: str, language: str) -> str:
    return scheme.label(label).display(language) if scheme.has_label(label) else label


def _linked(scheme: Scheme, link: Link, language: str) -> LinkedSpan:
    relation, other = link.relation, link.other
    type_title = scheme.relation(relation.type).display(language) \
        if scheme.has_relation(relation.type) else relation.type
    return LinkedSpan(relation.id, relation.type, type_title, link.outgoing, other.id,
                      other.label, _label_title(scheme, other.label, language), other.text,
                      other.start, other.end)


def _attributes(scheme: Scheme, span: Span, language: str) -> tuple[AttributeShown, ...]:
    shown = []
    for definition in scheme.label(span.label).attributes:
        value = span.attrs.get(definition.name)
        value_def = definition.value(value) if value is not None else None
        shown.append(AttributeShown(definition.name, definition.display(language), value,
                                    value_def.display(language) if value_def else ""))
    return tuple(shown)


def _row(scheme: Scheme, claim: Claim, language: str) -> ClaimRow:
    span = claim.span
    attributes = _attributes(scheme, span, language)
    roles = scheme.claim_roles
    stance_title = next((a.value_title for a in attributes
                         if roles is not None and a.name == roles.stance), "")
    return ClaimRow(
        span_id=span.id, doc_id=span.doc_id, layer=span.layer, start=span.start, end=span.end,
        text=span.text, stance=claim.stance, stance_title=stance_title, attributes=attributes,
        note=span.note,
        sources=tuple(_linked(scheme, link, language) for link in claim.sources),
        links=tuple(_linked(scheme, link, language) for link in claim.links),
        entities=tuple(Entity(e.id, e.label, _label_title(scheme, e.label, language), e.text,
                              e.start, e.end) for e in claim.entities),
    )


def claim_rows(scheme: Scheme, annotations: Annotations, language: str = "en"
               ) -> list[ClaimRow]:
    """The claims of one document's layer, by position."""
    claims = claims_of(scheme, annotations.spans, annotations.relations)
    return [_row(scheme, claim, language) for claim in claims]


def document_claims(project: ProjectStore, doc_id: str, layer: str, language: str = "en"
                    ) -> list[ClaimRow]:
    return claim_rows(project.scheme, project.annotations(doc_id, layer), language)


def span_links(scheme: Scheme, annotations: Annotations, span_id: str, language: str = "en"
               ) -> list[LinkedSpan]:
    """Every link of a span, far ends by position: for a claim its source, for an actor the
    claims it is the source of. The desk highlights both ends."""
    links = links_of(span_id, annotations.spans, annotations.relations)
    return [_linked(scheme, link, language) for link in links]


def link_candidates(scheme: Scheme, annotations: Annotations, head_id: str,
                    relation_type: str) -> list[Span]:
    """The spans a new `relation_type` link from `head_id` may point to, nearest first: the
    list the desk offers after the link key (S for SOURCE)."""
    head = next((s for s in annotations.spans if s.id == head_id), None)
    if head is None:
        return []
    return link_targets(scheme, annotations.spans, annotations.relations, head, relation_type)
