"""Telling Label Studio tasks from a JSON array of articles, for `--format auto`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.formats.articles import TEXT_FIELDS
from annotator.formats.files import UTF8_BOM, parse_json_document, read_bytes, wide_encoding

SNIFF_BYTES = 65536  # how much of a file --format auto reads to recognise it
SNIFFED_ITEMS = 1000  # leading objects looked at
# Keys only a Label Studio task has next to its `data`.
_TASK_KEYS = ("annotations", "predictions", "completions")


def sniff(path: Path) -> bool:
    """Label Studio tasks, told from a JSON array of articles by their shape.

    A task keeps its text in `data`; an article keeps it at the top and may carry a `data`
    object of its own (a feed's metadata). So a leading object is a task when it has
    annotations or predictions, or when its text is in `data` and it has no text of its own;
    an article when its text is at the top and `data` holds no text. An object with a text
    both at the top and in `data`, or a file mixing both kinds, is refused: guessing wrong
    would import the wrong text without a word.
    """
    kinds = {item_kind(item) for item in _leading_items(path)}
    if "either" in kinds or kinds >= {"task", "article"}:
        raise TawsimError("cannot tell Label Studio tasks from a JSON array of articles "
                          "(objects with a text both in 'data' and outside it); pass "
                          "--format labelstudio or --format json", path=str(path))
    return kinds == {"task"}


def item_kind(item: Any) -> str:
    """'task', 'article', or 'either' when its shape cannot tell (a text both at the top
    and in `data`)."""
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        return "article"
    if any(key in item for key in _TASK_KEYS):
        return "task"
    if not any(isinstance(item.get(key), str) for key in TEXT_FIELDS):
        return "task"
    return "either" if isinstance(item["data"].get("text"), str) else "article"


def _leading_items(path: Path) -> list[Any]:
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
        except ValueError:
            return None
        return _items_of(value)
    if not text.startswith("["):
        return []
    items: list[Any] = []
    position = 1
    while True:
        position = _skip(text, position)
        if position >= len(text) or text[position] == "]":
            return items
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            return items or None
        items.append(value)
        position = _skip(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _items_of(value: Any) -> list[Any]:
    """The task-or-article objects of a whole JSON value, the way `read` takes them."""
    if isinstance(value, list):
        return value[:SNIFFED_ITEMS]
    if isinstance(value, dict):
        if "data" in value:
            return [value]
        tasks = value.get("tasks")
        if isinstance(tasks, list):
            return tasks[:SNIFFED_ITEMS]
    return []

