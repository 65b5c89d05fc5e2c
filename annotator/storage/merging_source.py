"""Reading an annotator's project file for a merge, without changing it.

A merge reads another Tawsim project (an annotator's work package, or a copy of a project)
beside the lead's. The file is inspected read-only first (`database.inspect_checked`: is it
SQLite, is it Tawsim's, is it not newer than this Tawsim), then its metadata and layers are
read through a read-only connection, and for the merge itself it is attached to the lead's
connection read-only (a `mode=ro` URI), so rows are copied by INSERT … SELECT. Nothing is
ever written to it, and nothing is left beside it: a file whose journal holds nothing is read
immutably (storage.database.inspect_checked says how to read each file).

A file of an older schema is not migrated in place. It is copied into a temporary folder
through SQLite's backup API (from a read-only connection, so a `-wal` still holding the
annotator's last edits is read too) and the copy is brought up to date. A project made
before projects had ids gets, in that copy, an id derived from when and under which name it
was created, so merging it again is recognised as the same file. The same copy serves a
SQLite build that does not read URIs in ATTACH.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from annotator.core.errors import ProjectError
from annotator.storage.database import inspect_checked, open_database
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION

SOURCE = "merge_src"  # the schema name the file is attached under
_OLD_PROJECT_IDS = uuid.UUID("8d3b3c1e-6f0e-4c59-9f43-5a2d61f0e7a1")  # namespace for uuid5


@dataclass(frozen=True)
class SourceLayer:
    id: int
    name: str
    kind: str
    owner: str | None


@dataclass(frozen=True)
class MergeSource:
    """What a merge needs to know about one file before touching the lead."""

    path: Path  # as the user named it
    readable: Path  # what is attached: the file itself, or an up-to-date copy of it
    project_id: str
    scheme: str | None  # the stored scheme, JSON text
    package: str | None  # the work package's identity, JSON text, if it is one
    layers: tuple[SourceLayer, ...]
    documents: int
    copied: bool  # read through a copy (an older schema, or no URI support)
    uri: str  # how to read `readable` without writing beside it

    @property
    def annotator_layers(self) -> tuple[SourceLayer, ...]:
        return tuple(layer for layer in self.layers if layer.kind == "annotator")

    @property
    def package_lead(self) -> str | None:
        """The lead project a work package says made it; None for any other file (or a
        damaged identity)."""
        try:
            identity = orjson.loads(self.package) if self.package else None
        except orjson.JSONDecodeError:
            return None
        lead = identity.get("lead") if isinstance(identity, dict) else None
        return str(lead) if lead else None


def _readonly(path: Path, uri: str | None = None) -> sqlite3.Connection:
    return sqlite3.connect(uri or f"{path.resolve().as_uri()}?mode=ro", uri=True)


def is_project_file(path: Path) -> bool:
    """Whether `path` is a Tawsim project, by its content (an SQLite file with Tawsim's
    application id), whatever its name. Read through SQLite, never `open()`: closing a file
    the process also holds through SQLite would drop SQLite's locks on it."""
    if not path.is_file() or path.stat().st_size < 100:
        return False
    try:
        conn = _readonly(path)
        try:
            return conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _uri_attach(conn: sqlite3.Connection) -> bool:
    """Whether ATTACH on this connection reads a `file:` URI as one (SQLite built with
    USE_URI, as Debian's and the python.org builds are); otherwise a copy is attached."""
    options = {row[0] for row in conn.execute("PRAGMA compile_options")}
    return any(option.startswith("USE_URI") for option in options)


@contextlib.contextmanager
def open_source(path: Path, lead: sqlite3.Connection, lead_path: Path) -> Iterator[MergeSource]:
    """The file at `path`, ready to attach to `lead`; refuses, in one line naming the file,
    anything that is not a Tawsim project, is newer, is damaged or is the lead's own file."""
    where = str(path)
    inspection = inspect_checked(path)
    version = inspection.version
    with contextlib.suppress(OSError):
        if path.resolve() == lead_path.resolve() or path.samefile(lead_path):
            raise ProjectError("this is the lead project itself; merge annotators' files "
                               "into it", path=where)
    copy_needed = version < SCHEMA_VERSION or not _uri_attach(lead)
    with contextlib.ExitStack() as stack:
        readable = path
        if copy_needed:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(
                prefix="tawsim-merge-")))
            readable = _up_to_date_copy(path, folder / "source.tawsim", version,
                                        inspection.uri)
        # The annotator's file is read as it is: with nothing pending in a journal beside
        # it, immutably, so that reading it leaves no -wal or -shm behind.
        uri = f"{readable.resolve().as_uri()}?mode=ro" if copy_needed else inspection.uri
        yield _describe(path, readable, copied=copy_needed, uri=uri)


def _up_to_date_copy(path: Path, copy: Path, version: int, uri: str) -> Path:
    try:
        source = _readonly(path, uri)
        try:
            original_id = _meta(source, "project_id") if version >= 3 else None
            created = (_meta(source, "created_at") or "") + "\x00" + (_meta(source, "name") or "")
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        db = open_database(copy)  # brings the copy's schema up to date
        try:
            project_id = original_id or str(uuid.uuid5(_OLD_PROJECT_IDS, created))
            db.conn.execute("UPDATE project SET value = ? WHERE key = 'project_id'",
                            (project_id,))
            db.conn.commit()
            db.conn.execute("PRAGMA journal_mode = DELETE")  # one file, attached as is
        finally:
            db.conn.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from None
    return copy


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _damaged(path: Path, exc: sqlite3.DatabaseError) -> ProjectError:
    return ProjectError(f"the file cannot be read ({exc}); it may be damaged, ask for a new "
                        "copy", path=str(path))


def _describe(path: Path, readable: Path, *, copied: bool, uri: str) -> MergeSource:
    try:
        conn = _readonly(readable, uri)
        try:
            if _meta(conn, "format") != "tawsim-project":
                raise ProjectError("not a Tawsim project (its project table is missing)",
                                   path=str(path))
            layers = tuple(SourceLayer(*row) for row in conn.execute(
                "SELECT id, name, kind, owner FROM layer ORDER BY id"))
            return MergeSource(
                path=path, readable=readable, project_id=_meta(conn, "project_id") or "",
                scheme=_meta(conn, "scheme"), package=_meta(conn, "package"), layers=layers,
                documents=conn.execute("SELECT count(*) FROM document").fetchone()[0],
                copied=copied, uri=uri,
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from None


@contextlib.contextmanager
def attached(conn: sqlite3.Connection, source: MergeSource) -> Iterator[str]:
    """`source` attached to `conn` read-only as schema SOURCE for the duration. ATTACH and
    DETACH cannot run inside a transaction: the caller ends its transactions within."""
    if conn.in_transaction:
        raise RuntimeError("a merge file is attached outside any transaction")
    target = source.uri if not source.copied else str(source.readable)
    try:
        conn.execute(f"ATTACH DATABASE ? AS {SOURCE}", (target,))
    except sqlite3.DatabaseError as exc:
        raise _damaged(source.path, exc) from None
    try:
        yield SOURCE
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute(f"DETACH DATABASE {SOURCE}")


def check_intact(conn: sqlite3.Connection, source: MergeSource) -> None:
    """Refuse an attached file whose pages are damaged (SQLite's quick_check), even where
    the merge would not read: a file damaged anywhere is not trusted anywhere."""
    try:
        verdict = conn.execute(f"PRAGMA {SOURCE}.quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _damaged(source.path, exc) from None
    if verdict != "ok":
        raise ProjectError(f"the file is damaged ({' '.join(verdict.split()[4:])[:120]}); "
                           "ask for a new copy", path=str(source.path))


def damaged(source: MergeSource, exc: sqlite3.DatabaseError) -> ProjectError:
    """The one-line error for a file that failed while it was being read."""
    return _damaged(source.path, exc)
