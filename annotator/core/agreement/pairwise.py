"""Agreement between layers over the same documents: every figure, every pair, one pass.

compare_layers() compares two layers; compare_all() compares every pair of several layers
in one pass over the documents (each document's tokens are labelled once per layer, and one
bootstrap serves all pairs). The figures for a pair are the same either way.

For each pair (agreement.collect): the spans of each document are paired twice
(agreement.matching), relaxed within a label and label-blind; from the pairs come
- exact F1 (identical spans), relaxed F1 (same label, overlapping) and label-blind F1, per
  label and pooled over the documents, each with a percentile bootstrap interval over
  documents (agreement.bootstrap);
- the boundary-only disagreements (relaxed pairs that are not exact) and how many of them are
  a proclitic or the article (agreement.edges);
- the label confusion table of the label-blind pairs, spans without a partner in the row or
  column UNMATCHED;
- stance agreement: Cohen's kappa over the relaxed pairs of claims, on the value of the
  stance attribute (a claim without one has the value None, a category of its own);
- link F1 per relation type: a link matches a link of the same type whose ends are the
  relaxed partners of its own ends;
- each document's relaxed F1, lowest first.
Krippendorff's α_U (agreement.unitizing) reads all documents as one continuum in the order
given, and Cohen's kappa over tokens (agreement.token_labels) counts every token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.core.agreement.bootstrap import bootstrap_intervals
from annotator.core.agreement.collect import ROW_FIELDS, PairTotals, statistics
from annotator.core.agreement.results import PairAgreement
from annotator.core.agreement.token_labels import TokenCounter, layer_labels
from annotator.core.errors import TawsimError
from annotator.core.scheme import ClaimRoles

DEFAULT_CLAIMS = ClaimRoles("CLAIM", "SOURCE", "stance")


@dataclass(frozen=True)
class PairedDocument:
    """One document's text and two layers' spans and relations in it.

    Spans need id, start, end, label and attrs (core.model.Span); relations need type, head
    and tail, the ids of spans of the same layer (core.model.Relation).
    """

    doc_id: str
    text: str
    a_spans: Sequence[Any]
    b_spans: Sequence[Any]
    a_relations: Sequence[Any] = ()
    b_relations: Sequence[Any] = ()


@dataclass(frozen=True)
class LayeredDocument:
    """One document's text and several layers' spans and relations, by layer name; a layer
    missing from `spans` has none in this document."""

    doc_id: str
    text: str
    spans: Mapping[str, Sequence[Any]]
    relations: Mapping[str, Sequence[Any]] = field(default_factory=dict)


def compare_layers(a: str, b: str, documents: Iterable[PairedDocument], *,
                   labels: Sequence[str] = (), claims: ClaimRoles | None = DEFAULT_CLAIMS,
                   tokens: TokenCounter | None = None, resamples: int = 1000, seed: int = 0,
                   confidence: float = 0.95) -> PairAgreement:
    """Every agreement figure between layers `a` and `b` (their names, for the report).

    `labels`: reported first and in this order, even when unused; other labels follow in
    alphabetical order. `claims`: the scheme's claim label, source relation and stance
    attribute (Scheme.claim_roles), None when it has none. `tokens`: a TokenCounter to
    share between calls (its proclitic policy decides the tokens; "split" by default).
    `resamples`, `seed`, `confidence`: the bootstrap over documents.
    """
    layered = (LayeredDocument(d.doc_id, d.text, {a: d.a_spans, b: d.b_spans},
                               {a: d.a_relations, b: d.b_relations}) for d in documents)
    return compare_all([a, b], layered, labels=labels, claims=claims, tokens=tokens,
                       resamples=resamples, seed=seed, confidence=confidence)[0]


def compare_all(layers: Sequence[str], documents: Iterable[LayeredDocument], *,
                labels: Sequence[str] = (), claims: ClaimRoles | None = DEFAULT_CLAIMS,
                tokens: TokenCounter | None = None, resamples: int = 1000, seed: int = 0,
                confidence: float = 0.95) -> list[PairAgreement]:
    """compare_layers() for every pair of `layers`, in the order combinations() gives:
    (l0, l1), (l0, l2), ..., (l1, l2), ...; the options are compare_layers()'s."""
    if len(layers) < 2 or len(set(layers)) != len(layers):
        raise TawsimError("agreement needs two different layers or more")
    counter = tokens if tokens is not None else TokenCounter()
    pairs = list(combinations(range(len(layers)), 2))
    totals = [PairTotals(layers[i], layers[j], claims) for i, j in pairs]
    for document in documents:
        spans = [list(document.spans.get(name, ())) for name in layers]
        relations = [document.relations.get(name, ()) for name in layers]
        _check(document, layers, spans)
        token_count, token_labels = layer_labels(document.text, spans, counter)
        for (i, j), pair in zip(pairs, totals, strict=True):
            pair.add(document.doc_id, document.text, spans[i], spans[j], relations[i],
                     relations[j], token_count, token_labels[i], token_labels[j])
    # One bootstrap for all pairs: each document's rows side by side, resampled together.
    rows = [tuple(value for pair in totals for value in pair.rows[index])
            for index in range(len(totals[0].rows))]
    intervals = bootstrap_intervals(
        rows, [s for n in range(len(totals)) for s in statistics(n * ROW_FIELDS)],
        resamples=resamples, seed=seed, confidence=confidence)
    return [pair.result(labels, intervals[3 * n:3 * n + 3]) for n, pair in enumerate(totals)]


def _check(document: LayeredDocument, layers: Sequence[str], spans: list[list[Any]]) -> None:
    size = len(document.text)
    for name, layer in zip(layers, spans, strict=True):
        for span in layer:
            if not 0 <= span.start < span.end <= size:
                raise TawsimError(
                    f"document {document.doc_id}, layer {name}: span {span.id} "
                    f"[{span.start}, {span.end}) is not a non-empty range of its text of "
                    f"{size} characters")
