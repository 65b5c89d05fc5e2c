"""spaCy's training-data JSON Lines: `[text, {"entities": [[start, end, label], ...]}]`.

`entities` must not overlap (spaCy puts them in `doc.ents`), so it holds the first label
family (the entities) without overlaps; every span, CLAIMs and nested ones included, is also
listed under `"spans": {"sc": [...]}`, which `Example.from_dict` reads into
`doc.spans["sc"]`. Offsets are code points.

spaCy keeps a span only when its edges fall on its tokens; otherwise `Example.from_dict` drops
the entity (W030) or refuses the span group (E855). So, as for the DocBin export, every span
is checked against the tokens of `spacy.blank("ar")` and each one off their edges is handled
by `misaligned` (spacy_tokens) and reported: `split` (the default) cuts the tokens, and the
line then carries them as `"words"` and `"spaces"`, from which `Example.from_dict` builds its
reference Doc; `expand` writes the span widened to whole tokens; `skip` leaves it out. The
reader needs no spaCy, and neither does the writer, which without it writes the spans
unchecked and says so.
"""

from __future__ import annotations

import importlib.util
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
    option,
)
from annotator.formats.files import atomic_output, first_json_line, records_from_json_lines
from annotator.formats.spacy_tokens import POLICIES, SpanPlacer

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
    placer = _placer(options, report, tally)
    with atomic_output(out) as handle:
        for record in records:
            annotations, written = _annotations(record, placer, entity_labels, tally, shown)
            count_losses(record, tally, NAME, relations=True, attributes=True, notes=True)
            handle.write(orjson.dumps([record.text, annotations]) + b"\n")
            report.documents += 1
            report.spans += written
    tally.report_to(report)
    return report


def _placer(options: WriteOptions, report: WriteReport, tally: Tally) -> SpanPlacer | None:
    """spaCy's tokens to check the spans against, when spaCy is installed."""
    option(options.extra, "misaligned", "split", POLICIES)  # a bad value is refused either way
    if importlib.util.find_spec("spacy") is None:
        report.warn("spaCy is not installed, so the spans were not checked against the tokens "
                    'of spacy.blank("ar"): a span whose edge falls inside a token is dropped '
                    "by spaCy (install it with pip install 'tawsim[spacy]')")
        return None
    return SpanPlacer(options, report, tally)


def _annotations(record: DocumentRecord, placer: SpanPlacer | None, entity_labels: Any,
                 tally: Tally, shown: str) -> tuple[dict[str, Any], int]:
    """The line's annotations dict and how many spans it holds."""
    if placer is None:
        where = [(span.start, span.end, span.label) for span in record.spans]
        extra: dict[str, Any] = {}
    else:
        placed = placer.place(record)
        where = [(item.start_char, item.end_char, span.label) for span, item in placed.kept]
        # Tokens cut at span edges travel with the line: Example.from_dict builds its
        # reference Doc from them, so every span falls on a token edge.
        extra = ({"words": [token.text for token in placed.doc],
                  "spaces": [bool(token.whitespace_) for token in placed.doc]}
                 if placed.retokenised else {})
    spans = [SpanRecord(start, end, label) for start, end, label in dict.fromkeys(where)]
    entities, overlapping = non_overlapping(s for s in spans if s.label in entity_labels)
    tally.add("{n} span{s} overlapping another entity written only under "
              f"spans[{SPAN_KEY!r}], not entities", len(overlapping))
    others = sum(1 for s in spans if s.label not in entity_labels)
    tally.add(f"{{n}} span{{s}} outside the entity family ({shown}) "
              f"written only under spans[{SPAN_KEY!r}]", others)
    annotations = {
        **extra,
        "entities": [[s.start, s.end, s.label] for s in entities],
        "spans": {SPAN_KEY: [[s.start, s.end, s.label] for s in spans]},
    }
    return annotations, len(spans)
