"""Reading Label Studio tasks JSON: each task's text and metadata, and the spans and
relations of its first annotation not cancelled (or, without one, its first prediction).
Its JSON_MIN, CSV and TSV exports are read too (see minimal and tables).

A task that is bad is yielded as a BadRecord naming it; results Tawsim has no place for are
counted and reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InvariantError, TawsimError, translatable
from annotator.core.records import DocumentRecord, Origin, RelationRecord, SpanRecord
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.common import ReadNotes, document_id
from annotator.formats.files import (
    UTF8_BOM,
    display_path,
    parse_json_document,
    read_bytes,
    wide_encoding,
)
from annotator.formats.json_shapes import is_minimal_record, is_task, shape_of
from annotator.formats.labelstudio.minimal import record_from_minimal
from annotator.formats.labelstudio.regions import (
    region_detail,
    region_id,
    region_spans,
    relation_of,
)
from annotator.formats.labelstudio.tables import TABLE_SUFFIXES, decode_table, table_rows
from annotator.formats.labelstudio.units import OffsetUnits


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """Tasks JSON, JSON_MIN, or Label Studio's CSV or TSV, told by the file's content."""
    data = read_bytes(path)
    options.advance(len(data))
    if not data.strip():
        raise TawsimError("the file is empty", path=str(path))
    notes = ReadNotes()
    if _is_table(path, data):
        text = decode_table(data, path, options.encoding)
        items: Iterator[tuple[Origin, Any]] = (
            (Origin(display_path(path), line), row) for line, row in table_rows(path, text))
    else:
        value = parse_json_document(path, data, options.encoding)
        if isinstance(value, dict):
            value = value.get("tasks", [value]) if "data" not in value else [value]
        if not isinstance(value, list):
            raise TawsimError("expected a JSON array of Label Studio tasks", path=str(path))
        items = ((Origin(f"{display_path(path)} (task {index})"), task)
                 for index, task in enumerate(value, start=1))
    seen: set[str] = set()
    for number, (origin, item) in enumerate(items, start=1):
        where = f"line {origin.line}" if origin.line is not None else f"task {number}"
        try:
            if isinstance(item, TawsimError):
                raise item
            record = _record(item, options, notes, where)
        except TawsimError as error:
            yield BadRecord(origin, error.located(origin.path, origin.line))
            continue
        if record.id is not None and record.id in seen and not is_task(item):
            # JSON_MIN and CSV give one record per annotation, the latest first.
            notes.add("tasks with several annotations: only the first of each was imported "
                      "(split the file to import the others into their own layers)", where)
            continue
        if record.id is not None:
            seen.add(record.id)
        record.origin = origin
        record.source = display_path(path)
        yield record
    notes.report_to(options, str(path))


def _is_table(path: Path, data: bytes) -> bool:
    """CSV or TSV rather than JSON: by the name, else by the first character."""
    if path.suffix.lower() in TABLE_SUFFIXES:
        return True
    head = data.removeprefix(UTF8_BOM).lstrip()[:1]
    return head not in (b"[", b"{") and wide_encoding(data) is None


def _record(item: Any, options: ReadOptions, notes: ReadNotes, where: str) -> DocumentRecord:
    """A task, or a JSON_MIN record (CSV row); a plain article is refused."""
    if is_task(item) or not is_minimal_record(item):
        return record_from_task(item, options, notes, where)
    return record_from_minimal(item, options, notes, where)


def _text_field(data: dict, options: ReadOptions) -> str:
    wanted = options.fields.get("text")
    if wanted:
        if wanted not in data:
            raise InvariantError(f"the task's data has no {wanted!r} field")
        return wanted
    if "text" in data:
        return "text"
    strings = [key for key, item in data.items() if isinstance(item, str) and key != "doc_id"]
    if len(strings) == 1:
        return strings[0]
    raise InvariantError("cannot tell which data field holds the text; name it with "
                         "--field text=NAME")


def _listed(task: dict, key: str) -> list:
    """A task's annotations, completions or predictions: a list of objects, or none."""
    items = task.get(key)
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InvariantError(f"the task's {key!r} must be a list of objects")
    return items


def _results(task: dict, notes: ReadNotes, where: str) -> list:
    annotations = [a for a in _listed(task, "annotations") or _listed(task, "completions")
                   if not a.get("was_cancelled")]
    if annotations:
        if len(annotations) > 1:
            notes.add("tasks with several annotations: only the first of each was imported "
                      "(split the file to import the others into their own layers)", where)
        chosen = annotations[0]
    else:
        predictions = _listed(task, "predictions")
        if not predictions:
            return []
        if len(predictions) > 1:
            notes.add("tasks with several predictions: only the first of each was imported",
                      where)
        chosen = predictions[0]
    result = chosen.get("result", [])
    if not isinstance(result, list):
        raise InvariantError("an annotation's 'result' must be a list")
    return result


def record_from_task(task: Any, options: ReadOptions, notes: ReadNotes,
                     where: str) -> DocumentRecord:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InvariantError("each task must be an object with a 'data' object, or a JSON_MIN "
                             "record with its regions and annotation_id")
    data = task["data"]
    if shape_of(task) == "article" and not options.fields.get("text"):
        raise InvariantError("the object keeps its text outside 'data': it is an article, not "
                             "a Label Studio task; import it with --format json")
    text_key = _text_field(data, options)
    text = data[text_key]
    if not isinstance(text, str):
        raise InvariantError(f"data field {text_key!r} must be text")
    doc_id = document_id(data.get("doc_id", task.get("id")), "the task's doc_id or id")
    meta = {k: v for k, v in data.items() if k not in (text_key, "doc_id")}
    results = _results(task, notes, where)
    units = OffsetUnits(text)
    spans: list[SpanRecord] = []
    regions: dict[str, list[SpanRecord]] = {}
    for number, item in enumerate(results, start=1):
        if isinstance(item, dict) and item.get("type") == "labels":
            try:
                region = region_id(item)
                for span in region_spans(item, text, units, options):
                    if region is not None:  # a region without an id has nothing attached
                        regions.setdefault(region, []).append(span)
                    spans.append(span)
            except TawsimError as error:
                raise InvariantError(translatable("result {number}: {problem}"),
                                     fields={"number": number, "problem": error.said}) from None
    relations: list[RelationRecord] = []
    ignored: dict[str, int] = {}
    for number, item in enumerate(results, start=1):
        if not isinstance(item, dict):
            raise InvariantError(f"result {number} must be an object")
        kind = item.get("type")
        try:
            if kind == "labels":
                continue
            if kind == "relation":
                relations.append(relation_of(item, regions))
            elif kind in ("choices", "textarea") and (region := region_id(item)) in regions:
                region_detail(item, regions[region])
            else:
                ignored[str(kind)] = ignored.get(str(kind), 0) + 1
        except TawsimError as error:
            raise InvariantError(translatable("result {number}: {problem}"),
                                 fields={"number": number, "problem": error.said}) from None
    for kind, count in ignored.items():
        notes.add(f"{kind} results not imported (Tawsim takes text spans, their per-region "
                  "choices and notes, and relations)", f"{where} ×{count}")
    if units.converted:
        notes.add("spans with offsets in UTF-16 units (an emoji stands before them) "
                  "converted to code points", f"{where} ×{units.converted}")
    return DocumentRecord(text=text, id=doc_id, meta=meta,
                          spans=spans, relations=relations)

