"""The rules every span and relation obeys, checked on every write and every export.

- 0 <= start < end <= len(text), and text[start:end] equals the span's stored text;
- the label, attribute names and values, and relation type exist in the scheme;
- a relation's ends are spans of the same document and layer, with labels the type allows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotator.core.errors import InvariantError
from annotator.core.scheme import Scheme


def check_offsets(text: str, start: Any, end: Any, covered: Any = None) -> None:
    """Bounds and covered text; `covered` None skips the text comparison."""
    if type(start) is not int or type(end) is not int:
        raise InvariantError(f"span offsets must be whole numbers, got {start!r} and {end!r}")
    if start < 0:
        raise InvariantError(f"span start {start} is negative")
    if end > len(text):
        raise InvariantError(
            f"span end {end} is past the end of the text ({len(text)} characters)"
        )
    if start >= end:
        raise InvariantError(f"span start {start} is not before its end {end}")
    if covered is not None and text[start:end] != covered:
        raise InvariantError(
            f"span {start}-{end} covers {_show(text[start:end])} in the text, "
            f"not {_show(covered)}"
        )


def _show(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


def check_span(text: str, start: int, end: int, label: str, covered: str,
               attrs: Mapping[str, Any], scheme: Scheme) -> None:
    check_offsets(text, start, end, covered)
    scheme.check_span_label(label, attrs)


def check_relation(type_: str, head_label: str, tail_label: str,
                   attrs: Mapping[str, Any], scheme: Scheme) -> None:
    scheme.check_relation(type_, head_label, tail_label, attrs)
