"""What one writer last saw of each document: its rows' revisions and its status.

A session records every document it reads whole (the desk opening it: all its spans and
relations, and its status) and every row it writes. The store refuses a write to a row
whose stored revision is not the one recorded here, and, in a document read whole, a write
to a row that appeared since (another window linked a span that this one is removing):
someone else changed it, and the writer must look again first. A row of a document the
writer never read is taken as it is stored.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from annotator.core.commands.base import StaleEdit
from annotator.core.model import Relation, Span, Status

Row = Span | Relation


def _key(item: Row) -> str:
    return ("s:" if isinstance(item, Span) else "r:") + item.id


def _what(item: Row) -> str:
    return "span" if isinstance(item, Span) else "link"


class Revisions:
    """Last-seen revisions by document and row, and last-seen statuses."""

    def __init__(self, documents: int = 32) -> None:
        self.documents = documents  # how many documents are remembered (oldest forgotten)
        self._rows: OrderedDict[str, dict[str, int]] = OrderedDict()
        self._whole: set[str] = set()
        self._statuses: dict[str, Status] = {}

    def _rows_of(self, doc_id: str) -> dict[str, int]:
        rows = self._rows.get(doc_id)
        if rows is None:
            rows = self._rows[doc_id] = {}
            while len(self._rows) > self.documents:
                oldest, _ = self._rows.popitem(last=False)
                self._whole.discard(oldest)
                self._statuses.pop(oldest, None)
        return rows

    def saw_document(self, doc_id: str, items: Iterable[Row], status: Status) -> None:
        """The writer has just read the document's every span and relation, and status."""
        self._rows.pop(doc_id, None)
        self._rows_of(doc_id).update((_key(item), item.rev) for item in items)
        self._whole.add(doc_id)
        self._statuses[doc_id] = Status(status)

    def saw(self, item: Row) -> None:
        """The writer wrote (or read) this row at its revision."""
        self._rows_of(item.doc_id)[_key(item)] = item.rev

    def forget(self, item: Row) -> None:
        """The writer deleted this row."""
        rows = self._rows.get(item.doc_id)
        if rows is not None:
            rows.pop(_key(item), None)

    def saw_status(self, doc_id: str, status: Status) -> None:
        if doc_id in self._rows:
            self._statuses[doc_id] = Status(status)

    def seen(self, item: Row) -> int | None:
        """The revision last seen of this row (None: not seen)."""
        rows = self._rows.get(item.doc_id)
        return None if rows is None else rows.get(_key(item))

    def knows(self, kind: type[Row], row_id: str) -> bool:
        """Whether the writer has seen a span (kind Span) or relation with this id."""
        key = ("s:" if kind is Span else "r:") + row_id
        return any(key in rows for rows in self._rows.values())

    def check(self, item: Row) -> None:
        """StaleEdit unless `item`, as stored now, is as the writer last saw it."""
        seen = self.seen(item)
        if seen is None:
            if item.doc_id in self._whole:
                raise StaleEdit(_what(item))  # it appeared after the writer looked
        elif seen != item.rev:
            raise StaleEdit(_what(item))

    def check_status(self, doc_id: str, status: Status) -> None:
        seen = self._statuses.get(doc_id)
        if seen is not None and seen != status:
            raise StaleEdit("document's status")
