"""Deciding what a scheme change does to each stored annotation, before anything is written.

What becomes of an annotation depends only on its label (or type, and its ends' labels) and
its attributes, so the fate is decided once per distinct combination, and only the rows of
combinations that change are read. Rows are compared with each other only where names merge:
two spans that would become the same span, two links that would become the same link.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from annotator.core.scheme import Scheme
from annotator.core.scheme_migration import (
    MigrationCounts,
    Renames,
    migrate_relation,
    migrate_span,
)
from annotator.storage.rows import dumps


@dataclass(frozen=True)
class _Fate:
    name: str | None  # the new label or type; None: the annotation goes
    attrs_json: str  # the new attrs, as stored
    changed: bool  # name or attrs differ from before
    cleared: tuple[tuple[str, Any], ...] = ()  # attribute values the new scheme cannot hold
    renamed: bool = False  # an attribute name or value was renamed


@dataclass
class Plan:
    counts: MigrationCounts = field(default_factory=MigrationCounts)
    deleted_spans: set[int] = field(default_factory=set)
    deleted_relations: set[int] = field(default_factory=set)
    # (seq, new label or type if it changes, new attrs JSON)
    span_updates: list[tuple[int, str | None, str]] = field(default_factory=list)
    relation_updates: list[tuple[int, str | None, str]] = field(default_factory=list)
    cleared: list[dict[str, Any]] = field(default_factory=list)  # for the audit trail


def _fate(outcome: tuple[str | None, dict, list], name: str, attrs_json: str,
          attrs: dict) -> _Fate:
    new_name, new_attrs, cleared = outcome
    if new_name is None:
        return _Fate(None, attrs_json, True)
    gone = set(cleared)
    kept = {k: v for k, v in attrs.items() if (k, v) not in gone}
    return _Fate(new_name, dumps(new_attrs) if new_attrs != attrs else attrs_json,
                 new_name != name or new_attrs != attrs, tuple(cleared), new_attrs != kept)


def _merging(names: Iterable[str], rename: dict[str, str], keeps: set[str]) -> set[str]:
    """Old names that end up sharing a new name with another old name."""
    sources: dict[str, set[str]] = defaultdict(set)
    for name in names:
        target = rename.get(name, name)
        if target in keeps:
            sources[target].add(name)
    return {name for group in sources.values() if len(group) > 1 for name in group}


def _where(conditions: list[tuple[str, list]]) -> tuple[str, list]:
    parts = [sql for sql, _ in conditions]
    return " OR ".join(parts) or "0", [p for _, params in conditions for p in params]


def _in(column: str, values: Iterable[Any]) -> tuple[str, list]:
    values = sorted(values)
    return (f"{column} IN ({','.join('?' * len(values))})", values) if values else ("0", [])


def _row_values(columns: str, groups: Sequence[tuple]) -> tuple[str, list]:
    if not groups:
        return "0", []
    width = len(groups[0])
    marks = ",".join("(" + ",".join("?" * width) + ")" for _ in groups)
    return f"({columns}) IN (VALUES {marks})", [value for group in groups for value in group]


def _survivors(keyed: dict[tuple, list[tuple[int, bool]]]) -> set[int]:
    """Of annotations that would become one, all but the one that already had the name (else
    the oldest)."""
    extra: set[int] = set()
    for members in keyed.values():
        if len(members) > 1:
            original = [seq for seq, kept_name in members if kept_name]
            keep = min(original) if original else min(seq for seq, _ in members)
            extra |= {seq for seq, _ in members if seq != keep}
    return extra


def plan_change(conn: sqlite3.Connection, old: Scheme, new: Scheme,
                renames: Renames) -> Plan:
    plan = Plan()
    layers = dict(conn.execute("SELECT id, name FROM layer"))
    merge_labels = _merging(old.label_names, dict(renames.labels), set(new.label_names))
    _plan_spans(conn, new, renames, merge_labels, layers, plan)
    merge_types = _merging(old.relation_names, dict(renames.relations),
                           set(new.relation_names))
    _plan_relations(conn, new, renames, merge_labels, merge_types, layers, plan)
    return plan


def _plan_spans(conn: sqlite3.Connection, new: Scheme, renames: Renames,
                merge_labels: set[str], layers: dict[int, str], plan: Plan) -> None:
    fates: dict[tuple[str, str], _Fate] = {}
    for label, attrs_json in conn.execute("SELECT DISTINCT label, attrs FROM span"):
        attrs = orjson.loads(attrs_json)
        fates[(label, attrs_json)] = _fate(migrate_span(new, renames, label, attrs), label,
                                           attrs_json, attrs)
    touched = [key for key, fate in fates.items() if fate.changed]
    where, params = _where([_row_values("label, attrs", touched),
                            _in("label", merge_labels)])
    rows = conn.execute('SELECT seq, id, document, layer, "start", "end", label, attrs '
                        f"FROM span WHERE {where}", params).fetchall()
    merged: dict[tuple, list[tuple[int, bool]]] = defaultdict(list)
    for seq, _, document, layer, start, end, label, attrs_json in rows:
        fate = fates[(label, attrs_json)]
        if fate.name is None:
            plan.deleted_spans.add(seq)
        elif label in merge_labels:
            merged[(document, layer, start, end, fate.name)].append((seq, label == fate.name))
    plan.deleted_spans |= _survivors(merged)
    counts = plan.counts
    for seq, span_id, _, layer, _, _, label, attrs_json in rows:
        fate = fates[(label, attrs_json)]
        if seq in plan.deleted_spans:
            counts.spans_deleted += 1
            counts.losing_layers.add(layers[layer])
            continue
        if not fate.changed:
            continue  # read only to find duplicates
        plan.span_updates.append((seq, fate.name if fate.name != label else None,
                                  fate.attrs_json))
        if fate.name != label:
            counts.spans_relabelled += 1
        elif fate.renamed:
            counts.spans_reattributed += 1
        if fate.cleared:
            counts.values_cleared += len(fate.cleared)
            counts.losing_layers.add(layers[layer])
            plan.cleared.append({"span": span_id, "layer": layers[layer],
                                 "attrs": orjson.loads(attrs_json)})


def _plan_relations(conn: sqlite3.Connection, new: Scheme, renames: Renames,
                    merge_labels: set[str], merge_types: set[str], layers: dict[int, str],
                    plan: Plan) -> None:
    def end(label: str) -> str | None:
        target = renames.label(label)
        return target if new.has_label(target) else None

    fates: dict[tuple[str, str, str, str], _Fate] = {}
    for type_, head, tail, attrs_json in conn.execute(
            "SELECT DISTINCT relation.type, head.label, tail.label, relation.attrs "
            "FROM relation JOIN span AS head ON head.seq = relation.head "
            "JOIN span AS tail ON tail.seq = relation.tail"):
        attrs = orjson.loads(attrs_json)
        head_end, tail_end = end(head), end(tail)
        outcome = (None, {}, []) if head_end is None or tail_end is None else \
            migrate_relation(new, renames, type_, head_end, tail_end, attrs)
        fates[(type_, head, tail, attrs_json)] = _fate(outcome, type_, attrs_json, attrs)
    touched = [key for key, fate in fates.items() if fate.changed]
    where, params = _where([
        _row_values("relation.type, head.label, tail.label, relation.attrs", touched),
        _in("relation.type", merge_types),
        # Links of spans that may go as duplicates.
        _in("head.label", merge_labels), _in("tail.label", merge_labels),
    ])
    rows = conn.execute(
        "SELECT relation.seq, relation.id, relation.document, relation.layer, relation.type, "
        "relation.head, relation.tail, head.label, tail.label, relation.attrs "
        "FROM relation JOIN span AS head ON head.seq = relation.head "
        f"JOIN span AS tail ON tail.seq = relation.tail WHERE {where}", params).fetchall()
    merged: dict[tuple, list[tuple[int, bool]]] = defaultdict(list)
    for seq, _, document, layer, type_, head, tail, head_label, tail_label, attrs_json in rows:
        fate = fates[(type_, head_label, tail_label, attrs_json)]
        if fate.name is None or head in plan.deleted_spans or tail in plan.deleted_spans:
            plan.deleted_relations.add(seq)
        elif type_ in merge_types:
            merged[(document, layer, fate.name, head, tail)].append((seq, type_ == fate.name))
    plan.deleted_relations |= _survivors(merged)
    counts = plan.counts
    for seq, relation_id, _, layer, type_, _, _, head_label, tail_label, attrs_json in rows:
        fate = fates[(type_, head_label, tail_label, attrs_json)]
        if seq in plan.deleted_relations:
            counts.relations_deleted += 1
            counts.losing_layers.add(layers[layer])
            continue
        if not fate.changed:
            continue
        plan.relation_updates.append((seq, fate.name if fate.name != type_ else None,
                                      fate.attrs_json))
        if fate.name != type_:
            counts.relations_retyped += 1
        elif fate.renamed:
            counts.relations_reattributed += 1
        if fate.cleared:
            counts.values_cleared += len(fate.cleared)
            counts.losing_layers.add(layers[layer])
            plan.cleared.append({"relation": relation_id, "layer": layers[layer],
                                 "attrs": orjson.loads(attrs_json)})
