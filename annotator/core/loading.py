"""Large tables read once per process, however many threads ask for them at once.

farahidi's analyser and corpus tables, and wordfreq's Arabic list, take tens of megabytes
and a noticeable time to read; the desk may ask for them from its own thread and from a
background job at once. `read_once(read)` runs `read` the first time it is asked; a thread
asking meanwhile waits for that result rather than reading the table again. The lock is
shared (reading two tables at once would only double the peak memory) and reentrant (one
table's reader may ask for another).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

Table = TypeVar("Table")
_LOADING = threading.RLock()


def read_once(read: Callable[[], Table]) -> Callable[[], Table]:
    """`read`, run once per process: a thread asking while another reads waits for its result
    rather than reading the table again (farahidi's tables take tens of megabytes). Once
    read, it is handed out without the lock: a thread analysing words never waits behind
    another reading a different table."""
    read_already: list[Table] = []

    @wraps(read)
    def table() -> Table:
        if not read_already:
            with _LOADING:
                if not read_already:
                    read_already.append(read())
        return read_already[0]

    return table
