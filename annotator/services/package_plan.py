"""Planning work packages: which documents go to which annotator, checked before anything is
written. The desk previews a plan (counts per annotator, overlap); services.packaging writes it.

Which documents are handed out, in project order:
- not those already assigned to someone, unless `reassign` (then they are handed out again,
  and their earlier assignments are replaced when the packages are written);
- with `status`, only those whose lead status is that one. A document's lead status is the
  furthest status any person's layer has for it (annotator or gold layers; a model's
  predictions are nobody's work): `new` means nobody has started it, `done` that someone
  has finished it and nobody has reviewed it;
- with `per_annotator` N, only the first N x annotators of those: N caps each person's
  primary documents; overlap documents come on top of them.
Then `overlap` x documents (rounded half up) get a second annotator; core.assignment.deal
says who gets what and what it guarantees. Packages do not say which documents are overlap.

Who the annotators are: a name the lead's `person` table holds exactly once keeps that
person's id, so work packaged for "amal" twice merges into one layer; else a name that is an
annotator layer of the lead recording an owner keeps that owner; else a new person id.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.assignment import deal, overlap_count
from annotator.core.errors import Phrase, TawsimError, translatable, translatable_plural
from annotator.core.model import LayerKind, Status
from annotator.core.phrases import counted
from annotator.services.identity import new_person_id, package_identity
from annotator.services.projects import as_user_error
from annotator.storage import PROJECT_SUFFIX, ProjectStore
from annotator.storage.team import annotator_layer_owners, assignees, candidates, people

PRIMARY = "primary"
OVERLAP = "overlap"
# Characters a file name cannot hold on one of the systems the desk runs on.
_NOT_IN_FILE_NAMES = set('/\\:*?"<>|')


@dataclass(frozen=True)
class PlannedPackage:
    """One annotator's package: who, where, and which documents (lead seqs and ids)."""

    annotator: str
    person: str
    new_person: bool  # the lead's person table does not have them yet
    path: Path | None
    primary: tuple[str, ...]
    overlap: tuple[str, ...]
    seqs: tuple[int, ...] = field(repr=False)  # every document of the package, in order
    roles: tuple[str, ...] = field(repr=False)  # PRIMARY or OVERLAP, beside `seqs`

    @property
    def documents(self) -> int:
        return len(self.seqs)

    def as_dict(self) -> dict:
        return {"annotator": self.annotator, "person": self.person,
                "path": None if self.path is None else str(self.path),
                "documents": self.documents, "primary": len(self.primary),
                "overlap": len(self.overlap)}


@dataclass(frozen=True)
class PackagePlan:
    packages: tuple[PlannedPackage, ...]
    eligible: int  # documents that passed the filters, before the per-annotator cap
    handed_out: int
    overlap: int  # documents with a second annotator
    skipped_assigned: int  # documents left out because someone has them already
    with_layer: str | None
    reassign: bool
    # With `reassign`: (name, documents) of the people whose assignments the new deal takes
    # away (documents handed out again without them).
    taken_from: tuple[tuple[str, int], ...] = ()

    @property
    def documents_written(self) -> int:
        """Documents written over all packages (what a progress bar counts)."""
        return sum(package.documents for package in self.packages)

    def as_dict(self) -> dict:
        return {"documents": self.handed_out, "overlap": self.overlap,
                "eligible": self.eligible, "skipped_assigned": self.skipped_assigned,
                "with_layer": self.with_layer,
                "packages": [package.as_dict() for package in self.packages]}

    def summary_lines(self) -> list[str]:
        lines = [f"{counted(self.handed_out, 'document')} for "
                 f"{counted(len(self.packages), 'annotator')}, {self.overlap} of them to two "
                 "annotators"]
        lines += [f"  {p.annotator}: {counted(p.documents, 'document')} ({len(p.primary)} "
                  f"primary, {len(p.overlap)} overlap)" for p in self.packages]
        if self.skipped_assigned:
            lines.append(f"{counted(self.skipped_assigned, 'document')} already assigned "
                         f"{'was' if self.skipped_assigned == 1 else 'were'} left out")
        return lines + taken_lines(self.taken_from)



def taken_lines(taken_from: Sequence[tuple[str, int]]) -> list[str]:
    return [f"{counted(count, 'document')} handed out again {'is' if count == 1 else 'are'} "
            f"no longer assigned to {name}" for name, count in taken_from]


@contextmanager
def storage_errors_name(path: Path) -> Iterator[None]:
    """A damaged, busy or unwritable file's error as one line naming `path`."""
    try:
        yield
    except (sqlite3.DatabaseError, OSError) as error:
        translated = as_user_error(error)
        if translated is None:
            raise
        raise translated.located(str(path)) from None


def check_annotator_names(names: Sequence[str]) -> list[str]:
    """The names as given, refused in one line if one cannot name both a layer and a file,
    or two are the same (ignoring case: Amal.tawsim and amal.tawsim are one file on some
    systems)."""
    if not names:
        raise TawsimError(translatable("name at least one annotator"))
    seen: dict[str, str] = {}
    for name in names:
        if not name or not name.strip():
            raise TawsimError(translatable("an annotator name is empty"))
        if name != name.strip() or not name.isprintable() or name.startswith(".") \
                or _NOT_IN_FILE_NAMES & set(name):
            raise TawsimError(translatable("annotator name {name!r} cannot name a layer and a "
                                           "file (no leading or trailing spaces, no leading "
                                           'dot, none of / \\ : * ? " < > |)'),
                              fields={"name": name})
        key = name.casefold()
        if key in seen:
            raise TawsimError(translatable("annotator {name!r} is named twice"),
                              fields={"name": name})
        seen[key] = name
    return list(names)


def package_path(out_dir: Path, annotator: str) -> Path:
    return out_dir / f"{annotator}{PROJECT_SUFFIX}"


def plan_packages(project: ProjectStore, annotators: Sequence[str], *,
                  out_dir: Path | None = None, overlap: float = 0.0,
                  per_annotator: int | None = None, status: str | None = None,
                  with_layer: str | None = None, reassign: bool = False) -> PackagePlan:
    """What packaging would do, refused in one line if it cannot be done; writes nothing.
    With `out_dir`, a package file that exists already is refused too."""
    names = check_annotator_names(annotators)
    with storage_errors_name(project.path):
        _check_lead(project, names, overlap, per_annotator, with_layer)
        documents = candidates(project)
        known = people(project)
        owners = annotator_layer_owners(project)
    if status is not None and status not in Status._value2member_map_:
        allowed = ", ".join(item.value for item in Status)
        raise TawsimError(translatable("unknown status {status!r} (allowed: {allowed})"),
                          fields={"status": status, "allowed": allowed})
    wanted = Status(status).value if status is not None else None
    open_ = [c for c in documents if reassign or not c.assigned]
    eligible = [c for c in open_ if wanted is None or c.status == wanted]
    chosen = eligible if per_annotator is None else eligible[:per_annotator * len(names)]
    if not chosen:
        raise TawsimError(_nothing_to_hand_out(len(documents), len(open_), wanted),
                          path=str(project.path))
    handouts = deal(len(chosen), len(names), overlap_count(overlap, len(chosen)))
    shares: list[list[tuple[int, str, str]]] = [[] for _ in names]
    for document, handout in zip(chosen, handouts, strict=True):
        shares[handout.primary].append((document.seq, document.id, PRIMARY))
        if handout.second is not None:
            shares[handout.second].append((document.seq, document.id, OVERLAP))
    packages = []
    for name, share in zip(names, shares, strict=True):
        person, new = _person_for(name, known, owners)
        share.sort()
        packages.append(PlannedPackage(
            annotator=name, person=person, new_person=new,
            path=None if out_dir is None else package_path(out_dir, name),
            primary=tuple(doc_id for _, doc_id, role in share if role == PRIMARY),
            overlap=tuple(doc_id for _, doc_id, role in share if role == OVERLAP),
            seqs=tuple(seq for seq, _, _ in share), roles=tuple(role for *_, role in share)))
    if out_dir is not None:
        _check_targets(out_dir, packages)
    return PackagePlan(tuple(packages), len(eligible), len(chosen),
                       sum(1 for handout in handouts if handout.second is not None),
                       len(documents) - len(open_), with_layer, reassign,
                       _taken_from(project, packages, known) if reassign else ())


def _taken_from(project: ProjectStore, packages: list[PlannedPackage],
                known: list[tuple[str, str]]) -> tuple[tuple[str, int], ...]:
    """Who loses documents to the new deal: assigned to them now, handed out without them."""
    held = assignees(project)
    taken: dict[str, int] = {}
    dealt: dict[int, set[str]] = {}
    for package in packages:
        for seq in package.seqs:
            dealt.setdefault(seq, set()).add(package.person)
    for seq, people_now in dealt.items():
        for person in held.get(seq, set()) - people_now:
            taken[person] = taken.get(person, 0) + 1
    names = dict(known)
    return tuple((names.get(person, person), count) for person, count in taken.items())


def _check_lead(project: ProjectStore, names: list[str], overlap: float,
                per_annotator: int | None, with_layer: str | None) -> None:
    identity = package_identity(project)
    if identity is not None:
        raise TawsimError(translatable("this is {annotator}'s work package, not a lead "
                                       "project; make packages from the lead's project"),
                          fields={"annotator": identity.annotator}, path=str(project.path))
    if not 0 <= overlap <= 1:
        raise TawsimError(translatable("the overlap is a fraction between 0 and 1, not "
                                       "{overlap}"), fields={"overlap": overlap})
    if overlap > 0 and len(names) < 2:
        raise TawsimError(translatable("overlap needs at least two annotators"))
    if per_annotator is not None and per_annotator < 1:
        raise TawsimError(translatable("documents per annotator must be at least 1"))
    if with_layer is not None:
        kinds = {layer.name: layer.kind for layer in project.layers()}
        if with_layer not in kinds:
            raise TawsimError(translatable("the project has no layer {layer!r}"),
                              fields={"layer": with_layer}, path=str(project.path))
        if kinds[with_layer] != LayerKind.MODEL:
            raise TawsimError(translatable("layer {layer!r} is not a model layer (its kind is "
                                           "{kind}); a package starts from a model's "
                                           "predictions"),
                              fields={"layer": with_layer, "kind": kinds[with_layer].value})
        if with_layer in names:
            raise TawsimError(translatable("annotator {name!r} has the name of the model "
                                           "layer"), fields={"name": with_layer})


def _nothing_to_hand_out(total: int, open_: int, status: str | None) -> str | Phrase:
    if total == 0:
        return translatable("the project has no documents to hand out")
    if open_ == 0:
        return Phrase(translatable_plural(
            "the project's only document is assigned already (reassigning hands it out again)",
            "all {count} documents are assigned already (reassigning hands them out again)"),
            {"count": total})
    return Phrase(translatable_plural(
        "the one document that could be handed out does not have the status {status}",
        "none of the {count} documents that could be handed out has the status {status}"),
        {"count": open_, "status": status})


def _person_for(name: str, known: list[tuple[str, str]],
                owners: dict[str, str]) -> tuple[str, bool]:
    same = [person for person, person_name in known if person_name == name]
    if len(same) == 1:
        return same[0], False
    if not same and name in owners:
        return owners[name], True
    return new_person_id(), True


def _check_targets(out_dir: Path, packages: list[PlannedPackage]) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise TawsimError(translatable("the output is a file, not a folder"), path=str(out_dir))
    for package in packages:
        assert package.path is not None
        journal = package.path.with_name(package.path.name + "-wal")
        if package.path.exists() or journal.exists():
            raise TawsimError(translatable("a file already exists there; nothing was written"),
                              path=str(package.path))
