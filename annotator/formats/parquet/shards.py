"""Writing Parquet files: one file in row groups, and shards written by worker processes.

This process reads the records and turns each row group into an Arrow RecordBatch at once
(Arrow data crosses to another process at memory speed; the records themselves would cost
more to pickle than to convert). A shard is a fixed number of records, handed out as its
batches to a worker that encodes, compresses and writes it; its name is fixed when it is
handed out, so the files' order is the documents' order whichever worker finishes first.
Workers are started with `spawn` (a fork of a process running Qt or other threads can
deadlock), only once a second shard is needed, and at most one shard per worker is held
in memory. Leaving the pool with an exception (a failure, a cancelled export) drops the shards
not yet started and waits for the running ones, so no process writes into the output after
the caller removes it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import TracebackType
from typing import Any

from annotator.core.records import DocumentRecord

# A row group ends at this many records or this much text, whichever comes first: about
# 10 MB of zstd per 2,000 news articles, no smaller than 10,000-record groups (measured),
# and a reader streaming the file (datasets, DuckDB, this importer) holds one at a time.
ROW_GROUP_ROWS = 2_000
ROW_GROUP_CHARS = 16 << 20
# Columns whose row-group statistics let DuckDB, Spark and Polars skip groups; the texts get
# none (a minimum and maximum of whole articles would only bloat the footer).
STATISTICS = ["id", "text_sha256", "layer", "layer_owner", "status", "time_active_s"]


def row_groups(records: Iterable[DocumentRecord], shard: int
               ) -> Iterator[tuple[list[DocumentRecord], bool]]:
    """The records cut into row groups (ROW_GROUP_ROWS records or ROW_GROUP_CHARS of text),
    none across a shard's end: (group, whether it ends its shard)."""
    group: list[DocumentRecord] = []
    chars = in_shard = 0
    for record in records:
        group.append(record)
        chars += len(record.text)
        in_shard += 1
        ends_shard = in_shard >= shard
        if ends_shard or len(group) >= ROW_GROUP_ROWS or chars >= ROW_GROUP_CHARS:
            yield group, ends_shard
            group, chars = [], 0
            if ends_shard:
                in_shard = 0
    if group:
        yield group, True


class FileWriter:
    """One Parquet file of the dataset's schema, written a row group (batch) at a time."""

    def __init__(self, target: Any, schema: Any, compression: str) -> None:
        import pyarrow.parquet as pq

        self._writer = pq.ParquetWriter(target, schema, compression=compression,
                                        write_statistics=STATISTICS)

    def write(self, batch: Any) -> None:
        self._writer.write_batch(batch, row_group_size=max(1, batch.num_rows))

    def close(self) -> None:
        self._writer.close()


def write_shard(path: str, schema: Any, batches: Sequence[Any], compression: str) -> None:
    """Write one shard file (this runs in a worker process, or in the caller's)."""
    writer = FileWriter(path, schema, compression)
    try:
        for batch in batches:
            writer.write(batch)
    finally:
        writer.close()


def _leave_interrupts_to_the_exporter() -> None:
    """Ctrl+C reaches every process of the terminal's group: the workers leave it to the
    exporting process, which stops handing out shards and removes the output (the workers
    would otherwise each print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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

    def __init__(self, jobs: int, schema: Any, compression: str) -> None:
        self.jobs = jobs
        self._settings = (schema, compression)
        self._executor: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[Future[None], str, list[Any]]] = deque()
        self._broken = False

    def submit(self, path: Path, batches: list[Any]) -> None:
        schema, compression = self._settings
        if self.jobs == 1 or self._broken:
            write_shard(str(path), schema, batches, compression)
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_leave_interrupts_to_the_exporter)
        while len(self._pending) >= self.jobs:  # memory stays bounded: wait for the oldest
            self._settle()
        try:
            future = self._executor.submit(write_shard, str(path), schema, batches,
                                           compression)
        except BrokenProcessPool:  # the pool broke before this shard was handed out
            self._broken = True
            write_shard(str(path), schema, batches, compression)
            return
        self._pending.append((future, str(path), batches))

    def _settle(self) -> None:
        future, path, batches = self._pending.popleft()
        try:
            future.result()
        except BrokenProcessPool:
            self._broken = True
            schema, compression = self._settings
            write_shard(path, schema, batches, compression)

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
