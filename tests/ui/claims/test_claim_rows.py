"""The desk's own bookkeeping for claims, without widgets: the link index, claim rows built
from a claim's neighbourhood (they must equal the service's rows for the whole document),
and the scheme draft's renames and usage counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.commands import Change
from annotator.core.errors import SchemeError
from annotator.core.model import Annotations, Document, Relation, Span
from annotator.core.scheme import default_scheme
from annotator.core.scheme_edits import AddLabel, MergeLabel, RemoveLabel, RenameValue
from annotator.services.claims import claim_rows
from annotator.ui.article.span_index import SpanIndex
from annotator.ui.claims.link_index import LinkIndex
from annotator.ui.claims.rows import all_claim_rows, touched_claims
from annotator.ui.scheme.draft import SchemeDraft, op_for, usage_counts
from tests.scheme_texts import CONFLICTING

DOC = Document(id="d", text=CONFLICTING, text_sha256="")
LABELS = ("LOCATION", "ACTOR", "WEAPON", "CLAIM")


@st.composite
def layers(draw):
    """Spans anywhere in the report (claims long or short, nested or not) and SOURCE links
    from claims to actors, with stances."""
    spans = []
    taken = set()  # a layer never holds the same label twice at the same place
    for n in range(draw(st.integers(0, 14))):
        start = draw(st.integers(0, len(CONFLICTING) - 2))
        end = draw(st.integers(start + 1, min(len(CONFLICTING), start + 120)))
        label = draw(st.sampled_from(LABELS))
        if (start, end, label) in taken:
            continue
        taken.add((start, end, label))
        attrs = {"stance": draw(st.sampled_from(("denied", "asserted")))} \
            if label == "CLAIM" and draw(st.booleans()) else {}
        spans.append(Span(doc_id="d", layer="amal", start=start, end=end, label=label,
                          text=CONFLICTING[start:end], id=f"s{n}", attrs=attrs))
    claims = [s for s in spans if s.label == "CLAIM"]
    actors = [s for s in spans if s.label == "ACTOR"]
    pairs = draw(st.lists(st.tuples(st.sampled_from(claims), st.sampled_from(actors)),
                          unique_by=lambda pair: (pair[0].id, pair[1].id), max_size=6)) \
        if claims and actors else []
    relations = [Relation(doc_id="d", layer="amal", type="SOURCE", head=c.id, tail=a.id,
                          id=f"r{n}") for n, (c, a) in enumerate(pairs)]
    return spans, relations


@settings(max_examples=60, deadline=None)
@given(layers())
def test_rows_from_a_claims_neighbourhood_equal_the_services_rows(layer):
    spans, relations = layer
    scheme = default_scheme()
    whole = claim_rows(scheme, Annotations(DOC, "amal", spans=tuple(spans),
                                           relations=tuple(relations)), "ar")
    index, links = SpanIndex(spans), LinkIndex(relations)
    mine = all_claim_rows(scheme, DOC, "amal", index, links, "ar")
    assert sorted(mine, key=lambda r: r.span_id) == sorted(whole, key=lambda r: r.span_id)


@settings(max_examples=40, deadline=None)
@given(layers(), st.data())
def test_an_edit_touches_every_claim_whose_row_changes(layer, data):
    """Remove one span (and its links), as an edit would: every claim whose row differs
    afterwards is among the touched ones."""
    spans, relations = layer
    if not spans:
        return
    scheme = default_scheme()
    gone = data.draw(st.sampled_from(spans))
    dropped = [r for r in relations if gone.id in (r.head, r.tail)]
    before = {r.span_id: r for r in all_claim_rows(scheme, DOC, "amal", SpanIndex(spans),
                                                  LinkIndex(relations), "en")}
    index = SpanIndex([s for s in spans if s is not gone])
    links = LinkIndex([r for r in relations if r not in dropped])
    after = {r.span_id: r for r in all_claim_rows(scheme, DOC, "amal", index, links, "en")}
    changes = [Change(r, None) for r in dropped] + [Change(gone, None)]
    touched = touched_claims(changes, index, links, "CLAIM")
    changed = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    assert changed <= touched


def test_the_link_index_follows_changes():
    a, b, c = (Relation(doc_id="d", layer="l", type="SOURCE", head="c1", tail=t, id=i)
               for t, i in (("a1", "r1"), ("a2", "r2"), ("a1", "r3")))
    links = LinkIndex([a, b])
    assert links.linked_ids("c1") == {"a1", "a2"} and links.linked_ids("a1") == {"c1"}
    moved = b.with_changes(tail="a3")
    assert links.apply_changes([Change(b, moved), Change(None, c)]) == {"c1", "a2", "a3",
                                                                        "a1"}
    assert links.linked_ids("a2") == set() and links.linked_ids("a3") == {"c1"}
    links.apply_changes([Change(a, None), Change(c, None), Change(moved, None)])
    assert len(links) == 0 and links.of_span("c1") == []


def test_the_draft_follows_renames_merges_and_removals():
    draft = SchemeDraft(default_scheme())
    draft.push(op_for(draft.scheme, ("label", "ACTOR"), "name", "SPEAKER"))
    draft.push(MergeLabel("WEAPON", "LOCATION"))
    draft.push(RenameValue("CLAIM", "stance", "denied", "rejected"))
    draft.push(AddLabel("EVENT", "#c5b0f0", "5"))
    counts = usage_counts(draft, {"ACTOR": 4, "WEAPON": 2, "LOCATION": 3},
                          {"SOURCE": 4}, {("CLAIM", "stance", "denied"): 2})
    assert counts[("label", "SPEAKER")] == 4
    assert counts[("label", "LOCATION")] == 5  # its own and the merged weapons
    assert counts[("value", "CLAIM", "stance", "rejected")] == 2
    assert counts[("relation", "SOURCE")] == 4
    assert ("label", "EVENT") not in counts  # new: nothing stored uses it
    draft.undo()
    assert not draft.scheme.has_label("EVENT") and len(draft.ops) == 3
    with pytest.raises(SchemeError, match="hotkey '2' is given to both"):
        draft.push(op_for(draft.scheme, ("label", "LOCATION"), "hotkey", "2"))
    assert len(draft.ops) == 3
    draft.push(RemoveLabel("SPEAKER"))
    assert not draft.scheme.has_relation("SOURCE")  # left with no label at one end
    assert op_for(draft.scheme, ("label", "CLAIM"), "names.ar", "زعم").changes == \
        {"names": {"ar": "زعم"}}
