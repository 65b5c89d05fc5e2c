"""Pre-merge: gold gets exactly the spans enough annotators agree on, with the stances and
links they agree on, one undoable edit per document; gold's own work is never touched."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.services.adjudication import working_session
from annotator.services.curation_premerge import premerge
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from annotator.storage.review import span_origins
from tests.services.review_data import find
from tests.services.team_data import add_articles, article

TEXT = article(0)
# What an annotator may do in each place of the article: nothing, or one of these.
SLOTS = {
    "weapon": [None, ("مدفعي", "WEAPON"), ("مدفعي", "ACTOR")],
    "place": [None, ("الزهراء", "LOCATION"), ("بلدة الزهراء", "LOCATION")],
    "aleppo": [None, ("حلب", "LOCATION"), ("حلب", "ACTOR")],
    "speaker": [None, ("المتحدث", "ACTOR")],
    "claim": [None, ("الطريق مفتوح", "CLAIM")],
}
STANCES = [None, "asserted", "denied"]

choice = st.fixed_dictionaries({
    **{slot: st.sampled_from(options) for slot, options in SLOTS.items()},
    "stance": st.sampled_from(STANCES), "link": st.booleans()})

counter = itertools.count()


def build(path, choices):
    project = ProjectStore.create(path)
    add_articles(project, 1)
    for number, chosen in enumerate(choices):
        session = AnnotationSession(project, f"ann{number}")
        made = {}
        for slot in SLOTS:
            if chosen[slot] is not None:
                word, label = chosen[slot]
                attrs = {"stance": chosen["stance"]} if slot == "claim" and chosen["stance"] \
                    else None
                made[slot] = session.add_span("a000", *find(TEXT, word), label, attrs)
        if chosen["link"] and "claim" in made and "speaker" in made:
            session.link("SOURCE", made["claim"].id, made["speaker"].id)
        session.set_status("a000", Status.DONE)
    return project


def expected(choices):
    spans = set()
    for slot in SLOTS:
        picked = {c[slot] for c in choices}
        if len(picked) == 1 and None not in picked:
            word, label = picked.pop()
            stances = {c["stance"] for c in choices}
            stance = stances.pop() if len(stances) == 1 and slot == "claim" else None
            spans.add((*find(TEXT, word), label, stance))
    agreed_link = all(c["link"] for c in choices) and \
        all(c[s] == choices[0][s] is not None for c in choices for s in ("claim", "speaker"))
    return spans, agreed_link


def gold_of(project):
    spans = {(s.start, s.end, s.label, s.attrs.get("stance"))
             for s in project.spans("a000", "gold")}
    links = project.relations("a000", "gold")
    return spans, len(links) == 1


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(choice, min_size=2, max_size=3))
def test_gold_gets_exactly_what_every_annotator_agrees_on(tmp_path, choices):
    project = build(tmp_path / f"p{next(counter)}.tawsim", choices)
    with project:
        gold = working_session(project, "lead", "gold")
        layers = [f"ann{n}" for n in range(len(choices))]
        report = premerge(gold, ["a000"], layers)
        spans, link = expected(choices)
        assert gold_of(project) == (spans, link)
        assert report.spans == len(spans) and report.links == int(link)
        if spans:
            gold.undo("a000")
        assert project.spans("a000", "gold") == []


@pytest.fixture
def three(tmp_path):
    """amal and basel agree on everything; chadi calls حلب an ACTOR, gives another stance and
    leaves مدفعي out."""
    base = {"weapon": SLOTS["weapon"][1], "place": SLOTS["place"][1],
            "aleppo": SLOTS["aleppo"][1], "speaker": SLOTS["speaker"][1],
            "claim": SLOTS["claim"][1], "stance": "asserted", "link": True}
    chadi = {**base, "weapon": None, "aleppo": SLOTS["aleppo"][2], "stance": "denied"}
    project = build(tmp_path / "three.tawsim", [base, base, chadi])
    yield project
    project.close()


def test_two_votes_of_three(three):
    gold = working_session(three, "lead", "gold")
    report = premerge(gold, ["a000"], ["ann0", "ann1", "ann2"], min_votes=2)
    spans, _ = gold_of(three)
    assert ("حلب" in {s.text for s in three.spans("a000", "gold")})
    assert (*find(TEXT, "حلب"), "LOCATION", None) in spans
    assert (*find(TEXT, "الطريق مفتوح"), "CLAIM", None) in spans  # stances differ: none
    assert (*find(TEXT, "مدفعي"), "WEAPON", None) in spans
    assert report.spans == 5 and report.links == 1 and report.undecided == 0
    row = three.audit_trail("a000")[-1]
    assert row["action"] == "premerge"
    steps = [step["value"] for step in row["after"] if step["action"] == "accept_span"]
    weapon = next(step for step in steps if step["label"] == "WEAPON")
    assert weapon["from"] == ["ann0", "ann1"]
    ann0 = {s.id for s in three.spans("a000", "ann0")}
    origins = span_origins(three, [s.id for s in three.spans("a000", "gold")])
    assert len(origins) == 5 and set(origins.values()) <= ann0


def test_all_three_by_default_and_gold_kept(three):
    gold = working_session(three, "lead", "gold")
    start, end = find(TEXT, "حلب")
    mine = gold.add_span("a000", start, end, "ACTOR", note="the lead's own")
    report = premerge(gold, ["a000"], ["ann0", "ann1", "ann2"])
    texts = sorted(s.text for s in three.spans("a000", "gold"))
    # the claim goes in without a stance (they differ), with the SOURCE link all three made
    assert texts == sorted(["الزهراء", "الطريق مفتوح", "المتحدث", "حلب"])
    assert three.span(mine.id).note == "the lead's own"
    claim = next(s for s in three.spans("a000", "gold") if s.label == "CLAIM")
    assert claim.attrs == {} and len(three.relations("a000", "gold")) == 1
    assert report.undecided == 1  # مدفعي: two of three
    again = premerge(gold, ["a000"], ["ann0", "ann1", "ann2"])
    assert again.spans == 0


def test_reviewed_documents_and_bad_votes(three):
    gold = working_session(three, "lead", "gold")
    gold.set_status("a000", Status.REVIEWED)
    report = premerge(gold, ["a000"], ["ann0", "ann1"])
    assert report.skipped_reviewed == ["a000"] and three.spans("a000", "gold") == []
    with pytest.raises(TawsimError, match="between 1 and 2"):
        premerge(gold, ["a000"], ["ann0", "ann1"], min_votes=3)
    with pytest.raises(TawsimError, match="no layer 'nobody'"):
        premerge(gold, ["a000"], ["ann0", "nobody"])


def test_one_annotator_is_taken_whole_only_when_asked(three):
    gold = working_session(three, "lead", "gold")
    with pytest.raises(TawsimError, match="copy all of it into gold"):
        premerge(gold, ["a000"], ["ann0"])
    report = premerge(gold, ["a000"], ["ann0"], min_votes=1)
    assert report.spans == len(three.spans("a000", "ann0")) > 0
    assert "every span of any of them" in report.summary_lines()[0]


def test_gold_is_never_an_annotators_layer(three):
    other = working_session(three, "lead", "ann2")  # the lead writing into ann2's work
    with pytest.raises(TawsimError, match="'ann2' is an annotator's own work"):
        premerge(other, ["a000"], ["ann0", "ann1"])
