"""Reading a Tawsim Parquet dataset straight into checked, compact documents for an import.

The Parquet side of formats.jsonl_prepared: each row is taken as the native record it was
written from (reader.as_native) and checked once into a core.prepared.PreparedDocument,
without record objects in between. A row this cannot take as it is (relations, a value to
canonicalise, any doubt) comes out as what the usual reader gives for it: the record, or its
error placed at "(row N)". Rows are numbered from 1 in each file, as the usual reader
numbers them; a prepared document's line is its row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.prepared import PreparedDocument
from annotator.core.records import Origin
from annotator.formats import native
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.files import display_path
from annotator.formats.jsonl_prepared import prepare_native
from annotator.formats.parquet.layout import load_pyarrow
from annotator.formats.parquet.reader import as_native, files_of, row_batches

Item = PreparedDocument | ReadItem


def prepared_rows(path: Path, options: ReadOptions,
                  scheme: Any) -> Iterator[tuple[str, list[Item]]]:
    """The rows of a Parquet file or folder, a batch of up to BATCH_ROWS at a time, in order,
    each batch with the file it comes from (the records' source, as the usual reader names
    it). Raises TawsimError when the folder holds no Parquet file (as reader.read does)."""
    load_pyarrow()
    allowed = scheme.allowed_attribute_values
    for file in files_of(path):
        yield from _file_rows(file, options, allowed)


def _file_rows(file: Path, options: ReadOptions,
               allowed: dict) -> Iterator[tuple[str, list[Item]]]:
    shown = display_path(file)
    number = 0
    for batch in row_batches(file, options):
        if isinstance(batch, BadRecord):
            yield shown, [batch]
            continue
        items: list[Item] = []
        for row in batch:
            number += 1
            items.append(_row_item(row, number, len(items), shown, allowed))
        yield shown, items


def _row_item(row: dict[str, Any], number: int, position: int, shown: str,
              allowed: dict) -> Item:
    origin = Origin(f"{shown} (row {number})")
    try:
        value = as_native(row)
        prepared = prepare_native(value, number, position, allowed)
        if prepared is not None:
            return prepared
        record = native.record_from_json(value)
    except TawsimError as error:
        return BadRecord(origin, error.located(origin.path))
    record.origin = origin
    record.source = shown
    return record
