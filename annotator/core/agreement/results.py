"""What comparing two layers gives: counts, scores and their JSON shape.

Between two annotators there is no gold: precision is matched / |b| and recall is matched /
|a| (b is read as if it were the prediction), and F1 = 2·matched / (|a| + |b|) is the same
either way round. A score with nothing under it is None (null in JSON), never 0: precision
when b has no span, recall when a has none, F1 when neither has any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.agreement.kappa import Kappa
from annotator.core.agreement.unitizing import UnitizingAlpha

UNMATCHED = "(none)"  # the confusion table's row and column for spans without a partner


@dataclass(frozen=True)
class Tally:
    """Spans (or links) in layer a, in layer b, and pairs matched between them."""

    a: int = 0
    b: int = 0
    matched: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.b if self.b else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.a if self.a else None

    @property
    def f1(self) -> float | None:
        return 2 * self.matched / (self.a + self.b) if self.a + self.b else None

    def plus(self, other: Tally) -> Tally:
        return Tally(self.a + other.a, self.b + other.b, self.matched + other.matched)

    def as_dict(self) -> dict[str, Any]:
        return {"f1": self.f1, "a": self.a, "b": self.b, "matched": self.matched}


@dataclass(frozen=True)
class SpanScores:
    """One way of matching spans: the pooled tally, per label, and the bootstrap interval
    of the pooled F1 over documents (None when no resample has a span)."""

    total: Tally
    by_label: dict[str, Tally] = field(default_factory=dict)
    ci: tuple[float, float] | None = None

    def as_dict(self, with_labels: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"f1": self.total.f1, "precision": self.total.precision,
                                "recall": self.total.recall}
        if with_labels:
            data["by_label"] = {label: tally.as_dict() for label, tally in self.by_label.items()}
        data["ci"] = list(self.ci) if self.ci is not None else None
        return data


@dataclass(frozen=True)
class BoundaryOnly:
    """Relaxed pairs that are not exact: same label, overlapping, other edges; of them, how
    many differ only by proclitics, or by the article (see agreement.edges)."""

    total: int = 0
    proclitic: int = 0
    article: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, "proclitic": self.proclitic, "article": self.article}


@dataclass(frozen=True)
class DocumentScore:
    """One document's relaxed tally."""

    document: str
    tally: Tally

    @property
    def f1(self) -> float | None:
        return self.tally.f1


@dataclass(frozen=True)
class PairAgreement:
    """Everything measured between layers a and b over the same documents."""

    a: str
    b: str
    documents: int
    exact: SpanScores
    relaxed: SpanScores
    label_blind: SpanScores  # pooled only: a pair may join two labels
    alpha_u: UnitizingAlpha
    token_kappa: Kappa
    stance_kappa: Kappa
    links: dict[str, Tally]  # per relation type
    source_type: str | None
    boundary_only: BoundaryOnly
    confusion: dict[str, dict[str, int]]  # a's label -> b's label -> pairs (label-blind)
    documents_by_f1: list[DocumentScore]  # relaxed F1, lowest first; no spans at the end
    reasons: dict[str, str] = field(default_factory=dict)  # why a figure is None

    @property
    def source_f1(self) -> float | None:
        if self.source_type is None:
            return None
        return self.links.get(self.source_type, Tally()).f1

    def notes(self) -> dict[str, str]:
        """Why each None figure is None, by the name it has in as_dict()."""
        notes = dict(self.reasons)
        for name, scores in (("exact", self.exact), ("relaxed", self.relaxed),
                             ("label_blind", self.label_blind)):
            if scores.total.f1 is None:
                notes[f"{name}.f1"] = "neither layer has a span"
        for key, reason in self.alpha_u.reasons.items():
            notes["alpha_u.overall" if key == "overall" else f"alpha_u.by_label.{key}"] = reason
        for name, kappa in (("token_kappa", self.token_kappa),
                            ("stance_kappa", self.stance_kappa)):
            if kappa.value is None and name not in notes:
                notes[name] = kappa.reason
        if self.source_f1 is None and "source_f1" not in notes:
            notes["source_f1"] = f"neither layer has a {self.source_type} link"
        return notes

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape `tawsim agree` prints for one pair of layers."""
        return {
            "a": self.a,
            "b": self.b,
            "documents": self.documents,
            "exact": self.exact.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "label_blind": self.label_blind.as_dict(with_labels=False),
            "alpha_u": self.alpha_u.as_dict(),
            "token_kappa": self.token_kappa.value,
            "stance_kappa": self.stance_kappa.value,
            "source_f1": self.source_f1,
            "boundary_only": self.boundary_only.as_dict(),
            "confusion": {row: dict(columns) for row, columns in self.confusion.items()},
            "documents_by_f1": [{"document": score.document, "f1": score.f1}
                                for score in self.documents_by_f1],
            "notes": self.notes(),
        }
