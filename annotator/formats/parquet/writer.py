"""Writing a Tawsim Parquet dataset: a folder of shards written in parallel, or one file.

A folder (any path not ending in .parquet, an existing folder, or `shard=N`) gets
part-00000.parquet, part-00001.parquet ... of `shard` records each, in document order, built
in a temporary folder beside it and moved into place once every shard is written. The
folder holds nothing else (Polars and DuckDB take every file of a folder for data): an
existing folder is replaced when its files are a Tawsim dataset's, refused otherwise. The
records are read, checked and made into Arrow row groups in this process; shards are encoded,
compressed and written by `jobs` worker processes (see default_jobs).
A path ending in .parquet gets one file, written here row group by row group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.records import DocumentRecord
from annotator.formats.atomic import atomic_folder, atomic_output
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import option, whole_number
from annotator.formats.parquet.columns import record_batch
from annotator.formats.parquet.layout import load_pyarrow, schema
from annotator.formats.parquet.reader import written_by_tawsim
from annotator.formats.parquet.shards import (
    FileWriter,
    ShardPool,
    available_cores,
    row_groups,
    write_shard,
)

DEFAULT_SHARD = 10_000  # records per part file
COMPRESSIONS = ("zstd", "snappy", "none")
DEFAULT_COMPRESSION = "zstd"
MAX_JOBS = 256
ONE_FILE = 1 << 62  # a single file is one shard, however long


def default_jobs() -> int:
    """One writing process per core but the one this process keeps busy.

    Reading and checking the records and building their Arrow columns, all in this process,
    is over four fifths of an export (docs/PERFORMANCE.md); a worker only encodes and
    compresses. A worker sharing this process's core saves nothing and holds its shards
    twice over (pickled on the way), so a machine of two cores writes its shards here.
    """
    return max(1, min(available_cores() - 1, MAX_JOBS))


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
    jobs = whole_number(extra, "jobs", default_jobs(), maximum=MAX_JOBS)
    compression = option(extra, "compression", DEFAULT_COMPRESSION, COMPRESSIONS)
    arrow_schema = schema(_scheme_json(options.scheme))
    report = WriteReport(files=[str(out)])
    counted = _counted(records, report)
    if not writes_folder(out, extra):
        with atomic_output(out) as handle:
            writer = FileWriter(handle, arrow_schema, compression)
            try:
                for group, _ in row_groups(counted, ONE_FILE):
                    writer.write(record_batch(group, arrow_schema))
            finally:  # before the file closes, whether or not the export goes on
                writer.close()
        return report
    with (atomic_folder(out, recognise=written_by_tawsim) as folder,
          ShardPool(jobs, arrow_schema, compression) as pool):
        index, current, finished = 0, [], None
        for group, ends_shard in row_groups(counted, shard):
            if finished is not None:  # another shard follows: hand the finished one out
                pool.submit(folder / part_name(index), finished)
                index, finished = index + 1, None
            current.append(record_batch(group, arrow_schema))
            if ends_shard:
                finished, current = current, []
        # The last shard (or the only one, or an empty one holding the schema) is written
        # here: this process has nothing else left to do, and a small export starts no worker.
        write_shard(str(folder / part_name(index)), arrow_schema, finished or current,
                    compression)
    return report


def _counted(records: Iterable[DocumentRecord], report: WriteReport
             ) -> Iterator[DocumentRecord]:
    for record in records:
        report.documents += 1
        report.spans += len(record.spans)
        report.relations += len(record.relations)
        yield record
