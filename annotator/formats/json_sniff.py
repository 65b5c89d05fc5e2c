"""The leading objects of a JSON file, read cheaply for `--format auto`, and what they are.

Only the objects complete in the file's first SNIFF_BYTES are parsed (or the whole file, when
even the first object is longer), at most SNIFFED_ITEMS of them; `json_shape` then tells which
format they belong to (see json_shapes) or refuses, naming the candidates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.formats.files import UTF8_BOM, parse_json_document, read_bytes, wide_encoding
from annotator.formats.json_shapes import collection_shape

SNIFF_BYTES = 65536  # how much of a file --format auto reads to recognise it
SNIFFED_ITEMS = 1000  # leading objects looked at


def json_shape(path: Path) -> str:
    """"labelstudio", "doccano" or "article" for a JSON file's leading objects; raises a
    one-line TawsimError naming the candidates when they cannot tell."""
    return collection_shape(leading_items(path), str(path))


def leading_items(path: Path) -> list[Any]:
    """The objects a JSON file begins with: those complete in its first SNIFF_BYTES, or
    the whole file's when the first is longer. [] when it is not JSON."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            whole = len(head) < SNIFF_BYTES
    except OSError:
        return []
    wide = wide_encoding(head)
    text = (head.decode(wide, "ignore") if wide
            else head.removeprefix(UTF8_BOM).decode("utf-8", "ignore")).lstrip()
    items = _complete_items(text)
    if items is None and not whole:
        try:
            value = parse_json_document(path, read_bytes(path))
        except TawsimError:
            return []
        items = _items_of(value)
    return items or []


def _complete_items(text: str) -> list[Any] | None:
    """The complete leading objects of a JSON text; None when not even one is complete."""
    decoder = json.JSONDecoder()
    if text.startswith("{"):
        try:
            value, _ = decoder.raw_decode(text)
        except (ValueError, RecursionError):  # nesting too deep is refused when it is read
            return None
        return _items_of(value)
    if not text.startswith("["):
        return []
    items: list[Any] = []
    position = 1
    while len(items) < SNIFFED_ITEMS:
        position = _skip(text, position)
        if position >= len(text) or text[position] == "]":
            return items
        try:
            value, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            return items or None
        items.append(value)
        position = _skip(text, position)
        if position < len(text) and text[position] == ",":
            position += 1
    return items


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _items_of(value: Any) -> list[Any]:
    """The task-or-article objects of a whole JSON value, the way the readers take them."""
    if isinstance(value, list):
        return value[:SNIFFED_ITEMS]
    if isinstance(value, dict):
        if "data" in value:
            return [value]
        tasks = value.get("tasks")
        if isinstance(tasks, list):
            return tasks[:SNIFFED_ITEMS]
        arrays = [v for v in value.values() if isinstance(v, list)]
        if len(arrays) == 1:  # one object holding the array, as the article reader takes it
            return arrays[0][:SNIFFED_ITEMS]
        return [value]
    return []
