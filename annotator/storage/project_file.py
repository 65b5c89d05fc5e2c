"""An open project file and what every part of storage writes through: metadata, the scheme,
the audit trail, layers and the document keys.

The readers (`reading`), the edit repository (`annotations`), imports (`bulk`) and scheme
changes (`scheme_changes`) all build on this class; `project.ProjectStore` puts them together.
Keeping it free of those modules lets each of them use it without importing itself back.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import orjson
from sqlite_utils import Database

from annotator import __version__
from annotator.core.errors import ProjectError, TawsimError, translatable
from annotator.core.model import Layer, LayerKind, Status, utc_now
from annotator.core.scheme import Scheme, default_scheme, scheme_from_dict
from annotator.storage.damage import damaged_error
from annotator.storage.database import (
    QUICK_CHECK_LIMIT,
    create_database,
    open_checked,
    write_transaction,
)
from annotator.storage.failures import explain_storage_error
from annotator.storage.journal import Checkpoint, checkpoint, first_problem
from annotator.storage.open_files import file_identity, forget_open, remember_open


class ProjectFile:
    """An open project file with its metadata, scheme, audit trail, layers and document keys.
    Use as a context manager, or call close(); services open the fuller ProjectStore."""

    def __init__(self, path: Path, db: Database, *, read_only: bool = False,
                 identity: tuple[int, int] | None = None) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.read_only = read_only  # opened without write access: every write is refused
        self._identity = identity
        self._closed = False
        if identity is not None:
            remember_open(identity, self)
        self._layer_ids: dict[str, int] = {}
        self._doc_seqs: dict[str, int] = {}

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, scheme: Scheme | None = None, *,
               name: str | None = None) -> Self:
        path = Path(path)
        db = create_database(path)
        store = cls(path, db, identity=file_identity(path))
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
        with write_transaction(self.db):
            self.set_meta("format", "tawsim-project")
            self.set_meta("name", name)
            self.set_meta("created_at", utc_now())
            self.set_meta("created_by", f"Tawsim {__version__}")
            self.set_meta("scheme", orjson.dumps(scheme.to_dict()).decode())
            self.write_audit("tawsim", "create_project", None, None, None,
                             {"name": name, "scheme": scheme.name})

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool | None = None) -> Self:
        """Open an existing project, checked first (storage.database.open_checked).
        `read_only` None: read-only when the file or its folder cannot be written."""
        path = Path(path)
        opened = open_checked(path, read_only=read_only)
        store = cls(path, opened.db, read_only=opened.read_only, identity=opened.identity)
        try:
            kind = store.meta("format")
        except sqlite3.DatabaseError as exc:
            store.close()
            raise ProjectError(translatable("the project file cannot be read ({reason}); "
                                            "restore it from a copy"),
                               fields={"reason": str(exc)}, path=str(path)) from None
        if kind != "tawsim-project":
            store.close()
            raise ProjectError(translatable("not a Tawsim project (its project table is "
                                            "missing)"), path=str(path))
        return store

    def checkpoint(self, mode: str = "TRUNCATE") -> Checkpoint:
        """Copy the saved edits from the journal into the project file, without waiting for
        other connections (see storage.journal.checkpoint). Complete when the project file
        alone now holds every saved edit; a read-only project has nothing to copy."""
        if self.read_only:
            return Checkpoint(complete=True)
        return checkpoint(self.conn, mode)

    @property
    def large(self) -> bool:
        """Too large to read whole at every open (database.QUICK_CHECK_LIMIT)."""
        return self.path.stat().st_size > QUICK_CHECK_LIMIT

    def verify(self) -> None:
        """Run SQLite's full integrity check (every index against its table); raise the
        one-line ProjectError of a damaged file if it finds anything."""
        problem = first_problem(self.conn, thorough=True)
        if problem is not None:
            raise damaged_error(self.path, problem)

    def close(self) -> None:
        """Close the file, leaving it whole: the journal is copied in and emptied first (if
        no other connection is reading), and SQLite removes it when the last one closes."""
        if self._closed:
            return
        self._closed = True
        try:
            if not self.read_only:
                self.checkpoint("TRUNCATE")
        except sqlite3.Error:
            pass  # closing must not fail: SQLite copies the journal at its own close
        finally:
            self.conn.close()
            if self._identity is not None:
                forget_open(self._identity, self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
        explained = explain_storage_error(error, str(self.path)) if error else None
        if explained is not None:
            raise explained from None

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
            raise ProjectError(translatable("the project has no label scheme"),
                               path=str(self.path))
        try:
            return scheme_from_dict(orjson.loads(raw), origin=f"{self.path} (stored scheme)")
        except orjson.JSONDecodeError:
            raise ProjectError(translatable("the stored scheme is not valid JSON"),
                               path=str(self.path)) from None

    def forget_cached_scheme(self) -> None:
        """Read the scheme from the file again next time (after it changed there)."""
        self.__dict__.pop("scheme", None)

    def forget_cached_layers(self) -> None:
        """Look layers up again (after a rolled-back import that may have created some)."""
        self._layer_ids.clear()

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
            self._remember_layer(name, row[0])
            return row[0]
        return None

    def _remember_layer(self, name: str, layer_id: int) -> None:
        # Layers are never deleted or renamed, so a committed layer's id stands for good; one
        # seen inside an open transaction may vanish with a rollback, so it is not kept.
        if not self.conn.in_transaction:
            self._layer_ids[name] = layer_id

    def ensure_layer(self, name: str, kind: LayerKind = LayerKind.ANNOTATOR,
                     owner: str | None = None) -> int:
        """The layer's id, creating the layer (of `kind`, belonging to `owner`) if the project
        has none by that name."""
        if (existing := self.layer_id(name)) is not None:
            return existing
        if not name.strip() or name != name.strip() or not name.isprintable():
            raise TawsimError(f"layer name {name!r} is not usable")
        with write_transaction(self.db):
            cursor = self.conn.execute(
                "INSERT INTO layer (name, kind, created_at, owner) VALUES (?, ?, ?, ?)",
                (name, LayerKind(kind).value, utc_now(), owner),
            )
        self._remember_layer(name, cursor.lastrowid)
        return cursor.lastrowid

    def layers(self) -> list[Layer]:
        rows = self.conn.execute("SELECT name, kind, owner FROM layer ORDER BY id").fetchall()
        return [Layer(name, LayerKind(kind), owner) for name, kind, owner in rows]

    def set_layer_owner(self, name: str, owner: str) -> None:
        """Record whose layer `name` is (a layer made before people had ids)."""
        with write_transaction(self.db):
            self.conn.execute("UPDATE layer SET owner = ? WHERE name = ?", (owner, name))

    @property
    def project_id(self) -> str:
        """This project file's own id (a UUID made with it); copies of the file share it."""
        return self.meta("project_id") or ""

    # -- documents -------------------------------------------------------------------------

    def document_seq(self, doc_id: str) -> int:
        if doc_id in self._doc_seqs:
            return self._doc_seqs[doc_id]
        row = self.conn.execute("SELECT seq FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise TawsimError(translatable("the project has no document {id!r}"),
                              fields={"id": doc_id}, path=str(self.path))
        if len(self._doc_seqs) > 10_000:
            self._doc_seqs.clear()
        self._doc_seqs[doc_id] = row[0]
        return row[0]

    def document_text(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT text FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise TawsimError(translatable("the project has no document {id!r}"),
                              fields={"id": doc_id}, path=str(self.path))
        return row[0]

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM document").fetchone()[0]

    # -- statuses (writing) ----------------------------------------------------------------

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
