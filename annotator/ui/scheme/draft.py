"""The changes the scheme dialog has collected but not applied yet.

Each change is a core scheme edit, tried at once on the scheme in memory and validated like a
scheme file, so a clash (a hotkey taken twice, a name in use) is refused while the annotator
types. The draft also follows each stored name through the renames, so the dialog can show
how many annotations use every item of the scheme being drafted. Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping

from annotator.core.scheme import LabelDef, RelationDef, Scheme, scheme_from_dict
from annotator.core.scheme_edits import (
    EditAttribute,
    EditLabel,
    EditRelation,
    EditValue,
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
    SchemeOp,
    SetRelationEnds,
)
from annotator.core.scheme_migration import Renames

# What an item of a scheme is called: ("label", L), ("relation", R), ("attribute", OWNER, A)
# or ("value", OWNER, A, V).
Path = tuple[str, ...]


def exists(scheme: Scheme, path: Path) -> bool:
    kind, *key = path
    if kind == "label":
        return scheme.has_label(key[0])
    if kind == "relation":
        return scheme.has_relation(key[0])
    owner = _owner(scheme, key[0])
    attribute = owner.attribute(key[1]) if owner is not None else None
    if kind == "attribute":
        return attribute is not None
    return attribute is not None and attribute.value(key[2]) is not None


def _owner(scheme: Scheme, name: str) -> LabelDef | RelationDef | None:
    if scheme.has_label(name):
        return scheme.label(name)
    if scheme.has_relation(name):
        return scheme.relation(name)
    return None


def renamed(path: Path, renames: Renames) -> Path:
    """Where an item of the old scheme went through one edit's renames."""
    kind, *key = path
    if kind == "label":
        return (kind, renames.label(key[0]))
    if kind == "relation":
        return (kind, renames.relation(key[0]))
    owner = renames.labels.get(key[0]) or renames.relations.get(key[0]) or key[0]
    attribute = renames.attributes.get((key[0], key[1]), key[1])
    if kind == "attribute":
        return (kind, owner, attribute)
    return (kind, owner, attribute, renames.values.get((key[0], key[1], key[2]), key[2]))


def all_paths(scheme: Scheme) -> list[Path]:
    paths: list[Path] = []
    for kind, owners in (("label", scheme.labels), ("relation", scheme.relations)):
        for owner in owners:
            paths.append((kind, owner.name))
            for attribute in owner.attributes:
                paths.append(("attribute", owner.name, attribute.name))
                paths += [("value", owner.name, attribute.name, v.name) for v in attribute.values]
    return paths


class SchemeDraft:
    def __init__(self, scheme: Scheme) -> None:
        self.base = scheme
        self.scheme = scheme
        self.ops: list[SchemeOp] = []
        self._steps: list[tuple[Renames, Scheme]] = []  # each change's renames and result

    def push(self, op: SchemeOp) -> None:
        """Add a change; raises SchemeError (InvalidScheme) and keeps the draft as it was
        when the change makes no sense or leaves an invalid scheme."""
        edit = op.edit(self.scheme)
        scheme = scheme_from_dict(edit.data, origin="the scheme")
        self.ops.append(op)
        self._steps.append((edit.renames, scheme))
        self.scheme = scheme

    def undo(self) -> None:
        """Drop the last change."""
        if not self.ops:
            return
        ops = self.ops[:-1]
        self.scheme, self.ops, self._steps = self.base, [], []
        for op in ops:
            self.push(op)

    def origins(self) -> dict[Path, list[Path]]:
        """For each item of the drafted scheme, the items of the stored scheme that became
        it (two when one was merged into another; none for a new item)."""
        where: dict[Path, Path | None] = {path: path for path in all_paths(self.base)}
        for renames, scheme in self._steps:
            for old, current in where.items():
                if current is not None:
                    moved = renamed(current, renames)
                    where[old] = moved if exists(scheme, moved) else None
        found: dict[Path, list[Path]] = {}
        for old, current in where.items():
            if current is not None:
                found.setdefault(current, []).append(old)
        return found


def usage_counts(draft: SchemeDraft, spans: Mapping[str, int], relations: Mapping[str, int],
                 values: Mapping[tuple[str, str, str], int]) -> dict[Path, int]:
    """How many stored annotations use each item of the drafted scheme (SchemeUsage's
    numbers, followed through the draft's renames)."""
    def stored(path: Path) -> int:
        kind, *key = path
        if kind == "label":
            return spans.get(key[0], 0)
        if kind == "relation":
            return relations.get(key[0], 0)
        if kind == "attribute":
            return sum(n for (o, a, _), n in values.items() if (o, a) == (key[0], key[1]))
        return values.get((key[0], key[1], key[2]), 0)

    return {path: sum(stored(old) for old in olds) for path, olds in draft.origins().items()}


def op_for(scheme: Scheme, path: Path, key: str, value: object) -> SchemeOp:
    """The edit that changes one field of the dialog's form: `key` is a setting ("hotkey",
    "color"...), a text in one language ("names.ar", "description.en"), "name" (a rename),
    or a relation type's "from" or "to" (a list of labels)."""
    kind, *names = path
    if key == "name":
        new = str(value)
        renames = {"label": lambda: RenameLabel(names[0], new),
                   "relation": lambda: RenameRelation(names[0], new),
                   "attribute": lambda: RenameAttribute(names[0], names[1], new),
                   "value": lambda: RenameValue(names[0], names[1], names[2], new)}
        return renames[kind]()
    if kind == "relation" and key in ("from", "to"):
        relation = scheme.relation(names[0])
        labels = list(value)  # type: ignore[call-overload]
        return SetRelationEnds(names[0], labels if key == "from" else list(relation.heads),
                               labels if key == "to" else list(relation.tails))
    setting, _, language_code = key.partition(".")
    changes = {setting: {language_code: value}} if language_code else {setting: value}
    if kind == "label":
        return EditLabel(names[0], changes)
    if kind == "relation":
        return EditRelation(names[0], changes)
    if kind == "attribute":
        return EditAttribute(names[0], names[1], changes)
    return EditValue(names[0], names[1], names[2], changes)


def remove_op(path: Path) -> SchemeOp:
    kind, *names = path
    if kind == "label":
        return RemoveLabel(names[0])
    if kind == "relation":
        return RemoveRelation(names[0])
    if kind == "attribute":
        return RemoveAttribute(names[0], names[1])
    return RemoveValue(names[0], names[1], names[2])


def merge_targets(scheme: Scheme, path: Path) -> list[str]:
    """What an item can be merged into: another label, relation type or value of the same
    attribute (attributes cannot be merged)."""
    kind, *names = path
    if kind == "label":
        return [name for name in scheme.label_names if name != names[0]]
    if kind == "relation":
        return [name for name in scheme.relation_names if name != names[0]]
    if kind == "value":
        owner = _owner(scheme, names[0])
        attribute = owner.attribute(names[1]) if owner is not None else None
        return [v for v in attribute.value_names if v != names[2]] if attribute else []
    return []


def merge_op(path: Path, into: str) -> SchemeOp:
    kind, *names = path
    if kind == "label":
        return MergeLabel(names[0], into)
    if kind == "relation":
        return MergeRelation(names[0], into)
    return MergeValue(names[0], names[1], names[2], into)
