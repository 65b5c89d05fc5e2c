"""Tawsim's own dataset: JSON Lines, one document and layer per line (schema/record.schema.json).

It carries everything a project holds for a layer: spans with attributes, notes, annotator and
times, and relations between span ids of the same line; whose layer it is (`layer_owner`, the
person's id) and the active time spent on the document in it (`time_active_s`). Offsets are
code points.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import InvariantError, Phrase, translatable
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.formats.base import ReadItem, ReadOptions, WriteOptions, WriteReport
from annotator.formats.files import atomic_output, records_from_json_lines

OFFSET_UNIT = "codepoint"
_RECORD_KEYS = frozenset(
    ("id", "text", "text_sha256", "offset_unit", "meta", "layer", "layer_owner", "status",
     "time_active_s", "spans", "relations")
)
_SPAN_KEYS = frozenset(("id", "start", "end", "label", "text", "attrs", "note", "annotator",
                        "created_at", "updated_at"))
_RELATION_KEYS = frozenset(("id", "type", "head", "tail", "attrs", "annotator", "created_at",
                            "updated_at"))


# Fields only a Tawsim record has: one of them makes an object a record, spans or not.
_RECORD_ONLY = frozenset(("offset_unit", "spans", "relations", "layer", "text_sha256"))


def looks_native(value: Any) -> bool:
    """A JSON object that is a Tawsim record rather than a plain article, by its shape: it
    has a field only records have (a record whose layer has no spans yet is still a record).
    A status alone does not make a record: feeds give articles statuses of their own."""
    return isinstance(value, dict) and not _RECORD_ONLY.isdisjoint(value)


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    yield from records_from_json_lines(path, options, record_from_json)


# What a field must hold, in the words of the refusals.
_KINDS = {
    # Translators: fills {expected} in "{what} must be {expected}, not {type}".
    str: translatable("text"),
    # Translators: fills {expected} in "{what} must be {expected}, not {type}".
    int: translatable("a whole number"),
    # Translators: fills {expected} in "{what} must be {expected}, not {type}".
    dict: translatable("an object"),
    # Translators: fills {expected} in "{what} must be {expected}, not {type}".
    list: translatable("a list"),
}


def _expect(value: Any, kind: type, what: str | Phrase,
            optional: bool = False, key: str | None = None) -> Any:
    """`value` if it is of `kind`; else refused as `what` (a record's field name, or a span
    or relation, then with its field `key`)."""
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        fields = {"what": what, "type": type(value).__name__,
                  "expected": _KINDS[kind]}
        if key is None:
            raise InvariantError(translatable("{what} must be {expected}, not {type}"),
                                 fields=fields)
        raise InvariantError(translatable("{what} {key} must be {expected}, not {type}"),
                             fields={**fields, "key": key})
    return value


def record_from_json(value: Any) -> DocumentRecord:
    """A native record from parsed JSON; the structure is checked, the contents later."""
    if not isinstance(value, dict):
        raise InvariantError(translatable("each line must be a JSON object"))
    if unknown := set(value) - _RECORD_KEYS:
        raise InvariantError(translatable("unknown field {key!r} in the record"),
                             fields={"key": sorted(unknown)[0]})
    unit = value.get("offset_unit", OFFSET_UNIT)
    if unit != OFFSET_UNIT:
        raise InvariantError(f"offset_unit {unit!r} is not supported; Tawsim records count "
                             "code points ('codepoint')")
    text = _expect(value.get("text"), str, "text")
    spans = [_span(item, i) for i, item in enumerate(_expect(value.get("spans", []), list,
                                                              "spans"))]
    relations = [_relation(item, i) for i, item in
                 enumerate(_expect(value.get("relations", []), list, "relations"))]
    return DocumentRecord(
        text=text,
        id=_expect(value.get("id"), str, "id", optional=True),
        meta=_expect(value.get("meta", {}), dict, "meta"),
        layer=_expect(value.get("layer"), str, "layer", optional=True),
        status=_expect(value.get("status"), str, "status", optional=True),
        spans=spans,
        relations=relations,
        text_sha256=_expect(value.get("text_sha256"), str, "text_sha256", optional=True),
        layer_owner=_expect(value.get("layer_owner"), str, "layer_owner", optional=True),
        time_active_s=_seconds(value.get("time_active_s")),
    )


def _seconds(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float) or value < 0:
        raise InvariantError(f"time_active_s must be a number of seconds, 0 or more, not "
                             f"{value!r}")
    return float(value)


def _span(item: Any, index: int) -> SpanRecord:
    """A span from JSON. The common, well-formed case is checked inline (this runs for
    every span of an import); anything unusual goes through `_span_checked` for its message."""
    if type(item) is dict and item.keys() <= _SPAN_KEYS:
        get = item.get
        start, end, label = get("start"), get("end"), get("label")
        attrs, note = get("attrs", {}), get("note", "")
        text, span_id, annotator = get("text"), get("id"), get("annotator")
        created, updated = get("created_at"), get("updated_at")
        if (type(start) is int and type(end) is int and type(label) is str
                and type(attrs) is dict and (note is None or type(note) is str)
                and (text is None or type(text) is str)
                and (span_id is None or type(span_id) is str)
                and (annotator is None or type(annotator) is str)
                and (created is None or type(created) is str)
                and (updated is None or type(updated) is str)):
            return SpanRecord(start, end, label, text, span_id, attrs, note or "", annotator,
                              created, updated)
    return _span_checked(item, index)


def _span_checked(item: Any, index: int) -> SpanRecord:
    where = Phrase(translatable("span {number}"), {"number": index + 1})
    _expect(item, dict, where)
    if unknown := set(item) - _SPAN_KEYS:
        raise InvariantError(translatable("{where}: unknown field {key!r}"),
                             fields={"where": where, "key": sorted(unknown)[0]})
    for key in ("start", "end", "label"):
        if key not in item:
            raise InvariantError(translatable("{where}: missing {key!r}"),
                                 fields={"where": where, "key": key})
    return SpanRecord(
        start=_expect(item["start"], int, where, key="start"),
        end=_expect(item["end"], int, where, key="end"),
        label=_expect(item["label"], str, where, key="label"),
        text=_expect(item.get("text"), str, where, key="text", optional=True),
        id=_expect(item.get("id"), str, where, key="id", optional=True),
        attrs=_expect(item.get("attrs", {}), dict, where, key="attrs"),
        note=_expect(item.get("note", ""), str, where, key="note", optional=True) or "",
        annotator=_expect(item.get("annotator"), str, where, key="annotator", optional=True),
        created_at=_expect(item.get("created_at"), str, where, key="created_at", optional=True),
        updated_at=_expect(item.get("updated_at"), str, where, key="updated_at", optional=True),
    )


def _relation(item: Any, index: int) -> RelationRecord:
    where = Phrase(translatable("relation {number}"), {"number": index + 1})
    _expect(item, dict, where)
    if unknown := set(item) - _RELATION_KEYS:
        raise InvariantError(translatable("{where}: unknown field {key!r}"),
                             fields={"where": where, "key": sorted(unknown)[0]})
    for key in ("type", "head", "tail"):
        if key not in item:
            raise InvariantError(translatable("{where}: missing {key!r}"),
                                 fields={"where": where, "key": key})
    return RelationRecord(
        type=_expect(item["type"], str, where, key="type"),
        head=_expect(item["head"], str, where, key="head"),
        tail=_expect(item["tail"], str, where, key="tail"),
        id=_expect(item.get("id"), str, where, key="id", optional=True),
        attrs=_expect(item.get("attrs", {}), dict, where, key="attrs"),
        annotator=_expect(item.get("annotator"), str, where, key="annotator", optional=True),
        created_at=_expect(item.get("created_at"), str, where, key="created_at", optional=True),
        updated_at=_expect(item.get("updated_at"), str, where, key="updated_at", optional=True),
    )


def record_to_json(record: DocumentRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "text": record.text,
        "text_sha256": record.text_sha256,
        "offset_unit": OFFSET_UNIT,
        "meta": record.meta,
        "layer": record.layer,
        "layer_owner": record.layer_owner,
        "status": record.status or "new",
        "time_active_s": record.time_active_s,
        "spans": [
            {"id": s.id, "start": s.start, "end": s.end, "label": s.label, "text": s.text,
             "attrs": s.attrs, "note": s.note, "annotator": s.annotator,
             "created_at": s.created_at, "updated_at": s.updated_at}
            for s in record.spans
        ],
        "relations": [
            {"id": r.id, "type": r.type, "head": r.head, "tail": r.tail, "attrs": r.attrs,
             "annotator": r.annotator, "created_at": r.created_at, "updated_at": r.updated_at}
            for r in record.relations
        ],
    }


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    report = WriteReport(files=[str(out)])
    newline = b"\n"
    with atomic_output(out) as handle:
        write_line = handle.write
        for record in records:
            write_line(orjson.dumps(record_to_json(record)) + newline)
            report.documents += 1
            report.spans += len(record.spans)
            report.relations += len(record.relations)
    return report
