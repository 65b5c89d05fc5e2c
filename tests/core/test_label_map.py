"""Mapping another dataset's labels onto the scheme at import."""

import pytest

from annotator.core.errors import TawsimError
from annotator.core.label_map import LabelMap
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord
from annotator.core.scheme import default_scheme

TEXT = "قالت وزارة الدفاع إن القصف على حلب وقع يوم الأحد."


def span(word, label, span_id):
    start = TEXT.index(word)
    return SpanRecord(start, start + len(word), label, word, id=span_id)


RECORD = DocumentRecord(
    TEXT, id="d1",
    spans=[span("وزارة الدفاع", "ORG", "s1"), span("حلب", "GPE", "s2"),
           span("يوم الأحد", "DATE", "s3"), span("القصف", "EVENT", "s4")],
    relations=[RelationRecord("SOURCE", "s4", "s1", id="r1")],
)


@pytest.fixture
def scheme():
    return default_scheme()


def test_renames_keep_offsets_and_drops_take_their_relations(scheme):
    labels = LabelMap.parse(["ORG=ACTOR,GPE=LOCATION", "DATE="], scheme, drop_unknown=True)
    mapped, left_out = labels.apply(RECORD)
    assert [(s.label, TEXT[s.start:s.end]) for s in mapped.spans] == [
        ("ACTOR", "وزارة الدفاع"), ("LOCATION", "حلب")]
    assert mapped.relations == []
    assert labels.dropped_spans == {}  # counted only once the record is imported
    labels.count(left_out)
    assert labels.dropped_spans == {"DATE": 1, "EVENT": 1}
    assert labels.report() == [
        "left out 2 spans (1 DATE, 1 EVENT) and 1 relation on them by the label map"]


def test_without_drop_unknown_an_unmapped_label_stays_and_is_refused_later(scheme):
    labels = LabelMap.parse(["ORG=ACTOR"], scheme)
    assert labels.target("EVENT") == "EVENT"
    with pytest.raises(TawsimError, match="unknown label 'EVENT'"):
        labels.reading_scheme().label("EVENT")
    assert labels.reading_scheme().label("ORG").name == "ACTOR"
    assert labels.reading_scheme().label_names == scheme.label_names


@pytest.mark.parametrize(("specs", "message"), [
    (["ORG"], "--map takes SOURCE=LABEL"),
    (["=ACTOR"], "--map takes SOURCE=LABEL"),
    (["ORG=ACTOR", "ORG="], "--map names ORG twice"),
    (["ORG=PLACE"], "--map ORG=PLACE: unknown label 'PLACE'"),
])
def test_bad_maps_are_refused_in_one_line(scheme, specs, message):
    with pytest.raises(TawsimError, match=message) as caught:
        LabelMap.parse(specs, scheme)
    assert "\n" not in str(caught.value)


def test_an_empty_map_leaves_the_record_as_it_is(scheme):
    labels = LabelMap.parse([], scheme)
    assert labels.empty
    assert labels.apply(RECORD)[0] is RECORD


def test_map_entries_the_input_never_had_are_named(scheme):
    labels = LabelMap.parse(["ORGG=ACTOR,GPE=LOCATION,TIME="], scheme, drop_unknown=True)
    labels.count(labels.apply(RECORD)[1])
    assert labels.report()[0] == "--map names labels the input does not have: ORGG, TIME"
