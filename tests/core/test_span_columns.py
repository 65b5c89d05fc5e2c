"""A batch packed in columns for the trip between the import's processes comes back as the
same documents with the same spans, in order, and SQLite gets the same rows."""

from __future__ import annotations

import pickle
from itertools import chain

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.prepared import ALL_PLAIN, SPANS
from annotator.core.span_columns import SpanRun, pack_batch, plain_rows, unpack_batch

PIECE = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                min_size=1, max_size=6)
SPAN = st.tuples(st.text("abc-0123456789", min_size=1, max_size=8),
                 st.integers(0, 2**40), st.integers(0, 2**40),
                 st.sampled_from(["LOCATION", "ACTOR", "موقع"]), PIECE)


def _document(position: int, spans: list[tuple]) -> tuple:
    plain = [(position, *span) for span in spans]
    return (position + 1, position, f"d{position}", "عنوان", "نص".encode(), "ab" * 32, "{}",
            "gold", None, "done", 1.5, plain, True)


@st.composite
def batches(draw) -> list[tuple]:
    runs = draw(st.lists(st.lists(SPAN, max_size=5), min_size=1, max_size=8))
    return [_document(position, spans) for position, spans in enumerate(runs)]


@given(batches())
def test_a_packed_batch_unpacks_to_the_same_documents(documents):
    packed = pack_batch(documents)
    if not any(document[SPANS] for document in documents):
        assert packed is None  # nothing to gain: sent as it is
        return
    again = unpack_batch(pickle.loads(pickle.dumps(packed)))
    assert [d[:SPANS] for d in again] == [d[:SPANS] for d in documents]
    assert [d[ALL_PLAIN] for d in again] == [d[ALL_PLAIN] for d in documents]
    for before, after in zip(documents, again, strict=True):
        assert isinstance(after[SPANS], SpanRun)
        assert list(after[SPANS]) == before[SPANS]
        assert after[SPANS] == before[SPANS]
        assert len(after[SPANS]) == len(before[SPANS])
        assert bool(after[SPANS]) == bool(before[SPANS])
    expected = list(chain.from_iterable(d[SPANS] for d in documents))
    assert list(plain_rows(again)) == expected
    # A part of a batch (the careful way takes documents one by one) reads its own rows.
    assert list(plain_rows(again[1:])) == list(chain.from_iterable(d[SPANS]
                                                                   for d in documents[1:]))


def test_a_batch_with_a_span_beyond_the_plain_fields_is_not_packed():
    document = _document(0, [("s1", 0, 2, "ACTOR", "نص")])
    full = (*document[:SPANS], [(*document[SPANS][0], '{"a":"b"}', "", None, None, None)],
            False)
    assert pack_batch([document, full]) is None


def test_a_value_holding_the_separator_cannot_shift_the_columns_unnoticed():
    document = _document(0, [("s1", 0, 2, "ACTOR", "a\x00b"), ("s2", 3, 5, "ACTOR", "cd")])
    packed = pack_batch([document])
    with pytest.raises(ValueError, match="differ in length"):
        unpack_batch(packed)
