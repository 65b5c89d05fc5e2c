"""What a Tawsim Parquet dataset holds: its Arrow schema, its key-value metadata, and pyarrow
itself, imported only when Parquet is read or written (it is an optional extra).

One row per document and layer, the same fields as a native JSONL record. Spans and relations
are nested columns (list<struct>); their `attrs`, like the record's `meta`, are JSON object
text: attribute values are open-ended, and Hugging Face `datasets` has no type for Arrow's
map columns, so JSON text is the one form every reader takes as it is (DuckDB `json_extract`,
Spark `get_json_object`, Polars `str.json_decode`, Python `json.loads`). `title` is derived
(the title the project shows) and is not read back: it follows from `meta` and the text
(a title that does not, from a file another tool wrote, is read into `meta`).
"""

from __future__ import annotations

from typing import Any

from annotator import __version__
from annotator.core.errors import TawsimError

OFFSET_UNIT = "codepoint"
LAYOUT = "1"  # raised when a column changes meaning, so older readers can refuse a newer file
# Key-value metadata of the Arrow schema (stored in each file's footer).
KEY_OFFSET_UNIT = "offset_unit"
KEY_LAYOUT = "tawsim.layout"
KEY_VERSION = "tawsim.version"
KEY_SCHEME = "tawsim.scheme"

SPAN_FIELDS = ("id", "start", "end", "label", "text", "attrs", "note", "annotator",
               "created_at", "updated_at")
RELATION_FIELDS = ("id", "type", "head", "tail", "attrs", "annotator", "created_at",
                   "updated_at")
INTEGER_FIELDS = frozenset(("start", "end"))
REQUIRED_SPAN_FIELDS = ("start", "end", "label")
REQUIRED_RELATION_FIELDS = ("type", "head", "tail")
# Top-level columns in order; `spans` and `relations` are nested, the rest are text except
# time_active_s (float64).
COLUMNS = ("id", "title", "text", "text_sha256", "meta", "layer", "layer_owner", "status",
           "time_active_s", "spans", "relations")


def load_pyarrow() -> Any:
    """pyarrow, or a one-line error naming the extra that installs it."""
    try:
        import pyarrow
    except ImportError:
        raise TawsimError("the parquet format needs pyarrow; install it with "
                          "pip install 'tawsim[parquet]'") from None
    return pyarrow


def _nested(pa: Any, names: tuple[str, ...], required: tuple[str, ...]) -> Any:
    fields = [pa.field(name, pa.int64() if name in INTEGER_FIELDS else pa.string(),
                       nullable=name not in required) for name in names]
    return pa.list_(pa.field("item", pa.struct(fields), nullable=False))


def span_type(pa: Any) -> Any:
    return _nested(pa, SPAN_FIELDS, REQUIRED_SPAN_FIELDS)


def relation_type(pa: Any) -> Any:
    return _nested(pa, RELATION_FIELDS, REQUIRED_RELATION_FIELDS)


def schema(scheme_json: str | None) -> Any:
    """The Arrow schema every file of an export shares, with the scheme in its metadata."""
    pa = load_pyarrow()
    fields = []
    for name in COLUMNS:
        if name == "spans":
            fields.append(pa.field(name, span_type(pa), nullable=False))
        elif name == "relations":
            fields.append(pa.field(name, relation_type(pa), nullable=False))
        elif name == "time_active_s":
            fields.append(pa.field(name, pa.float64()))
        else:
            fields.append(pa.field(name, pa.string(), nullable=name != "text"))
    metadata = {KEY_OFFSET_UNIT: OFFSET_UNIT, KEY_LAYOUT: LAYOUT, KEY_VERSION: __version__}
    if scheme_json is not None:
        metadata[KEY_SCHEME] = scheme_json
    return pa.schema(fields, metadata=metadata)
