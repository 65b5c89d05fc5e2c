"""Filling a new work package from its lead project with SQL, fast.

The package is a freshly created project file. The lead is attached to its connection
read-only, and the package's documents (and optionally one layer's annotations) are copied
with INSERT ... SELECT in one transaction: thousands of documents take a moment, and a
package is either whole or not written.

Rows keep the lead's internal keys (document, span and relation seq) and every id: the seq
of a document is only a key inside one file, so keeping it costs nothing and lets spans and
relations be copied as they are. The package's search index is built, like any project's,
the first time someone searches it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind
from annotator.storage.database import write_transaction
from annotator.storage.project_file import ProjectFile

CHUNK = 500  # documents per copy statement: progress is reported and cancelling asked per chunk

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


class CopyCancelled(TawsimError):
    """The copy was cancelled; the package's transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("cancelled; nothing was written")


@dataclass(frozen=True)
class PackageContent:
    """What goes into one package besides its documents."""

    annotator: str  # the annotator's layer, empty but for `own_layer`'s work
    person: str  # its owner
    meta: dict[str, str]  # project meta to set (the package identity among them)
    copied_layer: str | None = None  # a lead layer copied as it is (a model's predictions)
    # The annotator's layer in the lead (the one their merges filled), if they have one: a
    # document handed out to them again goes back with their work on it, so that merging
    # the new package carries that work on rather than removing it.
    own_layer: str | None = None


_DOCUMENT_COLUMNS = ("seq, id, title, text, text_sha256, meta, source, source_sha256, "
                     "encoding, created_at")
# Annotation columns after (seq, id, document, layer): the layer takes the package's own id.
_ANNOTATION_COLUMNS = {
    "span": '"start", "end", label, text, attrs, note, annotator, created_at, updated_at, '
            "origin, rev",
    "relation": "type, head, tail, attrs, annotator, created_at, updated_at, rev",
}


def fill_package(package: ProjectFile, lead_path: Path, documents: Sequence[int],
                 content: PackageContent, *, actor: str, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> None:
    """Copy `documents` (lead seqs, in order) and `content` into the empty `package`."""
    conn = package.conn
    conn.execute("ATTACH DATABASE ? AS lead", (f"{lead_path.resolve().as_uri()}?mode=ro",))
    try:
        with write_transaction(package.db):
            _fill(package, documents, content, actor, progress, cancelled)
    finally:
        conn.execute("DETACH DATABASE lead")
        package.forget_cached_layers()


def _fill(package: ProjectFile, documents: Sequence[int], content: PackageContent, actor: str,
          progress: Progress | None, cancelled: Cancelled | None) -> None:
    conn = package.conn
    for key, value in content.meta.items():
        package.set_meta(key, value)
    annotator = package.ensure_layer(content.annotator, LayerKind.ANNOTATOR,
                                     owner=content.person)
    copied = _copy_layer_row(package, content.copied_layer)
    own = _lead_layer_id(package, content.own_layer)
    for start in range(0, len(documents), CHUNK):
        if cancelled is not None and cancelled():
            raise CopyCancelled()
        chunk = orjson.dumps(list(documents[start:start + CHUNK])).decode()
        conn.execute(f"INSERT INTO main.document ({_DOCUMENT_COLUMNS}) "
                     f"SELECT {_DOCUMENT_COLUMNS} FROM lead.document "
                     "WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq", (chunk,))
        if copied is not None:
            copy_annotations(package, chunk, *copied)
        if own is not None:
            copy_annotations(package, chunk, own, annotator, work_time=True)
        if progress is not None:
            progress(min(CHUNK, len(documents) - start))
    package.write_audit(actor, "make_package", None, None, None, {
        "annotator": content.annotator, "documents": len(documents),
        "layer": content.copied_layer, "own_work_from": content.own_layer})


def _lead_layer_id(package: ProjectFile, name: str | None) -> int | None:
    if name is None:
        return None
    row = package.conn.execute("SELECT id FROM lead.layer WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def _copy_layer_row(package: ProjectFile, name: str | None) -> tuple[int, int] | None:
    """The copied layer's (lead id, package id), its row copied with kind and owner."""
    if name is None:
        return None
    row = package.conn.execute("SELECT id FROM lead.layer WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise TawsimError(f"the lead project has no layer {name!r}")
    cursor = package.conn.execute(
        "INSERT INTO main.layer (name, kind, created_at, owner) "
        "SELECT name, kind, created_at, owner FROM lead.layer WHERE id = ?", (row[0],))
    return row[0], cursor.lastrowid


def copy_annotations(package: ProjectFile, chunk: str, lead_layer: int, package_layer: int,
                     *, work_time: bool = False) -> None:
    """Copy one lead layer's spans, relations and statuses (and, with `work_time`, its active
    time) on the documents of `chunk` (a JSON list of seqs) into the package's layer, with
    the same ids. The lead is attached as `lead`."""
    conn = package.conn
    where = "WHERE layer = ? AND document IN (SELECT value FROM json_each(?))"
    for table, columns in _ANNOTATION_COLUMNS.items():
        conn.execute(f"INSERT INTO main.{table} (seq, id, document, layer, {columns}) "
                     f"SELECT seq, id, document, ?, {columns} FROM lead.{table} "
                     f"{where} ORDER BY seq", (package_layer, lead_layer, chunk))
    conn.execute("INSERT INTO main.status (document, layer, status, updated_at) "
                 f"SELECT document, ?, status, updated_at FROM lead.status {where}",
                 (package_layer, lead_layer, chunk))
    if work_time:
        conn.execute("INSERT INTO main.work_time (document, layer, seconds, updated_at) "
                     f"SELECT document, ?, seconds, updated_at FROM lead.work_time {where}",
                     (package_layer, lead_layer, chunk))
