"""Scheme edits of the attributes a label or relation type carries: add, change, rename,
remove. Their values have edits of their own (see values)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import SchemeError
from annotator.core.scheme import Scheme
from annotator.core.scheme_edits.base import SchemeOp
from annotator.core.scheme_edits.scheme_json import (
    apply_settings,
    attribute_item,
    changed_settings,
    explicit_claims,
    find_named,
    owner_item,
    value_items,
)
from annotator.core.scheme_migration import Renames

ATTRIBUTE_SETTINGS = frozenset(("names", "description", "example", "default", "required"))


@dataclass(frozen=True)
class AddAttribute(SchemeOp):
    owner: str  # a label or a relation type
    name: str
    values: Sequence[str | Mapping[str, Any]]
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""
    default: str | None = None
    required: bool = False

    @property
    def summary(self) -> str:
        return f"add attribute {self.name} to {self.owner}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        owner = owner_item(data, self.owner)
        attributes = owner.setdefault("attributes", [])
        if find_named(attributes, self.name):
            raise SchemeError(f"{self.owner} already has an attribute {self.name!r}")
        item: dict[str, Any] = {"name": self.name, "values": value_items(self.values)}
        apply_settings(item, {"names": self.names, "description": self.description,
                              "example": self.example, "default": self.default},
                       ATTRIBUTE_SETTINGS, f"attribute {self.name}")
        if self.required:
            item["required"] = True
        attributes.append(item)
        return Renames()


@dataclass(frozen=True)
class EditAttribute(SchemeOp):
    owner: str
    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change {self.owner}'s attribute {self.name} ({changed_settings(self.changes)})"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        apply_settings(attribute_item(data, self.owner, self.name), self.changes,
                       ATTRIBUTE_SETTINGS, f"attribute {self.name}")
        return Renames()


@dataclass(frozen=True)
class RenameAttribute(SchemeOp):
    owner: str
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename {self.owner}'s attribute {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = attribute_item(data, self.owner, self.old)
        if self.new != self.old and find_named(owner_item(data, self.owner)["attributes"],
                                               self.new):
            raise SchemeError(f"{self.owner} already has an attribute {self.new!r}")
        claims = explicit_claims(data, scheme)
        item["name"] = self.new
        if claims and claims["label"] == self.owner and claims.get("stance") == self.old:
            claims["stance"] = self.new
        return Renames(attributes={(self.owner, self.old): self.new})


@dataclass(frozen=True)
class RemoveAttribute(SchemeOp):
    owner: str
    name: str

    @property
    def summary(self) -> str:
        return f"remove {self.owner}'s attribute {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = attribute_item(data, self.owner, self.name)
        claims = explicit_claims(data, scheme)
        owner_item(data, self.owner)["attributes"].remove(item)
        if claims and claims["label"] == self.owner and claims.get("stance") == self.name:
            del claims["stance"]
        return Renames()
