"""A project: one SQLite file holding the scheme, the documents, every layer's annotations
and the audit trail. This module opens it and reads it; `annotations` writes edits and
`bulk` writes imports.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from sqlite_utils import Database

from annotator import __version__
from annotator.core.errors import ProjectError, SchemeError, TawsimError
from annotator.core.model import (
    Annotations,
    Document,
    Layer,
    LayerKind,
    Relation,
    Span,
    Status,
    span_from_values,
    utc_now,
)
from annotator.core.scheme import Scheme, default_scheme, scheme_from_dict
from annotator.storage.annotations import AnnotationRepository
from annotator.storage.database import create_database, open_database, write_transaction
from annotator.storage.rows import (
    RELATION_COLUMNS,
    RELATION_JOINS,
    SPAN_COLUMNS,
    loads,
    relation_from_row,
    span_from_row,
)
from annotator.storage.scheme_changes import violations

PROJECT_SUFFIX = ".tawsim"


class ProjectStore:
    """An open project file. Use as a context manager, or call close()."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self._layer_ids: dict[str, int] = {}
        self._doc_seqs: dict[str, int] = {}

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, scheme: Scheme | None = None, *,
               name: str | None = None) -> ProjectStore:
        path = Path(path)
        db = create_database(path)
        store = cls(path, db)
        try:
            store._initialise(scheme or default_scheme(), name or path.stem)
        except BaseException:
            store.close()  # a half-made project would block the next attempt at this name
            for leftover in (path, path.with_name(path.name + "-wal"),
                             path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
            raise
        return store

    def _initialise(self, scheme: Scheme, name: str) -> None:
        with self.db.atomic():
            self.set_meta("format", "tawsim-project")
            self.set_meta("name", name)
            self.set_meta("created_at", utc_now())
            self.set_meta("created_by", f"Tawsim {__version__}")
            self.set_meta("scheme", orjson.dumps(scheme.to_dict()).decode())
            self.write_audit("tawsim", "create_project", None, None, None,
                             {"name": name, "scheme": scheme.name})

    @classmethod
    def open(cls, path: str | Path) -> ProjectStore:
        path = Path(path)
        store = cls(path, open_database(path))
        try:
            kind = store.meta("format")
        except sqlite3.DatabaseError as exc:
            store.close()
            raise ProjectError(f"the project file cannot be read ({exc}); restore it from a "
                               "copy", path=str(path)) from None
        if kind != "tawsim-project":
            store.close()
            raise ProjectError("not a Tawsim project (its project table is missing)",
                               path=str(path))
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- project metadata and scheme -------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO project (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @cached_property
    def scheme(self) -> Scheme:
        raw = self.meta("scheme")
        if raw is None:
            raise ProjectError("the project has no label scheme", path=str(self.path))
        try:
            return scheme_from_dict(orjson.loads(raw), origin=f"{self.path} (stored scheme)")
        except orjson.JSONDecodeError:
            raise ProjectError("the stored scheme is not valid JSON", path=str(self.path)) from None

    def forget_cached_scheme(self) -> None:
        """Read the scheme from the file again next time (after it changed there)."""
        self.__dict__.pop("scheme", None)

    def forget_cached_layers(self) -> None:
        """Look layers up again (after a rolled-back import that may have created some)."""
        self._layer_ids.clear()

    def set_scheme(self, scheme: Scheme, actor: str) -> None:
        """Store `scheme` as it is, refusing it if a stored annotation does not fit. Changes
        that carry annotations along go through storage.scheme_changes.change_scheme."""
        with self.db.atomic():
            found = violations(self, scheme)
            if found:
                total = sum(item.count for item in found)
                raise SchemeError(f"the scheme does not fit {total} stored annotations "
                                  f"({found[0]})")
            before = loads(self.meta("scheme"))
            self.set_meta("scheme", orjson.dumps(scheme.to_dict()).decode())
            self.write_audit(actor, "set_scheme", None, None, before, scheme.to_dict())
        self.forget_cached_scheme()

    # -- audit -----------------------------------------------------------------------------

    def write_audit(self, actor: str, action: str, doc_id: str | None, layer: str | None,
               before: Any, after: Any) -> None:
        self.conn.execute(
            "INSERT INTO audit (at, actor, action, document, layer, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (utc_now(), actor, action, doc_id, layer,
             None if before is None else orjson.dumps(before).decode(),
             None if after is None else orjson.dumps(after).decode()),
        )

    def audit_trail(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT seq, at, actor, action, document, layer, before, after FROM audit"
        params: tuple = ()
        if doc_id is not None:
            sql += " WHERE document = ?"
            params = (doc_id,)
        rows = self.conn.execute(sql + " ORDER BY seq", params).fetchall()
        keys = ("seq", "at", "actor", "action", "document", "layer", "before", "after")
        return [
            {**dict(zip(keys, row, strict=True)),
             "before": orjson.loads(row[6]) if row[6] else None,
             "after": orjson.loads(row[7]) if row[7] else None}
            for row in rows
        ]

    # -- layers ----------------------------------------------------------------------------

    def layer_id(self, name: str) -> int | None:
        if name in self._layer_ids:
            return self._layer_ids[name]
        row = self.conn.execute("SELECT id FROM layer WHERE name = ?", (name,)).fetchone()
        if row:
            self._layer_ids[name] = row[0]
            return row[0]
        return None

    def ensure_layer(self, name: str, kind: LayerKind = LayerKind.ANNOTATOR) -> int:
        """The layer's id, creating the layer (of `kind`) if the project has none by that name."""
        if (existing := self.layer_id(name)) is not None:
            return existing
        if not name.strip() or name != name.strip() or not name.isprintable():
            raise TawsimError(f"layer name {name!r} is not usable")
        with self.db.atomic():
            cursor = self.conn.execute(
                "INSERT INTO layer (name, kind, created_at) VALUES (?, ?, ?)",
                (name, LayerKind(kind).value, utc_now()),
            )
        self._layer_ids[name] = cursor.lastrowid
        return cursor.lastrowid

    def layers(self) -> list[Layer]:
        rows = self.conn.execute("SELECT name, kind FROM layer ORDER BY id").fetchall()
        return [Layer(name, LayerKind(kind)) for name, kind in rows]

    # -- documents -------------------------------------------------------------------------

    def document_seq(self, doc_id: str) -> int:
        if doc_id in self._doc_seqs:
            return self._doc_seqs[doc_id]
        row = self.conn.execute("SELECT seq FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise TawsimError(f"the project has no document {doc_id!r}", path=str(self.path))
        if len(self._doc_seqs) > 10_000:
            self._doc_seqs.clear()
        self._doc_seqs[doc_id] = row[0]
        return row[0]

    def document(self, doc_id: str) -> Document:
        row = self.conn.execute(
            "SELECT id, text, text_sha256, meta, source, source_sha256, encoding, created_at "
            "FROM document WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise TawsimError(f"the project has no document {doc_id!r}", path=str(self.path))
        return Document(id=row[0], text=row[1], text_sha256=row[2], meta=loads(row[3]),
                        source=row[4], source_sha256=row[5], encoding=row[6],
                        created_at=row[7])

    def document_text(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT text FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise TawsimError(f"the project has no document {doc_id!r}", path=str(self.path))
        return row[0]

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM document").fetchone()[0]

    def document_ids(self) -> Iterator[str]:
        for (doc_id,) in self.conn.execute("SELECT id FROM document ORDER BY seq"):
            yield doc_id

    def document_rows(self, layer: str | None, *, offset: int = 0, limit: int = 100,
                      status: Status | None = None, text: str | None = None) -> list[dict]:
        """One page of the document list: id, title, status in `layer`, span count.

        Paged with LIMIT/OFFSET over the primary key so a list of 100k documents only ever
        reads the rows on screen.
        """
        layer_id = self.layer_id(layer) if layer else None
        where, params = self._document_filter(layer_id, status, text)
        rows = self.conn.execute(
            "SELECT d.id, d.title, coalesce(st.status, 'new'), "
            "(SELECT count(*) FROM span AS s WHERE s.document = d.seq AND s.layer IS ?) "
            "FROM document AS d LEFT JOIN status AS st ON st.document = d.seq AND st.layer IS ? "
            f"{where} ORDER BY d.seq LIMIT ? OFFSET ?",
            (layer_id, layer_id, *params, limit, offset),
        ).fetchall()
        return [{"id": r[0], "title": r[1], "status": r[2], "spans": r[3]} for r in rows]

    def count_document_rows(self, layer: str | None, *, status: Status | None = None,
                            text: str | None = None) -> int:
        layer_id = self.layer_id(layer) if layer else None
        where, params = self._document_filter(layer_id, status, text)
        if not where:
            return self.count_documents()
        return self.conn.execute(
            "SELECT count(*) FROM document AS d LEFT JOIN status AS st "
            f"ON st.document = d.seq AND st.layer IS ? {where}",
            (layer_id, *params),
        ).fetchone()[0]

    @staticmethod
    def _document_filter(layer_id: int | None, status: Status | None,
                         text: str | None) -> tuple[str, list]:
        clauses: list[str] = []
        params: list = []
        if status is not None:
            clauses.append("coalesce(st.status, 'new') = ?")
            params.append(Status(status).value)
        if text:
            clauses.append("(instr(d.title, ?) > 0 OR instr(d.text, ?) > 0)")
            params += [text, text]
        return (("WHERE " + " AND ".join(clauses)) if clauses else ""), params

    def first_document_without(self, layer: str, statuses: tuple[Status, ...]) -> str | None:
        """The first document (in import order) whose status in `layer` is not one of
        `statuses`: where an annotator resumes work."""
        layer_id = self.layer_id(layer)
        marks = ",".join("?" * len(statuses))
        row = self.conn.execute(
            "SELECT d.id FROM document AS d LEFT JOIN status AS st ON st.document = d.seq "
            f"AND st.layer IS ? WHERE coalesce(st.status, 'new') NOT IN ({marks}) "
            "ORDER BY d.seq LIMIT 1",
            (layer_id, *[Status(s).value for s in statuses]),
        ).fetchone()
        return row[0] if row else None

    def neighbour_document(self, doc_id: str, step: int) -> str | None:
        """The document `step` places after (or before, if negative) `doc_id`."""
        seq = self.document_seq(doc_id)
        if step >= 0:
            sql = "SELECT id FROM document WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?"
        else:
            sql = "SELECT id FROM document WHERE seq < ? ORDER BY seq DESC LIMIT 1 OFFSET ?"
        row = self.conn.execute(sql, (seq, max(abs(step) - 1, 0))).fetchone()
        return row[0] if row else None

    def document_position(self, doc_id: str) -> int:
        """0-based position of the document in import order."""
        seq = self.document_seq(doc_id)
        return self.conn.execute("SELECT count(*) FROM document WHERE seq < ?",
                                 (seq,)).fetchone()[0]

    # -- annotations (reading) -------------------------------------------------------------

    def spans(self, doc_id: str, layer: str) -> list[Span]:
        """A document's spans in one layer, by start (longer first where two start together).

        Read in the unique index's order (no temporary sort) without joins: the document and
        layer are known. The desk opens documents of 10k spans with this."""
        layer_id = self.layer_id(layer)
        if layer_id is None:
            return []
        rows = self.conn.execute(
            'SELECT id, "start", "end", label, text, attrs, note, annotator, created_at, '
            'updated_at FROM span WHERE document = ? AND layer = ? '
            'ORDER BY "start", "end", label',
            (self.document_seq(doc_id), layer_id),
        ).fetchall()
        spans = [
            span_from_values((doc_id, layer, r[1], r[2], r[3], r[4], r[0], loads(r[5]), r[6],
                              r[7], r[8], r[9]))
            for r in rows
        ]
        spans.sort(key=lambda span: (span.start, -span.end))
        return spans

    def span(self, span_id: str) -> Span:
        row = self.conn.execute(
            f"SELECT {SPAN_COLUMNS} FROM span JOIN document ON document.seq = span.document "
            "JOIN layer ON layer.id = span.layer WHERE span.id = ?",
            (span_id,),
        ).fetchone()
        if row is None:
            raise TawsimError(f"the project has no span {span_id!r}")
        return span_from_row(row)

    def relations(self, doc_id: str, layer: str) -> list[Relation]:
        layer_id = self.layer_id(layer)
        if layer_id is None:
            return []
        rows = self.conn.execute(
            f"SELECT {RELATION_COLUMNS} FROM relation {RELATION_JOINS} "
            "WHERE relation.document = ? AND relation.layer = ? ORDER BY relation.seq",
            (self.document_seq(doc_id), layer_id),
        ).fetchall()
        return [relation_from_row(row) for row in rows]

    def status(self, doc_id: str, layer: str) -> Status:
        layer_id = self.layer_id(layer)
        if layer_id is None:
            return Status.NEW
        row = self.conn.execute(
            "SELECT status FROM status WHERE document = ? AND layer = ?",
            (self.document_seq(doc_id), layer_id),
        ).fetchone()
        return Status(row[0]) if row else Status.NEW

    def annotations(self, doc_id: str, layer: str) -> Annotations:
        return Annotations(
            document=self.document(doc_id),
            layer=layer,
            status=self.status(doc_id, layer),
            spans=tuple(self.spans(doc_id, layer)),
            relations=tuple(self.relations(doc_id, layer)),
        )

    # -- statuses --------------------------------------------------------------------------

    def set_status(self, doc_id: str, layer: str, status: Status, actor: str) -> None:
        """Record an explicit status change (for example Done) as its own audited edit."""
        status = Status(status)
        with write_transaction(self.db):
            before = self.status(doc_id, layer)
            if before == status:
                return
            self.write_status(self.document_seq(doc_id), self.ensure_layer(layer), status)
            self.write_audit(actor, "set_status", doc_id, layer, before.value, status.value)

    def write_status(self, doc_seq: int, layer_id: int, status: Status) -> None:
        self.conn.execute(
            "INSERT INTO status (document, layer, status, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (document, layer) DO UPDATE SET status = excluded.status, "
            "updated_at = excluded.updated_at",
            (doc_seq, layer_id, status.value, utc_now()),
        )

    def mark_started(self, doc_seq: int, layer_id: int) -> None:
        """The first edit of a document in a layer moves it from new to in progress."""
        self.conn.execute(
            "INSERT INTO status (document, layer, status, updated_at) "
            "VALUES (?, ?, 'in_progress', ?) ON CONFLICT (document, layer) DO UPDATE SET "
            "status = 'in_progress', updated_at = excluded.updated_at "
            "WHERE status.status = 'new'",
            (doc_seq, layer_id, utc_now()),
        )

    # -- counts ----------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Documents, spans and relations per layer and label, and statuses per layer."""
        conn = self.conn
        result: dict[str, Any] = {
            "project": str(self.path),
            "documents": self.count_documents(),
            "layers": {},
        }
        for name, kind in conn.execute("SELECT name, kind FROM layer ORDER BY id"):
            result["layers"][name] = {"kind": kind, "spans": {}, "relations": {}, "status": {}}
        queries = (
            ("spans", "SELECT layer.name, span.label, count(*) FROM span JOIN layer ON "
                      "layer.id = span.layer GROUP BY span.layer, span.label"),
            ("relations", "SELECT layer.name, relation.type, count(*) FROM relation JOIN layer "
                          "ON layer.id = relation.layer GROUP BY relation.layer, relation.type"),
            ("status", "SELECT layer.name, status.status, count(*) FROM status JOIN layer ON "
                       "layer.id = status.layer GROUP BY status.layer, status.status"),
        )
        for key, sql in queries:
            for layer, name, count in conn.execute(sql):
                result["layers"][layer][key][name] = count
        for info in result["layers"].values():
            # A document without a status row is new, like one whose row says new.
            counted = sum(v for k, v in info["status"].items() if k != "new")
            info["status"]["new"] = result["documents"] - counted
        return result

    @cached_property
    def annotations_writer(self) -> AnnotationRepository:
        """The edit side of the project: what the command stack writes through."""
        return AnnotationRepository(self)
