"""Pairing predicted spans with gold ones: the four steps and the scores they give."""

from dataclasses import dataclass, field

import pytest

from annotator.core.evaluation import Counts, compare


@dataclass(frozen=True)
class S:
    id: str
    start: int
    end: int
    label: str
    attrs: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class R:
    type: str
    head: str
    tail: str


GOLD = [S("g1", 0, 5, "ACTOR"), S("g2", 10, 20, "CLAIM"), S("g3", 12, 15, "LOCATION"),
        S("g4", 30, 35, "WEAPON"), S("g5", 40, 45, "ACTOR")]
PRED = [S("p1", 0, 5, "ACTOR"), S("p2", 10, 18, "CLAIM"), S("p3", 12, 15, "WEAPON"),
        S("p4", 50, 55, "LOCATION")]


def test_each_span_takes_part_in_one_pair_at_most():
    result = compare(GOLD, PRED, [R("SOURCE", "g2", "g1")], [R("SOURCE", "p2", "p1")])
    assert [(g.id, p.id) for g, p in result.exact] == [("g1", "p1")]
    assert [(g.id, p.id) for g, p in result.boundary] == [("g2", "p2")]
    assert [(g.id, p.id) for g, p in result.wrong_label] == [("g3", "p3")]
    assert [p.id for p in result.spurious] == ["p4"]
    assert [g.id for g in result.missed] == ["g4", "g5"]
    assert result.gold_state() == {"g1": "exact", "g2": "boundary", "g3": "wrong_label",
                                   "g4": "missed", "g5": "missed"}
    assert result.predicted_state()["p4"] == "spurious"
    assert result.partner("p2").id == "g2" and result.partner("g4") is None
    # The claim's boundaries differ, so its relation is not found under strict scoring.
    assert result.relations_found == [] and len(result.relations_missed) == 1


def test_scores_per_label_and_pooled():
    exact, overlap = compare(GOLD, PRED).span_scores()
    assert exact.by_label["CLAIM"] == Counts(tp=0, fp=1, fn=1)
    assert overlap.by_label["CLAIM"] == Counts(tp=1, fp=0, fn=0)
    assert exact.micro == Counts(tp=1, fp=3, fn=4)
    assert overlap.micro == Counts(tp=2, fp=2, fn=3)
    assert overlap.micro.precision == pytest.approx(0.5)
    assert overlap.micro.recall == pytest.approx(0.4)
    assert overlap.micro.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)


def test_a_prediction_takes_the_gold_span_with_the_nearest_edges():
    gold = [S("a", 0, 5, "LOCATION"), S("b", 5, 10, "LOCATION")]
    result = compare(gold, [S("p", 4, 9, "LOCATION")])
    assert [(g.id, p.id) for g, p in result.boundary] == [("b", "p")]


def test_exact_twins_are_never_taken_by_a_neighbour():
    gold = [S("a", 0, 10, "CLAIM")]
    result = compare(gold, [S("wide", 0, 12, "CLAIM"), S("same", 0, 10, "CLAIM")])
    assert [(g.id, p.id) for g, p in result.exact] == [("a", "same")]
    assert [p.id for p in result.spurious] == ["wide"]


def test_relations_between_exact_partners_are_found():
    gold = [S("c", 10, 20, "CLAIM"), S("a", 0, 5, "ACTOR")]
    pred = [S("x", 10, 20, "CLAIM"), S("y", 0, 5, "ACTOR")]
    result = compare(gold, pred, [R("SOURCE", "c", "a")],
                     [R("SOURCE", "x", "y"), R("SOURCE", "y", "x")])
    assert len(result.relations_found) == 1 and len(result.relations_spurious) == 1
    assert result.relation_scores().micro == Counts(tp=1, fp=1, fn=0)


def test_nothing_to_score_gives_zeros_not_errors():
    assert Counts().as_dict() == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0,
                                  "fp": 0, "fn": 0}
