"""Whether an annotator's work fits the lead's scheme, and if not, what differs.

A file made from the lead's package carries the lead's scheme, and then nothing is checked.
Otherwise what decides is what the file's annotations use: every label (after the label
map), attribute value and relation type, with the labels each relation joins, must be one
the lead's scheme allows. What the lead lacks is listed with how many annotations use it,
and the merge is refused until the scheme is changed or `--map` maps the labels. Parts of the
file's scheme that no annotation uses are only mentioned.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import orjson

from annotator.core.label_map import LabelMap
from annotator.core.scheme import Scheme


def same_scheme(lead: Scheme, stored: str | None) -> bool:
    if stored is None:
        return False
    try:
        return orjson.loads(stored) == lead.to_dict()
    except orjson.JSONDecodeError:
        return False


def _attribute_gaps(owner: str, defs: dict[str, frozenset[str]] | None, attrs: dict[str, Any],
                    count: int, gaps: Counter[str]) -> None:
    for name, value in attrs.items():
        if defs is None or name not in defs:
            gaps[f"{owner} attribute {name}"] += count
        elif value is not None and value not in defs[name]:
            gaps[f"{owner} {name}={value}"] += count


def _relation_values(lead: Scheme) -> dict[str, dict[str, frozenset[str]]]:
    return {relation.name: {a.name: frozenset(a.value_names) for a in relation.attributes}
            for relation in lead.relations}


def scheme_gaps(lead: Scheme, labels: LabelMap, spans: list[tuple[str, str, int]],
                relations: list[tuple[str, str, str, str, int]]) -> list[str]:
    """What the file's annotations use that the lead's scheme lacks, most used first, each
    with its count; empty when everything fits. `spans` and `relations` are the usage
    storage.merging counts: (label, attrs, n) and (type, head, tail, attrs, n)."""
    gaps: Counter[str] = Counter()
    allowed = lead.allowed_attribute_values
    for label, attrs, count in spans:
        target = labels.target(label)
        if target is None:
            continue
        if not lead.has_label(target):
            gaps[f"label {target}"] += count
            continue
        _attribute_gaps(target, allowed[target], orjson.loads(attrs or "{}"), count, gaps)
    relation_values = _relation_values(lead)
    for type_, head, tail, attrs, count in relations:
        head_label, tail_label = labels.target(head), labels.target(tail)
        if head_label is None or tail_label is None:
            continue  # one end is left out by the map, and the link with it
        if not lead.has_relation(type_):
            gaps[f"relation type {type_}"] += count
            continue
        if not lead.relation(type_).connects(head_label, tail_label):
            gaps[f"{type_} from {head_label} to {tail_label}"] += count
        _attribute_gaps(type_, relation_values[type_], orjson.loads(attrs or "{}"), count,
                        gaps)
    return [f"{what} ({count})" for what, count in gaps.most_common()]


def unused_differences(lead: Scheme, stored: str | None) -> list[str]:
    """Labels and relation types of the file's scheme the lead's lacks (for a warning when
    none of them is used)."""
    if stored is None:
        return []
    try:
        data = orjson.loads(stored)
        names = [item.get("name") for item in data.get("labels", [])]
        types = [item.get("name") for item in data.get("relations", [])]
    except (orjson.JSONDecodeError, AttributeError, TypeError):
        return []
    return ([f"label {name}" for name in names if isinstance(name, str)
             and not lead.has_label(name)]
            + [f"relation type {name}" for name in types if isinstance(name, str)
               and not lead.has_relation(name)])
