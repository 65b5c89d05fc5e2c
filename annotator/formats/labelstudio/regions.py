"""The results of one Label Studio region, read: its spans, its choices and note, and the
relations between regions.

A region is the results that share an id: a `labels` result gives its spans (one per
label), per-region `choices` its attributes and a `textarea` its note.
"""

from __future__ import annotations

from annotator.core.errors import InvariantError
from annotator.core.ids import new_id
from annotator.core.records import RelationRecord, SpanRecord
from annotator.formats.base import ReadOptions
from annotator.formats.common import check_span, local_id
from annotator.formats.labelstudio.units import OffsetUnits


def region_id(item: dict) -> str | None:
    """The id a result shares with the other results of its region; None when it has none:
    such a region has no choices, notes or relations of its own, and a choice without an id
    belongs to no region."""
    value = item.get("id")
    return None if value is None else str(local_id(value, "a result's id"))


def region_spans(item: dict, text: str, units: OffsetUnits,
                 options: ReadOptions) -> list[SpanRecord]:
    """The spans of a `labels` result, one per label it names."""
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


def region_detail(item: dict, spans: list[SpanRecord]) -> None:
    """A `textarea` (note) or per-region `choices` (attribute) result, set on the spans
    of its region."""
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


def relation_of(item: dict, regions: dict[str, list[SpanRecord]]) -> RelationRecord:
    """A `relation` result between two labelled regions, head first."""
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

