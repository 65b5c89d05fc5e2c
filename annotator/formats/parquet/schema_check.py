"""Whether a Parquet file's Arrow schema is a Tawsim dataset's, checked before any row is read.

Files written by other tools are taken when their columns are a Tawsim record's with types of
the same kind (a large_string or string_view for a string, int32 for int64, a column of nulls
for any), so a dataset rewritten by Polars, DuckDB or Spark reads back. Anything else is
refused in one line naming the column.
"""

from __future__ import annotations

from typing import Any

from annotator.core.errors import TawsimError
from annotator.formats.parquet.layout import (
    COLUMNS,
    INTEGER_FIELDS,
    RELATION_FIELDS,
    REQUIRED_RELATION_FIELDS,
    REQUIRED_SPAN_FIELDS,
    SPAN_FIELDS,
)

_PANDAS_INDEX = "__index_level_"  # pandas' to_parquet adds its index as such columns


def _is_text(pa: Any, kind: Any) -> bool:
    types = pa.types
    return (types.is_string(kind) or types.is_large_string(kind) or types.is_null(kind)
            or getattr(types, "is_string_view", lambda _: False)(kind))


def _is_integer(pa: Any, kind: Any) -> bool:
    return pa.types.is_integer(kind)


def _is_number(pa: Any, kind: Any) -> bool:
    return pa.types.is_floating(kind) or pa.types.is_integer(kind) or pa.types.is_null(kind)


def _is_list(pa: Any, kind: Any) -> bool:
    types = pa.types
    return (types.is_list(kind) or types.is_large_list(kind)
            or getattr(types, "is_list_view", lambda _: False)(kind)
            or getattr(types, "is_large_list_view", lambda _: False)(kind))


def check_schema(schema: Any) -> list[str]:
    """The columns to read from a file of this Arrow schema; raises a TawsimError when the
    file is not a Tawsim dataset."""
    import pyarrow as pa

    names = [name for name in schema.names if not name.startswith(_PANDAS_INDEX)]
    if "text" not in names:
        listed = ", ".join(names[:8]) + (" ..." if len(names) > 8 else "")
        raise TawsimError(f"not a Tawsim dataset: the file has no text column (its columns: "
                          f"{listed or 'none'})")
    for name in names:
        if name not in COLUMNS:
            raise TawsimError(f"not a Tawsim dataset: unknown column {name!r} (a Tawsim "
                              f"dataset has {', '.join(COLUMNS)})")
        kind = schema.field(name).type
        if name in ("spans", "relations"):
            _check_nested(pa, name, kind)
        elif name == "time_active_s":
            if not _is_number(pa, kind):
                raise TawsimError(f"column time_active_s must hold numbers, not {kind}")
        elif not _is_text(pa, kind):
            raise TawsimError(f"column {name} must hold text, not {kind}")
    return names


def _check_nested(pa: Any, name: str, kind: Any) -> None:
    if pa.types.is_null(kind):
        return
    what = name[:-1]
    if not _is_list(pa, kind) or not pa.types.is_struct(kind.value_type):
        raise TawsimError(f"column {name} must be a list of {what} structs, not {kind}")
    struct = kind.value_type
    fields = {struct.field(i).name: struct.field(i).type for i in range(struct.num_fields)}
    known = SPAN_FIELDS if name == "spans" else RELATION_FIELDS
    required = REQUIRED_SPAN_FIELDS if name == "spans" else REQUIRED_RELATION_FIELDS
    for field, field_kind in fields.items():
        if field not in known:
            raise TawsimError(f"column {name}: unknown {what} field {field!r} (a {what} has "
                              f"{', '.join(known)})")
        check = _is_integer if field in INTEGER_FIELDS else _is_text
        if not check(pa, field_kind):
            expected = "whole numbers" if field in INTEGER_FIELDS else "text"
            raise TawsimError(f"column {name}: {what} field {field} must hold {expected}, "
                              f"not {field_kind}")
    for field in required:
        if field not in fields:
            raise TawsimError(f"column {name}: the {what}s have no {field} field")
