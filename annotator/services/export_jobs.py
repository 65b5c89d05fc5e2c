"""Tawsim JSONL exports of whole projects: lines made from rows, in several processes.

Each process reads one range of documents (by seq) over its own read-only connection and
writes its lines to a part file beside the output; this process writes the first range
straight into the output and then appends the parts in order, so the file is the same, byte
for byte, as one process writes it. Lines are made straight from the rows
(formats.native_rows) and written in blocks of about 1 MiB; every span is checked on the
way, and a record that fails goes through `verify_record`, which raises the usual message.
Memory stays bounded: one document's rows at a time in each process.

Several processes are used only where forking is safe (Linux, and this process runs no other
thread) and worth it (a project of a few thousand documents or more).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import orjson

from annotator.core.errors import TawsimError
from annotator.core.partfiles import PART, part_prefix
from annotator.core.records import verify_record
from annotator.formats.base import WriteReport
from annotator.formats.files import atomic_output
from annotator.formats.native import record_to_json
from annotator.formats.native_rows import record_line
from annotator.storage import ProjectStore
from annotator.storage.scan import record_from_rows, scan_rows

BLOCK = 1 << 20  # bytes gathered before each write
MIN_DOCUMENTS_PER_JOB = 2000  # below this a process costs more than it saves

Settings = dict[str, Any]  # layer, status, labels: what scan_rows takes


def default_jobs() -> int:
    return os.cpu_count() or 1


def export_jsonl(project: ProjectStore, out: Path, *, settings: Settings, jobs: int = 1,
                 each: Callable[[], None] | None = None,
                 progress: Callable[[int], None] | None = None) -> WriteReport:
    """Write the project's records (scan_rows with `settings`) to `out` as Tawsim JSONL.

    `each` is called before each record this process writes (it may raise to cancel);
    `progress` hears how many records the other processes wrote, as each one finishes."""
    scheme = project.scheme
    conn = project.conn
    ranges = _ranges(conn, jobs if _can_fork(project) else 1, MIN_DOCUMENTS_PER_JOB)
    report = WriteReport(files=[str(out)])
    with atomic_output(out) as handle:
        parts = [_part_file(out) for _ in ranges[1:]]
        workers = [_start(project, settings, seqs, part) for seqs, part in
                   zip(ranges[1:], parts, strict=True)]
        try:
            write_lines(conn, settings, ranges[0], handle, scheme, report, each)
            for (process, receiver), part in zip(workers, parts, strict=True):
                _add(report, _result(process, receiver), progress)
                _append(handle, part)
        finally:
            for process, receiver in workers:
                receiver.close()
                if process.is_alive():
                    process.terminate()
                process.join()
            for part in parts:
                with contextlib.suppress(OSError):
                    os.unlink(part)
    return report


def write_lines(conn: sqlite3.Connection, settings: Settings, seqs: tuple[int, int] | None,
                handle: IO[bytes], scheme: Any, report: WriteReport,
                each: Callable[[], None] | None = None) -> None:
    """The lines of one range of documents, checked, written in blocks of about BLOCK."""
    allowed = scheme.allowed_attribute_values
    block: list[bytes] = []
    size = 0
    for raw in scan_rows(conn, seqs=seqs, **settings):
        if each is not None:
            each()
        line = record_line(*raw, allowed)
        if line is None:  # not plain: the full check says what is wrong, or it is fine
            record = record_from_rows(raw)
            verify_record(record, scheme)
            line = orjson.dumps(record_to_json(record), option=orjson.OPT_APPEND_NEWLINE)
        block.append(line)
        size += len(line)
        report.documents += 1
        report.spans += len(raw.spans)
        report.relations += len(raw.relations)
        if size >= BLOCK:
            handle.write(b"".join(block))
            block, size = [], 0
    if block:
        handle.write(b"".join(block))


def _can_fork(project: ProjectStore) -> bool:
    return (threading.active_count() == 1 and not project.read_only
            and sys.platform.startswith("linux"))


def _ranges(conn: sqlite3.Connection, jobs: int,
            min_documents: int) -> list[tuple[int, int] | None]:
    """`jobs` ranges of document seqs with about as many documents each ([None]: all)."""
    count = conn.execute("SELECT count(*) FROM document").fetchone()[0]
    jobs = max(1, min(jobs, count // max(1, min_documents)))
    if jobs == 1:
        return [None]
    starts = [conn.execute("SELECT seq FROM document ORDER BY seq LIMIT 1 OFFSET ?",
                           (count * k // jobs,)).fetchone()[0] for k in range(jobs)]
    ends = [start - 1 for start in starts[1:]] + [2 ** 62]
    return [(start, end) for start, end in zip(starts, ends, strict=True)]


def _part_file(out: Path) -> Path:
    """A temporary file beside `out` for one range, named as core.partfiles names parts."""
    folder = out.parent if str(out.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=part_prefix(out.name), suffix=PART, dir=folder)
    os.close(fd)
    return Path(name)


def _start(project: ProjectStore, settings: Settings, seqs: tuple[int, int] | None,
           part: Path) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_write_part,
                              args=(Path(project.path), settings, seqs, part, project.scheme,
                                    sender), daemon=True)
    process.start()
    sender.close()
    return process, receiver


def _write_part(database: Path, settings: Settings, seqs: tuple[int, int] | None, part: Path,
                scheme: Any, sender: Connection) -> None:
    """A forked process: one range into its part file, then its report (or its error)."""
    try:
        uri = f"file:{quote(os.fsencode(database.resolve()))}?mode=ro"  # any file name
        conn = sqlite3.connect(uri, uri=True)
        report = WriteReport()
        with part.open("wb") as handle:
            write_lines(conn, settings, seqs, handle, scheme, report)
        conn.close()
        sender.send(("done", report))
    except TawsimError as error:
        sender.send(("failed", error))
    except BaseException:
        sender.send(("crashed", traceback.format_exc()))
    finally:
        sender.close()


def _result(process: multiprocessing.process.BaseProcess, receiver: Connection) -> WriteReport:
    try:
        kind, payload = receiver.recv()
    except EOFError:
        raise RuntimeError("an export process stopped unexpectedly") from None
    if kind == "done":
        return payload
    if kind == "failed":
        raise payload
    raise RuntimeError(f"an export process failed:\n{payload}")


def _add(report: WriteReport, part: WriteReport,
         progress: Callable[[int], None] | None) -> None:
    report.documents += part.documents
    report.spans += part.spans
    report.relations += part.relations
    if progress is not None and part.documents:
        progress(part.documents)


def _append(handle: IO[bytes], part: Path) -> None:
    """Append a part file to the output, in the kernel where it can (copy_file_range)."""
    handle.flush()
    with part.open("rb") as source:
        if hasattr(os, "copy_file_range"):
            remaining = os.fstat(source.fileno()).st_size
            try:
                while remaining > 0:
                    copied = os.copy_file_range(source.fileno(), handle.fileno(), remaining)
                    if copied == 0:
                        break
                    remaining -= copied
                if remaining == 0:
                    return
            except OSError:
                pass  # not on this file system: copy below from where it stopped
            source.seek(os.fstat(source.fileno()).st_size - remaining)
            handle.seek(0, os.SEEK_END)
        shutil.copyfileobj(source, handle, BLOCK)
