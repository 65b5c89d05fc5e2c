"""Scheme edits of labels: add, change, move, rename, merge and remove.

Renaming or merging a label says where its spans go; removing one deletes its spans and any
relation type left with no label at one end.
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
    changed_settings,
    check_name_free,
    explicit_claims,
    find_named,
    insert_at,
    label_item,
    replace_in_ends,
)
from annotator.core.scheme_migration import Renames

LABEL_SETTINGS = frozenset(("color", "hotkey", "names", "description", "example", "style",
                            "proclitics"))


@dataclass(frozen=True)
class AddLabel(SchemeOp):
    name: str
    color: str
    hotkey: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""
    style: str = "background"
    proclitics: str = "keep"
    position: int | None = None  # where in the label list; None: at the end

    @property
    def summary(self) -> str:
        return f"add label {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        check_name_free(data, self.name)
        item: dict[str, Any] = {"name": self.name, "color": self.color}
        apply_settings(item, {"hotkey": self.hotkey, "names": self.names,
                              "description": self.description, "example": self.example,
                              "style": self.style, "proclitics": self.proclitics},
                       LABEL_SETTINGS, f"label {self.name}")
        insert_at(data["labels"], item, self.position)
        return Renames()


@dataclass(frozen=True)
class EditLabel(SchemeOp):
    """Recolour, re-hotkey, rename for display, redescribe: nothing stored changes."""

    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change label {self.name} ({changed_settings(self.changes)})"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        apply_settings(label_item(data, self.name), self.changes, LABEL_SETTINGS,
                       f"label {self.name}")
        return Renames()


@dataclass(frozen=True)
class MoveLabel(SchemeOp):
    name: str
    position: int

    @property
    def summary(self) -> str:
        return f"move label {self.name} to place {self.position + 1}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = label_item(data, self.name)
        data["labels"].remove(item)
        insert_at(data["labels"], item, self.position)
        return Renames()


@dataclass(frozen=True)
class RenameLabel(SchemeOp):
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename label {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = label_item(data, self.old)
        if self.new != self.old:
            check_name_free(data, self.new)
        claims = explicit_claims(data, scheme)
        item["name"] = self.new
        replace_in_ends(data, self.old, self.new)
        if claims and claims["label"] == self.old:
            claims["label"] = self.new
        return Renames(labels={self.old: self.new})


@dataclass(frozen=True)
class MergeLabel(SchemeOp):
    """Every span of `old` becomes a span of `into`; `into` takes `old`'s place in relation
    types. Attribute values `into` does not define are cleared (a loss, to be confirmed)."""

    old: str
    into: str

    @property
    def summary(self) -> str:
        return f"merge label {self.old} into {self.into}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = label_item(data, self.old)
        target = label_item(data, self.into)
        if item is target:
            raise SchemeError(f"label {self.old} cannot be merged into itself")
        claims = explicit_claims(data, scheme)
        data["labels"].remove(item)
        replace_in_ends(data, self.old, self.into)
        if claims and claims["label"] == self.old:
            claims["label"] = self.into
            if claims.get("stance") and not find_named(target.get("attributes", []),
                                                       claims["stance"]):
                del claims["stance"]
        return Renames(labels={self.old: self.into})


@dataclass(frozen=True)
class RemoveLabel(SchemeOp):
    """Spans of the label are deleted with their links; relation types left with no label at
    one end are removed too."""

    name: str

    @property
    def summary(self) -> str:
        return f"remove label {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = label_item(data, self.name)
        if len(data["labels"]) == 1:
            raise SchemeError("a scheme needs at least one label; add another first")
        claims = explicit_claims(data, scheme)
        data["labels"].remove(item)
        emptied = replace_in_ends(data, self.name, None)
        if claims and claims["label"] == self.name:
            del data["claims"]
        elif claims and claims.get("source") in emptied:
            del claims["source"]
        return Renames()
