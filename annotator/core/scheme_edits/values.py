"""Scheme edits of an attribute's values: add, change, rename, merge and remove.

A renamed or merged value carries the attribute's default along; removing the default
value leaves the attribute without one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import SchemeError
from annotator.core.scheme import Scheme
from annotator.core.scheme_edits.base import SchemeOp
from annotator.core.scheme_edits.scheme_json import (
    apply_settings,
    attribute_item,
    changed_settings,
    find_named,
    insert_at,
    value_item,
)
from annotator.core.scheme_migration import Renames

VALUE_SETTINGS = frozenset(("hotkey", "names", "description", "example"))


@dataclass(frozen=True)
class AddValue(SchemeOp):
    owner: str
    attribute: str
    name: str
    hotkey: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""
    position: int | None = None

    @property
    def summary(self) -> str:
        return f"add value {self.name} to {self.owner}'s {self.attribute}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        values = attribute_item(data, self.owner, self.attribute)["values"]
        if find_named(values, self.name):
            raise SchemeError(f"{self.owner}'s {self.attribute} already has a value "
                              f"{self.name!r}")
        item: dict[str, Any] = {"name": self.name}
        apply_settings(item, {"hotkey": self.hotkey, "names": self.names,
                              "description": self.description, "example": self.example},
                       VALUE_SETTINGS, f"value {self.name}")
        insert_at(values, item, self.position)
        return Renames()


@dataclass(frozen=True)
class EditValue(SchemeOp):
    owner: str
    attribute: str
    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return (f"change {self.owner}'s {self.attribute} value {self.name} "
                f"({changed_settings(self.changes)})")

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        apply_settings(value_item(data, self.owner, self.attribute, self.name), self.changes,
                       VALUE_SETTINGS, f"value {self.name}")
        return Renames()


@dataclass(frozen=True)
class RenameValue(SchemeOp):
    owner: str
    attribute: str
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename {self.owner}'s {self.attribute} value {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        attribute = attribute_item(data, self.owner, self.attribute)
        item = value_item(data, self.owner, self.attribute, self.old)
        if self.new != self.old and find_named(attribute["values"], self.new):
            raise SchemeError(f"{self.owner}'s {self.attribute} already has a value "
                              f"{self.new!r}")
        item["name"] = self.new
        if attribute.get("default") == self.old:
            attribute["default"] = self.new
        return Renames(values={(self.owner, self.attribute, self.old): self.new})


@dataclass(frozen=True)
class MergeValue(SchemeOp):
    owner: str
    attribute: str
    old: str
    into: str

    @property
    def summary(self) -> str:
        return f"merge {self.owner}'s {self.attribute} value {self.old} into {self.into}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        attribute = attribute_item(data, self.owner, self.attribute)
        item = value_item(data, self.owner, self.attribute, self.old)
        target = value_item(data, self.owner, self.attribute, self.into)
        if item is target:
            raise SchemeError(f"value {self.old} cannot be merged into itself")
        attribute["values"].remove(item)
        if attribute.get("default") == self.old:
            attribute["default"] = self.into
        return Renames(values={(self.owner, self.attribute, self.old): self.into})


@dataclass(frozen=True)
class RemoveValue(SchemeOp):
    owner: str
    attribute: str
    name: str

    @property
    def summary(self) -> str:
        return f"remove value {self.name} from {self.owner}'s {self.attribute}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        attribute = attribute_item(data, self.owner, self.attribute)
        item = value_item(data, self.owner, self.attribute, self.name)
        if len(attribute["values"]) == 1:
            raise SchemeError(f"{self.owner}'s {self.attribute} needs at least one value; "
                              "remove the attribute instead")
        attribute["values"].remove(item)
        if attribute.get("default") == self.name:
            attribute["default"] = None
        return Renames()
