"""Writing Parquet files: one file in row groups, and shards written by worker processes.

A shard is a fixed number of records written as one file; its name is fixed when it is handed
out, so the files' order is the documents' order whichever worker finishes first. Workers are
started with `spawn` (a fork of a process running Qt or other threads can deadlock), only
once a second shard is needed, and at most two shards per worker wait in memory. Leaving the
pool with an exception (a failure, a cancelled export) drops the shards not yet started and
waits for the running ones, so no process writes into the output after the caller removes it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import TracebackType
from typing import Any

from annotator.core.records import DocumentRecord
from annotator.formats.parquet.columns import record_batch
from annotator.formats.parquet.layout import load_pyarrow, schema

# A row group ends at this many records or this much text, whichever comes first: big enough
# for column compression and scans, small enough that a reader streaming the file (datasets,
# DuckDB, this importer) holds one group of a few tens of MB at a time.
ROW_GROUP_ROWS = 10_000
ROW_GROUP_CHARS = 32 << 20
# Columns whose row-group statistics let DuckDB, Spark and Polars skip groups; the texts get
# none (a minimum and maximum of whole articles would only bloat the footer).
STATISTICS = ["id", "text_sha256", "layer", "layer_owner", "status", "time_active_s"]


def row_groups(records: Sequence[DocumentRecord]) -> Iterable[Sequence[DocumentRecord]]:
    """The records cut into row groups (ROW_GROUP_ROWS records or ROW_GROUP_CHARS of text)."""
    start, chars = 0, 0
    for index, record in enumerate(records):
        chars += len(record.text)
        if index + 1 - start >= ROW_GROUP_ROWS or chars >= ROW_GROUP_CHARS:
            yield records[start:index + 1]
            start, chars = index + 1, 0
    if start < len(records):
        yield records[start:]


class FileWriter:
    """One Parquet file of the dataset's schema, written a row group at a time."""

    def __init__(self, target: Any, scheme_json: str | None, compression: str) -> None:
        import pyarrow.parquet as pq

        load_pyarrow()
        self.schema = schema(scheme_json)
        self._writer = pq.ParquetWriter(target, self.schema, compression=compression,
                                        write_statistics=STATISTICS)

    def write(self, records: Sequence[DocumentRecord]) -> None:
        for group in row_groups(records):
            batch = record_batch(group, self.schema)
            self._writer.write_batch(batch, row_group_size=max(1, len(group)))

    def close(self) -> None:
        self._writer.close()


def write_shard(path: str, records: Sequence[DocumentRecord], scheme_json: str | None,
                compression: str) -> None:
    """Write one shard file (this runs in a worker process, or in the caller's)."""
    writer = FileWriter(path, scheme_json, compression)
    try:
        writer.write(records)
    finally:
        writer.close()


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class ShardPool:
    """Hands shards to `jobs` worker processes; with one job, writes them in this process.

    When the workers cannot run (a host whose main module a spawned process cannot import,
    a worker killed for memory), the shards they lost, and every later one, are written here
    instead: slower, never wrong.
    """

    def __init__(self, jobs: int, scheme_json: str | None, compression: str) -> None:
        self.jobs = jobs
        self._settings = (scheme_json, compression)
        self._executor: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[Future[None], str, list[DocumentRecord]]] = deque()
        self._broken = False

    def submit(self, path: Path, records: Sequence[DocumentRecord]) -> None:
        if self.jobs == 1 or self._broken:
            write_shard(str(path), records, *self._settings)
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"))
        while len(self._pending) >= 2 * self.jobs:  # keep memory bounded: wait for the oldest
            self._settle()
        batch = list(records)
        future = self._executor.submit(write_shard, str(path), batch, *self._settings)
        self._pending.append((future, str(path), batch))

    def _settle(self) -> None:
        future, path, records = self._pending.popleft()
        try:
            future.result()
        except BrokenProcessPool:
            self._broken = True
            write_shard(path, records, *self._settings)

    def __enter__(self) -> ShardPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if kind is not None:  # failed or cancelled: start nothing more, let running ones end
            executor.shutdown(wait=True, cancel_futures=True)
            return
        try:
            while self._pending:
                self._settle()
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
