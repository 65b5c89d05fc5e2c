"""Claims and links read off spans and relations, without a project."""

from annotator.core.claims import claims_of, link_targets, links_of
from annotator.core.model import Relation, Span
from annotator.core.scheme import default_scheme, scheme_from_dict
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER, at, custom_scheme_data


def span(words, label, span_id, occurrence=0, **attrs):
    start, end = at(CONFLICTING, words, occurrence)
    return Span("d", "amal", start, end, label, words, id=span_id, attrs=attrs)


def link(type_, head, tail, relation_id):
    return Relation("d", "amal", type_, head, tail, id=relation_id)


SPANS = [
    span(DENIAL, "CLAIM", "c1", stance="denied"),
    span("طائرات حربية", "WEAPON", "w1"),
    span(DENIER, "ACTOR", "a1"),
    span("مصدر أمني", "ACTOR", "a0"),
    span("شاهد عيان", "ACTOR", "a2"),
    span("قناة محلية", "ACTOR", "a3"),
    span("المنطقة", "LOCATION", "l1"),
    # A claim inside the denial, to check that claims are not listed as entities.
    span("طائرات حربية في سماء المنطقة", "CLAIM", "c2"),
]


def test_claims_with_sources_links_and_entities():
    scheme = scheme_from_dict(custom_scheme_data())
    relations = [link("SOURCE", "c1", "a1", "r1"), link("RELAYED_BY", "c1", "a3", "r2")]
    first, second = claims_of(scheme, SPANS, relations)
    assert first.span.id == "c1" and second.span.id == "c2"
    assert first.stance == "denied" and second.stance is None
    assert [(x.relation.id, x.other.id, x.outgoing) for x in first.sources] == \
        [("r1", "a1", True)]
    assert [x.relation.type for x in first.links] == ["RELAYED_BY"]
    assert [e.id for e in first.entities] == ["w1", "l1"]
    assert [e.id for e in second.entities] == ["w1", "l1"]


def test_links_seen_from_either_end():
    relations = [link("SOURCE", "c1", "a1", "r1"), link("SOURCE", "c2", "a1", "r2")]
    seen = links_of("a1", SPANS, relations)
    assert [(x.other.id, x.outgoing) for x in seen] == [("c1", False), ("c2", False)]
    assert links_of("w1", SPANS, relations) == []


def test_no_claim_label_no_claims():
    data = default_scheme().to_dict()
    data["labels"] = data["labels"][:3]
    data["relations"] = []
    del data["claims"]
    assert claims_of(scheme_from_dict(data), SPANS, []) == []


def test_link_targets_nearest_first_and_not_twice():
    scheme = default_scheme()
    claim = SPANS[0]
    targets = link_targets(scheme, SPANS, [], claim, "SOURCE")
    # The denier just before the claim first; then by distance either side.
    assert [t.id for t in targets] == ["a1", "a3", "a2", "a0"]
    targets = link_targets(scheme, SPANS, [link("SOURCE", "c1", "a1", "r1")], claim, "SOURCE")
    assert "a1" not in [t.id for t in targets]
    assert link_targets(scheme, SPANS, [], SPANS[1], "SOURCE") == []
