"""Rows to model objects and back: the column lists and JSON helpers storage shares."""

from __future__ import annotations

from typing import Any

import orjson

from annotator.core.model import Relation, Span


def loads(value: str | None) -> Any:
    """JSON from a column; the empty object, by far the most common, without parsing."""
    if not value or value == "{}":
        return {}
    return orjson.loads(value)


def dumps(value: Any) -> str:
    if not value:
        return "{}" if isinstance(value, dict) else orjson.dumps(value).decode()
    return orjson.dumps(value).decode()


SPAN_COLUMNS = (
    'span.id, document.id, layer.name, span."start", span."end", span.label, span.text, '
    "span.attrs, span.note, span.annotator, span.created_at, span.updated_at, span.rev"
)
RELATION_COLUMNS = (
    "relation.id, document.id, layer.name, relation.type, head.id, tail.id, relation.attrs, "
    "relation.annotator, relation.created_at, relation.updated_at, relation.rev"
)
RELATION_JOINS = (
    "JOIN document ON document.seq = relation.document "
    "JOIN layer ON layer.id = relation.layer "
    "JOIN span AS head ON head.seq = relation.head "
    "JOIN span AS tail ON tail.seq = relation.tail"
)


def span_from_row(row: tuple) -> Span:
    """A Span from SPAN_COLUMNS (a row without the trailing rev is at revision 0)."""
    return Span(
        id=row[0], doc_id=row[1], layer=row[2], start=row[3], end=row[4], label=row[5],
        text=row[6], attrs=loads(row[7]), note=row[8], annotator=row[9], created_at=row[10],
        updated_at=row[11], rev=row[12] if len(row) > 12 else 0,
    )


def relation_from_row(row: tuple) -> Relation:
    """A Relation from RELATION_COLUMNS (without the trailing rev: revision 0)."""
    return Relation(
        id=row[0], doc_id=row[1], layer=row[2], type=row[3], head=row[4], tail=row[5],
        attrs=loads(row[6]), annotator=row[7], created_at=row[8], updated_at=row[9],
        rev=row[10] if len(row) > 10 else 0,
    )
