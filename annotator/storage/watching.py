"""Noticing what other connections wrote to the project file: another window, a script, the
command line, or the desk's own background jobs.

`PRAGMA data_version` changes only when another connection commits, so asking it costs one
statement and nothing more while nobody else writes. When it moves, a few cheap marks say
what moved: the stored scheme, the documents and the audit trail (every edit, import and
scheme change writes an audit row), and one document's annotations in one layer (its rows'
count, highest key and revisions, read through the unique index).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from annotator.storage.project_file import ProjectFile


@dataclass(frozen=True)
class Elsewhere:
    """What another connection changed since the last look."""

    scheme: bool  # the stored scheme (labels may have been renamed or removed)
    documents: bool  # documents, statuses or annotations somewhere in the project
    document: bool  # the watched document's annotations or status in the watched layer


class ChangeWatch:
    """Watches one project file for commits by other connections."""

    def __init__(self, project: ProjectFile, layer: str) -> None:
        self.project = project
        self.layer = layer
        self._version = self._data_version()
        self._scheme_text = project.meta("scheme")
        self._mark = self._project_mark()
        self._document: tuple[str | None, tuple] = (None, ())

    def _data_version(self) -> int:
        return self.project.conn.execute("PRAGMA data_version").fetchone()[0]

    def _project_mark(self) -> tuple:
        return self.project.conn.execute(
            "SELECT (SELECT count(*) FROM document), (SELECT max(seq) FROM document), "
            "(SELECT max(seq) FROM audit)").fetchone()

    def _document_mark(self, doc_id: str) -> tuple:
        conn, layer_id = self.project.conn, self.project.layer_id(self.layer)
        row = conn.execute("SELECT seq FROM document WHERE id = ?", (doc_id,)).fetchone()
        if row is None or layer_id is None:
            return (None,)
        keys = (row[0], layer_id)
        marks = [conn.execute(
            f"SELECT count(*), max(seq), total(rev), max(updated_at) FROM {table} "
            "WHERE document = ? AND layer = ?", keys).fetchone()
            for table in ("span", "relation")]
        status = conn.execute("SELECT status, updated_at FROM status "
                              "WHERE document = ? AND layer = ?", keys).fetchone()
        return (*marks, status)

    def mark_document(self, doc_id: str) -> None:
        """The document is being read now: later changes to it are news, earlier ones not."""
        self._document = (doc_id, self._document_mark(doc_id))

    def own_write(self, doc_id: str) -> None:
        """This connection has just committed an edit of `doc_id`. When no other connection
        has committed since the last look, what the marks now say is this edit, which the
        session already knows: take them as seen, so that the next look does not read the
        whole document again (or the document list) for nothing. When another connection has
        committed meanwhile, leave the marks: the next look sorts it out."""
        try:
            if self._data_version() != self._version:
                return
            # Only the audit trail moved (this edit's row): counting the documents again
            # would cost a scan of a large project at every edit.
            latest = self.project.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
            self._mark = (*self._mark[:2], latest)
            if self._document[0] == doc_id:
                self._document = (doc_id, self._document_mark(doc_id))
        except sqlite3.ProgrammingError:  # the project was closed
            return

    def poll(self, doc_id: str | None = None) -> Elsewhere | None:
        """What changed since the last poll (None: nothing, or the file is closed). The
        scheme cached by the project is dropped when the stored one changed."""
        try:
            version = self._data_version()
            if version == self._version and doc_id == self._document[0]:
                return None
            self._version = version
            text = self.project.meta("scheme")
            scheme = text != self._scheme_text
            if scheme:
                self._scheme_text = text
                self.project.forget_cached_scheme()
            mark = self._project_mark()
            documents, self._mark = mark != self._mark, mark
            document = False
            if doc_id is not None:
                previous = self._document
                self._document = (doc_id, self._document_mark(doc_id))
                document = previous[0] == doc_id and previous != self._document
            else:
                self._document = (None, ())
        except sqlite3.ProgrammingError:  # the project was closed
            return None
        if not (scheme or documents or document):
            return None
        return Elsewhere(scheme, documents, document)
