"""How far annotators agree: every pair of annotator layers over the documents both have.

`project_agreement(project)` is what `tawsim agree` and the desk's Agreement panel show for a
project; `document_agreement(project, doc_id)` the same figures for one document. The
figures themselves come from core.agreement (PairAgreement: span F1 exact, relaxed and
label-blind with bootstrap intervals, α_U, kappa over tokens and stances, SOURCE-link F1,
boundary-only disagreements, the label confusion table, each document's relaxed F1).

Which documents a pair is compared over: those both layers have worked on (a span in the
layer, or a status past new); with `status`, those whose status in both layers is that one or
further (new < in_progress < done < reviewed), so `done` also takes reviewed documents. A
document one annotator left empty but worked on still counts: that annotator says "nothing
here". A pair with no document in common is left out with its reason; when no pair is left,
that is the error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.core.agreement import (
    LayeredDocument,
    PairAgreement,
    TokenCounter,
    compare_all,
)
from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, Relation, Span, Status
from annotator.storage import ProjectStore
from annotator.storage.review import (
    LayerRows,
    document_ids,
    document_titles,
    layer_has_work,
    layered_rows,
    layers_worked_on,
    worked_documents,
)

HARDEST_TITLES = 50  # documents per pair whose titles the report carries (the lowest F1)
# Tokens for kappa keep proclitics on their word: deciding whether a word's first letters are
# proclitics asks a morphological analyser, about 4 ms for each distinct word that starts
# with و ف ب ك ل; real news brings thousands of those, which would make the token figure
# alone take minutes on 10,000 articles. A token takes the label of a span that overlaps it,
# so a span that leaves a proclitic out still labels its word; boundary-only disagreements
# (proclitic, article) are counted on their own.
TOKEN_PROCLITICS = "keep"


@dataclass(frozen=True)
class LeftOut:
    a: str
    b: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"a": self.a, "b": self.b, "reason": self.reason}


@dataclass(frozen=True)
class AgreementReport:
    """Every pair's figures (`pairs`, in the order the layers were given), the documents each
    pair was compared over, and the pairs left out."""

    layers: tuple[str, ...]
    pairs: list[PairAgreement]
    documents_in_common: dict[tuple[str, str], tuple[str, ...]]
    status: str | None = None
    labels: tuple[str, ...] = ()  # the labels reported (the --label filter, or the scheme's)
    left_out: list[LeftOut] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # the hardest documents' titles

    def pair(self, a: str, b: str) -> PairAgreement | None:
        """The figures of the pair (a, b) in either order."""
        for pair in self.pairs:
            if {pair.a, pair.b} == {a, b}:
                return pair
        return None

    def as_dict(self) -> dict[str, Any]:
        """What `tawsim agree --json` prints."""
        return {"layers": list(self.layers), "status": self.status, "labels": list(self.labels),
                "pairs": [pair.as_dict() for pair in self.pairs],
                "left_out": [item.as_dict() for item in self.left_out]}


def annotator_layers(project: ProjectStore) -> list[str]:
    """The project's annotator layers, oldest first."""
    return [layer.name for layer in project.layers() if layer.kind == LayerKind.ANNOTATOR]


def check_layers(project: ProjectStore, layers: Sequence[str] | None) -> list[str]:
    """The layers to compare: those named (each must exist, none twice), else every annotator
    layer that has worked on a document (a lead's own empty layer is no annotator to compare
    with); two at least."""
    if layers is None:
        names = [name for name in annotator_layers(project) if layer_has_work(project, name)]
        if len(names) < 2:
            found = ", ".join(names) or "none"
            raise TawsimError(f"agreement needs two annotator layers with work in them; the "
                              f"project has {len(names)} ({found})", path=str(project.path))
        return names
    names = [name.strip() for name in layers]
    known = [layer.name for layer in project.layers()]
    for name in names:
        if name not in known:
            raise TawsimError(f"the project has no layer {name!r} (layers: "
                              f"{', '.join(known) or 'none'})", path=str(project.path))
    for name in names:
        if names.count(name) > 1:
            raise TawsimError(f"layer {name!r} is named twice: a layer always agrees with "
                              "itself; name two different layers")
    if len(names) < 2:
        raise TawsimError("agreement needs two layers or more (--layers a,b)")
    return names


def check_labels(project: ProjectStore, labels: Iterable[str] | None) -> tuple[str, ...]:
    if not labels:
        return project.scheme.label_names
    chosen = tuple(dict.fromkeys(labels))
    for label in chosen:
        if not project.scheme.has_label(label):
            raise TawsimError(f"the scheme has no label {label!r} (labels: "
                              f"{', '.join(project.scheme.label_names)})")
    return chosen


def check_status(status: str | Status | None) -> str | None:
    if status is None:
        return None
    if str(status) not in Status._value2member_map_:
        allowed = ", ".join(item.value for item in Status)
        raise TawsimError(f"unknown status {status!r} (allowed: {allowed})")
    return Status(status).value


def project_agreement(project: ProjectStore, *, layers: Sequence[str] | None = None,
                      status: str | Status | None = None, labels: Iterable[str] | None = None,
                      resamples: int = 1000, seed: int = 0,
                      progress: Callable[[int], None] | None = None) -> AgreementReport:
    """Every pair of `layers` (default: every annotator layer) over the documents both have
    worked on (with `status`, both at that status or further); only `labels` when given.
    `progress(n)`: n more documents read. One-line TawsimError for a layer that does not
    exist, a layer named twice, an unknown label or status, and when no pair has a document
    in common."""
    names = check_layers(project, layers)
    chosen = check_labels(project, labels)
    wanted = check_status(status)
    worked = {name: worked_documents(project, name, wanted) for name in names}
    common: dict[tuple[str, str], set[int]] = {}
    left_out: list[LeftOut] = []
    for a, b in combinations(names, 2):
        shared = worked[a] & worked[b]
        if shared:
            common[(a, b)] = shared
        else:
            left_out.append(LeftOut(a, b, _nothing_in_common(a, b, wanted)))
    if not common:
        if len(left_out) == 1:
            raise TawsimError(left_out[0].reason, path=str(project.path))
        raise TawsimError("no two of the layers " + ", ".join(names) + " have a document "
                          "in common" + (f" {_status_words(wanted)}" if wanted else ""),
                          path=str(project.path))
    label_filter = frozenset(chosen) if labels else None
    options = {"labels": chosen, "claims": project.scheme.claim_roles, "resamples": resamples,
               "seed": seed, "tokens": TokenCounter(TOKEN_PROCLITICS)}
    sets = list(common.values())
    pairs: list[PairAgreement]
    if not left_out and all(shared == sets[0] for shared in sets):
        # Every pair over the same documents: one pass for all of them.
        documents = _documents(project, names, sets[0], label_filter, progress)
        pairs = compare_all(names, documents, **options)
    else:
        pairs = []
        for (a, b), shared in common.items():
            documents = _documents(project, [a, b], shared, label_filter, progress)
            pairs.extend(compare_all([a, b], documents, **options))
    ids = document_ids(project, set().union(*sets))
    in_common = {pair: tuple(ids[seq] for seq in sorted(shared))
                 for pair, shared in common.items()}
    return AgreementReport(tuple(names), pairs, in_common, wanted, chosen, left_out,
                           _titles(project, pairs))


def document_agreement(project: ProjectStore, doc_id: str,
                       layers: Sequence[str] | None = None, *,
                       labels: Iterable[str] | None = None) -> AgreementReport:
    """The same figures for one document, between `layers` (default: the annotator layers
    that have worked on it; two at least)."""
    seq = project.document_seq(doc_id)
    if layers is None:
        worked = layers_worked_on(project, seq)
        names = [name for name in annotator_layers(project) if name in worked]
        if len(names) < 2:
            raise TawsimError(f"fewer than two annotators have worked on document {doc_id!r}")
    else:
        names = check_layers(project, layers)
    chosen = check_labels(project, labels)
    documents = _documents(project, names, {seq}, frozenset(chosen) if labels else None, None)
    # One document: every resample is that document, so one resample gives the interval.
    pairs = compare_all(names, documents, labels=chosen, claims=project.scheme.claim_roles,
                        tokens=TokenCounter(TOKEN_PROCLITICS), resamples=1)
    return AgreementReport(tuple(names), pairs,
                           {(a, b): (doc_id,) for a, b in combinations(names, 2)},
                           None, chosen)


def _documents(project: ProjectStore, names: Sequence[str], seqs: Iterable[int],
               labels: frozenset[str] | None, progress: Callable[[int], None] | None
               ) -> Iterator[LayeredDocument]:
    for rows in layered_rows(project, names, seqs, light=True):
        spans, relations = rows.spans, rows.relations
        if labels is not None:
            spans, relations = _only(rows, labels)
        yield LayeredDocument(rows.doc_id, rows.text, spans, relations)
        if progress is not None:
            progress(1)


def _only(rows: LayerRows, labels: frozenset[str]
          ) -> tuple[dict[str, list[Span]], dict[str, list[Relation]]]:
    """The spans of `labels` and the relations between them."""
    spans = {name: [span for span in found if span.label in labels]
             for name, found in rows.spans.items()}
    relations = {}
    for name, found in rows.relations.items():
        kept = {span.id for span in spans[name]}
        relations[name] = [r for r in found if r.head in kept and r.tail in kept]
    return spans, relations


def _status_words(status: str | None) -> str:
    return f"at status {status} or further" if status else ""


def _nothing_in_common(a: str, b: str, status: str | None) -> str:
    if status:
        return f"{a} and {b} have no document in common {_status_words(status)}"
    return f"{a} and {b} have no document in common (none that both have worked on)"


def _titles(project: ProjectStore, pairs: Sequence[PairAgreement]) -> dict[str, str]:
    wanted = {score.document for pair in pairs
              for score in pair.documents_by_f1[:HARDEST_TITLES]}
    return document_titles(project, wanted)
