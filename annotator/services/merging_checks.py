"""The checks a merge makes of each file before anything is written, and where its layers go.

Run once for every file before the first is merged (read-only: nothing of the lead is
written, and layers to be made are only named), and again inside each file's transaction,
where the new layers are made: an earlier file of the same merge may have changed what the
lead holds. A refusal raises MergeRefused (or MergeDiverged) in one line naming the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import orjson

from annotator.core.label_map import LabelMap
from annotator.core.model import LayerKind
from annotator.services.merging_layers import LayerPlan, divergence_words, plan_layer
from annotator.services.merging_report import MergeDiverged, MergeRefused
from annotator.services.merging_scheme import same_scheme, scheme_gaps, unused_differences
from annotator.storage import ProjectStore
from annotator.storage import merging as store
from annotator.storage.merging_docs import (
    DocumentMatch,
    all_in_one_batch,
    document_ids,
    match_documents,
)
from annotator.storage.merging_source import SOURCE, MergeSource, SourceLayer
from annotator.storage.merging_sync import classify

EXAMPLES = 3  # document ids named in a one-line message


@dataclass
class FilePlan:
    """Where a file's layers go, what to warn of, and how its documents matched."""

    layers: list[LayerPlan]
    warnings: list[str]
    match: DocumentMatch | None


def plan_file(project: ProjectStore, source: MergeSource, labels: LabelMap, force: bool, *,
              create: bool) -> FilePlan:
    """Check one attached file against the lead, raising the refusal if there is one, and
    decide where its layers go (making the new ones when `create`)."""
    conn = project.conn
    where = str(source.path)
    if source.project_id and source.project_id == project.project_id:
        raise MergeRefused("this is a copy of the lead project itself (the same project id); "
                           "merge annotators' files into it", path=where)
    layers = source.annotator_layers
    if not layers:
        return FilePlan([], ["the file has no annotator layer: nothing to merge"], None)
    warnings: list[str] = []
    other_lead = another_leads_package(project, source)
    if other_lead:
        warnings.append(other_lead)
    check_scheme(project, source, labels, [layer.id for layer in layers], warnings)
    match = match_documents(conn, EXAMPLES)
    if match.conflict_count:
        named = ", ".join(repr(doc_id) for doc_id in match.conflicts)
        more = match.conflict_count - len(match.conflicts)
        raise MergeRefused(
            f"{'documents' if match.conflict_count > 1 else 'document'} {named}"
            f"{f' and {more} more' if more else ''} "
            f"{'have' if match.conflict_count > 1 else 'has'} another text in the lead's "
            "project", path=where)
    if match.by_text:
        pairs = ", ".join(f"{mine!r} as {lead!r}" for mine, lead in match.text_matches)
        more = match.by_text - len(match.text_matches)
        warnings.append(f"{match.by_text} document{'s' if match.by_text > 1 else ''} matched "
                        f"the lead's by {'their' if match.by_text > 1 else 'its'} text, "
                        f"{'their ids' if match.by_text > 1 else 'the ids'} differing ({pairs}"
                        f"{f' and {more} more' if more > 0 else ''})")
    plans = []
    for layer in layers:
        plan = plan_layer(project, source, layer)
        if create and plan.target is None:
            plan.target = project.ensure_layer(plan.name, LayerKind.ANNOTATOR,
                                               owner=layer.owner)
            plan.created = True
        plans.append(plan)
    for plan in plans:
        if plan.divergence is None:
            continue
        if not force:
            refuse_divergence(conn, source, plan)
        plan.warnings.append(f"{divergence_words(plan)}; merged anyway (--force): the "
                             "file's state won")
    return FilePlan(plans, warnings, match)


def another_leads_package(project: ProjectStore, source: MergeSource) -> str | None:
    """The warning for a work package another lead project made (its identity names
    another project id), None for this lead's packages and for files that are not one."""
    lead = source.package_lead
    if not lead or lead == project.project_id:
        return None
    row = project.conn.execute(f"SELECT value FROM {SOURCE}.project WHERE key = 'name'"
                               ).fetchone()
    name = f" {row[0]!r}" if row and row[0] else ""
    return (f"this work package{name} was made by another lead project ({lead}), not by "
            f"this one ({project.project_id}): its documents were not handed out from here, "
            "so check that it is meant for this project")


def check_scheme(project: ProjectStore, source: MergeSource, labels: LabelMap,
                  layers: list[int], warnings: list[str]) -> None:
    if same_scheme(project.scheme, source.scheme) and labels.empty:
        return
    conn = project.conn
    gaps = scheme_gaps(project.scheme, labels, store.span_usage(conn, layers),
                       store.relation_usage(conn, layers))
    if gaps:
        raise MergeRefused(
            f"its scheme differs from the lead's, which lacks {'; '.join(gaps)}; map its "
            "labels with --map SOURCE=LABEL, or add them to the lead's scheme",
            path=str(source.path))
    if labels.renames and (place := store.spans_made_one(conn, layers)):
        raise MergeRefused(f"the label map makes two spans one in document {place[0]!r} at "
                           f"{place[1]}-{place[2]}", path=str(source.path))
    unused = unused_differences(project.scheme, source.scheme)
    if unused:
        warnings.append(f"its scheme has {', '.join(unused)}, which the lead's lacks; no "
                        "annotation uses them")


def refuse_divergence(conn: sqlite3.Connection, source: MergeSource, plan: LayerPlan) -> None:
    all_in_one_batch(conn)
    counts = classify(conn, plan.source.id, plan.target if plan.target is not None else -1,
                      whole=True)
    changed = document_ids(conn, counts.changed_documents)
    shown = ", ".join(changed[:EXAMPLES]) + (", …" if len(changed) > EXAMPLES else "")
    differs = (f"it differs in {len(changed)} document{'' if len(changed) == 1 else 's'} "
               f"({shown})" if changed else "its annotations are the same")
    raise MergeDiverged(f"{divergence_words(plan)}; {differs}; --force lets this file's "
                        "state win", path=str(source.path), layer=plan.source.name,
                        kind=plan.divergence or "", documents=changed)


def package_of(source: MergeSource) -> dict:
    """What a work package says of itself ({} for any other file, or a damaged identity,
    which only leaves its annotator unnamed)."""
    try:
        data = orjson.loads(source.package) if source.package else {}
    except orjson.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def annotator_of(source: MergeSource) -> str | None:
    """The annotator a work package names, None for any other file."""
    name = package_of(source).get("annotator")
    return str(name) if name else None


def person_name(source: MergeSource, layer: SourceLayer) -> str:
    """The name the lead's people list gets for a layer's owner: the package's annotator
    for the package's person, else the layer's name."""
    package = package_of(source)
    if package.get("person") == layer.owner and package.get("annotator"):
        return str(package["annotator"])
    return layer.name
