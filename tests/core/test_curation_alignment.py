"""Lining layers up for curation: every span in exactly one item, at most one span of a
layer per item, claims never with entities, kinds and aspects as defined."""

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.curation import (
    AGREED,
    ANNOTATORS_DISAGREE,
    GOLD_DIFFERS,
    MISSING_IN_GOLD,
    ONLY_IN_GOLD,
    align,
)
from annotator.core.model import Relation, Span
from annotator.core.scheme import ClaimRoles

CLAIMS = ClaimRoles("CLAIM", "SOURCE", "stance")
LABELS = ("LOCATION", "ACTOR", "CLAIM")


def span(layer, start, end, label, **attrs):
    return Span("d", layer, start, end, label, "x" * (end - start), attrs=attrs)


@st.composite
def layer_spans(draw, layer):
    found = {}
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, 40))
        end = draw(st.integers(start + 1, start + 12))
        label = draw(st.sampled_from(LABELS))
        found[(start, end, label)] = span(layer, start, end, label)
    return list(found.values())


@settings(deadline=None, max_examples=300)
@given(layer_spans("gold"), layer_spans("amal"), layer_spans("basel"), layer_spans("chadi"))
def test_every_span_lands_in_exactly_one_item(gold, amal, basel, chadi):
    spans = {"gold": gold, "amal": amal, "basel": basel, "chadi": chadi}
    items = align("gold", ["amal", "basel", "chadi"], spans, {}, CLAIMS)
    placed = [v.span.id for item in items for v in (*item.versions.values(), item.gold)
              if v is not None]
    assert sorted(placed) == sorted(s.id for layer in spans.values() for s in layer)
    assert [item.index for item in items] == list(range(len(items)))
    assert [item.start for item in items] == sorted(item.start for item in items)
    for item in items:
        versions = [v for v in (*item.versions.values(), item.gold) if v is not None]
        assert {v.label == "CLAIM" for v in versions} in ({True}, {False})
        head = item.gold or versions[0]  # the layers are taken in turn, gold first
        assert all(v.start < head.end and head.start < v.end for v in versions)
        if item.kind == AGREED:
            assert len({(v.start, v.end, v.label) for v in versions}) == 1
            assert len(versions) == 4
        if item.kind == ONLY_IN_GOLD:
            assert all(v is None for v in item.versions.values())
        if item.kind == MISSING_IN_GOLD:
            assert item.gold is None


def test_kinds_aspects_and_links_by_item():
    actor = {layer: span(layer, 0, 5, "ACTOR") for layer in ("gold", "amal", "basel")}
    claim = {"amal": span("amal", 10, 30, "CLAIM", stance="asserted"),
             "basel": span("basel", 10, 30, "CLAIM", stance="denied"),
             "gold": span("gold", 10, 30, "CLAIM", stance="asserted")}
    links = {layer: [Relation("d", layer, "SOURCE", claim[layer].id, actor[layer].id)]
             for layer in ("amal", "gold")}
    spans = {layer: [actor[layer], claim[layer]] for layer in ("gold", "amal", "basel")}
    spans["amal"].append(span("amal", 40, 44, "LOCATION"))
    spans["basel"].append(span("basel", 40, 44, "LOCATION"))
    spans["gold"].append(span("gold", 40, 44, "ACTOR"))
    spans["gold"].append(span("gold", 50, 52, "ACTOR"))
    items = align("gold", ["amal", "basel"], spans, links, CLAIMS)
    kinds = [(item.start, item.kind, item.aspects) for item in items]
    assert kinds == [(0, AGREED, ()),
                     (10, ANNOTATORS_DISAGREE, ("stance", "source")),
                     (40, GOLD_DIFFERS, ("label",)),
                     (50, ONLY_IN_GOLD, ("absent",))]
    claim_item = items[1]
    assert claim_item.gold_matches() == ("amal",) and claim_item.resolved
    assert claim_item.versions["amal"].sources[0].target_item == 0
    assert claim_item.versions["basel"].sources == ()
    assert [group for _, group in claim_item.agreeing()] == [("amal",), ("basel",)]
