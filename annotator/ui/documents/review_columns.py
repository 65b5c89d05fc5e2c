"""The lead's columns in the document list: which layers' statuses stand side by side, and
each row's status in them, read a page at a time through the services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.model import LayerKind
from annotator.services import review
from annotator.ui.common.session import DeskSession


def review_layers(desk: DeskSession) -> tuple[str, ...]:
    """The layers whose statuses a lead sees side by side (the annotators who worked, then
    gold), when the desk works in a gold layer and annotators have worked; else none."""
    layers = review.review_layers(desk.project)
    kinds = {layer.name: layer.kind for layer in desk.project.layers()}
    annotators = [name for name in layers if kinds.get(name) == LayerKind.ANNOTATOR]
    if desk.layer not in layers or kinds.get(desk.layer) != LayerKind.GOLD or not annotators:
        return ()
    return (*annotators, desk.layer)


def add_review_statuses(desk: DeskSession, rows: list[dict[str, Any]],
                        layers: Sequence[str]) -> None:
    """Each row's status in every layer of `layers`, as row["layers"]."""
    table = review.statuses_by_layer(desk.project, [row["id"] for row in rows], layers=layers)
    found = {item.document: item.statuses for item in table.rows}
    for row in rows:
        row["layers"] = found.get(row["id"], {})
