"""Curation: the aligned view's items and kinds, and every edit one undoable step with its
audit row; undo gives gold back exactly as it was."""

import pytest

from annotator.core.curation import (
    AGREED,
    ANNOTATORS_DISAGREE,
    GOLD_DIFFERS,
    MISSING_IN_GOLD,
    ONLY_IN_GOLD,
)
from annotator.core.errors import TawsimError
from annotator.services.adjudication import working_session
from annotator.services.curation import curation_view
from annotator.services.curation_edits import accept_all, accept_version, reject
from annotator.services.session import AnnotationSession
from annotator.storage.review import span_origins
from tests.services.review_data import find
from tests.services.team_data import add_articles, article

TEXT = article(0)


@pytest.fixture
def lead(project):
    """amal and basel on a000: the same WEAPON; الزهراء against بلدة الزهراء; حلب a
    LOCATION against an ACTOR; the same ACTOR; the same CLAIM, asserted against denied,
    both linked to the ACTOR; basel alone marks ريف."""
    add_articles(project, 2)
    for name, place, aleppo, stance in (("amal", "الزهراء", "LOCATION", "asserted"),
                                        ("basel", "بلدة الزهراء", "ACTOR", "denied")):
        session = AnnotationSession(project, name)
        session.add_span("a000", *find(TEXT, "مدفعي"), "WEAPON")
        session.add_span("a000", *find(TEXT, place), "LOCATION")
        session.add_span("a000", *find(TEXT, "حلب"), aleppo)
        actor = session.add_span("a000", *find(TEXT, "المتحدث"), "ACTOR")
        claim = session.add_span("a000", *find(TEXT, "الطريق مفتوح"), "CLAIM",
                                 {"stance": stance}, note=f"{name}'s note")
        session.link("SOURCE", claim.id, actor.id)
        if name == "basel":
            session.add_span("a000", *find(TEXT, "ريف"), "LOCATION")
    return project


@pytest.fixture
def gold(lead):
    return working_session(lead, "lead", "gold")


def gold_state(project):
    spans = project.spans("a000", "gold")
    return (sorted((s.id, s.start, s.end, s.label, tuple(s.attrs.items()), s.note)
                   for s in spans),
            sorted((r.type, r.head, r.tail) for r in project.relations("a000", "gold")),
            span_origins(project, [s.id for s in spans]))


def item_at(view, word):
    start, end = find(TEXT, word)
    return next(item for item in view.items if item.start <= start and end <= item.end
                and any(v is not None and (v.start, v.end) == (start, end)
                        for v in (*item.versions.values(), item.gold)))


def test_items_line_up_in_text_order_with_their_kinds(lead):
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert [item.start for item in view.items] == sorted(item.start for item in view.items)
    assert len(view.items) == 6 and all(i.kind == MISSING_IN_GOLD for i in view.items)
    assert item_at(view, "مدفعي").aspects == ()
    assert item_at(view, "الزهراء").aspects == ("boundaries",)
    assert item_at(view, "حلب").aspects == ("label",)
    assert item_at(view, "الطريق مفتوح").aspects == ("stance",)
    assert item_at(view, "ريف").aspects == ("absent",)
    claim = item_at(view, "الطريق مفتوح")
    assert claim.versions["amal"].sources[0].target.text == "المتحدث"
    assert claim.versions["amal"].note == "amal's note"
    assert view.statuses == {"amal": "in_progress", "basel": "in_progress", "gold": "new"}


def test_default_layers_are_the_annotators_that_worked_on_it(lead):
    view = curation_view(lead, "a000")
    assert view.annotator_layers == ("amal", "basel") and view.gold_layer == "gold"
    assert curation_view(lead, "a001").annotator_layers == ()


def test_accepting_a_claim_brings_its_stance_note_and_source_with_the_actor(lead, gold):
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    claim = item_at(view, "الطريق مفتوح")
    accept_version(gold, view, claim, "basel")
    spans = {s.text: s for s in lead.spans("a000", "gold")}
    assert set(spans) == {"الطريق مفتوح", "المتحدث"}  # the linked actor came along
    assert spans["الطريق مفتوح"].attrs == {"stance": "denied"}
    assert spans["الطريق مفتوح"].note == "basel's note"
    [link] = lead.relations("a000", "gold")
    assert (link.type, link.head, link.tail) == ("SOURCE", spans["الطريق مفتوح"].id,
                                                 spans["المتحدث"].id)
    origins = span_origins(lead, [s.id for s in spans.values()])
    basel = {s.text: s.id for s in lead.spans("a000", "basel")}
    assert origins == {spans[t].id: basel[t] for t in ("الطريق مفتوح", "المتحدث")}
    row = lead.audit_trail("a000")[-1]
    assert row["action"] == "accept_version" and row["actor"] == "lead"
    assert row["layer"] == "gold"
    accepted = [step["value"] for step in row["after"] if step["action"] == "accept_span"]
    assert {value["origin"] for value in accepted} == {basel["الطريق مفتوح"], basel["المتحدث"]}
    assert all(value["from"] == ["basel"] for value in accepted)
    after = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert item_at(after, "الطريق مفتوح").gold_matches() == ("basel",)
    assert item_at(after, "المتحدث").kind == AGREED


def test_accept_then_undo_restores_gold_exactly(lead, gold):
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "الزهراء"), "amal")
    before = gold_state(lead)
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    for word, layer in (("الزهراء", "basel"), ("حلب", "basel"), ("الطريق مفتوح", "amal")):
        accept_version(gold, view, item_at(view, word), layer)
        view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert gold_state(lead) != before
    for _ in range(3):
        gold.undo("a000")
    assert gold_state(lead) == before
    gold.redo("a000")
    assert item_at(curation_view(lead, "a000", ["amal", "basel"], "gold"),
                   "بلدة الزهراء").gold_matches() == ("basel",)


def test_replacing_gold_keeps_its_id_and_links_to_it(lead, gold):
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "الطريق مفتوح"), "amal")
    actor = next(s for s in lead.spans("a000", "gold") if s.label == "ACTOR")
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "المتحدث"), "basel")
    again = next(s for s in lead.spans("a000", "gold") if s.label == "ACTOR")
    assert again.id == actor.id and len(lead.relations("a000", "gold")) == 1


def test_a_label_change_drops_links_the_scheme_no_longer_allows(lead, gold):
    basel = AnnotationSession(lead, "basel")
    speaker = next(s for s in lead.spans("a000", "basel") if s.text == "المتحدث")
    claim = next(s for s in lead.spans("a000", "basel") if s.label == "CLAIM")
    basel.relabel(speaker.id, "LOCATION")  # drops basel's own SOURCE link
    basel.link("SOURCE", claim.id, next(s.id for s in lead.spans("a000", "basel")
                                        if s.text == "حلب"))
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "الطريق مفتوح"), "amal")
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "المتحدث"), "basel")  # ACTOR -> LOCATION
    assert lead.relations("a000", "gold") == []
    gold.undo("a000")
    assert len(lead.relations("a000", "gold")) == 1


def test_reject_removes_gold_or_records_the_decision(lead, gold):
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "الطريق مفتوح"), "amal")
    before = gold_state(lead)
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert reject(gold, view, item_at(view, "الطريق مفتوح")) is True
    assert [s.text for s in lead.spans("a000", "gold")] == ["المتحدث"]
    row = lead.audit_trail("a000")[-1]
    assert row["action"] == "reject_version"
    assert row["after"][-1]["value"]["layers"] == ["amal", "basel"]
    gold.undo("a000")
    assert gold_state(lead) == before
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert reject(gold, view, item_at(view, "ريف")) is False
    assert lead.audit_trail("a000")[-1]["after"][0]["value"]["decision"] == "reject"
    assert gold_state(lead) == before


def test_accept_all_takes_one_annotators_spans_in_one_edit(lead, gold):
    assert accept_all(gold, "a000", "basel") == 6
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert all(item.gold_matches() in (("basel",), ("amal", "basel")) for item in view.items)
    kinds = {item.kind for item in view.items}
    assert kinds <= {AGREED, ANNOTATORS_DISAGREE}
    assert len(lead.relations("a000", "gold")) == 1
    assert accept_all(gold, "a000", "basel") == 0  # nothing left to take: no edit
    gold.undo("a000")
    assert lead.spans("a000", "gold") == []


def test_kinds_gold_differs_and_only_in_gold(lead, gold):
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "مدفعي"), "amal")
    weapon = next(s for s in lead.spans("a000", "gold"))
    gold.relabel(weapon.id, "ACTOR")
    gold.add_span("a000", *find(TEXT, "قصف"), "WEAPON")
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert item_at(view, "مدفعي").kind == GOLD_DIFFERS
    assert item_at(view, "قصف").kind == ONLY_IN_GOLD
    assert item_at(view, "مدفعي").gold.origin is not None


def test_walking_the_disagreements(lead, gold):
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    found = view.disagreements()
    assert found == view.items
    first = view.next_disagreement()
    assert first is found[0]
    assert view.next_disagreement(first.index).index == found[1].index
    assert view.next_disagreement(found[-1].index) is found[0]  # wraps around
    assert view.next_disagreement(found[0].index, step=-1) is found[-1]
    accept_all(gold, "a000", "amal")
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    assert [i.kind for i in view.disagreements(unresolved=True)] == [MISSING_IN_GOLD]


def test_bad_layers_and_a_stale_view_are_one_line(lead, gold):
    with pytest.raises(TawsimError, match="no layer 'nobody'"):
        curation_view(lead, "a000", ["amal", "nobody"], "gold")
    with pytest.raises(TawsimError, match="cannot be both compared and curated into"):
        curation_view(lead, "a000", ["amal", "gold"], "gold")
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    with pytest.raises(TawsimError, match="amal has no version"):
        accept_version(gold, view, item_at(view, "ريف"), "amal")
    accept_version(gold, view, item_at(view, "مدفعي"), "amal")
    stale = curation_view(lead, "a000", ["amal", "basel"], "gold")
    gold.undo("a000")
    with pytest.raises(TawsimError, match="gold has changed"):
        accept_version(gold, stale, item_at(stale, "مدفعي"), "basel")
    other = working_session(lead, "lead", "gold2")
    with pytest.raises(TawsimError, match="working layer is 'gold2'"):
        accept_version(other, view, item_at(view, "مدفعي"), "amal")


def test_a_gold_span_changed_elsewhere_is_not_overwritten(lead, gold, project_path):
    from annotator.core.commands import StaleEdit
    from annotator.storage import ProjectStore

    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    accept_version(gold, view, item_at(view, "حلب"), "amal")
    view = curation_view(lead, "a000", ["amal", "basel"], "gold")
    with ProjectStore.open(project_path) as other:
        elsewhere = working_session(other, "someone", "gold")
        span = next(s for s in other.spans("a000", "gold"))
        elsewhere.set_note(span.id, "changed in another window")
    before = gold_state(lead)
    with pytest.raises(StaleEdit):
        accept_version(gold, view, item_at(view, "حلب"), "basel")
    assert gold_state(lead) == before


def test_a_rejection_where_gold_has_nothing_is_a_decision(lead, gold):
    """basel alone marks ريف and gold has nothing there: rejecting it decides the place, as
    accepting a version does; undo reopens it, redo decides it again."""
    def to_decide():
        view = curation_view(lead, "a000", ["amal", "basel"], "gold")
        return view, {view.text[item.start:item.end] for item in view.places_to_decide()}

    view, places = to_decide()
    assert "ريف" in places
    assert reject(gold, view, item_at(view, "ريف")) is False  # gold had no version
    view, after = to_decide()
    assert after == places - {"ريف"}
    assert item_at(view, "ريف").resolved and item_at(view, "ريف").gold is None
    gold.undo("a000")
    assert to_decide()[1] == places
    gold.redo("a000")
    assert to_decide()[1] == places - {"ريف"}
    # Gold taking a version there later is its own decision again: the place is resolved by
    # the version, not by the rejection.
    view, _ = to_decide()
    accept_version(gold, view, item_at(view, "ريف"), "basel")
    assert "ريف" not in to_decide()[1]
