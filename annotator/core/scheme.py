"""The label scheme: which labels, attributes and relation types a project allows.

A scheme is JSON (schema/scheme.default.json is the default) checked in two steps when it is
loaded: its shape against schema/scheme.schema.json, then the rules a JSON Schema cannot say
(unique names and hotkeys, relations that name existing labels, defaults among the values).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema

from annotator.core.datafiles import schema_file
from annotator.core.errors import SchemeError

STYLES = ("background", "underline")
PROCLITIC_POLICIES = ("trim", "suggest", "keep")


def _localised(data: Mapping[str, Any] | None) -> dict[str, str]:
    return dict(data or {})


@dataclass(frozen=True)
class AttributeValue:
    name: str
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    example: str = ""
    hotkey: str | None = None

    def display(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.name


@dataclass(frozen=True)
class AttributeDef:
    name: str
    values: tuple[AttributeValue, ...]
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    default: str | None = None
    required: bool = False

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.values)

    def display(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.name


@dataclass(frozen=True)
class LabelDef:
    name: str
    color: str
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    example: str = ""
    hotkey: str | None = None
    style: str = "background"
    proclitics: str = "keep"
    attributes: tuple[AttributeDef, ...] = ()

    def display(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.name

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True)
class RelationDef:
    name: str
    heads: tuple[str, ...]  # labels allowed at the head ("from")
    tails: tuple[str, ...]  # labels allowed at the tail ("to")
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    example: str = ""
    hotkey: str | None = None
    attributes: tuple[AttributeDef, ...] = ()

    def display(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.name

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True)
class Scheme:
    name: str
    labels: tuple[LabelDef, ...]
    relations: tuple[RelationDef, ...] = ()
    version: int = 1
    description: dict[str, str] = field(default_factory=dict)
    source: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(relation.name for relation in self.relations)

    def label(self, name: str) -> LabelDef:
        for label in self.labels:
            if label.name == name:
                return label
        raise SchemeError(
            f"unknown label {name!r} (the scheme has {', '.join(self.label_names)})"
        )

    def relation(self, name: str) -> RelationDef:
        for relation in self.relations:
            if relation.name == name:
                return relation
        known = ", ".join(self.relation_names) or "no relation types"
        raise SchemeError(f"unknown relation type {name!r} (the scheme has {known})")

    def has_label(self, name: str) -> bool:
        return any(label.name == name for label in self.labels)

    def check_attrs(self, owner: str, defs: Iterable[AttributeDef], attrs: Mapping) -> None:
        """Every attribute name and value must exist in the scheme for this label or relation."""
        by_name = {a.name: a for a in defs}
        for name, value in attrs.items():
            definition = by_name.get(name)
            if definition is None:
                known = ", ".join(by_name) or "none"
                raise SchemeError(f"{owner} has no attribute {name!r} (allowed: {known})")
            if value is None:
                continue
            if value not in definition.value_names:
                raise SchemeError(
                    f"{value!r} is not a value of {owner}'s {name} "
                    f"(allowed: {', '.join(definition.value_names)})"
                )

    def check_span_label(self, label: str, attrs: Mapping) -> None:
        definition = self.label(label)
        self.check_attrs(label, definition.attributes, attrs)

    def check_relation(self, type_: str, head_label: str, tail_label: str, attrs: Mapping) -> None:
        definition = self.relation(type_)
        if head_label not in definition.heads or tail_label not in definition.tails:
            raise SchemeError(
                f"a {type_} relation goes from {'/'.join(definition.heads)} to "
                f"{'/'.join(definition.tails)}, not from {head_label} to {tail_label}"
            )
        self.check_attrs(type_, definition.attributes, attrs)

    @cached_property
    def allowed_attribute_values(self) -> dict[str, dict[str, frozenset[str]]]:
        """label -> attribute -> allowed values: the fast lookup behind bulk checks."""
        return {
            label.name: {a.name: frozenset(a.value_names) for a in label.attributes}
            for label in self.labels
        }

    def to_dict(self) -> dict[str, Any]:
        """The scheme as JSON-ready data (what is stored in the project and exported)."""
        return dict(self.source)


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(schema_file("scheme.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _where(error: jsonschema.ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    return "/".join(parts) if parts else "the top level"


def _attribute(data: Mapping[str, Any]) -> AttributeDef:
    values = tuple(
        AttributeValue(
            name=v["name"],
            names=_localised(v.get("names")),
            description=_localised(v.get("description")),
            example=v.get("example", ""),
            hotkey=v.get("hotkey"),
        )
        for v in data["values"]
    )
    return AttributeDef(
        name=data["name"],
        values=values,
        names=_localised(data.get("names")),
        description=_localised(data.get("description")),
        default=data.get("default"),
        required=bool(data.get("required", False)),
    )


def scheme_from_dict(data: Any, *, origin: str = "scheme") -> Scheme:
    """Build a scheme from parsed JSON, or raise SchemeError saying what is wrong and where."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise SchemeError(f"invalid scheme at {_where(first)}: {first.message}{more}", path=origin)
    labels = tuple(
        LabelDef(
            name=item["name"],
            color=item["color"].lower(),
            names=_localised(item.get("names")),
            description=_localised(item.get("description")),
            example=item.get("example", ""),
            hotkey=item.get("hotkey"),
            style=item.get("style", "background"),
            proclitics=item.get("proclitics", "keep"),
            attributes=tuple(_attribute(a) for a in item.get("attributes", ())),
        )
        for item in data["labels"]
    )
    relations = tuple(
        RelationDef(
            name=item["name"],
            heads=tuple(item["from"]),
            tails=tuple(item["to"]),
            names=_localised(item.get("names")),
            description=_localised(item.get("description")),
            example=item.get("example", ""),
            hotkey=item.get("hotkey"),
            attributes=tuple(_attribute(a) for a in item.get("attributes", ())),
        )
        for item in data.get("relations", ())
    )
    scheme = Scheme(
        name=data["name"],
        labels=labels,
        relations=relations,
        version=int(data.get("version", 1)),
        description=_localised(data.get("description")),
        source={k: v for k, v in data.items() if k != "$schema"},
    )
    _check_rules(scheme, origin)
    return scheme


def _duplicates(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for name in names:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


def _check_rules(scheme: Scheme, origin: str) -> None:
    def fail(message: str) -> None:
        raise SchemeError(f"invalid scheme: {message}", path=origin)

    if repeated := _duplicates(scheme.label_names):
        fail(f"label {repeated[0]!r} is defined twice")
    if repeated := _duplicates(scheme.relation_names):
        fail(f"relation type {repeated[0]!r} is defined twice")
    if clash := set(scheme.label_names) & set(scheme.relation_names):
        fail(f"{sorted(clash)[0]!r} is both a label and a relation type")
    hotkeys = [label.hotkey.lower() for label in scheme.labels if label.hotkey]
    if repeated := _duplicates(hotkeys):
        fail(f"hotkey {repeated[0]!r} is given to two labels")
    owners = [(label.name, label.attributes) for label in scheme.labels]
    owners += [(rel.name, rel.attributes) for rel in scheme.relations]
    for owner, attributes in owners:
        if repeated := _duplicates(a.name for a in attributes):
            fail(f"{owner} defines attribute {repeated[0]!r} twice")
        for attribute in attributes:
            if repeated := _duplicates(attribute.value_names):
                fail(f"{owner}'s {attribute.name} lists value {repeated[0]!r} twice")
            if attribute.default is not None and attribute.default not in attribute.value_names:
                fail(f"{owner}'s {attribute.name} default {attribute.default!r} "
                     "is not one of its values")
            keys = [v.hotkey.lower() for v in attribute.values if v.hotkey]
            if repeated := _duplicates(keys):
                fail(f"{owner}'s {attribute.name} gives hotkey {repeated[0]!r} to two values")
    for relation in scheme.relations:
        for end, labels in (("from", relation.heads), ("to", relation.tails)):
            for label in labels:
                if not scheme.has_label(label):
                    fail(f"relation {relation.name} {end} names unknown label {label!r}")


def load_scheme(path: str | Path) -> Scheme:
    """Read and validate a scheme file; every failure is a one-line SchemeError naming it."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemeError(f"cannot read the scheme file: {exc.strerror}", path=str(path)) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SchemeError("the scheme file is not UTF-8 text", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise SchemeError(
            f"the scheme is not valid JSON: {exc.msg} (column {exc.colno})",
            path=str(path),
            line=exc.lineno,
        ) from None
    return scheme_from_dict(data, origin=str(path))


@cache
def default_scheme() -> Scheme:
    return load_scheme(schema_file("scheme.default.json"))
