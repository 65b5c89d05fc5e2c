"""Changing a project's scheme and carrying every stored annotation along, in one transaction.

The core decides what each annotation becomes (core.scheme_migration); this module finds the
rows a change can affect, rewrites or deletes them, stores the new scheme and writes one audit
row that names the counts and keeps what was deleted. Before committing it checks the whole
project against the new scheme, so no change can leave an annotation the scheme does not allow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from annotator.core.errors import SchemeError
from annotator.core.model import relation_as_dict, span_as_dict
from annotator.core.scheme import Scheme
from annotator.core.scheme_migration import (
    MigrationCounts,
    Renames,
    SchemeChangeRefused,
    Violation,
    migrate_relation,
    migrate_span,
)
from annotator.storage.rows import (
    RELATION_COLUMNS,
    RELATION_JOINS,
    SPAN_COLUMNS,
    dumps,
    relation_from_row,
    span_from_row,
)

if TYPE_CHECKING:
    from annotator.storage.project import ProjectStore

# Spans and relations that change label or type first take a name no scheme can give (a
# scheme name never contains "~"), so that swapping two names never trips a UNIQUE index.
_PARKED = "~{}"


# -- what is in use ----------------------------------------------------------------------------


def span_usage(project: ProjectStore) -> list[tuple[str, str, dict[str, Any], int]]:
    """(layer, label, attrs, count) for every distinct combination stored."""
    rows = project.conn.execute(
        "SELECT layer.name, span.label, span.attrs, count(*) FROM span "
        "JOIN layer ON layer.id = span.layer GROUP BY span.layer, span.label, span.attrs"
    ).fetchall()
    return [(layer, label, orjson.loads(attrs), count) for layer, label, attrs, count in rows]


def relation_usage(project: ProjectStore) -> list[tuple[str, str, str, str, dict[str, Any], int]]:
    """(layer, type, head label, tail label, attrs, count) for every distinct combination."""
    rows = project.conn.execute(
        "SELECT layer.name, relation.type, head.label, tail.label, relation.attrs, count(*) "
        "FROM relation JOIN layer ON layer.id = relation.layer "
        "JOIN span AS head ON head.seq = relation.head "
        "JOIN span AS tail ON tail.seq = relation.tail "
        "GROUP BY relation.layer, relation.type, head.label, tail.label, relation.attrs"
    ).fetchall()
    return [(layer, type_, head, tail, orjson.loads(attrs), count)
            for layer, type_, head, tail, attrs, count in rows]


def violations(project: ProjectStore, scheme: Scheme) -> list[Violation]:
    """Every group of stored annotations that `scheme` does not allow (none, normally)."""
    found: dict[tuple[str, str, str], int] = defaultdict(int)
    for layer, label, attrs, count in span_usage(project):
        try:
            scheme.check_span_label(label, attrs)
        except SchemeError as error:
            found[("span", layer, error.message)] += count
    for layer, type_, head, tail, attrs, count in relation_usage(project):
        try:
            scheme.check_relation(type_, head, tail, attrs)
        except SchemeError as error:
            found[("relation", layer, error.message)] += count
    return [Violation(kind, layer, message, count)
            for (kind, layer, message), count in sorted(found.items())]


# -- changing the scheme -----------------------------------------------------------------------


@dataclass
class _Plan:
    counts: MigrationCounts = field(default_factory=MigrationCounts)
    span_outcomes: dict[int, tuple[str, dict]] = field(default_factory=dict)  # seq -> new
    span_labels: dict[int, str] = field(default_factory=dict)  # seq -> old label
    span_updates: list[tuple[int, str | None, dict]] = field(default_factory=list)
    relation_updates: list[tuple[int, str | None, dict]] = field(default_factory=list)
    deleted_spans: dict[int, dict] = field(default_factory=dict)
    deleted_relations: dict[int, dict] = field(default_factory=dict)
    cleared: list[dict] = field(default_factory=list)


def _marks(names: Iterable[str]) -> tuple[str, list[str]]:
    names = sorted(names)
    return ",".join("?" * len(names)) or "NULL", names


def _survivor(members: list[tuple[int, bool]]) -> int:
    """Of annotations that become one, keep the one that already had the name, else the
    oldest."""
    original = [seq for seq, kept_name in members if kept_name]
    return min(original) if original else min(seq for seq, _ in members)


def _plan_spans(project: ProjectStore, old: Scheme, new: Scheme, renames: Renames,
                plan: _Plan) -> set[str]:
    touched = {label for _, label, attrs, _ in span_usage(project)
               if migrate_span(new, renames, label, attrs)[:2] != (label, attrs)}
    if not touched:
        return set()
    # Spans of a label something merges into may collide with the merged ones.
    selected = touched | {t for t in renames.labels.values() if old.has_label(t)}
    marks, names = _marks(selected)
    rows = project.conn.execute(
        f"SELECT span.seq, span.document, span.layer, {SPAN_COLUMNS} FROM span "
        "JOIN document ON document.seq = span.document JOIN layer ON layer.id = span.layer "
        f"WHERE span.label IN ({marks})", names).fetchall()
    by_key: dict[tuple, list[tuple[int, bool]]] = defaultdict(list)
    spans = {}
    cleared_by_seq: dict[int, list] = {}
    for row in rows:
        seq, doc_seq, layer_id, span = row[0], row[1], row[2], span_from_row(row[3:])
        spans[seq] = span
        plan.span_labels[seq] = span.label
        label, attrs, cleared = migrate_span(new, renames, span.label, span.attrs)
        if label is None:
            plan.deleted_spans[seq] = span_as_dict(span) | {"document": span.doc_id,
                                                             "layer": span.layer}
            continue
        plan.span_outcomes[seq] = (label, attrs)
        by_key[(doc_seq, layer_id, span.start, span.end, label)].append(
            (seq, span.label == label))
        if cleared:
            cleared_by_seq[seq] = cleared
            plan.cleared.append({"span": span.id, "layer": span.layer, "attrs": span.attrs})
            plan.counts.values_cleared += len(cleared)
            plan.counts.losing_layers.add(span.layer)
    for members in by_key.values():
        if len(members) > 1:
            keep = _survivor(members)
            for seq, _ in members:
                if seq != keep:
                    span = spans[seq]
                    plan.deleted_spans[seq] = span_as_dict(span) | {"document": span.doc_id,
                                                                     "layer": span.layer}
    for seq, span in spans.items():
        if seq in plan.deleted_spans:
            plan.span_outcomes.pop(seq, None)
            plan.counts.spans_deleted += 1
            plan.counts.losing_layers.add(span.layer)
            continue
        label, attrs = plan.span_outcomes[seq]
        if label != span.label:
            plan.counts.spans_relabelled += 1
        elif _renamed_attrs(span.attrs, attrs, cleared_by_seq.get(seq, ())):
            plan.counts.spans_reattributed += 1
        if label != span.label or attrs != span.attrs:
            plan.span_updates.append((seq, label if label != span.label else None, attrs))
    return selected


def _plan_relations(project: ProjectStore, old: Scheme, new: Scheme, renames: Renames,
                    span_labels: set[str], plan: _Plan) -> None:
    touched = set()
    for _, type_, head, tail, attrs, _ in relation_usage(project):
        outcome = migrate_relation(new, renames, type_, renames.label(head), renames.label(tail),
                                   attrs)
        if outcome[:2] != (type_, attrs):
            touched.add(type_)
    touched |= {t for t in renames.relations.values() if old.has_relation(t)}
    if not touched and not span_labels:
        return
    type_marks, types = _marks(touched)
    label_marks, labels = _marks(span_labels)
    rows = project.conn.execute(
        f"SELECT relation.seq, relation.document, relation.layer, relation.head, relation.tail, "
        f"head.label, tail.label, {RELATION_COLUMNS} FROM relation {RELATION_JOINS} "
        f"WHERE relation.type IN ({type_marks}) OR head.label IN ({label_marks}) "
        f"OR tail.label IN ({label_marks})", [*types, *labels, *labels]).fetchall()
    by_key: dict[tuple, list[tuple[int, bool]]] = defaultdict(list)
    relations = {}
    outcomes: dict[int, tuple[str, dict]] = {}
    cleared_by_seq: dict[int, list] = {}
    for row in rows:
        seq, doc_seq, layer_id, head_seq, tail_seq = row[:5]
        relation = relation_from_row(row[7:])
        relations[seq] = relation
        record = relation_as_dict(relation) | {"document": relation.doc_id,
                                                "layer": relation.layer}
        if head_seq in plan.deleted_spans or tail_seq in plan.deleted_spans:
            plan.deleted_relations[seq] = record
            continue
        head_label = plan.span_outcomes.get(head_seq, (row[5],))[0]
        tail_label = plan.span_outcomes.get(tail_seq, (row[6],))[0]
        type_, attrs, cleared = migrate_relation(new, renames, relation.type, head_label,
                                                 tail_label, relation.attrs)
        if type_ is None:
            plan.deleted_relations[seq] = record
            continue
        outcomes[seq] = (type_, attrs)
        by_key[(doc_seq, layer_id, type_, head_seq, tail_seq)].append(
            (seq, relation.type == type_))
        if cleared:
            cleared_by_seq[seq] = cleared
            plan.cleared.append({"relation": relation.id, "layer": relation.layer,
                                 "attrs": relation.attrs})
            plan.counts.values_cleared += len(cleared)
            plan.counts.losing_layers.add(relation.layer)
    for members in by_key.values():
        if len(members) > 1:
            keep = _survivor(members)
            for seq, _ in members:
                if seq != keep:
                    relation = relations[seq]
                    plan.deleted_relations[seq] = relation_as_dict(relation) | {
                        "document": relation.doc_id, "layer": relation.layer}
    for seq, relation in relations.items():
        if seq in plan.deleted_relations:
            plan.counts.relations_deleted += 1
            plan.counts.losing_layers.add(relation.layer)
            continue
        type_, attrs = outcomes[seq]
        if type_ != relation.type:
            plan.counts.relations_retyped += 1
        elif _renamed_attrs(relation.attrs, attrs, cleared_by_seq.get(seq, ())):
            plan.counts.relations_reattributed += 1
        if type_ != relation.type or attrs != relation.attrs:
            plan.relation_updates.append((seq, type_ if type_ != relation.type else None,
                                          attrs))


def _renamed_attrs(before: dict, after: dict, cleared: Iterable[tuple[str, Any]]) -> bool:
    """Whether an attribute name or value was renamed (not merely cleared)."""
    gone = set(cleared)
    return after != {k: v for k, v in before.items() if (k, v) not in gone}


def _write(project: ProjectStore, plan: _Plan) -> None:
    conn = project.conn
    conn.executemany("DELETE FROM relation WHERE seq = ?",
                     [(seq,) for seq in plan.deleted_relations])
    conn.executemany("DELETE FROM span WHERE seq = ?", [(seq,) for seq in plan.deleted_spans])
    # Annotations keep their updated_at: that time says when a person last edited one, and a
    # scheme change is not such an edit (the audit row records it).
    for table, column, updates in (("span", "label", plan.span_updates),
                                   ("relation", "type", plan.relation_updates)):
        renamed = [(seq, name) for seq, name, _ in updates if name is not None]
        conn.executemany(f"UPDATE {table} SET {column} = ? WHERE seq = ?",
                         [(_PARKED.format(seq), seq) for seq, _ in renamed])
        conn.executemany(f"UPDATE {table} SET {column} = ? WHERE seq = ?",
                         [(name, seq) for seq, name in renamed])
        conn.executemany(f"UPDATE {table} SET attrs = ? WHERE seq = ?",
                         [(dumps(attrs), seq) for seq, _, attrs in updates])


def change_scheme(project: ProjectStore, new: Scheme, renames: Renames, *, actor: str,
                  summary: str, op: dict[str, Any], delete: bool = False) -> MigrationCounts:
    """Replace the project's scheme with `new`, migrating every annotation, all or nothing.

    Raises SchemeChangeRefused (having changed nothing) when annotations would be deleted or
    attribute values cleared and `delete` is False.
    """
    try:
        with project.db.atomic():
            old = project.scheme
            plan = _Plan()
            selected = _plan_spans(project, old, new, renames, plan)
            _plan_relations(project, old, new, renames, selected, plan)
            if plan.counts.loss and not delete:
                raise SchemeChangeRefused(summary, plan.counts)
            _write(project, plan)
            project._set_meta("scheme", orjson.dumps(new.to_dict()).decode())
            project._audit(
                actor, "change_scheme", None, None,
                {"scheme": old.to_dict(), "deleted_spans": list(plan.deleted_spans.values()),
                 "deleted_relations": list(plan.deleted_relations.values()),
                 "cleared": plan.cleared},
                {"scheme": new.to_dict(), "change": summary, "op": op,
                 "renames": renames.as_dict(), "counts": plan.counts.as_dict()},
            )
            project.__dict__.pop("scheme", None)
            left = violations(project, new)
            if left:
                # The plan above covers every rule; reaching this is a bug, and rolls back.
                raise AssertionError(f"a scheme change left annotations behind: {left[0]}")
    finally:
        project.__dict__.pop("scheme", None)
    return plan.counts
