"""Building a lead project and annotators' files for the merge tests, through the services.

A "package" here is what `tawsim package` will make (written in parallel): a project of its
own holding some of the lead's documents (same ids, same texts), the lead's scheme, a
`package` meta, and the annotator's layer owned by their person id.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from annotator.core.model import utc_now
from annotator.services.adjudication import working_session
from annotator.services.identity import PACKAGE_META, Person
from annotator.services.importing import import_paths
from annotator.services.projects import init_project, open_project
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.formats.sample import ARTICLE
from tests.texts import ARTICLE_LF, SHORT

DOCUMENTS = {
    "d1": ARTICLE,
    "d2": ARTICLE_LF,
    "d3": SHORT,
    "d4": "أفاد مراسل القناة بأن الطريق إلى حلب مفتوح منذ صباح اليوم.",
}
AMAL = Person("7c0f5c55-0000-4000-8000-00000000a001", "amal")
OTHER_AMAL = Person("7c0f5c55-0000-4000-8000-00000000a002", "amal")
SALIM = Person("7c0f5c55-0000-4000-8000-00000000b001", "salim")


def where(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def documents_file(folder: Path, ids: list[str], name: str = "docs.jsonl") -> Path:
    path = folder / name
    path.write_text("".join(json.dumps({"id": i, "text": DOCUMENTS[i]}, ensure_ascii=False)
                            + "\n" for i in ids), "utf-8")
    return path


def new_lead(folder: Path, ids: list[str] | None = None) -> ProjectStore:
    lead = init_project(folder / "lead.tawsim")
    import_paths(lead, [documents_file(folder, ids or list(DOCUMENTS), "lead-docs.jsonl")],
                 actor="lead")
    return lead


def new_package(folder: Path, lead: ProjectStore, person: Person, ids: list[str] | None = None,
                name: str | None = None) -> Path:
    """An annotator's file with the lead's documents `ids` and an empty layer of `person`."""
    path = folder / f"{name or person.name}.tawsim"
    with init_project(path) as package:
        package.set_scheme(lead.scheme, "lead")
        import_paths(package, [documents_file(folder, ids or list(DOCUMENTS),
                                              f"{path.stem}-docs.jsonl")], actor="lead")
        package.set_meta(PACKAGE_META, json.dumps({
            "annotator": person.name, "person": person.id, "lead": lead.project_id,
            "created_at": utc_now()}))
        package.conn.commit()
        working_session(package, person.name, person=person)
    return path


class Annotator:
    """An annotator at work in their file: open it, edit through a session, close it."""

    def __init__(self, path: Path, person: Person) -> None:
        self.path = path
        self.person = person

    def __enter__(self) -> AnnotationSession:
        self.project = open_project(self.path)
        return working_session(self.project, self.person.name, person=self.person)

    def __exit__(self, *exc: object) -> None:
        self.project.close()


def set_time(project: ProjectStore, doc_id: str, layer: str, seconds: float) -> None:
    """Active time, as the desk records it."""
    project.conn.execute(
        "INSERT INTO work_time (document, layer, seconds, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (document, layer) DO UPDATE SET seconds = excluded.seconds",
        (project.document_seq(doc_id), project.layer_id(layer), seconds, utc_now()))
    project.conn.commit()


def layer_state(project: ProjectStore, layer: str, ids: list[str] | None = None) -> dict:
    """Per document: spans, relations (with ids), status and active time in `layer`."""
    state = {}
    layer_id = project.layer_id(layer)
    for doc_id in ids or list(project.document_ids()):
        time = project.conn.execute(
            "SELECT seconds FROM work_time WHERE document = ? AND layer IS ?",
            (project.document_seq(doc_id), layer_id)).fetchone()
        state[doc_id] = (
            sorted((s.id, s.start, s.end, s.label, s.text, tuple(sorted(s.attrs.items())),
                    s.note) for s in project.spans(doc_id, layer)),
            sorted((r.id, r.type, r.head, r.tail, tuple(sorted(r.attrs.items())))
                   for r in project.relations(doc_id, layer)),
            project.status(doc_id, layer).value,
            time[0] if time else 0,
        )
    return state


def file_state(path: Path, layer: str) -> dict:
    with open_project(path) as project:
        return layer_state(project, layer)


def snapshot(path: Path, copy: Path) -> Path:
    """A copy of the project file as it stands (the state an annotator sends)."""
    source = sqlite3.connect(path)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return copy


def fingerprint(path: Path) -> tuple[str, ...]:
    """The bytes of a project file and its -wal, as digests."""
    parts = []
    for item in (path, path.with_name(path.name + "-wal")):
        parts.append(hashlib.sha256(item.read_bytes()).hexdigest() if item.exists() else "-")
    return tuple(parts)


def audit_count(project: ProjectStore) -> int:
    return project.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
