"""A project's label scheme: what is in use, changing it, loading one from a file.

Every change goes through `change_scheme`: one or more edits (core.scheme_edits) applied in
one transaction, each validated like a scheme file, each carrying the stored annotations along
and audited with its counts. A change that would delete annotations or clear attribute values
is refused with the numbers unless the caller passes `delete=True`; `dry_run=True` reports what
would happen and changes nothing.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import SchemeError, TawsimError
from annotator.core.scheme import InvalidScheme, Scheme, load_scheme, scheme_from_dict
from annotator.core.scheme_edits import (
    MergeLabel,
    MergeRelation,
    MergeValue,
    RemoveAttribute,
    RemoveLabel,
    RemoveRelation,
    RemoveValue,
    RenameAttribute,
    RenameLabel,
    RenameRelation,
    RenameValue,
    ReplaceScheme,
    SchemeOp,
)
from annotator.core.scheme_migration import (
    MigrationCounts,
    SchemeChangeRefused,
    Violation,
    parse_renames,
)
from annotator.storage import ProjectStore
from annotator.storage import scheme_changes as storage
from annotator.storage.database import write_transaction

__all__ = [
    "MigrationCounts",
    "SchemeChangeRefused",
    "SchemeChangeReport",
    "SchemeUsage",
    "Violation",
    "change_scheme",
    "export_scheme",
    "import_scheme",
    "merge_op",
    "preview_scheme_change",
    "project_violations",
    "remove_op",
    "rename_op",
    "scheme_json",
    "scheme_usage",
]


@dataclass(frozen=True)
class SchemeChangeReport:
    steps: tuple[str, ...]  # what each edit did ("rename label ACTOR to SPEAKER")
    counts: MigrationCounts
    scheme: Scheme  # the scheme after the change (or that it would be, in a dry run)
    applied: bool

    @property
    def summary(self) -> str:
        return "; ".join(self.steps)

    def describe(self) -> str:
        """One line for a status bar or a terminal."""
        verb = "Changed" if self.applied else "Would change"
        text = f"{verb} the scheme: {self.summary}"
        if self.counts.rewritten:
            text += f"; {self.counts.describe_rewrites()}"
        if self.counts.loss:
            text += f"; {'deleted' if self.applied else 'would delete'} " \
                    f"{self.counts.describe_loss()}"
        return text


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def _validated(data: dict, summary: str) -> Scheme:
    try:
        return scheme_from_dict(data)
    except InvalidScheme as error:
        raise SchemeError(f"cannot {summary}: {error.message}") from None


def change_scheme(project: ProjectStore, ops: SchemeOp | Sequence[SchemeOp], *, actor: str,
                  delete: bool = False, dry_run: bool = False) -> SchemeChangeReport:
    """Apply `ops` in order, all or nothing. Raises SchemeError (a SchemeChangeRefused when
    annotations would be lost without `delete`), leaving the project as it was."""
    steps = [ops] if isinstance(ops, SchemeOp) else list(ops)
    if not steps:
        raise SchemeError("no scheme change was given")
    # Change the scheme stored now, not one cached before another program changed it.
    project.forget_cached_scheme()
    if dry_run and len(steps) == 1:
        # One change needs no rehearsal: planning it says all (and reads far less).
        edit = steps[0].edit(project.scheme)
        new = _validated(edit.data, edit.summary)
        counts = storage.count_change(project, new, edit.renames)
        return SchemeChangeReport((edit.summary,), counts, new, applied=False)
    counts = MigrationCounts()
    summaries: list[str] = []
    scheme = project.scheme
    try:
        with write_transaction(project.db):
            for op in steps:
                edit = op.edit(project.scheme)
                new = _validated(edit.data, edit.summary)
                counts.add(storage.change_scheme(project, new, edit.renames, actor=actor,
                                                 summary=edit.summary, op=op.as_dict(),
                                                 delete=delete or dry_run))
                summaries.append(edit.summary)
            scheme = project.scheme
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    finally:
        project.forget_cached_scheme()
    return SchemeChangeReport(tuple(summaries), counts, scheme, applied=not dry_run)


def preview_scheme_change(project: ProjectStore, ops: SchemeOp | Sequence[SchemeOp]
                          ) -> SchemeChangeReport:
    """What `ops` would do, losses included; nothing is changed."""
    return change_scheme(project, ops, actor="preview", delete=True, dry_run=True)


# -- scheme files ------------------------------------------------------------------------------


def import_scheme(project: ProjectStore, path: str | Path, *, renames: Sequence[str] = (),
                  actor: str, delete: bool = False, dry_run: bool = False
                  ) -> SchemeChangeReport:
    """Load a scheme file into the project. `renames` (OLD=NEW, see
    core.scheme_migration.parse_renames) carry old names to new ones; anything in use that
    the file lacks is refused with counts unless `delete`."""
    new = load_scheme(path)
    project.forget_cached_scheme()  # the scheme stored now (see change_scheme)
    parsed = parse_renames(renames, project.scheme)
    return change_scheme(project, ReplaceScheme(new, parsed), actor=actor, delete=delete,
                         dry_run=dry_run)


def scheme_json(scheme: Scheme) -> str:
    return json.dumps(scheme.to_dict(), ensure_ascii=False, indent=2) + "\n"


def export_scheme(project: ProjectStore, path: str | Path) -> Path:
    """Write the project's scheme as a JSON file `tawsim init --scheme` and
    `tawsim scheme import` accept."""
    path = Path(path)
    if path.is_dir():
        raise TawsimError("this is a folder; give a file name", path=str(path))
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(scheme_json(project.scheme), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise TawsimError(f"cannot write the scheme: {exc.strerror}", path=str(path)) from None
    return path


# -- what is in use ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemeUsage:
    """How many stored annotations (all layers) use each label, relation type and value."""

    spans: dict[str, int] = field(default_factory=dict)  # label -> spans
    relations: dict[str, int] = field(default_factory=dict)  # type -> relations
    values: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (owner, attr, value)

    def attribute(self, owner: str, name: str) -> int:
        return sum(n for (o, a, _), n in self.values.items() if (o, a) == (owner, name))


def scheme_usage(project: ProjectStore) -> SchemeUsage:
    spans: dict[str, int] = defaultdict(int)
    relations: dict[str, int] = defaultdict(int)
    values: dict[tuple[str, str, str], int] = defaultdict(int)
    for _, label, attrs, count in storage.span_usage(project):
        spans[label] += count
        for name, value in attrs.items():
            if value is not None:
                values[(label, name, value)] += count
    for _, type_, _, _, attrs, count in storage.relation_usage(project):
        relations[type_] += count
        for name, value in attrs.items():
            if value is not None:
                values[(type_, name, value)] += count
    return SchemeUsage(dict(spans), dict(relations), dict(values))


def project_violations(project: ProjectStore, scheme: Scheme | None = None) -> list[Violation]:
    """Stored annotations that `scheme` (default: the project's own) does not allow. Always
    empty for the project's own scheme; for another one, what loading it would break."""
    return storage.violations(project, scheme or project.scheme)


# -- naming what to change -----------------------------------------------------------------------


def _target(scheme: Scheme, target: str) -> tuple[str, ...]:
    """What a target names: ("label", L), ("relation", R), ("attribute", owner, A) or
    ("value", owner, A, V). Targets: NAME, OWNER.ATTR, OWNER.ATTR:VALUE, or ATTR:VALUE when
    one label or relation type has that attribute."""
    if ":" in target:
        owner_attr, _, value = target.rpartition(":")
        if "." in owner_attr:
            owner, _, attribute = owner_attr.partition(".")
        else:
            attribute = owner_attr
            owners = [o.name for o in (*scheme.labels, *scheme.relations)
                      if o.attribute(attribute) is not None]
            if len(owners) != 1:
                where = " and ".join(owners) if owners else "no label or relation type"
                raise SchemeError(f"{target!r}: {where} has an attribute {attribute!r}; "
                                  f"write OWNER.{attribute}:{value}")
            owner = owners[0]
        definition = scheme.owner(owner).attribute(attribute)
        if definition is None:
            raise SchemeError(f"{owner} has no attribute {attribute!r}")
        if definition.value(value) is None:
            raise SchemeError(f"{owner}'s {attribute} has no value {value!r}")
        return ("value", owner, attribute, value)
    if "." in target:
        owner, _, attribute = target.partition(".")
        if scheme.owner(owner).attribute(attribute) is None:
            raise SchemeError(f"{owner} has no attribute {attribute!r}")
        return ("attribute", owner, attribute)
    if scheme.has_label(target):
        return ("label", target)
    if scheme.has_relation(target):
        return ("relation", target)
    raise SchemeError(f"the scheme has no label or relation type {target!r}")


def rename_op(scheme: Scheme, target: str, new: str) -> SchemeOp:
    """Renaming a label, relation type, attribute (OWNER.ATTR) or value (OWNER.ATTR:VALUE or
    ATTR:VALUE) to a name not in use; see merge_op to fold one into another."""
    kind, *key = _target(scheme, target)
    new = new.rpartition(":")[2] if kind == "value" else new.rpartition(".")[2] \
        if kind == "attribute" else new
    if kind == "label":
        return RenameLabel(key[0], new)
    if kind == "relation":
        return RenameRelation(key[0], new)
    if kind == "attribute":
        return RenameAttribute(key[0], key[1], new)
    return RenameValue(key[0], key[1], key[2], new)


def merge_op(scheme: Scheme, target: str, into: str) -> SchemeOp:
    """Folding a label, relation type or value into an existing one of the same kind."""
    kind, *key = _target(scheme, target)
    if kind == "label":
        return MergeLabel(key[0], into)
    if kind == "relation":
        return MergeRelation(key[0], into)
    if kind == "value":
        return MergeValue(key[0], key[1], key[2], into.rpartition(":")[2])
    raise SchemeError("attributes cannot be merged; rename or remove one")


def remove_op(scheme: Scheme, target: str) -> SchemeOp:
    kind, *key = _target(scheme, target)
    if kind == "label":
        return RemoveLabel(key[0])
    if kind == "relation":
        return RemoveRelation(key[0])
    if kind == "attribute":
        return RemoveAttribute(key[0], key[1])
    return RemoveValue(key[0], key[1], key[2])
