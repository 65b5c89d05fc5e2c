"""Writing a Tawsim Parquet dataset: a folder of shards written in parallel, or one file.

A folder (any path not ending in .parquet, an existing folder, or `shard=N`) gets
part-00000.parquet, part-00001.parquet ... of `shard` records each, in document order, built
in a temporary folder beside it and moved into place once every shard is written. The
records are read and checked in this process; shards are encoded, compressed and written by
`jobs` worker processes (default: the cores this process may use). A path ending in .parquet
gets one file, written here row group by row group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.records import DocumentRecord
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import option, whole_number
from annotator.formats.files import atomic_folder, atomic_output
from annotator.formats.parquet.layout import load_pyarrow
from annotator.formats.parquet.shards import (
    ROW_GROUP_ROWS,
    FileWriter,
    ShardPool,
    available_cores,
    write_shard,
)

DEFAULT_SHARD = 10_000  # records per part file
COMPRESSIONS = ("zstd", "snappy", "none")
DEFAULT_COMPRESSION = "zstd"
MAX_JOBS = 256


def writes_folder(out: Path, extra: dict[str, Any]) -> bool:
    """A folder of shards, unless the output is one file ending in .parquet."""
    return out.suffix.lower() != ".parquet" or "shard" in extra or out.is_dir()


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def _scheme_json(scheme: Any) -> str | None:
    return None if scheme is None else orjson.dumps(scheme.to_dict()).decode()


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    load_pyarrow()  # a one-line error naming the extra when pyarrow is missing
    extra = options.extra
    shard = whole_number(extra, "shard", DEFAULT_SHARD)
    jobs = whole_number(extra, "jobs", min(available_cores(), MAX_JOBS), maximum=MAX_JOBS)
    compression = option(extra, "compression", DEFAULT_COMPRESSION, COMPRESSIONS)
    scheme_json = _scheme_json(options.scheme)
    report = WriteReport(files=[str(out)])
    counted = _counted(records, report)
    if not writes_folder(out, extra):
        with atomic_output(out) as handle:
            writer = FileWriter(handle, scheme_json, compression)
            for group in _batched(counted, ROW_GROUP_ROWS):
                writer.write(group)
            writer.close()
        return report
    with atomic_folder(out) as folder, ShardPool(jobs, scheme_json, compression) as pool:
        index, held = 0, None
        for batch in _batched(counted, shard):
            if held is not None:
                pool.submit(folder / part_name(index), held)
                index += 1
            held = batch
        # The last shard (or the only one, or an empty one holding the schema) is written
        # here: this process has nothing else left to do, and a small export starts no worker.
        write_shard(str(folder / part_name(index)), held or [], scheme_json, compression)
    return report


def _counted(records: Iterable[DocumentRecord], report: WriteReport
             ) -> Iterator[DocumentRecord]:
    for record in records:
        report.documents += 1
        report.spans += len(record.spans)
        report.relations += len(record.relations)
        yield record


def _batched(records: Iterator[DocumentRecord], size: int) -> Iterator[list[DocumentRecord]]:
    batch: list[DocumentRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
