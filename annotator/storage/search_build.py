"""Preparing the search index's rows while SQLite writes the previous batch.

Building the index is two kinds of work per article: normalising it in Python (~32 µs) and
FTS5 cutting its pieces into trigrams and merging segments inside SQLite (~75-80 µs). A helper
thread reads the next batch on a connection of its own and normalises it while the writer
stores the current one; each batch reaches SQLite as one statement over a JSON object
(`json_each`), and a single statement runs without holding Python's GIL, so on two cores the
two halves overlap. (Row by row, each of thousands of steps would have to win the GIL back
from the normalising thread, and waiting for it costs up to the interpreter's 5 ms switch
interval each time.)
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from annotator.core.normalise import DEFAULT_FOLDING, normalise_key
from annotator.storage.search_rows import index_rows

INDEX_FOLDING = DEFAULT_FOLDING  # the widest folding: candidates for every narrower one
# The batch arrives as orjson's UTF-8 bytes, read as text by SQLite: no str is made of it
# in Python and none encoded again by the binding (a tenth of the preparing time). It is one
# JSON object {rowid: piece}, so that json_each hands over each row's rowid and text as they
# are, parsed once (an array of pairs, each read again by json_extract, cost the writer 7%).
INSERT_BATCH = (
    "INSERT INTO search_index (rowid, text) "
    "SELECT CAST(key AS INTEGER), value FROM json_each(CAST(? AS TEXT))"
)
_POLL_S = 0.1


@dataclass(frozen=True)
class PreparedBatch:
    last_seq: int  # the highest document seq in the batch
    documents: int
    rows_json: bytes  # {"rowid": piece, ...} in UTF-8, for INSERT_BATCH


def read_batch(conn: sqlite3.Connection, after: int, limit: int) -> list[tuple[int, str]]:
    return conn.execute("SELECT seq, text FROM document WHERE seq > ? ORDER BY seq LIMIT ?",
                        (after, limit)).fetchall()


def prepare(documents: list[tuple[int, str]]) -> PreparedBatch:
    keyed = [(seq, normalise_key(text, INDEX_FOLDING)) for seq, text in documents]
    return PreparedBatch(documents[-1][0], len(documents),
                         orjson.dumps(dict(index_rows(keyed)), option=orjson.OPT_NON_STR_KEYS))


def batches(conn: sqlite3.Connection, after: int, size: int) -> Iterator[PreparedBatch]:
    """The documents after seq `after`, prepared `size` at a time, in this thread."""
    while documents := read_batch(conn, after, size):
        batch = prepare(documents)
        after = batch.last_seq
        yield batch


def batches_ahead(path: Path, after: int, size: int) -> Iterator[PreparedBatch]:
    """The same batches, read and prepared one ahead by a helper thread on its own
    connection (it sees committed documents only). Closing the iterator stops the thread."""
    ready: queue.Queue[PreparedBatch | BaseException | None] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def offer(item: PreparedBatch | BaseException | None) -> None:
        while not stop.is_set():
            try:
                ready.put(item, timeout=_POLL_S)
                return
            except queue.Full:
                continue

    def work() -> None:
        try:
            # Read-only by its URI: it never creates a file beside the project.
            reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                     check_same_thread=False)
            try:
                for batch in batches(reader, after, size):
                    if stop.is_set():
                        return
                    offer(batch)
            finally:
                reader.close()
            offer(None)
        except BaseException as error:  # handed to the writer, which raises it
            offer(error)

    helper = threading.Thread(target=work, name="search-index-prepare", daemon=True)
    helper.start()
    try:
        while (item := ready.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        helper.join()
