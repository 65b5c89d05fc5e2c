"""brat's configuration files for a label scheme: annotation.conf and visual.conf."""

from __future__ import annotations

from typing import Any


def annotation_conf(scheme: Any) -> str:
    """brat's annotation.conf for the scheme; any span may overlap or nest in another."""
    lines = ["# Written by Tawsim from the project's label scheme.", "[entities]"]
    lines += [label.name for label in scheme.labels]
    lines.append("[relations]")
    for relation in scheme.relations:
        lines.append(f"{relation.name}\tArg1:{'|'.join(relation.heads)}, "
                     f"Arg2:{'|'.join(relation.tails)}")
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines.append("[events]")
    lines.append("[attributes]")
    owners: dict[str, tuple[list[str], tuple[str, ...]]] = {}
    for label in scheme.labels:
        for attribute in label.attributes:
            entry = owners.setdefault(attribute.name, ([], attribute.value_names))
            entry[0].append(label.name)
    for name, (labels, values) in owners.items():
        lines.append(f"{name}\tArg:{'|'.join(labels)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


def visual_conf(scheme: Any) -> str:
    lines = ["[labels]"]
    for label in scheme.labels:
        lines.append(f"{label.name} | {label.display('ar')} | {label.display('en')}")
    for relation in scheme.relations:
        lines.append(f"{relation.name} | {relation.display('ar')} | {relation.display('en')}")
    lines.append("[drawing]")
    for label in scheme.labels:
        lines.append(f"{label.name}\tbgColor:{label.color}")
    return "\n".join(lines) + "\n"
