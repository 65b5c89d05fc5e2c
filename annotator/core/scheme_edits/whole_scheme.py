"""Scheme edits of the scheme as a whole: its own settings, or another scheme in its place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.core.scheme import Scheme
from annotator.core.scheme_edits.base import SchemeOp
from annotator.core.scheme_edits.scheme_json import apply_settings, changed_settings
from annotator.core.scheme_migration import Renames, check_renames

SCHEME_SETTINGS = frozenset(("name", "version", "description", "rules", "claims"))


@dataclass(frozen=True)
class EditScheme(SchemeOp):
    """The scheme's name, version, description, general rules or claim roles."""

    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change the scheme's {changed_settings(self.changes)}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        apply_settings(data, self.changes, SCHEME_SETTINGS, "the scheme")
        return Renames()


@dataclass(frozen=True)
class ReplaceScheme(SchemeOp):
    """Another scheme altogether (a scheme file loaded into the project), with the renames
    that carry old names to new ones. Anything else the new scheme lacks is a loss."""

    scheme: Scheme
    renames: Renames = field(default_factory=Renames)

    @property
    def summary(self) -> str:
        return f"load scheme {self.scheme.name!r}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        check_renames(scheme, self.scheme, self.renames)
        data.clear()
        data.update(self.scheme.to_dict())
        return self.renames

    def as_dict(self) -> dict[str, Any]:
        return {"op": "ReplaceScheme", "scheme": self.scheme.name,
                "renames": self.renames.as_dict()}
