"""Running totals for one pair of layers while the documents go by (see agreement.pairwise).

Per document the spans are paired twice (agreement.matching), and from the pairs come the
per-label tallies, the bootstrap row, the boundary-only kinds, the confusion table, the
stance pairs and the matched links; the token table and the α_U continuum are fed too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Any

from annotator.core.agreement.bootstrap import Statistic
from annotator.core.agreement.edges import ARTICLE_KIND, PROCLITIC, boundary_kind
from annotator.core.agreement.kappa import Kappa, cohen_kappa
from annotator.core.agreement.matching import Matching, both_matchings
from annotator.core.agreement.results import (
    UNMATCHED,
    BoundaryOnly,
    DocumentScore,
    PairAgreement,
    SpanScores,
    Tally,
)
from annotator.core.agreement.token_labels import OUTSIDE
from annotator.core.agreement.unitizing import Continuum, unitizing_alpha
from annotator.core.scheme import ClaimRoles

NO_CLAIMS = "the scheme names no claim label"
NO_STANCE = "the scheme names no stance attribute"
NO_SOURCE = "the scheme names no source relation"

# What each document adds to the bootstrap: exact, relaxed and label-blind matched pairs,
# spans in a, spans in b.
ROW_FIELDS = 5


class PairTotals:
    def __init__(self, a: str, b: str, claims: ClaimRoles | None) -> None:
        self.a, self.b = a, b
        self.claims = claims
        self.exact: Counter[str] = Counter()
        self.relaxed: Counter[str] = Counter()
        self.a_counts: Counter[str] = Counter()
        self.b_counts: Counter[str] = Counter()
        self.rows: list[tuple[int, int, int, int, int]] = []
        self.scores: list[DocumentScore] = []
        self.continuum = Continuum(2)
        self.tokens: Counter[tuple[Hashable, Hashable]] = Counter()  # near spans
        self.outside_tokens = 0  # the other tokens: O in both layers
        self.stances: Counter[tuple[Hashable, Hashable]] = Counter()
        self.links: dict[str, list[int]] = {}  # type -> [in a, in b, matched]
        self.boundary = Counter({"total": 0, PROCLITIC: 0, ARTICLE_KIND: 0})
        self.confusion: dict[str, Counter[str]] = {}

    def add(self, doc_id: str, text: str, a_spans: list[Any], b_spans: list[Any],
            a_relations: Sequence[Any], b_relations: Sequence[Any],
            token_count: int, a_tokens: Sequence[str], b_tokens: Sequence[str]) -> None:
        """One document: its spans and relations in both layers, its number of tokens and
        both layers' labels for the tokens near spans (token_labels.layer_labels)."""
        self.a_counts.update(span.label for span in a_spans)
        self.b_counts.update(span.label for span in b_spans)
        relaxed, blind = both_matchings(a_spans, b_spans)
        for x, _ in relaxed.pairs[:relaxed.exact]:
            self.exact[x.label] += 1
        for x, _ in relaxed.pairs:
            self.relaxed[x.label] += 1
        self.rows.append((relaxed.exact, len(relaxed.pairs), len(blind.pairs),
                          len(a_spans), len(b_spans)))
        self.scores.append(DocumentScore(doc_id, Tally(len(a_spans), len(b_spans),
                                                       len(relaxed.pairs))))
        self.continuum.add_document(len(text), [a_spans, b_spans])
        self.tokens.update(zip(a_tokens, b_tokens, strict=True))
        self.outside_tokens += token_count - len(a_tokens)
        self._edges(text, relaxed)
        self._confusion(blind)
        self._stances(relaxed)
        if a_relations or b_relations:
            self._links(a_relations, b_relations, relaxed)

    def _edges(self, text: str, relaxed: Matching) -> None:
        for x, y in relaxed.pairs[relaxed.exact:]:
            self.boundary["total"] += 1
            kind = boundary_kind(text, x, y)
            if kind:
                self.boundary[kind] += 1

    def _confusion(self, blind: Matching) -> None:
        for x, y in blind.pairs:
            self.confusion.setdefault(x.label, Counter())[y.label] += 1
        for x in blind.a_alone:
            self.confusion.setdefault(x.label, Counter())[UNMATCHED] += 1
        for y in blind.b_alone:
            self.confusion.setdefault(UNMATCHED, Counter())[y.label] += 1

    def _stances(self, relaxed: Matching) -> None:
        if self.claims is None or self.claims.stance is None:
            return
        label, name = self.claims.label, self.claims.stance
        for x, y in relaxed.pairs:
            if x.label == label:
                self.stances[(x.attrs.get(name), y.attrs.get(name))] += 1

    def _links(self, a_relations: Sequence[Any], b_relations: Sequence[Any],
               relaxed: Matching) -> None:
        partner = {x.id: y.id for x, y in relaxed.pairs}
        waiting: Counter[tuple[str, Any, Any]] = Counter(
            (r.type, r.head, r.tail) for r in b_relations)
        for relation in b_relations:
            self.links.setdefault(relation.type, [0, 0, 0])[1] += 1
        for relation in a_relations:
            tally = self.links.setdefault(relation.type, [0, 0, 0])
            tally[0] += 1
            key = (relation.type, partner.get(relation.head), partner.get(relation.tail))
            if waiting[key] > 0:
                waiting[key] -= 1
                tally[2] += 1

    def result(self, labels: Sequence[str],
               intervals: Sequence[tuple[float, float] | None]) -> PairAgreement:
        """The figures; `intervals` are the bootstrap's for the exact, relaxed and
        label-blind F1 (statistics() in that order)."""
        used = set(self.a_counts) | set(self.b_counts)
        names = list(labels) + sorted(used - set(labels))

        def tallies(matched: Counter[str]) -> dict[str, Tally]:
            return {name: Tally(self.a_counts[name], self.b_counts[name], matched[name])
                    for name in names}

        def pooled(field: int) -> Tally:
            return Tally(sum(row[3] for row in self.rows), sum(row[4] for row in self.rows),
                         sum(row[field] for row in self.rows))

        order = sorted(range(len(self.scores)),
                       key=lambda i: (self.scores[i].f1 is None, self.scores[i].f1 or 0.0, i))
        claims = self.claims
        reasons: dict[str, str] = {}
        stance = cohen_kappa(self.stances)
        if claims is None or claims.stance is None:
            stance = Kappa(None, 0, reason=NO_CLAIMS if claims is None else NO_STANCE)
        source_type = claims.source if claims is not None else None
        if source_type is None:
            reasons["source_f1"] = NO_CLAIMS if claims is None else NO_SOURCE
        return PairAgreement(
            a=self.a, b=self.b, documents=len(self.rows),
            exact=SpanScores(pooled(0), tallies(self.exact), intervals[0]),
            relaxed=SpanScores(pooled(1), tallies(self.relaxed), intervals[1]),
            label_blind=SpanScores(pooled(2), {}, intervals[2]),
            alpha_u=unitizing_alpha(self.continuum, names),
            token_kappa=cohen_kappa(self.tokens + Counter({(OUTSIDE, OUTSIDE):
                                                           self.outside_tokens})),
            stance_kappa=stance,
            links={kind: Tally(*counts) for kind, counts in sorted(self.links.items())},
            source_type=source_type,
            boundary_only=BoundaryOnly(self.boundary["total"], self.boundary[PROCLITIC],
                                       self.boundary[ARTICLE_KIND]),
            confusion=_confusion_table(self.confusion, names),
            documents_by_f1=[self.scores[i] for i in order],
            reasons=reasons,
        )


def statistics(offset: int) -> list[Statistic]:
    """The pooled exact, relaxed and label-blind F1 of a resample, from a pair's rows found
    at `offset` in the summed rows (the pairs' rows are laid side by side)."""
    def f1_of(field: int) -> Statistic:
        def f1(sums: Sequence[int]) -> float | None:
            spans = sums[offset + 3] + sums[offset + 4]
            return 2 * sums[offset + field] / spans if spans else None
        return f1
    return [f1_of(field) for field in range(3)]


def _confusion_table(table: dict[str, Counter[str]], names: list[str]
                     ) -> dict[str, dict[str, int]]:
    order = [*names, UNMATCHED]
    rank = {name: index for index, name in enumerate(order)}

    def place(name: str) -> tuple[int, str]:
        return rank.get(name, len(order)), name

    return {row: {column: table[row][column] for column in sorted(table[row], key=place)}
            for row in sorted(table, key=place)}
