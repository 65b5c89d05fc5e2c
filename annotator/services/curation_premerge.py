"""Pre-merge: gold takes, document by document, every span enough annotators agree on.

`premerge(session, doc_ids, ["amal", "basel"], min_votes=2)` (what Document › Pre-merge
agreed spans and `tawsim curate --from amal,basel --into gold` run): in each document, an
item gold has no version of yet goes into gold when at least `min_votes` annotators (all of
them by default) gave it exactly the same place and label, and no other place and label got
as many votes. It goes in with the attributes (stance) and the note all those annotators
gave it alike, and with the links (SOURCE) all of them made from it to one same item that
gold has by then. What gold already has is never changed, so pre-merging again, or after
the lead's own work, keeps that work. One undoable edit per document, its audit row naming
the annotators each span came from; documents with nothing to take get no edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.commands import EditSummary
from annotator.core.curation import CurationItem, Version
from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.core.phrases import counted
from annotator.services.curation import check_curation_layers, curation_view
from annotator.services.curation_edits import GoldPlan
from annotator.services.session import AnnotationSession


@dataclass(frozen=True)
class DocumentPremerge:
    document: str
    spans: int
    links: int
    undecided: int  # items gold lacked on which too few annotators agreed: not taken
    to_decide: int = 0  # places left for the lead after it (CurationView.places_to_decide)

    def as_dict(self) -> dict[str, Any]:
        # "undecided" is what the lead is left with, as the desk's curation counts it
        return {"document": self.document, "spans": self.spans, "links": self.links,
                "undecided": self.to_decide, "not_taken": self.undecided}


@dataclass
class PremergeReport:
    from_layers: tuple[str, ...]
    gold_layer: str
    min_votes: int
    documents: list[DocumentPremerge] = field(default_factory=list)
    skipped_reviewed: list[str] = field(default_factory=list)

    @property
    def spans(self) -> int:
        return sum(item.spans for item in self.documents)

    @property
    def links(self) -> int:
        return sum(item.links for item in self.documents)

    @property
    def undecided(self) -> int:
        """Places the pre-merge left out because too few annotators agreed on them."""
        return sum(item.undecided for item in self.documents)

    @property
    def to_decide(self) -> int:
        """Places left for the lead, as the desk's curation counts them: those left out,
        and those taken whose stance, source or links the annotators gave differently."""
        return sum(item.to_decide for item in self.documents)

    def as_dict(self) -> dict[str, Any]:
        return {"from": list(self.from_layers), "into": self.gold_layer,
                "min_votes": self.min_votes, "documents": len(self.documents),
                "documents_changed": sum(1 for item in self.documents if item.spans),
                "spans": self.spans, "links": self.links, "undecided": self.to_decide,
                "not_taken": self.undecided, "skipped_reviewed": self.skipped_reviewed,
                "by_document": [item.as_dict() for item in self.documents
                                if item.spans or item.to_decide]}

    def summary_lines(self) -> list[str]:
        changed = sum(1 for item in self.documents if item.spans)
        lines = [f"Pre-merged {counted(self.spans, 'span')} and {counted(self.links, 'link')} from "
                 f"{', '.join(self.from_layers)} into {self.gold_layer} "
                 f"({changed} of {len(self.documents)} documents changed; "
                 + (f"at least {self.min_votes} annotators agreeing)" if self.min_votes > 1
                    else "every span of any of them)")]
        if self.to_decide:
            places = self.to_decide
            documents = sum(1 for item in self.documents if item.to_decide)
            lines.append(f"{places} disagreement{'' if places == 1 else 's'} "
                         f"{'is' if places == 1 else 'are'} left for the lead, in "
                         f"{documents} document{'' if documents == 1 else 's'} (the places "
                         "the desk's curation lists to decide)")
        if self.skipped_reviewed:
            lines.append(f"{len(self.skipped_reviewed)} documents already reviewed in "
                         f"{self.gold_layer} were left as they are")
        return lines



def check_votes(min_votes: int | None, from_layers: Sequence[str]) -> int:
    if min_votes is None:
        if len(from_layers) < 2:
            raise TawsimError("pre-merging one annotator's layer would copy all of it into "
                              "gold; name two annotator layers or more, or say --min-votes 1 "
                              "to take that annotator's work whole")
        return len(from_layers)
    if not 1 <= min_votes <= len(from_layers):
        raise TawsimError(f"--min-votes must be between 1 and {len(from_layers)} (the "
                          f"annotators named), not {min_votes}")
    return min_votes


def premerge(session: AnnotationSession, doc_ids: Sequence[str], from_layers: Sequence[str],
             min_votes: int | None = None, *,
             progress: Callable[[int], None] | None = None) -> PremergeReport:
    """Pre-merge `doc_ids` from `from_layers` into the session's (gold) layer (see the
    module). Documents already reviewed in gold are left as they are."""
    layers = tuple(from_layers)
    if not layers:
        raise TawsimError("name the annotator layers to pre-merge from")
    check_curation_layers(session.project, layers, session.layer)
    votes = check_votes(min_votes, layers)
    report = PremergeReport(layers, session.layer, votes)
    for doc_id in doc_ids:
        if session.status(doc_id) == Status.REVIEWED:
            report.skipped_reviewed.append(doc_id)
        else:
            report.documents.append(_one(session, doc_id, layers, votes))
        if progress is not None:
            progress(1)
    return report


def _one(session: AnnotationSession, doc_id: str, layers: tuple[str, ...], votes: int
         ) -> DocumentPremerge:
    view = curation_view(session.project, doc_id, layers, session.layer)
    plan = GoldPlan(session, view)
    taken: list[tuple[CurationItem, list[Version]]] = []
    undecided = 0
    for item in view.items:
        if item.gold is not None:
            continue
        voters = _winners(item, votes)
        if voters is None:
            undecided += 1
            continue
        first = voters[0]
        attrs = {k: v for k, v in first.span.attrs.items()
                 if all(other.span.attrs.get(k) == v for other in voters)}
        note = first.note if all(other.note == first.note for other in voters) else ""
        plan.take(item, first.span, [v.layer for v in voters], attrs=attrs, note=note)
        taken.append((item, voters))
    links = 0
    for item, voters in taken:
        shared = set.intersection(*({(link.relation.type, link.target_item)
                                     for link in voter.links} for voter in voters))
        first = voters[0]
        for link in first.links:
            key = (link.relation.type, link.target_item)
            target = plan.item_gold.get(link.target_item)
            if key in shared and target is not None:
                before = len(plan.commands)
                plan.link(plan.item_gold[item.index], link.relation.type, target,
                          dict(link.relation.attrs))
                links += len(plan.commands) - before
                shared.discard(key)
    plan.push(EditSummary("premerge", count=len(taken)), "premerge")
    after = curation_view(session.project, doc_id, layers, session.layer) if taken else view
    return DocumentPremerge(doc_id, len(taken), links, undecided,
                            len(after.places_to_decide()))


def _winners(item: CurationItem, votes: int) -> list[Version] | None:
    """The versions of the one place and label that at least `votes` annotators gave."""
    groups: dict[tuple[int, int, str], list[Version]] = {}
    for version in item.versions.values():
        if version is not None:
            groups.setdefault((version.start, version.end, version.label), []).append(version)
    ranked = sorted(groups.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < votes:
        return None
    if len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
        return None  # a tie: the lead decides
    return ranked[0]
