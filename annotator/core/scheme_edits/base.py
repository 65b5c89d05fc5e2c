"""What every scheme edit is: an op that turns a scheme's JSON into the next one.

An op is plain data (a frozen dataclass) that the audit trail can record. Applied to a
scheme it gives a SchemeEdit: the new JSON, where old names went (see scheme_migration), and
a summary in a few words.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.scheme import Scheme
from annotator.core.scheme_migration import Renames


@dataclass(frozen=True)
class SchemeEdit:
    data: dict[str, Any]  # the new scheme's JSON
    renames: Renames
    summary: str


class SchemeOp(ABC):
    """One change of a scheme. Subclasses are frozen dataclasses, so an op is plain data that
    the audit trail can record (`as_dict`); `summary` says what it does."""

    @property
    @abstractmethod
    def summary(self) -> str:
        """What the change does, in a few words ("rename label ACTOR to SPEAKER")."""

    @abstractmethod
    def _apply(self, data: dict[str, Any], scheme: Scheme) -> Renames:
        """Change `data` (a private copy of the scheme's JSON) in place."""

    def edit(self, scheme: Scheme) -> SchemeEdit:
        data = scheme.to_dict()  # a fresh copy
        renames = self._apply(data, scheme)
        return SchemeEdit(data, renames, self.summary)

    def as_dict(self) -> dict[str, Any]:
        return {"op": type(self).__name__, **asdict(self)}  # type: ignore[call-overload]
