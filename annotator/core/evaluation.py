"""Comparing predicted spans with gold spans: matching rules and precision, recall, F1.

One document is compared in four steps, each span taking part in at most one pair:
1. exact pairs: same start, end and label;
2. boundary pairs: same label, overlapping ranges; each predicted span (in text order) takes
   the unpaired gold span with the nearest boundaries (|start difference| + |end
   difference|, the first one on a tie), as nervaluate's ent_type scenario does;
3. label pairs: what is left, overlapping, with different labels (a wrong label);
4. predicted spans left are spurious (false positives), gold spans left are missed.

Exact scores count step 1 as true positives, overlap scores steps 1 and 2; everything else
is a false positive (predicted) or a false negative (gold). These equal nervaluate's strict
and ent_type figures per label whenever no two spans of one label overlap within a layer.
A relation is found when a predicted relation of the same type links the exact partners of
a gold relation's head and tail (strict relation scoring).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


class SpanLike(Protocol):
    @property
    def id(self) -> Any: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...


class RelationLike(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def head(self) -> Any: ...
    @property
    def tail(self) -> Any: ...


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    """Counts per label (or relation type), and their pooled (micro) total."""

    by_label: dict[str, Counts] = field(default_factory=dict)

    def counts(self, label: str) -> Counts:
        return self.by_label.setdefault(label, Counts())

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.by_label.values():
            total.add(counts)
        return total

    def add(self, other: Scores) -> None:
        for label, counts in other.by_label.items():
            self.counts(label).add(counts)

    def as_dict(self, labels: Sequence[str] = ()) -> dict[str, dict[str, float | int]]:
        names = list(labels) + sorted(set(self.by_label) - set(labels))
        data = {name: self.by_label.get(name, Counts()).as_dict() for name in names}
        data["micro"] = self.micro.as_dict()
        return data


@dataclass
class Comparison:
    """One document's spans paired up; pairs are (gold, predicted)."""

    exact: list[tuple[Any, Any]] = field(default_factory=list)
    boundary: list[tuple[Any, Any]] = field(default_factory=list)
    wrong_label: list[tuple[Any, Any]] = field(default_factory=list)
    spurious: list[Any] = field(default_factory=list)  # predicted, matching nothing
    missed: list[Any] = field(default_factory=list)  # gold, matched by nothing
    relations_found: list[tuple[Any, Any]] = field(default_factory=list)
    relations_spurious: list[Any] = field(default_factory=list)
    relations_missed: list[Any] = field(default_factory=list)

    def gold_state(self) -> dict[Any, str]:
        """Each gold span id: exact, boundary, wrong_label or missed."""
        return self._states(0, "missed", self.missed)

    def predicted_state(self) -> dict[Any, str]:
        """Each predicted span id: exact, boundary, wrong_label or spurious."""
        return self._states(1, "spurious", self.spurious)

    def _states(self, side: int, alone: str, left: list[Any]) -> dict[Any, str]:
        states: dict[Any, str] = {}
        for kind in ("exact", "boundary", "wrong_label"):
            for pair in getattr(self, kind):
                states[pair[side].id] = kind
        for span in left:
            states[span.id] = alone
        return states

    def partner(self, span_id: Any) -> Any | None:
        """The span paired with `span_id` (on the other side), if any."""
        for pairs in (self.exact, self.boundary, self.wrong_label):
            for gold, predicted in pairs:
                if gold.id == span_id:
                    return predicted
                if predicted.id == span_id:
                    return gold
        return None

    def span_scores(self) -> tuple[Scores, Scores]:
        """(exact, overlap) counts per label for this document."""
        exact, overlap = Scores(), Scores()
        for gold, _ in self.exact:
            exact.counts(gold.label).tp += 1
            overlap.counts(gold.label).tp += 1
        for gold, predicted in self.boundary:
            overlap.counts(gold.label).tp += 1
            exact.counts(gold.label).fn += 1
            exact.counts(predicted.label).fp += 1
        for gold, predicted in self.wrong_label:
            for scores in (exact, overlap):
                scores.counts(gold.label).fn += 1
                scores.counts(predicted.label).fp += 1
        for span in self.spurious:
            exact.counts(span.label).fp += 1
            overlap.counts(span.label).fp += 1
        for span in self.missed:
            exact.counts(span.label).fn += 1
            overlap.counts(span.label).fn += 1
        return exact, overlap

    def relation_scores(self) -> Scores:
        scores = Scores()
        for gold, _ in self.relations_found:
            scores.counts(gold.type).tp += 1
        for relation in self.relations_spurious:
            scores.counts(relation.type).fp += 1
        for relation in self.relations_missed:
            scores.counts(relation.type).fn += 1
        return scores


def _order(span: Any) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _overlaps(a: Any, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def _nearest(predicted: Any, candidates: list[Any], same_label: bool) -> int | None:
    best: int | None = None
    best_distance = 0
    for index, gold in enumerate(candidates):
        if (gold.label == predicted.label) != same_label or not _overlaps(gold, predicted):
            continue
        distance = abs(gold.start - predicted.start) + abs(gold.end - predicted.end)
        if best is None or distance < best_distance:
            best, best_distance = index, distance
    return best


def compare(gold_spans: Iterable[Any], predicted_spans: Iterable[Any],
            gold_relations: Iterable[Any] = (), predicted_relations: Iterable[Any] = ()
            ) -> Comparison:
    """Pair up one document's gold and predicted spans and relations (see the module)."""
    result = Comparison()
    gold = sorted(gold_spans, key=_order)
    predicted = sorted(predicted_spans, key=_order)

    by_key: dict[tuple[int, int, str], list[Any]] = {}
    for span in gold:
        by_key.setdefault(_order(span), []).append(span)
    unpaired: list[Any] = []
    for span in predicted:
        twins = by_key.get(_order(span))
        if twins:
            result.exact.append((twins.pop(0), span))
        else:
            unpaired.append(span)
    paired_gold = {id(g) for g, _ in result.exact}
    left_gold = [span for span in gold if id(span) not in paired_gold]

    for same_label, pairs in ((True, result.boundary), (False, result.wrong_label)):
        still: list[Any] = []
        for span in unpaired:
            index = _nearest(span, left_gold, same_label)
            if index is None:
                still.append(span)
            else:
                pairs.append((left_gold.pop(index), span))
        unpaired = still
    result.spurious = unpaired
    result.missed = left_gold

    partner = {predicted.id: gold.id for gold, predicted in result.exact}
    wanted: dict[tuple[str, Any, Any], list[Any]] = {}
    for relation in gold_relations:
        wanted.setdefault((relation.type, relation.head, relation.tail), []).append(relation)
    for relation in predicted_relations:
        key = (relation.type, partner.get(relation.head), partner.get(relation.tail))
        matches = wanted.get(key)
        if matches:
            result.relations_found.append((matches.pop(0), relation))
        else:
            result.relations_spurious.append(relation)
    result.relations_missed = [r for rs in wanted.values() for r in rs]
    return result
