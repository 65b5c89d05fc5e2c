"""Which layer an imported record's annotations go into, by name and, when the record says
whose layer it is (`layer_owner` in Tawsim's JSONL), by owner.

Two people can choose the same layer name. A record whose owner differs from the owner of
the project's layer of that name goes into that person's own layer: the one of theirs named
"amal" or "amal (2)", "amal (3)"…, else a new one with the first such name that is free. A
layer that records no owner (made before people had ids) takes records of any owner.
"""

from __future__ import annotations

import re

from annotator.core.model import LayerKind
from annotator.storage.project_file import ProjectFile


def distinct_name(project: ProjectFile, name: str) -> str:
    """`name` if no layer has it, else the first free "name (2)", "name (3)"…"""
    taken = {layer.name for layer in project.layers()}
    number = 2
    candidate = name
    while candidate in taken:
        candidate = f"{name} ({number})"
        number += 1
    return candidate


def layer_for(project: ProjectFile, name: str, owner: str | None,
              kind: LayerKind) -> tuple[int, str]:
    """The id and name of the layer records named `name` and owned by `owner` go into,
    making it (of `kind`) if needed."""
    existing = project.layer_id(name)
    if existing is None:
        return project.ensure_layer(name, kind, owner=owner), name
    layers = project.layers()
    current = next(layer for layer in layers if layer.name == name)
    if owner is None or current.owner is None or current.owner == owner:
        return existing, name
    numbered = re.compile(re.escape(name) + r" \(\d+\)")
    mine = next((layer for layer in layers
                 if layer.owner == owner and numbered.fullmatch(layer.name)), None)
    if mine is not None:
        layer_id = project.layer_id(mine.name)
        assert layer_id is not None
        return layer_id, mine.name
    other = distinct_name(project, name)
    return project.ensure_layer(other, current.kind, owner=owner), other
