"""Which claims an edit touches, and their rows, worked out from what the desk holds.

The claims service builds rows from a document's spans and links. Giving it the whole
document after every edit would look at every span for every claim; here each claim gets only
the spans that overlap it and the spans it is linked to, which is all its row depends on.
Qt-free, so it is tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.commands import Change
from annotator.core.model import Annotations, Document, Relation, Span
from annotator.core.scheme import Scheme
from annotator.services.claims import ClaimRow, claim_rows
from annotator.ui.article.span_index import SpanIndex
from annotator.ui.claims.link_index import LinkIndex


def claim_row(scheme: Scheme, document: Document, layer: str, index: SpanIndex,
              links: LinkIndex, claim: Span, language: str) -> ClaimRow | None:
    spans = {span.id: span for span in index.overlapping(claim.start, claim.end)}
    relations = links.of_span(claim.id)
    for relation in relations:
        for end in (relation.head, relation.tail):
            span = index.get(end)
            if span is not None:
                spans[span.id] = span
    spans[claim.id] = claim
    annotations = Annotations(document, layer, spans=tuple(spans.values()),
                              relations=tuple(relations))
    return next((row for row in claim_rows(scheme, annotations, language)
                 if row.span_id == claim.id), None)


def all_claim_rows(scheme: Scheme, document: Document, layer: str, index: SpanIndex,
                   links: LinkIndex, language: str) -> list[ClaimRow]:
    roles = scheme.claim_roles
    if roles is None:
        return []
    rows = []
    for span in index.values():
        if span.label == roles.label:
            row = claim_row(scheme, document, layer, index, links, span, language)
            if row is not None:
                rows.append(row)
    return rows


def touched_claims(changes: Iterable[Change], index: SpanIndex, links: LinkIndex,
                   claim_label: str) -> set[str]:
    """Ids of the claims whose rows an edit may have changed (the index and the links are
    already up to date): claims edited themselves, claims around an edited span, claims
    linked to it, and both ends of an edited link."""
    ids: set[str] = set()
    for change in changes:
        for item in (change.old, change.new):
            if isinstance(item, Span):
                if item.label == claim_label:
                    ids.add(item.id)
                ids.update(span.id for span in index.overlapping(item.start, item.end)
                           if span.label == claim_label)
                ids.update(links.linked_ids(item.id))
            elif isinstance(item, Relation):
                ids.update((item.head, item.tail))
    return ids
