"""Tawsim JSONL lines made straight from stored rows, for exports of whole projects.

The line is byte for byte what `native.write` writes for the same record (the same keys in
the same order, the same values), without record objects in between. Every span is checked
on the way: offsets inside the text, `text[start:end] == span text`, the label and its
attribute values in the scheme. A record that is not plain (a span that fails those checks,
attributes outside the scheme, relations) gives None: the caller then checks it with
`core.records.verify_record`, which explains what is wrong, and writes it with `native`.

Rows come in the layouts `storage.scan` names: documents (seq, id, text, text_sha256, meta,
...), spans (document, layer, id, start, end, label, text, attrs, note, annotator,
created_at, updated_at).
"""

from __future__ import annotations

from typing import Any

import orjson

from annotator.formats.native import OFFSET_UNIT

_NEWLINE = orjson.OPT_APPEND_NEWLINE


def record_line(document: tuple, layer: str | None, layer_owner: str | None, status: str,
                time_active_s: float | None, spans: list[tuple], relations: list[tuple],
                allowed: dict[str, dict[str, frozenset[str]]]) -> bytes | None:
    """One JSON line with its newline, or None when the record needs the careful way."""
    if relations:
        return None
    text = document[2]
    length = len(text)
    items: list[dict[str, Any]] = []
    append = items.append
    for _, _, span_id, start, end, label, covered, attrs, note, annotator, created, \
            updated in spans:
        if not (0 <= start < end <= length and text[start:end] == covered):
            return None
        rules = allowed.get(label)
        if rules is None:
            return None
        if attrs == "{}":
            values: dict[str, Any] = {}
        else:
            values = orjson.loads(attrs)
            if not _allowed(rules, values):
                return None
        append({"id": span_id, "start": start, "end": end, "label": label, "text": covered,
                "attrs": values, "note": note, "annotator": annotator,
                "created_at": created, "updated_at": updated})
    meta = document[4]
    return orjson.dumps({
        "id": document[1],
        "text": text,
        "text_sha256": document[3],
        "offset_unit": OFFSET_UNIT,
        "meta": {} if not meta or meta == "{}" else orjson.loads(meta),
        "layer": layer,
        "layer_owner": layer_owner,
        "status": status or "new",
        "time_active_s": time_active_s,
        "spans": items,
        "relations": [],
    }, option=_NEWLINE)


def _allowed(rules: dict[str, frozenset[str]], values: Any) -> bool:
    """Attribute values the scheme allows for the label (as core.records checks them)."""
    if type(values) is not dict:
        return False
    for name, value in values.items():
        choices = rules.get(name)
        if choices is None or (value is not None and (type(value) is not str
                                                      or value not in choices)):
            return False
    return True
