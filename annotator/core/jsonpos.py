"""Where a value sits in a JSON text: the line of a JSON path, for error messages.

Python's json module parses without positions. When a scheme file is valid JSON but breaks a
rule, the message should still say `file:line:`; this walks the (already valid) text once more
along one path and returns the line where that value starts.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Sequence

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _skip(text: str, index: int) -> int:
    return _SPACE.match(text, index).end()  # type: ignore[union-attr]


def _string_end(text: str, index: int) -> tuple[str, int]:
    """The decoded string starting at the quote at `index`, and the index after it."""
    return json.decoder.scanstring(text, index + 1)


def _value_end(text: str, index: int) -> int:
    char = text[index]
    if char == '"':
        return _string_end(text, index)[1]
    if char in "{[":
        return _children(text, index)[1]
    match = _SCALAR.match(text, index)
    if match is None:
        raise ValueError(f"not JSON at {index}")
    return match.end()


def _children(text: str, index: int) -> tuple[list[tuple[str | int, int]], int]:
    """(key or index, start of value) for each member of the container at `index`, and its end.
    A repeated key keeps its last position, as json.loads keeps its last value."""
    closing = "}" if text[index] == "{" else "]"
    members: list[tuple[str | int, int]] = []
    position = _skip(text, index + 1)
    count = 0
    while text[position] != closing:
        if closing == "}":
            key, position = _string_end(text, position)
            position = _skip(text, position) + 1  # the colon
            position = _skip(text, position)
            members.append((key, position))
        else:
            members.append((count, position))
            count += 1
        position = _skip(text, _value_end(text, position))
        if text[position] == ",":
            position = _skip(text, position + 1)
    return members, position + 1


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line where the value at `path` starts, or the deepest part of the path that
    exists; None if `text` is not JSON this walker follows."""
    try:
        position = _skip(text, 0)
        for step in path:
            if text[position] not in "{[":
                break
            members, _ = _children(text, position)
            found = [start for key, start in members if key == step]
            if not found:
                break
            position = found[-1]
    except (ValueError, IndexError):
        return None
    return text.count("\n", 0, position) + 1
