"""Label Studio tasks JSON: spans as `labels` results, links as `relation` results.

Each task is `{"data": {"text", "doc_id"}, "annotations": [{"result": [...]}]}` (or
`predictions`, for a model layer). A span is a region `{"id", "type": "labels", "value":
{"start", "end", "text", "labels"}}`; its attributes are per-region `choices` results and its
note a per-region `textarea`, both carrying the region's id. Offsets are code points, as Label
Studio has stored them since it stopped counting UTF-16 units; a file whose offsets only make
sense as UTF-16 units (an emoji before the span) is converted, and the import says so.

The export also writes the matching labelling config beside the tasks (`NAME.config.xml`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import orjson

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.ids import new_id
from annotator.core.offsets import Utf16Map
from annotator.core.records import DocumentRecord, Origin, RelationRecord, SpanRecord
from annotator.formats.articles import TEXT_FIELDS
from annotator.formats.base import BadRecord, ReadItem, ReadOptions, WriteOptions, WriteReport
from annotator.formats.common import (
    ReadNotes,
    Tally,
    check_span,
    document_id,
    local_id,
    option,
)
from annotator.formats.files import (
    UTF8_BOM,
    atomic_output,
    display_path,
    parse_json_document,
    read_bytes,
    wide_encoding,
)

NAME = "Label Studio"
LABELS = "label"  # the <Labels> control
TEXT = "text"  # the <Text> object
NOTE = "note"  # the per-region <TextArea>


SNIFF_BYTES = 65536  # how much of a file --format auto reads to recognise it
SNIFFED_ITEMS = 1000  # leading objects looked at
# Keys only a Label Studio task has next to its `data`.
_TASK_KEYS = ("annotations", "predictions", "completions")


def sniff(path: Path) -> bool:
    """Label Studio tasks, told from a JSON array of articles by their shape.

    A task keeps its text in `data`; an article keeps it at the top and may carry a `data`
    object of its own (a feed's metadata). So a leading object is a task when it has
    annotations or predictions, or when its text is in `data` and it has no text of its own;
    an article when its text is at the top and `data` holds no text. An object with a text
    both at the top and in `data`, or a file mixing both kinds, is refused: guessing wrong
    would import the wrong text without a word.
    """
    kinds = {_kind(item) for item in _leading_items(path)}
    if "either" in kinds or kinds >= {"task", "article"}:
        raise TawsimError("cannot tell Label Studio tasks from a JSON array of articles "
                          "(objects with a text both in 'data' and outside it); pass "
                          "--format labelstudio or --format json", path=str(path))
    return kinds == {"task"}


def _kind(item: Any) -> str:
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        return "article"
    if any(key in item for key in _TASK_KEYS):
        return "task"
    if not any(isinstance(item.get(key), str) for key in TEXT_FIELDS):
        return "task"
    return "either" if isinstance(item["data"].get("text"), str) else "article"


def _leading_items(path: Path) -> list[Any]:
    """The objects a JSON file begins with: those complete in its first SNIFF_BYTES, or
    the whole file's when the first is longer. [] when it is not JSON."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            whole = len(head) < SNIFF_BYTES
    except OSError:
        return []
    wide = wide_encoding(head)
    text = (head.decode(wide, "ignore") if wide
            else head.removeprefix(UTF8_BOM).decode("utf-8", "ignore")).lstrip()
    items = _complete_items(text)
    if items is None and not whole:
        try:
            value = parse_json_document(path, read_bytes(path))
        except TawsimError:
            return []
        items = _items_of(value)
    return items or []


def _complete_items(text: str) -> list[Any] | None:
    """The complete leading objects of a JSON text; None when not even one is complete."""
    decoder = json.JSONDecoder()
    if text.startswith("{"):
        try:
            value, _ = decoder.raw_decode(text)
        except ValueError:
            return None
        return _items_of(value)
    if not text.startswith("["):
        return []
    items: list[Any] = []
    position = 1
    while True:
        position = _skip(text, position)
        if position >= len(text) or text[position] == "]":
            return items
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            return items or None
        items.append(value)
        position = _skip(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _items_of(value: Any) -> list[Any]:
    """The task-or-article objects of a whole JSON value, the way `read` takes them."""
    if isinstance(value, list):
        return value[:SNIFFED_ITEMS]
    if isinstance(value, dict):
        if "data" in value:
            return [value]
        tasks = value.get("tasks")
        if isinstance(tasks, list):
            return tasks[:SNIFFED_ITEMS]
    return []


# -- reading -----------------------------------------------------------------------------------


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    data = read_bytes(path)
    options.advance(len(data))
    if not data.strip():
        raise TawsimError("the file is empty", path=str(path))
    value = parse_json_document(path, data, options.encoding)
    if isinstance(value, dict):
        value = value.get("tasks", [value]) if "data" not in value else [value]
    if not isinstance(value, list):
        raise TawsimError("expected a JSON array of Label Studio tasks", path=str(path))
    notes = ReadNotes()
    for index, task in enumerate(value, start=1):
        origin = Origin(f"{display_path(path)} (task {index})")
        try:
            record = record_from_task(task, options, notes, f"task {index}")
        except TawsimError as error:
            yield BadRecord(origin, error.located(origin.path))
            continue
        record.origin = origin
        record.source = display_path(path)
        yield record
    notes.report_to(options, str(path))


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
        raise InvariantError("each task must be an object with a 'data' object")
    data = task["data"]
    if _kind(task) == "article" and not options.fields.get("text"):
        raise InvariantError("the object keeps its text outside 'data': it is an article, not "
                             "a Label Studio task; import it with --format json")
    text_key = _text_field(data, options)
    text = data[text_key]
    if not isinstance(text, str):
        raise InvariantError(f"data field {text_key!r} must be text")
    doc_id = document_id(data.get("doc_id", task.get("id")), "the task's doc_id or id")
    meta = {k: v for k, v in data.items() if k not in (text_key, "doc_id")}
    results = _results(task, notes, where)
    units = _Units(text)
    spans: list[SpanRecord] = []
    regions: dict[str, list[SpanRecord]] = {}
    for number, item in enumerate(results, start=1):
        if isinstance(item, dict) and item.get("type") == "labels":
            try:
                region = _region_id(item)
                for span in _region(item, text, units, options):
                    if region is not None:  # a region without an id has nothing attached
                        regions.setdefault(region, []).append(span)
                    spans.append(span)
            except TawsimError as error:
                raise InvariantError(f"result {number}: {error.message}") from None
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
                relations.append(_relation(item, regions))
            elif kind in ("choices", "textarea") and (region := _region_id(item)) in regions:
                _region_detail(item, regions[region])
            else:
                ignored[str(kind)] = ignored.get(str(kind), 0) + 1
        except TawsimError as error:
            raise InvariantError(f"result {number}: {error.message}") from None
    for kind, count in ignored.items():
        notes.add(f"{kind} results not imported (Tawsim takes text spans, their per-region "
                  "choices and notes, and relations)", f"{where} ×{count}")
    if units.converted:
        notes.add("spans with offsets in UTF-16 units (an emoji stands before them) "
                  "converted to code points", f"{where} ×{units.converted}")
    return DocumentRecord(text=text, id=doc_id, meta=meta,
                          spans=spans, relations=relations)


def _region_id(item: dict) -> str | None:
    """The id a result shares with the other results of its region; None when it has none:
    such a region has no choices, notes or relations of its own, and a choice without an id
    belongs to no region."""
    value = item.get("id")
    return None if value is None else str(local_id(value, "a result's id"))


class _Units:
    """Recognises offsets counted in UTF-16 units, which older Label Studio wrote."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._map: Utf16Map | None = None
        self.converted = 0

    def code_points(self, start: int, end: int, covered: Any) -> tuple[int, int]:
        text = self.text
        if not isinstance(covered, str) or text[start:end] == covered:
            return start, end
        if self._map is None:
            self._map = Utf16Map(text)
        try:
            moved = self._map.from_utf16(start), self._map.from_utf16(end)
        except (IndexError, ValueError):
            return start, end
        if text[moved[0]:moved[1]] == covered:
            self.converted += 1
            return moved
        return start, end


def _region(item: dict, text: str, units: _Units, options: ReadOptions) -> list[SpanRecord]:
    value = item.get("value")
    if not isinstance(value, dict):
        raise InvariantError("a labels result has no 'value' object")
    start, end = value.get("start"), value.get("end")
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise InvariantError("a labels result names no label")
    covered = value.get("text")
    if covered is not None and not isinstance(covered, str):
        raise InvariantError(f"a labels result's text must be text, not {covered!r}")
    if type(start) is int and type(end) is int and 0 <= start <= end:
        start, end = units.code_points(start, end, covered)
    spans = []
    for label in labels:
        check_span(text, start, end, label, covered, options.scheme)
        spans.append(SpanRecord(start=start, end=end, label=label, id=new_id()))
    return spans


def _region_detail(item: dict, spans: list[SpanRecord]) -> None:
    value = item.get("value")
    if not isinstance(value, dict):
        raise InvariantError(f"a {item.get('type')} result has no 'value' object")
    if item["type"] == "textarea":
        texts = value.get("text", [])
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise InvariantError("a textarea result's text must be text or a list of texts")
        note = "\n".join(texts)
        for span in spans:
            span.note = note
        return
    name = item.get("from_name")
    choices = value.get("choices")
    if not isinstance(name, str) or not isinstance(choices, list) or len(choices) != 1:
        raise InvariantError(f"per-region choices {name!r} must hold exactly one choice "
                             "(a Tawsim attribute has one value)")
    for span in spans:
        span.attrs[name] = choices[0]


def _relation(item: dict, regions: dict[str, list[SpanRecord]]) -> RelationRecord:
    ends = []
    for key in ("from_id", "to_id"):
        region = str(local_id(item.get(key), f"relation {key}"))
        if region not in regions:
            raise InvariantError(f"relation {key} {item.get(key)!r} is not a labelled region")
        ends.append(regions[region][0].id or "")
    labels = item.get("labels") or []
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        raise InvariantError("a relation needs a list of exactly one label (its type), not "
                             f"{labels!r}")
    direction = item.get("direction", "right")
    if direction == "bi":
        raise InvariantError("a two-way relation has no head and tail; Tawsim relations "
                             "point one way")
    head, tail = ends if direction != "left" else ends[::-1]
    return RelationRecord(type=labels[0], head=head, tail=tail)


# -- writing -----------------------------------------------------------------------------------


def _results_of(record: DocumentRecord, tally: Tally) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for span in record.spans:
        where = {"start": span.start, "end": span.end, "text": span.text}
        results.append({"id": span.id, "from_name": LABELS, "to_name": TEXT, "type": "labels",
                        "value": {**where, "labels": [span.label]}})
        for name, value in span.attrs.items():
            if value is None:
                continue
            results.append({"id": span.id, "from_name": name, "to_name": TEXT,
                            "type": "choices", "value": {**where, "choices": [value]}})
        if span.note:
            results.append({"id": span.id, "from_name": NOTE, "to_name": TEXT,
                            "type": "textarea", "value": {**where, "text": [span.note]}})
    for relation in record.relations:
        results.append({"from_id": relation.head, "to_id": relation.tail, "type": "relation",
                        "direction": "right", "labels": [relation.type]})
        for name in relation.attrs:
            tally.add(f"{{n}} {name} value{{s}} on {relation.type} relations not written: "
                      f"{NAME} relations carry only a label")
    return results


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    target = option(options.extra, "target", "annotations", ("annotations", "predictions"))
    report = WriteReport(files=[str(out)])
    tally = Tally()
    with atomic_output(out) as handle:
        handle.write(b"[")
        for number, record in enumerate(records, start=1):
            results = _results_of(record, tally)
            task: dict[str, Any] = {"id": number,
                                    "data": {"text": record.text, "doc_id": record.id}}
            if target == "predictions":
                task["predictions"] = [{"model_version": record.layer or "tawsim",
                                        "result": results}]
            else:
                task["annotations"] = [{"result": results, "was_cancelled": False,
                                        "ground_truth": record.layer == "gold"}]
            handle.write((b",\n" if number > 1 else b"\n") + orjson.dumps(task))
            report.documents += 1
            report.spans += len(record.spans)
            report.relations += len(record.relations)
        handle.write(b"\n]\n")
    if options.scheme is not None:
        config = out.with_name(f"{out.stem}.config.xml")
        with atomic_output(config) as handle:
            handle.write(labelling_config(options.scheme).encode("utf-8"))
        report.files.append(str(config))
    tally.report_to(report)
    return report


def labelling_config(scheme: Any) -> str:
    """The Label Studio labelling config that shows these tasks with the project's scheme."""
    lines = ["<View>", f'  <Labels name="{LABELS}" toName="{TEXT}">']
    for label in scheme.labels:
        lines.append(f"    <Label value={quoteattr(label.name)} "
                     f"background={quoteattr(label.color)} "
                     f"hint={quoteattr(label.display('ar'))}/>")
    lines.append("  </Labels>")
    lines.append(f'  <Text name="{TEXT}" value="$text" granularity="symbol"/>')
    if scheme.relations:
        lines.append("  <Relations>")
        lines.extend(f"    <Relation value={quoteattr(r.name)}/>" for r in scheme.relations)
        lines.append("  </Relations>")
    seen: set[str] = set()
    for label in scheme.labels:
        for attribute in label.attributes:
            if attribute.name in seen:
                continue
            seen.add(attribute.name)
            lines.append(f"  <Choices name={quoteattr(attribute.name)} toName=\"{TEXT}\" "
                         'perRegion="true" choice="single">')
            lines.extend(f"    <Choice value={quoteattr(v.name)}/>" for v in attribute.values)
            lines.append("  </Choices>")
    lines.append(f'  <TextArea name="{NOTE}" toName="{TEXT}" perRegion="true" '
                 'editable="true"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"
