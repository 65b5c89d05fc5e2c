"""spaCy's training-data JSON Lines: `[text, {"entities": [[start, end, label], ...]}]`.

Needs no spaCy. `entities` must not overlap (spaCy puts them in `doc.ents`), so it holds the
first label family (the entities) without overlaps; every span, CLAIMs and nested ones
included, is also listed under `"spans": {"sc": [...]}`, which `Example.from_dict` reads
into `doc.spans["sc"]`. Offsets are code points; aligning them to tokens is the reader's
business (the `docbin` export does it and reports every span that needed it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.records import DocumentRecord, SpanRecord
from annotator.formats.base import ReadItem, ReadOptions, WriteOptions, WriteReport
from annotator.formats.common import (
    Tally,
    check_span,
    count_losses,
    first_family,
    label_families,
    non_overlapping,
)
from annotator.formats.files import atomic_output, first_json_line, records_from_json_lines

NAME = "spaCy JSONL"
SPAN_KEY = "sc"


def sniff(path: Path) -> bool:
    value = first_json_line(path)
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and isinstance(value[1], dict))


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    yield from records_from_json_lines(path, options,
                                       lambda value: record_from_json(value, options))


def _triples(items: Any, where: str, text: str, options: ReadOptions) -> list[SpanRecord]:
    if not isinstance(items, list):
        raise InvariantError(f"{where} must be a list of [start, end, label]")
    spans = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, list | tuple) or len(item) != 3:
            raise InvariantError(f"{where} item {index} must be [start, end, label]")
        start, end, label = item
        try:
            check_span(text, start, end, label, scheme=options.scheme)
        except TawsimError as error:
            raise InvariantError(f"{where} item {index}: {error.message}") from None
        spans.append(SpanRecord(start=start, end=end, label=label))
    return spans


def record_from_json(value: Any, options: ReadOptions) -> DocumentRecord:
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and isinstance(value[1], dict)):
        raise InvariantError('each line must be [text, {"entities": [...]}]')
    text, annotations = value
    spans = _triples(annotations.get("entities", []), "entities", text, options)
    groups = annotations.get("spans", {})
    if not isinstance(groups, dict):
        raise InvariantError("'spans' must map a group name to a list of [start, end, label]")
    for key, items in groups.items():
        spans.extend(_triples(items, f"spans[{key!r}]", text, options))
    unique: dict[tuple[int, int, str], SpanRecord] = {}
    for span in spans:
        unique.setdefault((span.start, span.end, span.label), span)
    return DocumentRecord(text=text, spans=list(unique.values()))


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    report = WriteReport(files=[str(out)])
    tally = Tally()
    families = label_families(options.scheme, options.extra.get("families"))
    entity_labels = first_family(families)
    shown = "/".join(families[0][1]) if families else ""
    with atomic_output(out) as handle:
        for record in records:
            entities, overlapping = non_overlapping(
                s for s in record.spans if s.label in entity_labels)
            tally.add("{n} span{s} overlap another entity and are written only under "
                      f"spans[{SPAN_KEY!r}], not entities", len(overlapping))
            others = sum(1 for s in record.spans if s.label not in entity_labels)
            tally.add(f"{{n}} span{{s}} outside the entity family ({shown}) "
                      f"are written only under spans[{SPAN_KEY!r}]", others)
            count_losses(record, tally, NAME, relations=True, attributes=True, notes=True)
            line = [record.text, {
                "entities": [[s.start, s.end, s.label] for s in entities],
                "spans": {SPAN_KEY: [[s.start, s.end, s.label] for s in record.spans]},
            }]
            handle.write(orjson.dumps(line) + b"\n")
            report.documents += 1
            report.spans += len(record.spans)
    tally.report_to(report)
    return report
