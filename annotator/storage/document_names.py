"""Documents as people name them: by id, by title or by the file name they were imported
from (the meta `filename`), for commands that take a document from a person.

Ids are looked up through their unique index; only the names that are not ids cost a scan
of the document table, one scan for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import orjson

from annotator.storage.project_file import ProjectFile


@dataclass(frozen=True)
class NamedDocument:
    id: str
    title: str
    filename: str


def documents_named(project: ProjectFile, names: Iterable[str]) -> dict[str, list[NamedDocument]]:
    """Each name -> the documents it names: the one with that id, else every document
    with that title or file name, in project order (an empty list for none)."""
    wanted = list(dict.fromkeys(names))
    found: dict[str, list[NamedDocument]] = {name: [] for name in wanted}
    for row in project.conn.execute(
            "SELECT id, title, coalesce(json_extract(meta, '$.filename'), '') FROM document "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (orjson.dumps(wanted).decode(),)):
        found[row[0]].append(NamedDocument(row[0], row[1], str(row[2])))
    rest = [name for name in wanted if not found[name]]
    if not rest:
        return found
    chunk, unnamed = orjson.dumps(rest).decode(), set(rest)
    for row in project.conn.execute(
            "SELECT id, title, coalesce(json_extract(meta, '$.filename'), '') FROM document "
            "WHERE title IN (SELECT value FROM json_each(:names)) "
            "OR json_extract(meta, '$.filename') IN (SELECT value FROM json_each(:names)) "
            "ORDER BY seq", {"names": chunk}):
        document = NamedDocument(row[0], row[1], str(row[2]))
        for name in {document.title, document.filename} & unnamed:
            found[name].append(document)
    return found


def document_names(project: ProjectFile, doc_ids: Iterable[str]) -> dict[str, NamedDocument]:
    """Document id -> its title and file name, for the ids the project has."""
    chunk = orjson.dumps(list(doc_ids)).decode()
    return {row[0]: NamedDocument(row[0], row[1], str(row[2])) for row in project.conn.execute(
        "SELECT id, title, coalesce(json_extract(meta, '$.filename'), '') FROM document "
        "WHERE id IN (SELECT value FROM json_each(?))", (chunk,))}
