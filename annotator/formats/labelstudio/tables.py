"""Label Studio's CSV and TSV exports: the JSON_MIN fields as columns, regions as JSON text.

Label Studio writes a header of every field in name order, then one row per task and
annotation, its text in a quoted cell (line breaks and all) and each labelling control's
regions as a JSON list in its column. The file is decoded without touching its line breaks
inside cells, since the regions' offsets count them as they are; the record's text is then
canonicalised with its spans like any other import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import DecodeError, TawsimError
from annotator.core.text import normalise_encoding_name
from annotator.core.utf8_damage import place_of, utf8_damage
from annotator.formats.files import UTF8_BOM
from annotator.formats.json_limits import MAX_JSON_LINE_BYTES, check_json_depth
from annotator.formats.json_shapes import MINIMAL_KEYS, is_region

TABLE_SUFFIXES = (".csv", ".tsv")
_KEPT_EMPTY = frozenset(("text", *MINIMAL_KEYS))
_SNIFF_BYTES = 1 << 20
# A cell holds a whole article: far beyond the csv module's default of 128 KiB.
MAX_CELL_CHARS = MAX_JSON_LINE_BYTES


def delimiter_for(path: Path, header: str) -> str:
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return "\t" if suffix == ".tsv" else ","
    return "\t" if "\t" in header else ","


def looks_like_table(path: Path) -> bool:
    """A CSV or TSV file with the annotation's bookkeeping columns (annotation_id and
    lead_time), or with a column of regions in its first row."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    text = head.removeprefix(UTF8_BOM).decode("utf-8", "ignore")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_for(path, first_line))
    try:
        header = next(reader, [])
        row = next(reader, [])
    except csv.Error:
        return False
    if {"annotation_id", "lead_time"} <= set(header):
        return True
    return any(_regions(cell) is not None for cell in row)


def _regions(cell: str) -> list[Any] | None:
    """The regions a cell holds as a JSON list, or None when it holds something else."""
    if not cell.startswith("[") or not cell.endswith("]"):
        return None
    try:
        value = orjson.loads(cell)
    except orjson.JSONDecodeError:
        return None
    if isinstance(value, list) and value and all(is_region(item) for item in value):
        return value
    return None


def decode_table(data: bytes, path: Path, encoding: str | None) -> str:
    """The file's text with its line breaks as they are: UTF-8 (a BOM dropped), or the
    encoding named with --encoding."""
    codec = normalise_encoding_name(encoding) if encoding else "utf-8"
    if codec in ("utf-8", "utf-8-sig") and data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    try:
        return data.decode("utf-8" if codec == "utf-8-sig" else codec)
    except UnicodeDecodeError as exc:
        if codec.startswith("utf-8") and (damage := utf8_damage(data)) is not None:
            raise DecodeError(damage.describe(), path=str(path), line=damage.line) from None
        line, column = place_of(data, exc.start)
        raise DecodeError(f"the file is not {codec} text (bad byte at byte {exc.start}, column "
                          f"{column}); name its encoding with --encoding", path=str(path),
                          line=line) from None


def table_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any] | TawsimError]]:
    """(line, row) for each row, its region cells parsed; a TawsimError for a bad row."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))
    first_line = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""),
                            delimiter=delimiter_for(path, first_line))
    line = 2
    try:
        for row in reader:
            if None in row:
                yield line, TawsimError("the row has more cells than the header has columns",
                                        path=str(path), line=line)
            else:
                try:
                    yield line, _parsed(row, str(path), line)
                except TawsimError as error:
                    yield line, error
            line = reader.line_num + 1
    except csv.Error as exc:
        raise TawsimError(f"not a readable CSV table: {exc}", path=str(path),
                          line=reader.line_num) from None


def _parsed(row: dict[str, Any], path: str, line: int) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key, cell in row.items():
        # The header names every record's fields: an empty cell in a control's column is a
        # control this record lacks (no regions), not a value. The text and the annotation's
        # bookkeeping (what tells the row for a JSON_MIN record) stay whatever they hold.
        if cell == "" and key not in _KEPT_EMPTY:
            continue
        regions = _regions(cell) if isinstance(cell, str) else None
        parsed[key] = cell if regions is None else check_json_depth(regions, path, line)
    return parsed
