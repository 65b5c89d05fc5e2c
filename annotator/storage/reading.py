"""Reading a project: documents, pages of the document list, annotations and counts."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from annotator.core.boundaries import leading_word
from annotator.core.errors import TawsimError
from annotator.core.model import (
    Annotations,
    Document,
    Relation,
    Span,
    Status,
    span_from_values,
)
from annotator.core.normalise import normalise_key
from annotator.storage.listing import Listing
from annotator.storage.project_file import ProjectFile
from annotator.storage.rows import (
    RELATION_COLUMNS,
    RELATION_JOINS,
    SPAN_COLUMNS,
    loads,
    relation_from_row,
    span_from_row,
)

SCAN_BATCH = 2000


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
        """One page of the document list: seq, id, title, status in `layer`, span count.

        For the desk's own paging (by seq, at any size) see services.document_list; this
        reads the rows at positions [offset, offset + limit) of the filtered list."""
        listing = Listing(self.conn, self.layer_id(layer) if layer else None)
        if status is None and not text:
            bounds = listing.bounds()
            if bounds.dense:
                first = bounds.first + offset
                seqs = list(range(first, min(first + limit, bounds.last + 1)))
            else:
                seqs = listing.seqs_at(offset, limit, bounds.count)
            return listing.rows(seqs)
        seqs = list(self._filtered_seqs(listing, status, text))
        return listing.rows(seqs[offset:offset + limit])

    def count_document_rows(self, layer: str | None, *, status: Status | None = None,
                            text: str | None = None) -> int:
        if status is None and not text:
            return self.count_documents()
        listing = Listing(self.conn, self.layer_id(layer) if layer else None)
        if not text:
            assert status is not None
            return listing.status_counts(self.count_documents())[Status(status)]
        return sum(1 for _ in self._filtered_seqs(listing, status, text))

    @staticmethod
    def _filtered_seqs(listing: Listing, status: Status | None,
                       text: str | None) -> Iterator[int]:
        """Every document of the filtered list, in order (reads them all: for the command
        line and tests; the desk reads slices through services.document_list)."""
        status = Status(status) if status is not None else None
        after = 0
        while True:
            if text:
                last, kept = listing.scan_text(after, SCAN_BATCH, text, status)
            elif status is Status.NEW:
                kept = listing.new_seqs_after(after, SCAN_BATCH)
                last = kept[-1] if kept else None
            else:
                assert status is not None
                kept = listing.status_seqs_after(status, after, SCAN_BATCH)
                last = kept[-1] if kept else None
            if last is None:
                return
            yield from kept
            after = last

    def status_counts(self, layer: str | None) -> dict[Status, int]:
        """How many documents stand at each status in `layer`: one grouped count on the
        status table (a document without a row is new)."""
        listing = Listing(self.conn, self.layer_id(layer) if layer else None)
        return listing.status_counts(self.count_documents())

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
        listing = Listing(self.conn, None)
        bounds = listing.bounds()
        return seq - bounds.first if bounds.dense else listing.position(seq)

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

    def labels_word_whole(self, word: str, labels: Collection[str], layers: Collection[str],
                          documents: Collection[int]) -> bool:
        """Whether one of `layers` has, in one of `documents` (seqs), a span of one of
        `labels` that begins where a word begins and whose first word is `word` (compared
        normalised: harakat, tatweel and hamza seats aside): the team's own reading that the
        word's first letters are its own (ويلسون labelled whole), which the proclitic
        decision takes over the dictionary's. Each document's spans are reached through the
        (document, layer, …) unique index, so the time grows with the documents asked about,
        not with the layer."""
        layer_ids = [i for i in map(self.layer_id, layers) if i is not None]
        if not word or not labels or not layer_ids or not documents:
            return False
        rows = self.conn.execute(
            # The few characters before the span: a ZWNJ or ZWJ there may join it to a word.
            "SELECT span.text, CASE WHEN span.\"start\" = 0 THEN '' "
            'ELSE substr(document.text, max(span."start" - 7, 1), '
            'span."start" - max(span."start" - 7, 1) + 1) END '
            "FROM span JOIN document ON document.seq = span.document "
            f"WHERE span.document IN ({', '.join('?' * len(documents))}) "
            # The unary + keeps the planner on the unique (document, layer, …) index: the
            # (layer, label) one would read every span of the layer.
            f"AND +span.layer IN ({', '.join('?' * len(layer_ids))}) "
            f"AND +span.label IN ({', '.join('?' * len(labels))}) "
            "AND substr(span.text, 1, 1) = ?",
            (*documents, *layer_ids, *labels, word[0]),
        )
        key = normalise_key(word)
        # `before` is up to eight characters before the span ("" at the start of the text).
        return any(normalise_key(leading_word(before + text, len(before), len(before + text)))
                   == key for text, before in rows)

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
        # The (layer, label) and (layer, type) indexes answer the counts without reading a
        # row (10M spans: about 0.5 s, against 9 s reading the span table); grouped first,
        # the layer's name is looked up once a group.
        queries = (
            ("spans", "SELECT layer.name, g.label, g.n FROM (SELECT layer, label, count(*) "
                      "AS n FROM span GROUP BY layer, label) AS g "
                      "JOIN layer ON layer.id = g.layer"),
            ("relations", "SELECT layer.name, g.type, g.n FROM (SELECT layer, type, "
                          "count(*) AS n FROM relation GROUP BY layer, type) AS g "
                          "JOIN layer ON layer.id = g.layer"),
            ("status", "SELECT layer.name, g.status, g.n FROM (SELECT layer, status, "
                       "count(*) AS n FROM status GROUP BY layer, status) AS g "
                       "JOIN layer ON layer.id = g.layer"),
        )
        for key, sql in queries:
            for layer, name, count in conn.execute(sql):
                result["layers"][layer][key][name] = count
        for info in result["layers"].values():
            # A document without a status row is new, like one whose row says new.
            counted = sum(v for k, v in info["status"].items() if k != "new")
            info["status"]["new"] = result["documents"] - counted
        return result
