"""The relation side of writing edits (storage.annotations): links read, written and
deleted under the same conditional-write rules as spans (a revision named in every UPDATE and
DELETE, the scheme stored now checked for the link's type and ends).

AnnotationRepository takes these methods in; they use its connection, its stamp and its
record of what the writer saw.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any

from annotator.core.commands import StaleEdit
from annotator.core.errors import InvariantError
from annotator.core.model import Relation, Span
from annotator.storage.rows import RELATION_COLUMNS, RELATION_JOINS, dumps, relation_from_row

_GONE_END = "a span this link joins was removed elsewhere (another window or program)"


class RelationRows:
    conn: sqlite3.Connection
    project: Any

    # The connection, the project and _keys, _next_rev, _expect and _wrote are
    # AnnotationRepository's.

    def current_relation(self, relation_id: str) -> Relation | None:
        row = self.conn.execute(
            f"SELECT {RELATION_COLUMNS} FROM relation {RELATION_JOINS} WHERE relation.id = ?",
            (relation_id,)).fetchone()
        return relation_from_row(row) if row else None

    def _span_seq_label(self, span_id: str) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, label FROM span WHERE id = ?",
                                (span_id,)).fetchone()
        if row is None:
            raise StaleEdit(message=_GONE_END)
        return row

    def _labels(self, relation: Relation, changed: Span | None = None) -> tuple[str, str]:
        def label(span_id: str) -> str:
            if changed is not None and changed.id == span_id:
                return changed.label
            return self._span_seq_label(span_id)[1]

        return label(relation.head), label(relation.tail)

    def insert_relation(self, relation: Relation) -> Relation:
        head_seq, head_label = self._span_seq_label(relation.head)
        tail_seq, tail_label = self._span_seq_label(relation.tail)
        self.project.scheme.check_relation(relation.type, head_label, tail_label, relation.attrs)
        doc_seq, layer_id = self._keys(relation.doc_id, relation.layer)
        stored = replace(relation, rev=self._next_rev())
        try:
            self.conn.execute(
                "INSERT INTO relation (id, document, layer, type, head, tail, attrs, annotator, "
                "created_at, updated_at, rev) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (relation.id, doc_seq, layer_id, relation.type, head_seq, tail_seq,
                 dumps(relation.attrs), relation.annotator, relation.created_at,
                 relation.updated_at, stored.rev),
            )
        except sqlite3.IntegrityError as exc:
            message = str(exc)
            if "UNIQUE" in message and "relation.id" in message:
                raise StaleEdit("link") from None
            if "UNIQUE" in message:
                raise InvariantError(f"these two spans are already linked by {relation.type}") \
                    from None
            raise InvariantError(trigger_message(message)) from None
        self._wrote(stored)
        return stored

    def write_relation(self, relation: Relation, rev: int) -> Relation:
        """Store `relation`'s content over the row at revision `rev`."""
        self._expect(relation, rev)
        head_seq, head_label = self._span_seq_label(relation.head)
        tail_seq, tail_label = self._span_seq_label(relation.tail)
        self.project.scheme.check_relation(relation.type, head_label, tail_label, relation.attrs)
        stored = replace(relation, rev=self._next_rev(rev))
        try:
            cursor = self.conn.execute(
                "UPDATE relation SET type = ?, head = ?, tail = ?, attrs = ?, updated_at = ?, "
                "rev = ? WHERE id = ? AND rev = ?",
                (relation.type, head_seq, tail_seq, dumps(relation.attrs), relation.updated_at,
                 stored.rev, relation.id, rev),
            )
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise InvariantError(f"these two spans are already linked by {relation.type}") \
                    from None
            raise InvariantError(trigger_message(str(exc))) from None
        if cursor.rowcount != 1:
            raise StaleEdit("link")
        self._wrote(stored)
        return stored

    def delete_relation(self, relation: Relation) -> None:
        """Delete the relation, which must be at revision `relation.rev`."""
        self._expect(relation, relation.rev)
        cursor = self.conn.execute("DELETE FROM relation WHERE id = ? AND rev = ?",
                                   (relation.id, relation.rev))
        if cursor.rowcount != 1:
            raise StaleEdit("link")
        self._wrote(relation, alive=False)

    def relations_of_span(self, span_id: str) -> list[Relation]:
        # Plain "?" twice: numbered placeholders bound to a sequence are deprecated in
        # Python 3.12's sqlite3 (an error from 3.14 on).
        rows = self.conn.execute(
            f"SELECT {RELATION_COLUMNS} FROM relation {RELATION_JOINS} "
            "WHERE relation.head = (SELECT seq FROM span WHERE id = ?) "
            "OR relation.tail = (SELECT seq FROM span WHERE id = ?) ORDER BY relation.seq",
            (span_id, span_id),
        ).fetchall()
        return [relation_from_row(row) for row in rows]


def trigger_message(message: str) -> str:
    return message.split(":", 1)[-1].strip() if "constraint" in message else message
