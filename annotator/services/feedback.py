"""Feedback: how the lead curated an annotator's work, seen from the annotator's package.

A package made with feedback (`tawsim package ... --with-feedback gold`, services.packaging)
holds the annotator's reviewed documents with the lead's gold layer and the annotator's own
spans on them, and records it in the project meta FEEDBACK_META. The desk shows that gold
layer read-only (`read_only_layers`), and beside the annotator's own spans, where gold
differs from them (`feedback_differences`): what the lead added, removed or changed, and the
lead's note on each gold span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from annotator.core.curation import (
    AGREED,
    ANNOTATORS_DISAGREE,
    GOLD_DIFFERS,
    MISSING_IN_GOLD,
    ONLY_IN_GOLD,
    CurationItem,
)
from annotator.core.errors import TawsimError
from annotator.services.curation import curation_view
from annotator.services.identity import package_identity
from annotator.storage import ProjectStore

FEEDBACK_META = "feedback"  # project meta: {"layer", "documents", "lead", "created_at"}

ADDED = "added"  # the lead marked what the annotator did not
REMOVED = "removed"  # the lead left out what the annotator marked
CHANGED = "changed"  # both have it, the lead's differs (see `aspects`)


@dataclass(frozen=True)
class FeedbackInfo:
    layer: str  # the gold layer carried into the package
    documents: int
    lead: str  # the lead project's id: tells leads apart, not a name to show a person
    created_at: str


@dataclass(frozen=True)
class Difference:
    """One place where gold differs from the annotator's own spans."""

    kind: str  # ADDED, REMOVED or CHANGED
    aspects: tuple[str, ...]  # boundaries, label, stance, attributes, source, links
    item: CurationItem  # both versions (item.version(own), item.gold)
    note: str  # the lead's note on the gold span ("" when none)

    @property
    def start(self) -> int:
        return self.item.start

    @property
    def end(self) -> int:
        return self.item.end

    def as_dict(self) -> dict[str, Any]:
        def side(version: Any) -> dict[str, Any] | None:
            if version is None:
                return None
            return {"start": version.start, "end": version.end, "label": version.label,
                    "stance": version.stance, "note": version.note}

        own = next(iter(self.item.versions.values()), None)
        return {"kind": self.kind, "aspects": list(self.aspects), "note": self.note,
                "own": side(own), "gold": side(self.item.gold)}


@dataclass(frozen=True)
class FeedbackView:
    doc_id: str
    own_layer: str
    gold_layer: str
    differences: list[Difference]
    agreed: int  # spans gold took as the annotator marked them


def feedback_info(project: ProjectStore) -> FeedbackInfo | None:
    """What feedback the package carries; None when it carries none."""
    raw = project.meta(FEEDBACK_META)
    if not raw:
        return None
    try:
        data = orjson.loads(raw)
        return FeedbackInfo(str(data["layer"]), int(data["documents"]), str(data["lead"]),
                            str(data.get("created_at", "")))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        raise TawsimError("the package's feedback record is damaged",
                          path=str(project.path)) from None


def read_only_layers(project: ProjectStore) -> tuple[str, ...]:
    """Layers the desk shows but never edits in this project: the lead's feedback layer."""
    info = feedback_info(project)
    return (info.layer,) if info is not None else ()


def feedback_differences(project: ProjectStore, doc_id: str, own_layer: str | None = None,
                         gold_layer: str | None = None) -> FeedbackView:
    """Where `gold_layer` (default: the package's feedback layer) differs from `own_layer`
    (default: the package's annotator layer) in `doc_id`, in text order."""
    own, gold = _layers(project, own_layer, gold_layer)
    view = curation_view(project, doc_id, [own], gold)
    differences = []
    agreed = 0
    for item in view.items:
        if item.kind == AGREED:
            agreed += 1
            continue
        kind = {ONLY_IN_GOLD: ADDED, MISSING_IN_GOLD: REMOVED, GOLD_DIFFERS: CHANGED,
                ANNOTATORS_DISAGREE: CHANGED}[item.kind]
        aspects = tuple(aspect for aspect in item.aspects if aspect != "absent")
        note = item.gold.note if item.gold is not None else ""
        differences.append(Difference(kind, aspects, item, note))
    return FeedbackView(doc_id, own, gold, differences, agreed)


def _layers(project: ProjectStore, own: str | None, gold: str | None) -> tuple[str, str]:
    if gold is None:
        info = feedback_info(project)
        if info is None:
            raise TawsimError("this project carries no feedback from a lead; name the gold "
                              "layer to compare with", path=str(project.path))
        gold = info.layer
    if own is None:
        identity = package_identity(project)
        if identity is None:
            raise TawsimError("name your own layer: this is not a work package",
                              path=str(project.path))
        own = _own_layer(project, identity.person, identity.annotator)
    return own, gold


def _own_layer(project: ProjectStore, person: str, annotator: str) -> str:
    layers: Sequence[Any] = project.layers()
    mine = next((layer.name for layer in layers if layer.owner == person), None)
    return mine or annotator
