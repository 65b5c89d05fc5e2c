"""Work packages: one project file per annotator, dealt from a lead project.

`make_packages(lead, out_dir, ["amal", "basel"], overlap=0.2)` writes `out_dir/amal.tawsim`
and `out_dir/basel.tawsim`. Each holds the lead's scheme, the documents dealt to that person
(same ids, text, title and metadata, in the lead's order), an annotator layer named after them
and owned by their person id (empty, but for their own merged work on a document handed out to
them again with `reassign`: a re-issued package carries their work on), and the project meta
`package` (identity.PACKAGE_META) saying whose package it is and which lead made it, so the
desk opens it as that person with no question asked. The lead records the people and the assignments
(document, person, role, package = the package file's project id).

With `with_feedback` (a gold layer), each package also carries the lead's feedback: the
documents that annotator has done and the lead has reviewed in that gold layer (those not
handed out again), with the gold layer (kind gold, same name, the lead's notes on its spans)
and the annotator's own merged work on them; services.feedback shows the differences and
keeps that layer read-only. Opt-in: a lead running a blind agreement study keeps gold from
the annotators.

With `with_layer`, a model layer of the lead is copied into each package as it is: same
name, same kind, same span and relation ids, only for the package's documents. It stays a
model layer there (read, compared, never edited), so the desk's Compare shows the
predictions and accepting one copies it into the annotator's own layer.

All or nothing: every check (names, files, layer, documents) is made before the first file
is written; if writing any package fails or is cancelled, the packages written so far are
removed and the lead records nothing. See package_plan for which documents go to whom.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, utc_now
from annotator.core.phrases import counted
from annotator.services.feedback import FEEDBACK_META
from annotator.services.identity import PACKAGE_META, PackageIdentity
from annotator.services.package_plan import (
    OVERLAP,
    PRIMARY,
    PackagePlan,
    PlannedPackage,
    check_annotator_names,
    package_path,
    plan_packages,
    storage_errors_name,
    taken_lines,
)
from annotator.services.projects import default_actor
from annotator.storage import ProjectStore
from annotator.storage.database import write_transaction
from annotator.storage.feedback import FeedbackCopy, copy_feedback, feedback_documents
from annotator.storage.packaging import CopyCancelled, PackageContent, fill_package
from annotator.storage.team import AssignmentRow, add_person, record_assignments

__all__ = [
    "OVERLAP",
    "PRIMARY",
    "PackagePlan",
    "PackageReport",
    "PackagingCancelled",
    "PlannedPackage",
    "WrittenPackage",
    "check_annotator_names",
    "make_packages",
    "package_path",
    "plan_packages",
]


class PackagingCancelled(TawsimError):
    """The user cancelled; the packages written so far were removed, the lead is unchanged."""

    def __init__(self) -> None:
        super().__init__("packaging was cancelled; no package was written")


@dataclass(frozen=True)
class WrittenPackage:
    annotator: str
    person: str
    path: Path
    project_id: str  # the package file's own id, recorded in the lead's assignments
    primary: int
    overlap: int
    feedback: int = 0  # reviewed documents carried back with the gold layer

    @property
    def documents(self) -> int:
        return self.primary + self.overlap

    def as_dict(self) -> dict:
        return {"annotator": self.annotator, "person": self.person, "path": str(self.path),
                "project_id": self.project_id, "documents": self.documents,
                "primary": self.primary, "overlap": self.overlap, "feedback": self.feedback}


@dataclass(frozen=True)
class PackageReport:
    packages: tuple[WrittenPackage, ...]
    documents: int  # documents handed out (each once, however many packages hold it)
    overlap: int  # of those, documents given to two annotators
    with_layer: str | None
    skipped_assigned: int
    with_feedback: str | None = None
    taken_from: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict:
        return {"documents": self.documents, "overlap": self.overlap,
                "with_layer": self.with_layer, "skipped_assigned": self.skipped_assigned,
                "with_feedback": self.with_feedback,
                "taken_from": dict(self.taken_from),
                "packages": [package.as_dict() for package in self.packages]}

    def summary_lines(self) -> list[str]:
        lines = [f"Wrote {counted(len(self.packages), 'package')}: "
                 f"{counted(self.documents, 'document')}, {self.overlap} of them to two "
                 "annotators"]
        lines += [f"  {p.path}: {p.annotator}, {counted(p.documents, 'document')}"
                  for p in self.packages]
        if self.with_layer:
            lines.append(f"Each package starts from the predictions of {self.with_layer}")
        if self.with_feedback:
            lines += [f"  {p.annotator} gets {counted(p.feedback, 'reviewed document')} back "
                      f"with {self.with_feedback} (a reviewed document the package hands them "
                      f"again comes as work, without {self.with_feedback})"
                      for p in self.packages]
        if self.skipped_assigned:
            lines.append(f"{counted(self.skipped_assigned, 'document')} already assigned "
                         f"{'was' if self.skipped_assigned == 1 else 'were'} left out "
                         "(--reassign hands them out again)")
        return lines + taken_lines(self.taken_from)


def make_packages(project: ProjectStore, out_dir: str | Path, annotators: Sequence[str], *,
                  overlap: float = 0.0, per_annotator: int | None = None,
                  status: str | None = None, with_layer: str | None = None,
                  reassign: bool = False, actor: str | None = None,
                  progress: Callable[[int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  with_feedback: str | None = None) -> PackageReport:
    """Write one package per annotator into `out_dir` (made if missing) and record the
    assignments in `project`. `progress(n)`: n more documents written (plan.
    documents_written in all); `cancelled()`: asked between chunks, True stops and leaves
    nothing behind (PackagingCancelled)."""
    out_dir = Path(out_dir)
    if with_feedback is not None:
        check_feedback_layer(project, with_feedback)
    plan = plan_packages(project, annotators, out_dir=out_dir, overlap=overlap,
                         per_annotator=per_annotator, status=status, with_layer=with_layer,
                         reassign=reassign)
    actor = actor or default_actor()
    made_dir = not out_dir.exists()
    written: list[Path] = []
    try:
        if made_dir:
            out_dir.mkdir(parents=True)
        results = []
        for package in plan.packages:
            results.append(_write_package(project, package, plan, actor, written, progress,
                                          cancelled, with_feedback))
        _record(project, plan, results, actor)
    except BaseException as error:
        _remove(written, out_dir if made_dir else None)
        if isinstance(error, CopyCancelled):
            raise PackagingCancelled() from None
        raise
    return PackageReport(tuple(results), plan.handed_out, plan.overlap, with_layer,
                         plan.skipped_assigned, with_feedback, plan.taken_from)


def _write_package(project: ProjectStore, package: PlannedPackage, plan: PackagePlan,
                   actor: str, written: list[Path], progress: Callable[[int], None] | None,
                   cancelled: Callable[[], bool] | None,
                   with_feedback: str | None = None) -> WrittenPackage:
    """Create and fill one package; its path joins `written` once the file is ours."""
    assert package.path is not None
    lead_name = project.meta("name") or project.path.stem
    identity = PackageIdentity(package.annotator, package.person, project.project_id,
                               utc_now())
    meta = {PACKAGE_META: orjson.dumps(identity.as_dict()).decode(),
            "scheme": project.meta("scheme") or ""}
    with storage_errors_name(package.path):
        store = ProjectStore.create(package.path, project.scheme,
                                    name=f"{lead_name} — {package.annotator}")
        written.append(package.path)
        with store:
            content = PackageContent(package.annotator, package.person, meta,
                                     plan.with_layer, own_layer(project, package.person))
            fill_package(store, project.path, package.seqs, content, actor=actor,
                         progress=progress, cancelled=cancelled)
            feedback = 0
            if with_feedback is not None:
                feedback = _add_feedback(project, store, package, with_feedback, actor)
            project_id = store.project_id
    return WrittenPackage(package.annotator, package.person, package.path, project_id,
                          len(package.primary), len(package.overlap), feedback)


def check_feedback_layer(project: ProjectStore, layer: str) -> None:
    """The layer feedback is taken from must be a gold layer of the lead."""
    kinds = {item.name: item.kind for item in project.layers()}
    if layer not in kinds:
        raise TawsimError(f"the project has no layer {layer!r} to give feedback from",
                          path=str(project.path))
    if kinds[layer] != LayerKind.GOLD:
        raise TawsimError(f"layer {layer!r} is not a gold layer (its kind is "
                          f"{kinds[layer].value}); feedback comes from the lead's gold layer")


def own_layer(project: ProjectStore, person: str) -> str | None:
    """The lead's annotator layer of `person` (the one their merges fill), if any."""
    return next((layer.name for layer in project.layers()
                 if layer.owner == person and layer.kind == LayerKind.ANNOTATOR), None)


def _add_feedback(project: ProjectStore, store: ProjectStore, package: PlannedPackage,
                  gold_layer: str, actor: str) -> int:
    """Copy the annotator's reviewed documents with `gold_layer` into the package `store`;
    how many."""
    own = own_layer(project, package.person)
    documents = feedback_documents(project, own, gold_layer, package.seqs) if own else []
    if not documents:
        return 0
    copy_feedback(store, project.path, FeedbackCopy(documents, gold_layer, own,
                                                    package.annotator))
    with write_transaction(store.db):
        store.set_meta(FEEDBACK_META, orjson.dumps(
            {"layer": gold_layer, "documents": len(documents), "lead": project.project_id,
             "created_at": utc_now()}).decode())
        store.write_audit(actor, "add_feedback", None, None, None,
                          {"layer": gold_layer, "documents": len(documents)})
    return len(documents)


def _record(project: ProjectStore, plan: PackagePlan, results: list[WrittenPackage],
            actor: str) -> None:
    """The people, assignments and one audit row per package, in one lead transaction."""
    rows = []
    with storage_errors_name(project.path), write_transaction(project.db):
        for package, result in zip(plan.packages, results, strict=True):
            if package.new_person:
                add_person(project, package.person, package.annotator)
            rows += [AssignmentRow(seq, package.person, role, result.project_id)
                     for seq, role in zip(package.seqs, package.roles, strict=True)]
            project.write_audit(actor, "package", None, None, None,
                                {**result.as_dict(), "with_layer": plan.with_layer})
        record_assignments(project, rows, replace=plan.reassign)


def _remove(paths: list[Path], made_dir: Path | None) -> None:
    for path in paths:
        for leftover in (path, path.with_name(path.name + "-wal"),
                         path.with_name(path.name + "-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    if made_dir is not None:
        with contextlib.suppress(OSError):
            made_dir.rmdir()  # only if nothing else is in it
