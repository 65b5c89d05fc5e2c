"""Label Studio's JSON_MIN records (and the rows of its CSV and TSV exports) into records.

JSON_MIN writes one object per task and annotation: the task's data fields at the top
(`text`, ...), the task's `id`, one key per labelling control holding its regions
(`{"start", "end", "text", "labels": [...]}` for labels; `choices` or a list of `text` for
per-region choices and notes), and the annotation's `annotator`, `annotation_id`,
`created_at`, `updated_at` and `lead_time`. CSV and TSV hold the same fields as columns, the
regions as a JSON string. Region ids and relations are not in these exports; a control with
a single choice or note is written as that bare value, which is kept in the metadata.
"""

from __future__ import annotations

from typing import Any

from annotator.core.errors import InvariantError, TawsimError, translatable
from annotator.core.ids import new_id
from annotator.core.records import DocumentRecord, SpanRecord
from annotator.formats.base import ReadOptions
from annotator.formats.common import ReadNotes, check_span, document_id
from annotator.formats.json_shapes import MINIMAL_KEYS, region_lists
from annotator.formats.labelstudio.units import OffsetUnits

_NOT_TEXT = frozenset(("id", "doc_id", *MINIMAL_KEYS))


def _text_key(item: dict, regions: list[str], options: ReadOptions) -> str:
    wanted = options.fields.get("text")
    if wanted:
        if wanted not in item:
            raise InvariantError(f"the record has no {wanted!r} field")
        return wanted
    if "text" in item and isinstance(item["text"], str):
        return "text"
    strings = [key for key, value in item.items()
               if isinstance(value, str) and key not in _NOT_TEXT and key not in regions]
    if len(strings) == 1:
        return strings[0]
    raise InvariantError("cannot tell which field holds the text; name it with "
                         "--field text=NAME")


def record_from_minimal(item: Any, options: ReadOptions, notes: ReadNotes,
                        where: str) -> DocumentRecord:
    """One JSON_MIN record (or CSV row, its regions parsed) as a DocumentRecord."""
    if not isinstance(item, dict):
        raise InvariantError("each record must be an object")
    regions = region_lists(item)
    text_key = _text_key(item, regions, options)
    text = item[text_key]
    if not isinstance(text, str):
        raise InvariantError(f"field {text_key!r} must be text")
    doc_id = document_id(item.get("doc_id", item.get("id")), "the record's doc_id or id")
    units = OffsetUnits(text)
    spans: list[SpanRecord] = []
    details: list[tuple[str, dict]] = []
    for control in regions:
        for number, region in enumerate(item[control], start=1):
            try:
                if "labels" in region:
                    spans.extend(_labelled(region, text, units, options))
                elif "choices" in region or isinstance(region.get("text"), list):
                    details.append((control, region))
                else:
                    notes.add(f"regions of {control!r} with neither labels, choices nor a "
                              "note not imported", where)
            except TawsimError as error:
                raise InvariantError(translatable("{control} region {number}: {problem}"),
                                     fields={"control": control, "number": number,
                                             "problem": error.said}) from None
    for control, region in details:
        _attach(control, region, spans, notes, where)
    meta = {key: value for key, value in item.items()
            if key not in (text_key, "doc_id") and key not in regions
            and not (key == "id" and "doc_id" not in item)}
    if units.converted:
        notes.add("spans with offsets in UTF-16 units (an emoji stands before them) "
                  "converted to code points", f"{where} ×{units.converted}")
    return DocumentRecord(text=text, id=doc_id, meta=meta, spans=spans)


def _labelled(region: dict, text: str, units: OffsetUnits,
              options: ReadOptions) -> list[SpanRecord]:
    start, end, labels = region["start"], region["end"], region["labels"]
    if not isinstance(labels, list) or not labels:
        raise InvariantError("a region names no label")
    covered = region.get("text")
    if covered is not None and not isinstance(covered, str):
        raise InvariantError(f"a region's text must be text, not {covered!r}")
    if 0 <= start <= end:
        start, end = units.code_points(start, end, covered)
    spans = []
    for label in labels:
        check_span(text, start, end, label, covered, options.scheme)
        spans.append(SpanRecord(start=start, end=end, label=label, id=new_id()))
    return spans


def _attach(control: str, region: dict, spans: list[SpanRecord], notes: ReadNotes,
            where: str) -> None:
    """A per-region choice (an attribute named after its control) or note, set on the spans
    over the same characters."""
    targets = [s for s in spans if (s.start, s.end) == (region["start"], region["end"])]
    if not targets:
        notes.add(f"{control!r} values on stretches with no labelled span not imported", where)
        return
    if "choices" in region:
        choices = region["choices"]
        if not isinstance(choices, list) or len(choices) != 1:
            raise InvariantError(f"per-region choices {control!r} must hold exactly one "
                                 "choice (a Tawsim attribute has one value)")
        for span in targets:
            span.attrs[control] = choices[0]
        return
    texts = region["text"]
    if not all(isinstance(t, str) for t in texts):
        raise InvariantError("a note's text must be a list of texts")
    for span in targets:
        span.note = "\n".join(texts)
