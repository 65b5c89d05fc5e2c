"""The bracket count that spares JSON Lines readers the depth walk never lets a deep value
through."""

import orjson
from hypothesis import given
from hypothesis import strategies as st

from annotator.formats.json_limits import MAX_JSON_DEPTH, json_depth, may_nest_deeply, text_depth

VALUES = st.recursive(st.none() | st.integers(-1000, 1000) | st.text(alphabet="{[]}\"\\ab"),
                      lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(alphabet="{[ab", max_size=3), inner, max_size=3),
                      max_leaves=40)


def _nested(depth: int, inner):
    for level in range(depth):
        inner = [inner] if level % 2 else {"k": inner}
    return inner


@given(value=VALUES, extra=st.integers(0, MAX_JSON_DEPTH + 5))
def test_a_value_deeper_than_the_limit_always_counts_as_maybe_deep(value, extra):
    wrapped = _nested(extra, value)
    raw = orjson.dumps(wrapped)
    if json_depth(wrapped) > MAX_JSON_DEPTH:
        assert may_nest_deeply(raw)
        assert may_nest_deeply(raw.decode())


def test_a_record_line_is_not_walked():
    record = {"id": "d", "text": "نص", "spans": [{"start": 0, "end": 1, "label": "ACTOR"}] * 10}
    assert not may_nest_deeply(orjson.dumps(record))


@given(value=VALUES, extra=st.integers(0, 8))
def test_the_text_depth_is_the_depth_of_the_value(value, extra):
    """Brackets inside strings (quoted and escaped) do not count."""
    wrapped = _nested(extra, value)
    raw = orjson.dumps(wrapped)
    depth = json_depth(wrapped, limit=10_000)
    assert text_depth(raw) == depth
    assert text_depth(raw.decode()) == depth


def test_a_document_cut_off_deep_inside_is_measured():
    assert text_depth(b'{"text": "x", "meta": ' + b"[" * 1000 + b"1,\n") == 1001
