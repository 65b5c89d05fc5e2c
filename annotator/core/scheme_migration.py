"""What a scheme change does to the annotations already made.

A change turns the old scheme into a new one and says, through `Renames`, where old names
went: a label, relation type, attribute or value renamed (or merged into an existing one).
Everything else follows from the new scheme: an annotation whose label or type is gone is
deleted, an attribute value the new scheme lacks is cleared, a link whose ends the relation
type no longer connects is deleted. Those losses are counted, and a change that loses
anything is refused unless the caller confirms the deletion. Nothing is left that the new
scheme does not allow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import SchemeError
from annotator.core.scheme import AttributeDef, Scheme


@dataclass(frozen=True)
class Renames:
    """Old name -> new name. Keys always use the OLD scheme's names (owner is the label or
    relation type that carries the attribute); a new name that already existed is a merge."""

    labels: Mapping[str, str] = field(default_factory=dict)
    relations: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[tuple[str, str], str] = field(default_factory=dict)
    values: Mapping[tuple[str, str, str], str] = field(default_factory=dict)

    def label(self, name: str) -> str:
        return self.labels.get(name, name)

    def relation(self, name: str) -> str:
        return self.relations.get(name, name)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for the audit trail."""
        return {
            "labels": dict(self.labels),
            "relations": dict(self.relations),
            "attributes": [[owner, old, new] for (owner, old), new in self.attributes.items()],
            "values": [[owner, attr, old, new]
                       for (owner, attr, old), new in self.values.items()],
        }

    def is_empty(self) -> bool:
        return not (self.labels or self.relations or self.attributes or self.values)


def migrate_attrs(old_owner: str, new_defs: Iterable[AttributeDef], renames: Renames,
                  attrs: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """The attrs after renames, and the (name, value) pairs the new definitions cannot hold."""
    by_name = {definition.name: definition for definition in new_defs}
    result: dict[str, Any] = {}
    cleared: list[tuple[str, Any]] = []
    for name, value in attrs.items():
        new_name = renames.attributes.get((old_owner, name), name)
        new_value = value if value is None else renames.values.get((old_owner, name, value),
                                                                   value)
        definition = by_name.get(new_name)
        if (definition is None or new_name in result
                or (new_value is not None and new_value not in definition.value_names)):
            cleared.append((name, value))
            continue
        result[new_name] = new_value
    return result, cleared


def migrate_span(new: Scheme, renames: Renames, label: str, attrs: Mapping[str, Any]
                 ) -> tuple[str | None, dict[str, Any], list[tuple[str, Any]]]:
    """(new label or None if the span must go, new attrs, cleared attribute values)."""
    new_label = renames.label(label)
    if not new.has_label(new_label):
        return None, {}, []
    result, cleared = migrate_attrs(label, new.label(new_label).attributes, renames, attrs)
    return new_label, result, cleared


def migrate_relation(new: Scheme, renames: Renames, type_: str, head_label: str,
                     tail_label: str, attrs: Mapping[str, Any]
                     ) -> tuple[str | None, dict[str, Any], list[tuple[str, Any]]]:
    """Like migrate_span for a link whose ends now carry `head_label` and `tail_label`."""
    new_type = renames.relation(type_)
    if not new.has_relation(new_type):
        return None, {}, []
    definition = new.relation(new_type)
    if not definition.connects(head_label, tail_label):
        return None, {}, []
    result, cleared = migrate_attrs(type_, definition.attributes, renames, attrs)
    return new_type, result, cleared


@dataclass
class MigrationCounts:
    """What a change did (or would do) to the stored annotations."""

    spans_relabelled: int = 0
    spans_reattributed: int = 0  # attribute names or values renamed
    relations_retyped: int = 0
    relations_reattributed: int = 0
    spans_deleted: int = 0
    relations_deleted: int = 0
    values_cleared: int = 0
    losing_layers: set[str] = field(default_factory=set)  # layers that lose something

    @property
    def loss(self) -> int:
        """Annotations deleted or attribute values cleared: what needs the caller's consent."""
        return self.spans_deleted + self.relations_deleted + self.values_cleared

    @property
    def rewritten(self) -> int:
        return (self.spans_relabelled + self.spans_reattributed + self.relations_retyped
                + self.relations_reattributed)

    def add(self, other: MigrationCounts) -> None:
        for name in ("spans_relabelled", "spans_reattributed", "relations_retyped",
                     "relations_reattributed", "spans_deleted", "relations_deleted",
                     "values_cleared"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.losing_layers |= other.losing_layers

    def describe_loss(self) -> str:
        return _listing([(self.spans_deleted, "span"), (self.relations_deleted, "relation"),
                         (self.values_cleared, "attribute value")])

    def describe_rewrites(self) -> str:
        return _listing([(self.spans_relabelled, "span relabelled", "spans relabelled"),
                         (self.relations_retyped, "relation retyped", "relations retyped"),
                         (self.spans_reattributed + self.relations_reattributed,
                          "attribute value renamed", "attribute values renamed")])

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["losing_layers"] = sorted(self.losing_layers)
        return data


def _listing(items: list[tuple]) -> str:
    parts = []
    for count, singular, *plural in items:
        if count:
            word = singular if count == 1 else (plural[0] if plural else singular + "s")
            parts.append(f"{count} {word}")
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class SchemeChangeRefused(SchemeError):
    """A change that would delete annotations or clear attribute values, made without the
    caller's consent. `counts` says what it would have done."""

    def __init__(self, change: str, counts: MigrationCounts) -> None:
        layers = sorted(counts.losing_layers)
        where = f"layer{'s' if len(layers) > 1 else ''} {', '.join(layers)}"
        super().__init__(
            f"refused to {change}: it would delete {counts.describe_loss()} "
            f"({counts.loss} annotations affected, in {where}); migrate them first "
            "(rename or merge), or confirm deleting them"
        )
        self.change = change
        self.counts = counts


def check_renames(old: Scheme, new: Scheme, renames: Renames) -> None:
    """Every old name exists in `old`, every new name in `new`; raises SchemeError."""
    for before, after in renames.labels.items():
        if not old.has_label(before):
            raise SchemeError(f"rename {before}={after}: the scheme has no label {before!r}")
        if not new.has_label(after):
            raise SchemeError(f"rename {before}={after}: the new scheme has no label {after!r}")
    for before, after in renames.relations.items():
        if not old.has_relation(before):
            raise SchemeError(f"rename {before}={after}: the scheme has no relation type "
                              f"{before!r}")
        if not new.has_relation(after):
            raise SchemeError(f"rename {before}={after}: the new scheme has no relation type "
                              f"{after!r}")
    for (owner, before), after in renames.attributes.items():
        spec = f"rename {owner}.{before}={after}"
        if not _has_attribute(old, owner, before):
            raise SchemeError(f"{spec}: {owner} has no attribute {before!r}")
        new_owner = _new_owner(renames, owner)
        if not _has_attribute(new, new_owner, after):
            raise SchemeError(f"{spec}: in the new scheme {new_owner} has no attribute "
                              f"{after!r}")
    for (owner, attribute, before), after in renames.values.items():
        spec = f"rename {owner}.{attribute}:{before}={after}"
        definition = _attribute(old, owner, attribute)
        if definition is None or before not in definition.value_names:
            raise SchemeError(f"{spec}: {owner}'s {attribute} has no value {before!r}")
        new_owner = _new_owner(renames, owner)
        new_attribute = renames.attributes.get((owner, attribute), attribute)
        target = _attribute(new, new_owner, new_attribute)
        if target is None or after not in target.value_names:
            raise SchemeError(f"{spec}: in the new scheme {new_owner}'s {new_attribute} has "
                              f"no value {after!r}")


def _new_owner(renames: Renames, owner: str) -> str:
    return renames.labels.get(owner) or renames.relations.get(owner) or owner


def _attribute(scheme: Scheme, owner: str, name: str) -> AttributeDef | None:
    if scheme.has_label(owner):
        return scheme.label(owner).attribute(name)
    if scheme.has_relation(owner):
        return scheme.relation(owner).attribute(name)
    return None


def _has_attribute(scheme: Scheme, owner: str, name: str) -> bool:
    return _attribute(scheme, owner, name) is not None


def parse_renames(specs: Iterable[str], old: Scheme) -> Renames:
    """Renames written as OLD=NEW, for a scheme file loaded into a project:

    - `ACTOR=SPEAKER`: a label or relation type;
    - `CLAIM.stance=position`: an attribute of one label or relation type;
    - `CLAIM.stance:reported=relayed`: a value of one attribute;
    - `stance:reported=relayed`: that value wherever the attribute has it.

    Left sides use the current scheme's names; right sides the new scheme's.
    """
    labels: dict[str, str] = {}
    relations: dict[str, str] = {}
    attributes: dict[tuple[str, str], str] = {}
    values: dict[tuple[str, str, str], str] = {}

    def put(mapping: dict, key: Any, value: str, spec: str) -> None:
        if key in mapping and mapping[key] != value:
            raise SchemeError(f"rename {spec}: the same name is renamed twice")
        mapping[key] = value

    for spec in specs:
        left, sep, right = spec.partition("=")
        left, right = left.strip(), right.strip()
        if not sep or not left or not right:
            raise SchemeError(f"a rename is written OLD=NEW, not {spec!r}")
        if ":" in left:
            target, _, value = left.rpartition(":")
            if ":" in right:
                attribute = target.rpartition(".")[2]
                given, _, right = right.rpartition(":")
                if given.rpartition(".")[2] != attribute:
                    raise SchemeError(f"rename {spec}: a value stays in its attribute")
            if "." in target:
                owner, _, attribute = target.partition(".")
                owners = [owner]
            else:
                attribute = target
                owners = [o.name for o in (*old.labels, *old.relations)
                          if (a := o.attribute(attribute)) and value in a.value_names]
                if not owners:
                    raise SchemeError(f"rename {spec}: no label or relation type has an "
                                      f"attribute {attribute!r} with value {value!r}")
            for owner in owners:
                put(values, (owner, attribute, value), right, spec)
        elif "." in left:
            owner, _, attribute = left.partition(".")
            put(attributes, (owner, attribute), right.rpartition(".")[2], spec)
        elif old.has_relation(left):
            put(relations, left, right, spec)
        elif old.has_label(left):
            put(labels, left, right, spec)
        else:
            raise SchemeError(f"rename {spec}: the scheme has no label or relation type "
                              f"{left!r}")
    return Renames(labels, relations, attributes, values)


@dataclass(frozen=True)
class Violation:
    """Stored annotations a scheme does not allow: `count` of them in `layer`, all for the
    same reason. A project never has any; the checker exists to prove it."""

    kind: str  # "span" or "relation"
    layer: str
    message: str
    count: int

    def __str__(self) -> str:
        return f"{self.count} {self.kind}s in layer {self.layer}: {self.message}"
