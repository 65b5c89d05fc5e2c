"""Scheme edits of relation types: add, change, set which labels they link, rename, merge
and remove. Each keeps the claim roles' source relation pointing at a type that exists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    relation_item,
)
from annotator.core.scheme_migration import Renames

RELATION_SETTINGS = frozenset(("hotkey", "names", "description", "example"))


@dataclass(frozen=True)
class AddRelation(SchemeOp):
    name: str
    heads: Sequence[str]
    tails: Sequence[str]
    hotkey: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""

    @property
    def summary(self) -> str:
        return (f"add relation type {self.name} ({'/'.join(self.heads)} → "
                f"{'/'.join(self.tails)})")

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        check_name_free(data, self.name)
        item: dict[str, Any] = {"name": self.name, "from": list(self.heads),
                                "to": list(self.tails)}
        apply_settings(item, {"hotkey": self.hotkey, "names": self.names,
                              "description": self.description, "example": self.example},
                       RELATION_SETTINGS, f"relation type {self.name}")
        data.setdefault("relations", []).append(item)
        return Renames()


@dataclass(frozen=True)
class EditRelation(SchemeOp):
    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change relation type {self.name} ({changed_settings(self.changes)})"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        apply_settings(relation_item(data, self.name), self.changes, RELATION_SETTINGS,
                       f"relation type {self.name}")
        return Renames()


@dataclass(frozen=True)
class SetRelationEnds(SchemeOp):
    """Which labels a relation type connects. Links that no longer fit are deleted (a loss,
    to be confirmed)."""

    name: str
    heads: Sequence[str]
    tails: Sequence[str]

    @property
    def summary(self) -> str:
        return (f"let {self.name} link {'/'.join(self.heads)} to {'/'.join(self.tails)}")

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = relation_item(data, self.name)
        claims = explicit_claims(data, scheme)
        item["from"], item["to"] = list(self.heads), list(self.tails)
        if claims and claims.get("source") == self.name \
                and claims["label"] not in (*self.heads, *self.tails):
            del claims["source"]
        return Renames()


@dataclass(frozen=True)
class RenameRelation(SchemeOp):
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename relation type {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = relation_item(data, self.old)
        if self.new != self.old:
            check_name_free(data, self.new)
        claims = explicit_claims(data, scheme)
        item["name"] = self.new
        if claims and claims.get("source") == self.old:
            claims["source"] = self.new
        return Renames(relations={self.old: self.new})


@dataclass(frozen=True)
class MergeRelation(SchemeOp):
    old: str
    into: str

    @property
    def summary(self) -> str:
        return f"merge relation type {self.old} into {self.into}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = relation_item(data, self.old)
        target = relation_item(data, self.into)
        if item is target:
            raise SchemeError(f"relation type {self.old} cannot be merged into itself")
        claims = explicit_claims(data, scheme)
        data["relations"].remove(item)
        if claims and claims.get("source") == self.old:
            if claims["label"] in (*target["from"], *target["to"]):
                claims["source"] = self.into
            else:
                del claims["source"]
        return Renames(relations={self.old: self.into})


@dataclass(frozen=True)
class RemoveRelation(SchemeOp):
    name: str

    @property
    def summary(self) -> str:
        return f"remove relation type {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = relation_item(data, self.name)
        claims = explicit_claims(data, scheme)
        data["relations"].remove(item)
        if claims and claims.get("source") == self.name:
            del claims["source"]
        return Renames()
