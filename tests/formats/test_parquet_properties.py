"""Property: whatever the text (astral characters, combining marks, NBSP, line separators)
and wherever the spans fall, a record written to Parquet reads back field for field, with
`text[start:end]` still the span's text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.formats.base import ReadOptions, WriteOptions
from annotator.formats.parquet import read, write

pytest.importorskip("pyarrow")

CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00")
TEXTS = st.text(alphabet=st.one_of(CHARACTERS, st.sampled_from(
    "بسم\u0651\u064e\u0640\u00a0\u2028 🚀👍🏽\U0001f1ee\U0001f1f6")), min_size=1, max_size=60)
NAMES = st.text(alphabet=CHARACTERS, max_size=12)
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), NAMES)


@st.composite
def records(draw) -> DocumentRecord:
    text = draw(TEXTS)
    spans = []
    for index in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(SpanRecord(start, end, draw(NAMES) or "L", text[start:end], f"s{index}",
                                draw(st.dictionaries(NAMES, st.one_of(st.none(), NAMES),
                                                     max_size=2)),
                                draw(NAMES), draw(st.one_of(st.none(), NAMES))))
    relations = [RelationRecord("R", spans[0].id, spans[-1].id, f"r{i}", {"k": draw(NAMES)})
                 for i in range(draw(st.integers(0, 2)))] if spans else []
    return DocumentRecord(
        text=text, id=draw(st.one_of(st.none(), NAMES)), layer=draw(st.one_of(st.none(), NAMES)),
        meta=draw(st.dictionaries(NAMES, st.one_of(VALUES, st.lists(VALUES, max_size=3)),
                                  max_size=3)),
        status=draw(st.sampled_from(["new", "done"])), spans=spans, relations=relations,
        layer_owner=draw(st.one_of(st.none(), NAMES)),
        time_active_s=draw(st.one_of(st.none(), st.floats(0, 1e6))))


def _fields(record: DocumentRecord) -> tuple:
    return (record.id, record.text, record.meta, record.layer, record.status or "new",
            record.layer_owner, record.time_active_s,
            [(s.id, s.start, s.end, s.label, s.text, s.attrs, s.note, s.annotator)
             for s in record.spans],
            [(r.id, r.type, r.head, r.tail, r.attrs) for r in record.relations])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=6), st.booleans())
def test_records_read_back_field_for_field(batch, one_file):
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / ("one.parquet" if one_file else "parts")
        write(batch, out, WriteOptions(extra={"shard": "2", "jobs": "1"} if not one_file
                                       else {}))
        back = list(read(out, ReadOptions()))
    assert [_fields(item) for item in back] == [_fields(record) for record in batch]
    for item in back:
        for span in item.spans:
            assert item.text[span.start:span.end] == span.text
