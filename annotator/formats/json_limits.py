"""How deep and how large the JSON that Tawsim reads may be, checked before anything uses it.

JSON nested a few hundred levels deep parses, but then breaks whatever walks it recursively
(orjson writes at most 255 levels, Python's json module and jsonschema recurse once per
level): such a value is refused where it is read, with its file and line. A whole-file JSON
document (a JSON array of articles, Label Studio tasks) is parsed in memory, and so is each
line of a JSON Lines file: both are bounded, and a larger collection belongs in JSON Lines.
"""

from __future__ import annotations

import re
from typing import Any

from annotator.core.errors import Phrase, TawsimError, translatable

MAX_JSON_DEPTH = 100  # nested arrays and objects; real metadata uses a handful
MAX_JSON_FILE_BYTES = 1 << 30  # 1 GiB for a whole-file JSON document
MAX_JSON_LINE_BYTES = 256 << 20  # 256 MiB for one line of JSON Lines


def json_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """How many arrays and objects are nested in `value` (a scalar is 0), counted without
    recursion and only up to `limit + 1`, so any depth is measured safely and quickly."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, dict | list))
    return deepest


def may_nest_deeply(raw: bytes | str) -> bool:
    """Whether JSON text could nest deeper than MAX_JSON_DEPTH: only if it has more opening
    brackets than that (those inside strings counted too, so never a false no). A record line
    has a dozen; counting them is far cheaper than walking the parsed value."""
    if isinstance(raw, bytes):
        return raw.count(b"{") + raw.count(b"[") > MAX_JSON_DEPTH
    return raw.count("{") + raw.count("[") > MAX_JSON_DEPTH


_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"?', re.DOTALL)


def text_depth(raw: bytes | str) -> int:
    """How deep the brackets of JSON text nest, strings left out; for text a parser could
    not read (cut off, say), where the parsed value is not there to measure."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    depth = deepest = 0
    for byte in _STRINGS.sub(b"", data):
        if byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        elif byte in b"]}":
            depth = max(depth - 1, 0)
    return deepest


def check_json_depth(value: Any, path: str | None = None, line: int | None = None) -> Any:
    """`value` itself, or a one-line refusal when it nests deeper than MAX_JSON_DEPTH."""
    if isinstance(value, dict | list) and json_depth(value) > MAX_JSON_DEPTH:
        raise TawsimError(depth_refusal(), path=path, line=line)
    return value


def depth_refusal() -> Phrase:
    return Phrase(translatable("the JSON nests more than {depth} arrays or objects deep; "
                               "Tawsim reads at most that many"), {"depth": MAX_JSON_DEPTH})


def too_large(limit: int, what: str, path: str, line: int | None = None) -> TawsimError:
    return TawsimError(f"{what} is larger than {_size(limit)}, the most Tawsim reads at once "
                       "(split it into JSON Lines, one record a line)", path=path, line=line)


def _size(count: int) -> str:
    return f"{count >> 20} MiB" if count >= 1 << 20 else f"{count} bytes"
