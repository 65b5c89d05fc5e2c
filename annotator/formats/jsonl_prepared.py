"""Reading a JSON Lines import straight into checked, compact documents.

The same file `articles.read_jsonl` reads (Tawsim records and plain articles, told apart by
their shape), but each line is parsed and checked once and comes out as a
core.prepared.PreparedDocument: what `prepare_record` would have made of it, without the
record objects in between. Lines this cannot take as they are (relations, a broken line, a
span that fails a check) come out as core.prepared.Unprepared (the parsed value or the
error), for the importer to read the usual way and report with the usual message. Runs in
the importer's process or in a process of its own (services.import_pipeline).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.ids import all_valid_ids, is_valid_id, new_id
from annotator.core.model import Status, document_title
from annotator.core.prepared import (
    PLAIN,
    PreparedDocument,
    Unprepared,
    meta_json,
    prepared_from_record,
)
from annotator.core.records import DocumentRecord, Origin, prepare_record
from annotator.formats import articles, native
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.files import display_path, json_lines

Item = PreparedDocument | Unprepared
_STATUSES = frozenset(Status._value2member_map_)
_SPAN_KEYS = native._SPAN_KEYS
_RECORD_KEYS = native._RECORD_KEYS
_OPTIONAL_TEXT = (type(None), str)


def prepared_lines(path: Path, options: ReadOptions, scheme: Any,
                   batch: int = 2000) -> Iterator[list[Item]]:
    """The file's lines as lists of up to `batch` items, in file order. Raises TawsimError
    when the whole file cannot be read (as articles.read_jsonl does)."""
    allowed = scheme.allowed_attribute_values
    items: list[Item] = []
    for origin, value in json_lines(path, options):
        line = origin.line or 0
        if isinstance(value, TawsimError):
            items.append(Unprepared(line, value))
        else:
            items.append(_prepare_line(value, line, len(items), options, scheme, allowed))
        if len(items) >= batch:
            yield items
            items = []
    if items:
        yield items


def _prepare_line(value: Any, line: int, position: int, options: ReadOptions, scheme: Any,
                  allowed: dict) -> Item:
    fast = (prepare_native(value, line, position, allowed) if native.looks_native(value)
            else prepare_article(value, line, position, options))
    if fast is not None:
        return fast
    try:  # anything unusual: the readers' own functions, the same checks as ever
        record: DocumentRecord = (native.record_from_json(value) if native.looks_native(value)
                                  else articles.article_from_json(value, options))
        prepared = prepared_from_record(prepare_record(record, scheme), line, position)
    except TawsimError:
        prepared = None  # the importer reads it again and reports it where it stands
    return prepared if prepared is not None else Unprepared(line, value)


def prepare_native(value: dict, line: int, position: int,
                   allowed: dict) -> PreparedDocument | None:
    """A Tawsim record checked as `native.record_from_json` and `prepare_record` check it,
    for the common case only: None for anything else (a relation, a text to canonicalise,
    any doubt), which then takes the careful way."""
    get = value.get
    if not value.keys() <= _RECORD_KEYS or get("offset_unit", native.OFFSET_UNIT) != \
            native.OFFSET_UNIT or get("relations"):
        return None
    text, doc_id, meta = get("text"), get("id"), get("meta", {})
    layer, owner, status = get("layer"), get("layer_owner"), get("status")
    declared, seconds, spans = get("text_sha256"), get("time_active_s"), get("spans", [])
    if (type(text) is not str or "\r" in text or "\x00" in text or not text.strip()
            or type(meta) is not dict or type(spans) is not list
            or type(get("relations", [])) is not list
            or type(layer) not in _OPTIONAL_TEXT or type(owner) not in _OPTIONAL_TEXT
            or (status is not None and (type(status) is not str or status not in _STATUSES))
            or (doc_id is not None and not is_valid_id(doc_id))
            or type(declared) not in _OPTIONAL_TEXT):
        return None
    if seconds is not None:
        if type(seconds) not in (int, float) or not 0 <= seconds < 1e12:
            return None
        seconds = float(seconds)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    digest = hashlib.sha256(data).hexdigest()  # as core.text.sha256_text, from these bytes
    if declared is not None and declared != digest:
        return None
    try:
        prepared = _prepare_spans(spans, text, allowed, position)
    except (KeyError, TypeError):  # a missing field, a list for a label: the careful way
        return None
    if prepared is None:
        return None
    return (line, position, doc_id, document_title(text, meta), data, digest, meta_json(meta),
            layer, owner, status, seconds, prepared,
            all(len(span) == PLAIN for span in prepared))


def prepare_article(value: Any, line: int, position: int,
                    options: ReadOptions) -> PreparedDocument | None:
    """A plain article read by `articles.article_from_json` (its rules, its fields) and
    checked as `prepare_record` checks it, for the common case only (None for anything
    else)."""
    try:
        record = articles.article_from_json(value, options)
    except TawsimError:
        return None
    text, doc_id, meta = record.text, record.id, record.meta
    if ("\r" in text or "\x00" in text or not text.strip()
            or (doc_id is not None and not is_valid_id(doc_id))):
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return (line, position, doc_id, document_title(text, meta), data,
            hashlib.sha256(data).hexdigest(), meta_json(meta), None, None, None, None, [], True)


def _prepare_spans(items: list, text: str, allowed: dict,
                   position: int) -> list[tuple] | None:
    """Each span checked (offsets, covered text, label and attributes in the scheme) and
    given an id; None at the first doubt. This loop runs for every span of an
    import: a span with exactly the five plain fields is taken inline."""
    length = len(text)
    # The scheme's own strings for the labels: a batch sends each once, not once per span.
    names = {name: name for name in allowed}
    out: list[tuple] = []
    for item in items:
        if type(item) is dict and len(item) == 5:  # and so, if these are its keys, only them
            span_id, start, end = item["id"], item["start"], item["end"]
            label, covered = item["label"], item["text"]
            label = names.get(label)
            if (type(start) is not int or type(end) is not int
                    or not 0 <= start < end <= length or label is None
                    or type(span_id) is not str):
                return None
            piece = text[start:end]
            if covered != piece and covered is not None:
                return None
            out.append((position, span_id, start, end, label, piece))
            continue
        span = _prepare_span(item, text, length, allowed, position)
        if span is None:
            return None
        out.append(span)
    # A span id used twice, or a span repeated, is left to the database's unique indexes:
    # it refuses the batch, which then takes the careful way and its message (storage.bulk).
    return out if all_valid_ids([span[1] for span in out]) else None


def _prepare_span(item: Any, text: str, length: int, allowed: dict,
                  position: int) -> tuple | None:
    """A span with other fields than the plain five (attributes, note, annotator, times,
    no id): checked the same way, as a PLAIN or FULL tuple."""
    if type(item) is not dict or not item.keys() <= _SPAN_KEYS:
        return None
    get = item.get
    start, end, label, covered = get("start"), get("end"), get("label"), get("text")
    if (type(start) is not int or type(end) is not int or type(label) is not str
            or not 0 <= start < end <= length):
        return None
    piece = text[start:end]
    if covered is not None and covered != piece:
        return None
    rules = allowed.get(label)
    attrs = get("attrs", {})
    if rules is None or type(attrs) is not dict:
        return None
    for name, chosen in attrs.items():
        values = rules.get(name)
        if values is None or (chosen is not None and (type(chosen) is not str
                                                      or chosen not in values)):
            return None
    span_id = get("id")
    if span_id is None:
        span_id = new_id()
    note, annotator = get("note"), get("annotator")
    created, updated = get("created_at"), get("updated_at")
    if not (attrs or note or annotator is not None or created is not None
            or updated is not None):
        return (position, span_id, start, end, label, piece)
    if (type(note) not in _OPTIONAL_TEXT or type(annotator) not in _OPTIONAL_TEXT
            or type(created) not in _OPTIONAL_TEXT or type(updated) not in _OPTIONAL_TEXT):
        return None
    return (position, span_id, start, end, label, piece, meta_json(attrs), note or "",
            annotator, created, updated)


def read_item(path: Path, item: Unprepared, options: ReadOptions) -> ReadItem:
    """What articles.read_jsonl yields for a line this module did not prepare: the record
    read the usual way, or the line's error placed at its line."""
    line, value = item.line, item.value
    origin = Origin(display_path(path), line)
    if isinstance(value, TawsimError):
        return BadRecord(origin, value)
    try:
        record = (native.record_from_json(value) if native.looks_native(value)
                  else articles.article_from_json(value, options))
    except TawsimError as error:
        return BadRecord(origin, error.located(origin.path, origin.line))
    record.origin = origin
    record.source = display_path(path)
    return record
