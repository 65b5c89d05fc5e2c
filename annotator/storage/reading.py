"""Reading a project: documents, pages of the document list, annotations and counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.model import (
    Annotations,
    Document,
    Relation,
    Span,
    Status,
    span_from_values,
)
from annotator.storage.project_file import ProjectFile
from annotator.storage.rows import (
    RELATION_COLUMNS,
    RELATION_JOINS,
    SPAN_COLUMNS,
    loads,
    relation_from_row,
    span_from_row,
)


class ProjectReader(ProjectFile):
    """The queries the desk, the services and the exports read a project with."""

    # -- documents -------------------------------------------------------------------------

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
            'updated_at, rev FROM span WHERE document = ? AND layer = ? '
            'ORDER BY "start", "end", label',
            (self.document_seq(doc_id), layer_id),
        ).fetchall()
        spans = [
            span_from_values((doc_id, layer, r[1], r[2], r[3], r[4], r[0], loads(r[5]), r[6],
                              r[7], r[8], r[9], r[10]))
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
