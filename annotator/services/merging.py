"""Merging annotators' project files into the lead's project: synchronisation by span and
relation ids, file by file, all or nothing.

Which layers: each file's annotator layers (never its gold or model layers). Each goes into
the lead's annotator layer with the same owner id (the person); if the lead has none, a new
layer under the file layer's name, or "amal (2)" when the lead's "amal" is someone else's
(identity.distinct_layer_name), and the report says so. A layer without an owner (made by an
older Tawsim) goes into the lead's layer of that name only if that one has no owner either.
A file merged before goes where it went then (merge_state). The lead's gold and model
layers are never written (merging_layers).

What a merge does: for every document of the file, the lead's layer ends up holding exactly
the file layer's spans, relations, statuses and active time, with the same ids
(storage.merging_sync). So merging the same file twice changes nothing, and merging a newer
state removes what the annotator deleted and updates what they moved, relabelled or
re-attributed. Gold spans accepted from a span the merge changes or removes are reported.

Refusals, each one line naming the file, come before anything is written, and every file is
checked before the first is merged: not a Tawsim project, newer, damaged, the lead's own
file, a document id with another text, annotations the lead's scheme does not allow (unless
`label_map` maps them), or a file that is not a newer state of what was merged from it
before (`MergeDiverged`: an older copy, or the layer edited on two machines; `force` lets
the file's state win). Documents the lead lacks are added; documents with an id the lead
lacks but a text it has are matched by text (merging_docs). The checks are in
merging_checks. Each file is one transaction; a dry run does the whole merge and rolls it
back. A file is read in batches of documents (one batch up to BATCH_DOCUMENTS); between
batches the merge reports progress and may be cancelled.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from annotator.core.errors import TawsimError
from annotator.core.label_map import LabelMap
from annotator.services.merging_checks import annotator_of, person_name, plan_file
from annotator.services.merging_layers import LayerPlan, reissued_words
from annotator.services.merging_report import (
    FileReport,
    LayerReport,
    MergeCancelled,
    MergeDiverged,
    MergeRefused,
    MergeReport,
)
from annotator.storage import PROJECT_SUFFIX, ProjectStore
from annotator.storage import merging as store
from annotator.storage.database import inspect_checked
from annotator.storage.merging_docs import add_new_documents, next_batch
from annotator.storage.merging_fresh import add_to_empty
from annotator.storage.merging_source import MergeSource, attached, check_intact, open_source
from annotator.storage.merging_source import damaged as damaged_source
from annotator.storage.merging_source import is_project_file as _is_project_file
from annotator.storage.merging_sync import SyncCounts, apply, classify, gold_from_changed

__all__ = [
    "FileReport",
    "LayerReport",
    "MergeCancelled",
    "MergeDiverged",
    "MergeRefused",
    "MergeReport",
    "is_merge_input",
    "is_project_file",
    "merge_files",
    "merge_size",
]

BATCH_DOCUMENTS = 10_000  # a file up to this size is read in one pass


def is_project_file(path: str | Path) -> bool:
    """Whether `path` is a Tawsim project, by its content (what `tawsim import` routes to
    a merge)."""
    return _is_project_file(Path(path))


def is_merge_input(path: str | Path) -> bool:
    """Whether `tawsim import` hands `path` to the merge: a Tawsim project by its content,
    or any file named *.tawsim (so that a damaged or newer one is refused as a project, in
    one line, rather than as a file of unknown format)."""
    path = Path(path)
    return is_project_file(path) or (path.suffix == PROJECT_SUFFIX and path.is_file())


def merge_size(paths: Sequence[str | Path]) -> int:
    """How many documents merging `paths` walks (for a progress bar); 0 for unreadable
    files, which the merge itself refuses by name."""
    total = 0
    for path in paths:
        with contextlib.suppress(sqlite3.Error, TawsimError):
            if is_project_file(path):
                conn = sqlite3.connect(inspect_checked(Path(path), check=False).uri, uri=True)
                try:
                    total += conn.execute("SELECT count(*) FROM document").fetchone()[0]
                finally:
                    conn.close()
    return total


def merge_files(project: ProjectStore, paths: Sequence[str | Path], *, dry_run: bool = False,
                force: bool = False, label_map: Sequence[str] | None = None,
                progress: Callable[[int], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                actor: str = "tawsim") -> MergeReport:
    """Merge the annotator layers of each file in `paths` into `project`; see the module's
    docstring for the rules. `progress(n)` is told of every n documents merged;
    `cancelled()` is asked between batches, and a True answer rolls back the file being
    merged and raises MergeCancelled (carrying the report of the files merged before)."""
    labels = LabelMap.parse(label_map or (), project.scheme)
    files = [Path(p) for p in paths]
    for path in files:
        if not path.exists():
            raise MergeRefused("no such file", path=str(path))
    report = MergeReport(dry_run=dry_run)
    conn = project.conn
    with contextlib.ExitStack() as stack:
        sources = [stack.enter_context(open_source(path, conn, project.path)) for path in files]
        stack.enter_context(store.merge_session(conn, labels.renames, labels.dropped))
        for source in sources:  # every file is checked before the first is merged
            with _reading(conn, source), store.read_transaction(conn):
                check_intact(conn, source)
                plan_file(project, source, labels, force, create=False)
        try:
            for source in sources:
                try:
                    report.files.append(_merge_one(project, source, labels, force, dry_run,
                                                   progress, cancelled, actor))
                except _Stopped:
                    raise MergeCancelled(report) from None
        finally:
            if report.changed and not dry_run:
                store.checkpoint(conn)
    return report


class _Stopped(Exception):
    """Cancelled between two batches of one file."""


_DAMAGE = ("malformed", "not a database", "no such table: merge_src", "no such column",
           "file is not", "disk i/o error")


@contextlib.contextmanager
def _reading(conn: sqlite3.Connection, source: MergeSource) -> Iterator[None]:
    """The file attached; a read of it failing as a damaged file does becomes one line."""
    with attached(conn, source):
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError) \
                    or not any(sign in str(exc).lower() for sign in _DAMAGE):
                raise
            raise damaged_source(source, exc) from None


def _merge_one(project: ProjectStore, source: MergeSource, labels: LabelMap, force: bool,
               dry_run: bool, progress: Callable[[int], None] | None,
               cancelled: Callable[[], bool] | None, actor: str) -> FileReport:
    conn = project.conn
    result = FileReport(str(source.path), source.project_id, annotator_of(source),
                        source.documents)
    with contextlib.ExitStack() as stack:
        # Layers made in a transaction that rolls back must not stay in the lookup cache.
        stack.callback(project.forget_cached_layers)
        stack.enter_context(_reading(conn, source))
        stack.enter_context(store.write_transaction(conn, keep=not dry_run,
                                                     changed=lambda: result.changed))
        plan = plan_file(project, source, labels, force, create=True)
        result.warnings = plan.warnings
        for layer_plan in plan.layers:
            if layer_plan.superseded:
                result.warnings.append(f"{reissued_words(layer_plan)}; this file has nothing "
                                       "new, so the lead keeps what the newer one brought")
        plan.layers = [layer_plan for layer_plan in plan.layers if not layer_plan.superseded]
        if not plan.layers:
            return result
        assert plan.match is not None
        result.documents_by_text = plan.match.by_text
        result.forced = any(layer.divergence for layer in plan.layers)
        result.documents_new = add_new_documents(conn)
        layers = [LayerReport(p.source.name, p.name, p.source.owner, p.created,
                              source.documents, warnings=p.warnings) for p in plan.layers]
        after = 0
        while True:
            if cancelled is not None and cancelled():
                raise _Stopped()
            count, after = next_batch(conn, after, BATCH_DOCUMENTS)
            if not count:
                break
            whole = count == plan.match.total
            for layer_plan, layer in zip(plan.layers, layers, strict=True):
                layer.take(_merge_batch(conn, layer_plan, layer, whole=whole))
            if progress is not None:
                progress(count)
        for layer_plan, layer in zip(plan.layers, layers, strict=True):
            _finish_layer(project, source, layer_plan, layer, actor)
        result.layers = layers
    return result


def _merge_batch(conn: sqlite3.Connection, plan: LayerPlan, layer: LayerReport, *,
                 whole: bool) -> SyncCounts:
    """One batch of documents of one layer: copied straight in when the lead's layer holds
    nothing there yet, else compared and synchronised."""
    source, target = plan.source.id, plan.target
    assert target is not None
    counts = add_to_empty(conn, source, target, whole=whole)
    if counts is None:
        counts = classify(conn, source, target, whole=whole)
        layer.gold_from_changed += gold_from_changed(conn)
        apply(conn, source, target, counts)
    return counts


def _finish_layer(project: ProjectStore, source: MergeSource, plan: LayerPlan,
                  layer: LayerReport, actor: str) -> None:
    """The file's audit rows, what the lead remembers of the merge, its owner among the
    lead's people, and one audit row of the lead's own when anything changed."""
    conn = project.conn
    assert plan.target is not None
    forced = plan.divergence is not None
    if forced:
        layer.audit_rows = store.append_missing_audit(conn, plan.source.name, plan.name)
    else:
        layer.audit_rows = store.append_audit(conn, plan.source.name, plan.name,
                                              plan.state.audit_rows if plan.state else 0)
    if plan.source.owner:
        store.add_person(conn, plan.source.owner, person_name(source, plan.source))
    store.record_merge_state(conn, store.MergeState(
        source.project_id, plan.source.name, plan.target, plan.audit.rows, plan.audit.digest,
        str(source.path.resolve())))
    if layer.changed:
        counts = {key: value for key, value in layer.as_dict().items()
                  if key.startswith(("spans_", "relations_", "statuses_", "documents"))}
        project.write_audit(actor, "merge", None, plan.name, None, {
            "file": str(source.path), "source": source.project_id,
            "source_layer": plan.source.name, "forced": forced, **counts})
