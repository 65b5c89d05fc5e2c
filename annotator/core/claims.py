"""Claims and links read off one document's layer: who said what, and what it mentions.

Pure functions over spans and relations, so the desk can recompute them after each edit from
what it already holds, and the claims service can serve them from the project.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.model import Relation, Span
from annotator.core.scheme import Scheme


@dataclass(frozen=True)
class Link:
    """One relation seen from one of its spans: `other` is the span at the far end."""

    relation: Relation
    other: Span
    outgoing: bool  # the span is the relation's head


@dataclass(frozen=True)
class Claim:
    span: Span
    stance: str | None
    sources: tuple[Link, ...]  # links of the scheme's source type
    links: tuple[Link, ...]  # every other link of the claim
    entities: tuple[Span, ...]  # spans inside the claim that are not claims, by position


def _position(span: Span) -> tuple[int, int, str]:
    return (span.start, -span.end, span.label)


def links_of(span_id: str, spans: Sequence[Span], relations: Sequence[Relation]) -> list[Link]:
    """Every link touching the span, ordered by the position of the far end."""
    by_id = {span.id: span for span in spans}
    links = []
    for relation in relations:
        if relation.head == span_id and relation.tail in by_id:
            links.append(Link(relation, by_id[relation.tail], True))
        elif relation.tail == span_id and relation.head in by_id:
            links.append(Link(relation, by_id[relation.head], False))
    return sorted(links, key=lambda link: (_position(link.other), link.relation.type))


def claims_of(scheme: Scheme, spans: Sequence[Span], relations: Sequence[Relation]
              ) -> list[Claim]:
    """Every span of the scheme's claim label, by position, with its sources, stance, other
    links and the entity spans it contains. Empty when the scheme has no claim label."""
    roles = scheme.claim_roles
    if roles is None:
        return []
    ordered = sorted(spans, key=_position)
    claims = []
    for span in ordered:
        if span.label != roles.label:
            continue
        links = links_of(span.id, spans, relations)
        sources = tuple(link for link in links if link.relation.type == roles.source)
        others = tuple(link for link in links if link.relation.type != roles.source)
        entities = tuple(other for other in ordered
                         if other.label != roles.label and span.start <= other.start
                         and other.end <= span.end)
        stance = span.attrs.get(roles.stance) if roles.stance else None
        claims.append(Claim(span, stance, sources, others, entities))
    return claims


def link_targets(scheme: Scheme, spans: Sequence[Span], relations: Sequence[Relation],
                 head: Span, relation_type: str) -> list[Span]:
    """Spans a `relation_type` link from `head` may point to, nearest first (a claim's
    source is usually the actor just before it); spans already linked so are left out."""
    definition = scheme.relation(relation_type)
    if head.label not in definition.heads:
        return []
    linked = {r.tail for r in relations if r.head == head.id and r.type == relation_type}
    candidates = [span for span in spans if span.label in definition.tails
                  and span.id != head.id and span.id not in linked]

    def distance(span: Span) -> tuple[int, int]:
        if span.end <= head.start:
            return (head.start - span.end, 0)
        if span.start >= head.end:
            return (span.start - head.end, 1)
        return (0, -1)  # inside or overlapping the head

    return sorted(candidates, key=lambda span: (distance(span), _position(span)))
