import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import InvariantError
from annotator.core.records import (
    DocumentRecord,
    Origin,
    RelationRecord,
    SpanRecord,
    prepare_record,
)
from annotator.core.scheme import default_scheme
from annotator.core.text import canonicalise_with_map
from tests.texts import ARTICLE_CRLF, arabic_text

SCHEME = default_scheme()


def _span(text, word, label, **kw):
    start = text.index(word)
    return SpanRecord(start=start, end=start + len(word), label=label, text=word, **kw)


def test_crlf_records_keep_their_spans_on_the_same_words():
    claim = "الطريق مفتوح أمام المدنيين"
    record = DocumentRecord(
        text=ARTICLE_CRLF,
        spans=[
            _span(ARTICLE_CRLF, "الزهراء", "LOCATION", id="loc"),
            _span(ARTICLE_CRLF, "المتحدث باسم الدفاع المدني", "ACTOR", id="actor"),
            _span(ARTICLE_CRLF, claim, "CLAIM", id="claim", attrs={"stance": "asserted"}),
            _span(ARTICLE_CRLF, "بسوريا", "LOCATION", id="syria"),
        ],
        relations=[RelationRecord(type="SOURCE", head="claim", tail="actor", id="r1")],
    )
    prepared = prepare_record(record, SCHEME)
    assert "\r" not in prepared.text
    for before, after in zip(record.spans, prepared.spans, strict=True):
        assert prepared.text[after.start:after.end] == before.text == after.text
        assert after.start == before.start - ARTICLE_CRLF[:before.start].count("\r")
    assert prepared.relations[0].head == "claim"


@given(arabic_text, st.data())
def test_any_span_on_raw_text_still_covers_the_same_characters(raw, data):
    raw = "x" + raw
    start = data.draw(st.integers(0, len(raw) - 1))
    end = data.draw(st.integers(start + 1, len(raw)))
    covered = raw[start:end]
    record = DocumentRecord(text=raw, spans=[
        SpanRecord(start=start, end=end, label="CLAIM", text=covered)])
    text, shift = canonicalise_with_map(raw)
    if shift(start) >= shift(end):  # the span held nothing but the CR of a CRLF
        with pytest.raises(InvariantError, match="only a line-ending character"):
            prepare_record(record, SCHEME)
        return
    span = prepare_record(record, SCHEME).spans[0]
    assert (span.start, span.end) == (shift(start), shift(end))
    assert text[span.start:span.end] == span.text
    # Same characters, but for the removed CRs and CRs turned into LF.
    assert span.text.replace("\n", "") == covered.replace("\r", "").replace("\n", "")


@pytest.mark.parametrize(
    ("span", "message"),
    [
        (SpanRecord(start=0, end=999, label="ACTOR"), "span 1: span end 999 is past the end"),
        (SpanRecord(start=3, end=3, label="ACTOR"), "is not before its end"),
        (SpanRecord(start=-1, end=3, label="ACTOR"), "negative"),
        (SpanRecord(start=0, end=5, label="PERSON"), "unknown label 'PERSON'"),
        (SpanRecord(start=0, end=5, label="ACTOR", text="xxxxx"), "not 'xxxxx'"),
        (SpanRecord(start=0, end=5, label="CLAIM", attrs={"stance": "maybe"}), "'maybe'"),
        (SpanRecord(start=0, end=5, label="CLAIM", attrs={"stance": ["denied"]}), "['denied']"),
        (SpanRecord(start=0, end=5, label="CLAIM", attrs=["stance"]), "attrs must be an object"),
        (SpanRecord(start="0", end=5, label="CLAIM"), "whole numbers"),
    ],
)
def test_bad_spans_are_refused_with_file_and_line(span, message):
    record = DocumentRecord(text="أعلنت الشرطة ضبط شاحنة", spans=[span],
                            origin=Origin("data.jsonl", 7))
    with pytest.raises(InvariantError) as error:
        prepare_record(record, SCHEME)
    assert str(error.value).startswith("data.jsonl:7: ")
    assert message in str(error.value)


def test_relations_must_join_spans_of_the_record_with_allowed_labels():
    text = "قال المتحدث إن الطريق مفتوح"
    spans = [_span(text, "المتحدث", "ACTOR", id="a"), _span(text, "الطريق", "LOCATION", id="l")]
    bad_type = DocumentRecord(text=text, spans=spans,
                              relations=[RelationRecord(type="SOURCE", head="l", tail="a")])
    with pytest.raises(InvariantError, match="relation 1: a SOURCE relation goes from CLAIM"):
        prepare_record(bad_type, SCHEME)
    dangling = DocumentRecord(text=text, spans=spans,
                              relations=[RelationRecord(type="SOURCE", head="zz", tail="a")])
    with pytest.raises(InvariantError, match="head 'zz' is not a span of this record"):
        prepare_record(dangling, SCHEME)


def test_duplicate_spans_and_ids_are_refused():
    text = "قال المتحدث"
    twice = DocumentRecord(text=text, spans=[_span(text, "المتحدث", "ACTOR"),
                                             _span(text, "المتحدث", "ACTOR")])
    with pytest.raises(InvariantError, match="span 2: repeats span 1"):
        prepare_record(twice, SCHEME)
    same_id = DocumentRecord(text=text, spans=[_span(text, "المتحدث", "ACTOR", id="x"),
                                               _span(text, "قال", "ACTOR", id="x")])
    with pytest.raises(InvariantError, match="used twice"):
        prepare_record(same_id, SCHEME)


def test_a_nul_character_is_refused():
    with pytest.raises(InvariantError, match="NUL"):
        prepare_record(DocumentRecord(text="قال\x00المتحدث"), SCHEME)
