"""The label scheme as values: the labels, attributes and relation types a project allows.

Frozen dataclasses built once when a scheme is loaded (see loading) and then only read: the
desk looks up labels, hotkeys and claim roles here, and every write checks its label,
relation and attribute values against them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from annotator.core.errors import SchemeError, translatable
from annotator.core.scheme.hotkeys import hotkey_of

STYLES = ("background", "underline")
PROCLITIC_POLICIES = ("trim", "suggest", "keep")
LANGUAGES = ("ar", "en")
FALLBACK_LANGUAGE = "en"


def localise(texts: Mapping[str, str], language: str, default: str = "") -> str:
    """The text in `language`, else in English, else `default`."""
    return texts.get(language) or texts.get(FALLBACK_LANGUAGE) or default


@dataclass(frozen=True)
class AttributeValue:
    name: str
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    example: str = ""
    hotkey: str | None = None

    def display(self, language: str = "en") -> str:
        return localise(self.names, language, self.name)


@dataclass(frozen=True)
class AttributeDef:
    name: str
    values: tuple[AttributeValue, ...]
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    default: str | None = None
    required: bool = False
    example: str = ""

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.values)

    def value(self, name: str) -> AttributeValue | None:
        return next((v for v in self.values if v.name == name), None)

    def display(self, language: str = "en") -> str:
        return localise(self.names, language, self.name)


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
        return localise(self.names, language, self.name)

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
        return localise(self.names, language, self.name)

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)

    def connects(self, head_label: str, tail_label: str) -> bool:
        return head_label in self.heads and tail_label in self.tails


@dataclass(frozen=True)
class ClaimRoles:
    """Which label holds claims, which relation type names a claim's source, and which of the
    claim label's attributes is its stance: what the claims panel reads."""

    label: str
    source: str | None = None
    stance: str | None = None


@dataclass(frozen=True)
class Scheme:
    name: str
    labels: tuple[LabelDef, ...]
    relations: tuple[RelationDef, ...] = ()
    version: int = 1
    description: dict[str, str] = field(default_factory=dict)
    claims: ClaimRoles | None = None  # as the scheme states them; see claim_roles
    rules: tuple[dict[str, str], ...] = ()  # general annotation rules, localised
    source: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    @property
    def trimming_labels(self) -> tuple[str, ...]:
        """The labels whose spans leave proclitics out or offer to (not `keep`): a span of one
        that keeps a word's first letters says they are the word's own."""
        return tuple(label.name for label in self.labels if label.proclitics != "keep")

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(relation.name for relation in self.relations)

    def label(self, name: str) -> LabelDef:
        for label in self.labels:
            if label.name == name:
                return label
        raise SchemeError(translatable("unknown label {label!r} (the scheme has {labels})"),
                          fields={"label": name, "labels": ", ".join(self.label_names)})

    def relation(self, name: str) -> RelationDef:
        for relation in self.relations:
            if relation.name == name:
                return relation
        known = ", ".join(self.relation_names) or translatable("no relation types")
        raise SchemeError(translatable("unknown relation type {type!r} (the scheme has "
                                       "{types})"), fields={"type": name, "types": known})

    def has_label(self, name: str) -> bool:
        return any(label.name == name for label in self.labels)

    def has_relation(self, name: str) -> bool:
        return any(relation.name == name for relation in self.relations)

    def owner(self, name: str) -> LabelDef | RelationDef:
        """The label or relation type called `name` (the two share one namespace)."""
        if self.has_label(name):
            return self.label(name)
        if self.has_relation(name):
            return self.relation(name)
        raise SchemeError(f"the scheme has no label or relation type {name!r}")

    def relations_from(self, label: str) -> tuple[RelationDef, ...]:
        """Relation types a span of `label` can start (the desk's link keys for it)."""
        return tuple(r for r in self.relations if label in r.heads)

    def relation_for_hotkey(self, head_label: str, key: str) -> RelationDef | None:
        """The relation type a key starts from a span of `head_label`; `key` may be the
        character typed (see hotkey_of)."""
        key = hotkey_of(key)
        return next((r for r in self.relations_from(head_label)
                     if r.hotkey and r.hotkey.lower() == key), None)

    def label_for_hotkey(self, key: str) -> LabelDef | None:
        key = hotkey_of(key)
        return next((lb for lb in self.labels if lb.hotkey and lb.hotkey.lower() == key), None)

    def value_for_hotkey(self, owner: str, key: str) -> tuple[AttributeDef, AttributeValue] | None:
        """The attribute value a key sets on a selected span of label `owner` (or relation)."""
        key = hotkey_of(key)
        for attribute in self.owner(owner).attributes:
            for value in attribute.values:
                if value.hotkey and value.hotkey.lower() == key:
                    return attribute, value
        return None

    @property
    def claim_roles(self) -> ClaimRoles | None:
        """The claim roles the scheme states; a scheme without the section but with a CLAIM
        label gets CLAIM, SOURCE and stance wherever they exist."""
        if self.claims is not None:
            return self.claims
        if not self.has_label("CLAIM"):
            return None
        source = "SOURCE" if self.has_relation("SOURCE") and "CLAIM" in (
            *self.relation("SOURCE").heads, *self.relation("SOURCE").tails) else None
        stance = "stance" if self.label("CLAIM").attribute("stance") else None
        return ClaimRoles("CLAIM", source, stance)

    def check_attrs(self, owner: str, defs: Iterable[AttributeDef], attrs: Mapping) -> None:
        """Every attribute name and value must exist in the scheme for this label or relation."""
        by_name = {a.name: a for a in defs}
        for name, value in attrs.items():
            definition = by_name.get(name)
            if definition is None:
                known = ", ".join(by_name) or translatable("none")
                raise SchemeError(translatable("{owner} has no attribute {attribute!r} "
                                               "(allowed: {allowed})"),
                                  fields={"owner": owner, "attribute": name, "allowed": known})
            if value is None:
                continue
            if value not in definition.value_names:
                raise SchemeError(
                    translatable("{value!r} is not a value of {owner}'s {attribute} "
                                 "(allowed: {allowed})"),
                    fields={"value": value, "owner": owner, "attribute": name,
                            "allowed": ", ".join(definition.value_names)})

    def check_span_label(self, label: str, attrs: Mapping) -> None:
        definition = self.label(label)
        self.check_attrs(label, definition.attributes, attrs)

    def check_relation(self, type_: str, head_label: str, tail_label: str, attrs: Mapping) -> None:
        definition = self.relation(type_)
        if not definition.connects(head_label, tail_label):
            raise SchemeError(
                translatable("a {type} relation goes from {heads} to {tails}, not from {head} "
                             "to {tail}"),
                fields={"type": type_, "heads": "/".join(definition.heads),
                        "tails": "/".join(definition.tails), "head": head_label,
                        "tail": tail_label})
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
        return json.loads(json.dumps(self.source))  # a deep copy: callers may edit it
