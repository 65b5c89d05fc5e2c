"""A JSON Lines import read in a process of its own while this one writes to SQLite.

Parsing and checking every line is most of an import's Python work; SQLite's inserts are the
rest. On a machine with two or more cores they overlap: a forked process reads the file
(formats.jsonl_prepared) and sends checked documents in batches through a pipe, which holds
only a few batches, so memory stays bounded whatever the file's size; a batch of plain spans
travels packed in columns (core.span_columns), which the writer unpacks in a few C calls.
The process is used
only where forking is safe (Linux, and this process runs no other thread) and worth it (a
file of a few megabytes or more); otherwise the same reading runs here, batch by batch.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import queue
import sys
import threading
import traceback
from collections.abc import Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.prepared import Unprepared
from annotator.core.span_columns import pack_batch, unpack_batch
from annotator.formats import articles
from annotator.formats.base import Format, ReadOptions
from annotator.formats.jsonl_prepared import Item, prepared_lines

PIPE_BYTES = 1 << 20  # Linux's default limit for a pipe an unprivileged process widens
PROCESS_MIN_BYTES = 4 << 20  # below this, starting a process costs more than it saves
BATCH = 2000
COLLECT_EVERY = 16  # batches between the reading process's garbage collections


def reads_prepared(fmt: Format) -> bool:
    """Whether `fmt` reads files that jsonl_prepared reads the same way."""
    return fmt.reader is articles.read_jsonl


def use_process(path: Path) -> bool:
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return (size >= PROCESS_MIN_BYTES and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1 and sys.platform.startswith("linux"))


def prepared_batches(path: Path, options: ReadOptions, scheme: Any, *,
                     own_process: bool) -> Iterator[list[Item]]:
    """The file's items in batches (see jsonl_prepared.prepared_lines), read here or in a
    process of its own; progress and reader warnings reach `options` either way."""
    if not own_process:
        yield from prepared_lines(path, options, scheme, BATCH)
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    _widen(receiver)
    reader = context.Process(target=_read, args=(path, options, scheme, sender), daemon=True)
    reader.start()
    sender.close()
    try:
        while True:
            try:
                kind, payload, read = receiver.recv()
            except EOFError:
                raise RuntimeError("the process reading the import stopped unexpectedly") \
                    from None
            options.advance(read)
            if kind == "items":
                yield payload
            elif kind == "packed":
                yield unpack_batch(payload)
            elif kind == "end":
                options.warnings.extend(payload)
                return
            elif kind == "failed":
                raise payload
            else:
                raise RuntimeError(f"the process reading the import failed:\n{payload}")
    finally:
        receiver.close()
        if reader.is_alive():
            reader.terminate()
        reader.join()


def _widen(pipe: Connection) -> None:
    """A batch is megabytes; through the default 64 KiB pipe both processes would switch
    hundreds of times to hand one over (slow when other work waits for the cores)."""
    import fcntl  # Linux only, as the reading process is

    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _read(path: Path, options: ReadOptions, scheme: Any, sender: Connection) -> None:
    """The reading process: batches, then how it ended, each with the bytes read since the
    last message (the importer's progress bar lives in the other process). A thread hands
    each message over, so that reading the next batch goes on while the importer takes one
    (the thread waits on the pipe without holding the interpreter)."""
    read = [0]

    def count(size: int) -> None:
        read[0] += size

    def taken() -> int:
        size, read[0] = read[0], 0
        return size

    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=1)  # one batch in hand, at most

    def deliver() -> None:
        while (message := outbox.get()) is not None:
            sender.send_bytes(message)

    def send(message: tuple) -> None:
        outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    courier = threading.Thread(target=deliver, daemon=True)
    courier.start()
    own = replace(options, progress=count, document_text=None, warnings=[])
    # Parsed lines and prepared tuples hold no cycles, yet the collector would walk every
    # new object time and again (a tenth of this process's time) and, in a child forked
    # from the desk, the inherited heap too, copying its pages. Collected every few batches.
    gc.freeze()
    gc.disable()
    try:
        for batches, items in enumerate(prepared_lines(path, own, scheme, BATCH), 1):
            if batches % COLLECT_EVERY == 0:
                gc.collect()
            packed = None if any(type(item) is Unprepared for item in items) else \
                pack_batch(items)
            send(("items", items, taken()) if packed is None else ("packed", packed, taken()))
        send(("end", own.warnings, taken()))
    except TawsimError as error:
        send(("failed", error, taken()))
    except BaseException:  # a bug: its traceback goes to the importer, which raises it
        send(("crashed", traceback.format_exc(), taken()))
    finally:
        outbox.put(None)
        courier.join()
        sender.close()
