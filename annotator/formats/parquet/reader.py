"""Reading a Tawsim Parquet dataset (a .parquet file, or a folder of part files) into records.

A folder's part files are read in their natural order (part-2 before part-10), sub-folders
(the parts of a split export) included; hidden and `_`-prefixed entries (a temporary export,
Spark's _SUCCESS) are left alone. Each file's schema is checked before its rows are read, so a
Parquet file of another shape, a newer layout or a damaged file gives one line naming it. Rows
stream a batch at a time and become records through the native JSONL reader's own checks, so
both formats accept exactly the same records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.model import document_title
from annotator.core.records import Origin
from annotator.formats.atomic import EXPORT_MARKER
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.files import display_path, records_of_items
from annotator.formats.native import record_from_json
from annotator.formats.parquet.layout import (
    KEY_LAYOUT,
    KEY_OFFSET_UNIT,
    LAYOUT,
    OFFSET_UNIT,
    load_pyarrow,
)
from annotator.formats.parquet.schema_check import check_schema

MAGIC = b"PAR1"
EXTENSIONS = (".parquet", ".pq", ".parq")
BATCH_ROWS = 2_000


def has_magic(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == MAGIC
    except OSError:
        return False


def sniff(path: Path) -> bool:
    """A file that begins with Parquet's magic bytes, or a folder holding .parquet files."""
    if path.is_dir():
        return next(_parts(path), None) is not None
    return has_magic(path)


def _natural(path: Path) -> list[Any]:
    return [int(piece) if piece.isdigit() else piece
            for piece in re.split(r"(\d+)", path.as_posix())]


def _parts(folder: Path) -> Iterator[Path]:
    """The Parquet files under `folder` as they are found, relative to it."""
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if path.suffix.lower() in EXTENSIONS and path.is_file():
            yield relative


def part_files(folder: Path) -> list[Path]:
    return [folder / relative for relative in sorted(_parts(folder), key=_natural)]


def written_by_tawsim(folder: Path) -> bool:
    """Whether an export may replace `folder`: it holds Parquet files and nothing else (its
    sub-folders included), each with Tawsim's layout in its footer. A stray file, another
    tool's Parquet or a damaged part is someone's to keep. (Older exports also left a
    marker file, which is taken as Tawsim's.)"""
    import pyarrow as pa
    import pyarrow.parquet as pq

    found = False
    for path in folder.rglob("*"):
        if path.is_dir() or path.name == EXPORT_MARKER:
            continue
        if path.suffix.lower() != ".parquet":
            return False
        try:
            metadata = pq.read_schema(path).metadata or {}
        except (OSError, pa.ArrowException):
            return False
        if KEY_LAYOUT.encode() not in metadata:
            return False
        found = True
    return found


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    load_pyarrow()
    for file in files_of(path):
        yield from _read_file(file, options)


def files_of(path: Path) -> list[Path]:
    """The Parquet file, or a folder's part files in order; refused when there are none."""
    if not path.is_dir():
        return [path]
    files = part_files(path)
    if not files:
        raise TawsimError("the folder holds no .parquet files", path=str(path))
    return files


def _damaged(exc: BaseException) -> str:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return reason[:200]


def _open(file: Path) -> tuple[Any, list[str]]:
    """The opened file and the columns to read, or a one-line error naming it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not has_magic(file):
        raise TawsimError("not a Parquet file (it does not begin with PAR1)", path=str(file))
    try:
        parquet = pq.ParquetFile(file)
        arrow_schema = parquet.schema_arrow
    except (OSError, pa.ArrowException) as exc:
        raise TawsimError(f"not a Parquet file, or a damaged one: {_damaged(exc)}",
                          path=str(file)) from None
    metadata = {key.decode("utf-8", "replace"): value.decode("utf-8", "replace")
                for key, value in (arrow_schema.metadata or {}).items()}
    unit = metadata.get(KEY_OFFSET_UNIT, OFFSET_UNIT)
    if unit != OFFSET_UNIT:
        raise TawsimError(f"offset_unit {unit!r} is not supported; Tawsim datasets count code "
                          "points ('codepoint')", path=str(file))
    layout = metadata.get(KEY_LAYOUT, LAYOUT)
    if not layout.isdigit() or int(layout) > int(LAYOUT):
        raise TawsimError(f"the file has Tawsim Parquet layout {layout!r}, newer than this "
                          f"Tawsim reads ({LAYOUT}); update Tawsim", path=str(file))
    try:
        columns = check_schema(arrow_schema)
    except TawsimError as error:
        raise error.located(str(file)) from None
    return parquet, columns


def _read_file(file: Path, options: ReadOptions) -> Iterator[ReadItem]:
    damage: list[BadRecord] = []  # a file damaged part way ends its rows

    def rows() -> Iterator[dict[str, Any]]:
        for batch in row_batches(file, options):
            if isinstance(batch, BadRecord):
                damage.append(batch)
                return
            yield from batch

    yield from records_of_items(file, rows(), "row",
                                lambda row, _options: record_from_json(as_native(row)), options)
    yield from damage


def row_batches(file: Path, options: ReadOptions) -> Iterator[list[dict[str, Any]] | BadRecord]:
    """The rows of one Parquet file as Python values, a batch of up to BATCH_ROWS at a time
    (progress reported as each is read); a file that cannot be opened, or is damaged part
    way, ends in the one BadRecord that says so."""
    import pyarrow as pa

    shown = display_path(file)
    try:
        parquet, columns = _open(file)
    except TawsimError as error:
        yield BadRecord(Origin(shown), error)
        return
    size, rows = file.stat().st_size, parquet.metadata.num_rows
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns,
                                          use_threads=True):
            options.advance(size * batch.num_rows // max(1, rows))
            values = batch.to_pylist()
            number += len(values)
            yield values
    except (OSError, pa.ArrowException) as exc:
        yield BadRecord(Origin(shown), TawsimError(
            f"the file is damaged after row {number}: {_damaged(exc)}", path=shown))


def as_native(row: dict[str, Any]) -> dict[str, Any]:
    """A row as the native JSONL record it was written from: JSON text parsed, nulls that
    stand for empty lists made empty. The title column is what the project derives from the
    meta and the text, so it is dropped, unless it says something else (a file another tool
    wrote with a title of its own): then it becomes the meta's title."""
    title = row.pop("title", None)
    meta = row["meta"] = _object(row.get("meta"), "meta")
    text = row.get("text")
    if (isinstance(title, str) and title.strip() and isinstance(text, str)
            and title != document_title(text, meta)):
        meta["title"] = title
    for name in ("spans", "relations"):
        items = row.get(name)
        if items is None:
            row[name] = []
            continue
        for index, item in enumerate(items):
            if item is None:
                raise InvariantError(f"{name[:-1]} {index + 1} is empty")
            item["attrs"] = _object(item.get("attrs"), f"{name[:-1]} {index + 1} attrs")
    return row


def _object(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise InvariantError(f"{what} is not JSON: {exc.msg}") from None
    if not isinstance(parsed, dict):
        raise InvariantError(f"{what} must be a JSON object")
    return parsed
