"""The rules every span and relation obeys, checked on every write and every export.

- 0 <= start < end <= len(text), and text[start:end] equals the span's stored text;
- the label, attribute names and values, and relation type exist in the scheme;
- a relation's ends are spans of the same document and layer, with labels the type allows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotator.core.errors import InvariantError, translatable
from annotator.core.scheme import Scheme


def check_offsets(text: str, start: Any, end: Any, covered: Any = None) -> None:
    """Bounds and covered text; `covered` None skips the text comparison."""
    if type(start) is not int or type(end) is not int:
        raise InvariantError(translatable("span offsets must be whole numbers, got {start!r} "
                                          "and {end!r}"), fields={"start": start, "end": end})
    if start < 0:
        raise InvariantError(translatable("span start {start} is negative"),
                             fields={"start": start})
    if end > len(text):
        raise InvariantError(
            translatable("span end {end} is past the end of the text ({length} characters)"),
            fields={"end": end, "length": len(text)})
    if start >= end:
        raise InvariantError(translatable("span start {start} is not before its end {end}"),
                             fields={"start": start, "end": end})
    if covered is not None and text[start:end] != covered:
        raise InvariantError(
            translatable("span {start}-{end} covers {found} in the text, not {expected}"),
            fields={"start": start, "end": end, "found": _show(text[start:end]),
                    "expected": _show(covered)})


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
