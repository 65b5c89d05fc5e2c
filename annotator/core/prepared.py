"""A checked document in the compact form bulk imports hand between processes.

`prepare_record` (core.records) works on record objects; an import of a large JSON Lines file
instead checks each line once (formats.jsonl_prepared) and passes the result on as a plain
tuple, which is cheap to build, to send to another process and to bind in SQLite. A prepared
document holds exactly what `prepare_record` would have made of the line: the stored text
(as UTF-8 bytes: that is how it travels and how SQLite stores it), its digest, the spans
placed, checked and with ids. The positions of its fields are named below.

Spans are tuples in one of two shapes: PLAIN (position, id, start, end, label, text) for a
span with no attributes, note, annotator or times (nearly all imported spans), or FULL, which
adds (attrs as JSON, note, annotator, created_at, updated_at). `position` is the document's
place in the batch it was read in: SQLite turns it into the document's seq by itself, so a
batch of spans is bound as it came, without a Python loop over them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from annotator.core.model import document_title
from annotator.core.records import DocumentRecord, Origin, SpanRecord

# Fields of a prepared document (a tuple: a named one costs several times more to unpickle).
(LINE, POSITION, ID, TITLE, TEXT, TEXT_SHA256, META, LAYER, LAYER_OWNER, STATUS, TIME, SPANS,
 ALL_PLAIN) = range(13)
PreparedDocument = tuple
assert ALL_PLAIN == SPANS + 1 == 12, "core.span_columns rebuilds documents with these last"
PLAIN = 6  # the length of a plain span tuple
FULL = 11


@dataclass(frozen=True)
class Unprepared:
    """A line left to the importer's usual way: its parsed value, or the error it has."""

    line: int
    value: Any


def has_annotations(document: PreparedDocument) -> bool:
    """What makes a record need a layer (see storage.bulk)."""
    status = document[STATUS]
    return bool(document[SPANS] or (status is not None and status != "new")
                or document[TIME])


def has_repeats(document: PreparedDocument) -> bool:
    """Whether a span id, or a span (offsets and label), comes twice in the document: the
    bulk reader leaves these to the database, and the importer then refuses the record."""
    spans = list(document[SPANS])
    return (len({span[1] for span in spans}) != len(spans)
            or len({span[2:5] for span in spans}) != len(spans))


def meta_json(meta: dict) -> str:
    return orjson.dumps(meta).decode() if meta else "{}"


def span_tuple(span: SpanRecord, position: int) -> tuple:
    """A prepared span as a PLAIN or FULL tuple."""
    if not (span.attrs or span.note or span.annotator is not None
            or span.created_at is not None or span.updated_at is not None):
        return (position, span.id, span.start, span.end, span.label, span.text)
    return (position, span.id, span.start, span.end, span.label, span.text,
            orjson.dumps(span.attrs).decode() if span.attrs else "{}", span.note or "",
            span.annotator, span.created_at, span.updated_at)


def prepared_from_record(record: DocumentRecord, line: int,
                         position: int) -> PreparedDocument | None:
    """The compact form of a record `prepare_record` returned, or None when it holds what
    only record objects carry (relations, a source file's digest or encoding) or a text that
    is not plain UTF-8."""
    if record.relations or record.source_sha256 is not None or record.encoding is not None:
        return None
    try:
        data = record.text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    spans = [span_tuple(span, position) for span in record.spans]
    return (line, position, record.id, document_title(record.text, record.meta), data,
            record.text_sha256, meta_json(record.meta), record.layer, record.layer_owner,
            record.status, record.time_active_s, spans,
            all(len(span) == PLAIN for span in spans))


def record_from_prepared(document: PreparedDocument, source: str | None,
                         origin: Origin | None) -> DocumentRecord:
    """The record object again, for the careful path of an import (storage.bulk); `origin`
    is where its line (or row) is in the file."""
    spans = []
    for item in document[SPANS]:
        if len(item) == PLAIN:
            spans.append(SpanRecord(item[2], item[3], item[4], item[5], item[1]))
        else:
            spans.append(SpanRecord(item[2], item[3], item[4], item[5], item[1],
                                    orjson.loads(item[6]), item[7], item[8], item[9], item[10]))
    return DocumentRecord(
        text=document[TEXT].decode("utf-8"), id=document[ID],
        meta=orjson.loads(document[META]), layer=document[LAYER], status=document[STATUS],
        spans=spans, text_sha256=document[TEXT_SHA256], source=source,
        origin=origin,
        layer_owner=document[LAYER_OWNER], time_active_s=document[TIME])
