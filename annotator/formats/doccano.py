"""doccano's sequence-labelling JSON Lines, in its two shapes.

- labels: `{"id", "text", "label": [[start, end, "LABEL"], ...]}`
- relations (`relations` option): `{"id", "text", "entities": [{"id", "label", "start_offset",
  "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`

Offsets are code points into `text`. The import also takes a JSON array of such records.
doccano itself accepts an end offset past the text and
drops other bad spans without a word; this reader refuses them, naming the file and line.
Span and relation ids are numbers local to the file, so imported spans get new ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import InvariantError, TawsimError, translatable
from annotator.core.ids import new_id
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.formats.base import ReadItem, ReadOptions, WriteOptions, WriteReport
from annotator.formats.common import (
    Tally,
    check_span,
    count_losses,
    document_id,
    flag,
    local_id,
)
from annotator.formats.files import (
    UTF8_BOM,
    atomic_output,
    first_json_line,
    parse_json_document,
    read_bytes,
    records_from_json_lines,
    records_of_items,
)
from annotator.formats.json_sniff import json_shape

NAME = "doccano"
_OWN_KEYS = frozenset(("id", "text", "label", "entities", "relations"))


def sniff(path: Path) -> bool:
    """A JSON Lines file whose first record has doccano's span fields, or a JSON array of
    such records."""
    if path.suffix.lower() == ".json":
        return json_shape(path) == "doccano"
    first = first_json_line(path)
    return isinstance(first, dict) and "text" in first and (
        "entities" in first or _is_span_list(first.get("label")))


def _is_span_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, list) for item in value)


# -- reading -----------------------------------------------------------------------------------


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """JSON Lines, one record a line, or (doccano's records gathered by hand or another tool)
    one JSON array of them."""
    if _is_array(path):
        yield from _records_from_array(path, options)
        return
    yield from records_from_json_lines(path, options,
                                       lambda value: record_from_json(value, options))


def _is_array(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.removeprefix(UTF8_BOM).lstrip()[:1] == b"["


def _records_from_array(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    data = read_bytes(path)
    options.advance(len(data))
    value = parse_json_document(path, data, options.encoding)
    if not isinstance(value, list):
        raise TawsimError("expected a JSON array of doccano records", path=str(path))
    yield from records_of_items(path, value, "record", record_from_json, options)


def _whole(value: Any, what: str) -> int:
    if type(value) is not int:
        raise InvariantError(f"{what} must be a whole number, not {value!r}")
    return value


def record_from_json(value: Any, options: ReadOptions) -> DocumentRecord:
    if not isinstance(value, dict):
        raise InvariantError("each line must be a JSON object")
    text = value.get("text")
    if not isinstance(text, str):
        raise InvariantError("the record has no 'text' field")
    doc_id = document_id(value.get("id"))
    meta = {k: v for k, v in value.items() if k not in _OWN_KEYS}
    if "entities" in value:
        if value.get("label"):
            raise InvariantError("the record has both 'label' and 'entities'; doccano writes "
                                 "one or the other")
        spans, relations = _relation_form(value, text, options)
    else:
        spans, relations = _label_form(value.get("label", []), text, options), []
    return DocumentRecord(text=text, id=doc_id, meta=meta,
                          spans=spans, relations=relations)


def _label_form(items: Any, text: str, options: ReadOptions) -> list[SpanRecord]:
    if not isinstance(items, list):
        raise InvariantError("'label' must be a list of [start, end, label]")
    spans = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, list) or len(item) != 3:
            if isinstance(item, str):
                raise InvariantError("'label' holds text-classification labels, not spans")
            raise InvariantError(f"label {index} must be [start, end, label], not {item!r}")
        start, end, label = item
        try:
            check_span(text, start, end, label, scheme=options.scheme)
        except TawsimError as error:
            raise InvariantError(translatable("label {number}: {problem}"),
                                 fields={"number": index, "problem": error.said}) from None
        spans.append(SpanRecord(start=start, end=end, label=label))
    return spans


def _relation_form(value: dict, text: str,
                   options: ReadOptions) -> tuple[list[SpanRecord], list[RelationRecord]]:
    entities, links = value.get("entities"), value.get("relations", [])
    if not isinstance(entities, list) or not isinstance(links, list):
        raise InvariantError("'entities' and 'relations' must be lists")
    spans: list[SpanRecord] = []
    ids: dict[Any, str] = {}
    for index, item in enumerate(entities, start=1):
        where = f"entity {index}"
        if not isinstance(item, dict):
            raise InvariantError(f"{where} must be an object")
        for key in ("id", "label", "start_offset", "end_offset"):
            if key not in item:
                raise InvariantError(f"{where} has no {key!r}")
        start = _whole(item["start_offset"], f"{where} start_offset")
        end = _whole(item["end_offset"], f"{where} end_offset")
        try:
            check_span(text, start, end, item["label"], scheme=options.scheme)
        except TawsimError as error:
            raise InvariantError(translatable("entity {number}: {problem}"),
                                 fields={"number": index, "problem": error.said}) from None
        entity_id = local_id(item["id"], f"{where} id")
        if entity_id in ids:
            raise InvariantError(f"{where}: id {entity_id!r} is used twice")
        span_id = new_id()
        ids[entity_id] = span_id
        spans.append(SpanRecord(start=start, end=end, label=item["label"], id=span_id))
    relations = []
    for index, item in enumerate(links, start=1):
        where = f"relation {index}"
        if not isinstance(item, dict):
            raise InvariantError(f"{where} must be an object")
        for key in ("from_id", "to_id", "type"):
            if key not in item:
                raise InvariantError(f"{where} has no {key!r}")
        for key in ("from_id", "to_id"):
            if local_id(item[key], f"{where} {key}") not in ids:
                raise InvariantError(f"{where}: {key} {item[key]!r} is not an entity of the "
                                     "record")
        if not isinstance(item["type"], str):
            raise InvariantError(f"{where}: type must be text")
        relations.append(RelationRecord(type=item["type"], head=ids[item["from_id"]],
                                        tail=ids[item["to_id"]]))
    return spans, relations


# -- writing -----------------------------------------------------------------------------------


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    with_relations = flag(options.extra, "relations")
    report = WriteReport(files=[str(out)])
    tally = Tally()
    next_entity = next_relation = 1
    with atomic_output(out) as handle:
        for record in records:
            if with_relations:
                numbers: dict[str, int] = {}
                entities = []
                for span in record.spans:
                    numbers[span.id or ""] = next_entity
                    entities.append({"id": next_entity, "label": span.label,
                                     "start_offset": span.start, "end_offset": span.end})
                    next_entity += 1
                relations = []
                for relation in record.relations:
                    relations.append({"id": next_relation, "from_id": numbers[relation.head],
                                      "to_id": numbers[relation.tail], "type": relation.type})
                    next_relation += 1
                line: dict[str, Any] = {"id": record.id, "text": record.text,
                                        "entities": entities, "relations": relations}
            else:
                line = {"id": record.id, "text": record.text,
                        "label": [[s.start, s.end, s.label] for s in record.spans]}
                for relation in record.relations:
                    tally.add(f"{{n}} {relation.type} relation{{s}} not written: doccano's "
                              "label form has none (export with --relations for its relation "
                              "form)")
            count_losses(record, tally, NAME, attributes=True, notes=True)
            handle.write(orjson.dumps(line) + b"\n")
            report.documents += 1
            report.spans += len(record.spans)
            report.relations += len(record.relations) if with_relations else 0
    tally.report_to(report)
    return report
