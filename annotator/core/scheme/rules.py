"""The rules of a scheme that its JSON Schema cannot say.

Names unique among labels and relation types, hotkeys that do not clash, attribute defaults
among their values, relation ends that name existing labels, claim roles that exist. Each
check answers with the first problem as a JSON path and a message, so that loading can point
at the place in the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.core.scheme.definitions import Scheme

Pointer = tuple[str | int, ...]  # a JSON path into the scheme's data


def _repeated(items: Iterable[tuple[Any, Pointer]]) -> tuple[Any, Pointer] | None:
    """The first item whose key was seen before, with the pointer of the repeat."""
    seen: set[Any] = set()
    for key, pointer in items:
        if key in seen:
            return key, pointer
        seen.add(key)
    return None


def rule_problem(scheme: Scheme) -> tuple[Pointer, str] | None:
    """The first rule the scheme breaks, as (JSON pointer, message), or None."""
    labels = [("labels", i, label) for i, label in enumerate(scheme.labels)]
    relations = [("relations", i, rel) for i, rel in enumerate(scheme.relations)]

    if hit := _repeated((lb.name, ("labels", i, "name")) for _, i, lb in labels):
        return hit[1], f"label {hit[0]!r} is defined twice"
    if hit := _repeated((r.name, ("relations", i, "name")) for _, i, r in relations):
        return hit[1], f"relation type {hit[0]!r} is defined twice"
    for _, i, relation in relations:
        if scheme.has_label(relation.name):
            return ("relations", i, "name"), \
                f"{relation.name!r} is both a label and a relation type"

    # Keys pressed with a span selected: label and relation hotkeys form one set; each
    # label's (or relation's) attribute values add their own keys, which must not clash.
    owners = [*labels, *relations]
    taken: dict[str, str] = {}  # hotkey -> the label or relation type it belongs to
    for kind, i, item in owners:
        if item.hotkey:
            key = item.hotkey.lower()
            if key in taken:
                return (kind, i, "hotkey"), \
                    f"hotkey {key!r} is given to both {taken[key]} and {item.name}"
            taken[key] = item.name

    for kind, i, owner in owners:
        attrs = owner.attributes
        if hit := _repeated((a.name, (kind, i, "attributes", j, "name"))
                            for j, a in enumerate(attrs)):
            return hit[1], f"{owner.name} defines attribute {hit[0]!r} twice"
        value_keys: list[tuple[str, Pointer]] = []
        value_names: dict[Pointer, str] = {}
        for j, attribute in enumerate(attrs):
            base: Pointer = (kind, i, "attributes", j)
            if hit := _repeated((v.name, (*base, "values", k, "name"))
                                for k, v in enumerate(attribute.values)):
                return hit[1], f"{owner.name}'s {attribute.name} lists value {hit[0]!r} twice"
            if attribute.default is not None and attribute.default not in attribute.value_names:
                return (*base, "default"), (f"{owner.name}'s {attribute.name} default "
                                            f"{attribute.default!r} is not one of its values")
            for k, value in enumerate(attribute.values):
                if value.hotkey:
                    pointer = (*base, "values", k, "hotkey")
                    value_keys.append((value.hotkey.lower(), pointer))
                    value_names[pointer] = f"{owner.name}'s {attribute.name} {value.name!r}"
        if hit := _repeated(value_keys):
            return hit[1], f"{owner.name}'s attribute values give hotkey {hit[0]!r} twice"
        for key, pointer in value_keys:
            if key in taken:
                return pointer, (f"hotkey {key!r} of {value_names[pointer]} is already "
                                 f"{taken[key]}'s hotkey")

    for _, i, relation in relations:
        for end, end_labels in (("from", relation.heads), ("to", relation.tails)):
            if hit := _repeated((lb, ("relations", i, end, k))
                                for k, lb in enumerate(end_labels)):
                return hit[1], f"relation {relation.name} {end} names {hit[0]!r} twice"
            for k, label in enumerate(end_labels):
                if not scheme.has_label(label):
                    return ("relations", i, end, k), \
                        f"relation {relation.name} {end} names unknown label {label!r}"

    return _claims_problem(scheme)


def _claims_problem(scheme: Scheme) -> tuple[Pointer, str] | None:
    roles = scheme.claims
    if roles is None:
        return None
    if not scheme.has_label(roles.label):
        return ("claims", "label"), f"the claim label {roles.label!r} is not a label"
    if roles.source is not None:
        if not scheme.has_relation(roles.source):
            return ("claims", "source"), f"the source {roles.source!r} is not a relation type"
        relation = scheme.relation(roles.source)
        if roles.label not in (*relation.heads, *relation.tails):
            return ("claims", "source"), \
                f"relation {roles.source} does not connect {roles.label} spans"
    if roles.stance is not None and scheme.label(roles.label).attribute(roles.stance) is None:
        return ("claims", "stance"), f"{roles.label} has no attribute {roles.stance!r}"
    return None
