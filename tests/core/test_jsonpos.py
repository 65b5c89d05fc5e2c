"""Finding the line of a JSON path, for scheme errors that say `file:line:`."""

import json

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.jsonpos import line_of

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False,
                    allow_infinity=False), st.text(max_size=8))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=20,
)
MARK = "\u0001mark"


def _leaf_paths(value, path=()):
    """Paths to scalars and to empty containers."""
    if isinstance(value, dict | list) and not value:
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaf_paths(item, (*path, index))
    else:
        yield path


def _with_mark(value, path):
    if not path:
        return MARK
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _with_mark(value[path[0]], path[1:])
    return copy


@given(values, st.data(), st.sampled_from([2, None]), st.booleans())
def test_the_line_of_every_leaf(value, data, indent, ascii_only):
    paths = list(_leaf_paths(value))
    path = data.draw(st.sampled_from(paths))
    marked = _with_mark(value, path)
    text = json.dumps(marked, indent=indent, ensure_ascii=ascii_only)
    expected = text[: text.index(json.dumps(MARK, ensure_ascii=ascii_only))].count("\n") + 1
    assert line_of(text, path) == expected


def test_containers_repeated_keys_and_missing_paths():
    text = '{\n  "a": [\n    1,\n    {"b": 2}\n  ],\n  "a": {\n    "c": 3\n  }\n}'
    assert line_of(text, ["a"]) == 6  # json.loads keeps the last "a"; so does the locator
    assert line_of(text, ["a", "c"]) == 7
    assert line_of(text, ["a", "missing"]) == 6  # the deepest part that exists
    assert line_of(text, []) == 1
    assert line_of("not json", ["a"]) == 1
    assert line_of('{"a": [1, 2', ["a", 5]) is None
