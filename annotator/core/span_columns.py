"""A batch of prepared documents packed for the trip between the import's two processes.

A batch of 2,000 documents holds some 20,000 plain spans. Sent as tuples, each span costs the
receiving process a tuple and two strings to unpickle (0.7 s per million spans, a tenth of
the whole import, in the process that also writes SQLite). Packed, the batch's spans travel
as six columns: the offsets and positions as machine integers, the ids, labels and covered
texts each joined into one string on U+0000, which none of them can hold (ids are printable,
labels are the scheme's, and a text with U+0000 is never prepared). The receiver splits them
in a few C calls, and SQLite takes the rows straight from `zip` over the columns.

Each unpacked document's spans are a SpanRun: a view of its rows in the columns, which reads
as the list of PLAIN tuples it replaces (for the careful path of an import), while
`plain_rows` hands the whole batch's rows to SQLite without a Python loop over them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import chain

from annotator.core.prepared import ALL_PLAIN, SPANS, PreparedDocument

_SEPARATOR = "\x00"
_INTEGERS = "q"


class SpanColumns:
    """The plain spans of consecutive documents, column by column."""

    __slots__ = ("ends", "ids", "labels", "positions", "starts", "texts")

    def __init__(self, positions: Sequence[int], ids: Sequence[str], starts: Sequence[int],
                 ends: Sequence[int], labels: Sequence[str], texts: Sequence[str]) -> None:
        self.positions, self.ids, self.starts = positions, ids, starts
        self.ends, self.labels, self.texts = ends, labels, texts

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, first: int = 0, count: int | None = None) -> Iterator[tuple]:
        """PLAIN span tuples (position, id, start, end, label, text), from row `first`."""
        columns = (self.positions, self.ids, self.starts, self.ends, self.labels, self.texts)
        end = len(self) if count is None else first + count
        if first == 0 and end == len(self):
            return zip(*columns, strict=True)
        return zip(*(column[first:end] for column in columns), strict=True)


class SpanRun:
    """One document's spans: rows `first` to `first + count` of a batch's columns. Reads
    like the list of tuples it stands for (len, truth, iteration, equality)."""

    __slots__ = ("columns", "count", "first")

    def __init__(self, columns: SpanColumns, first: int, count: int) -> None:
        self.columns, self.first, self.count = columns, first, count

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Iterator[tuple]:
        return self.columns.rows(self.first, self.count)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, SpanRun | list) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like the list it stands for


def pack_batch(documents: list[PreparedDocument]) -> tuple | None:
    """The batch ready to pickle, or None when packing would not pay or cannot hold it (a
    document with a span other than PLAIN, or no spans in the whole batch)."""
    if not all(document[ALL_PLAIN] for document in documents):
        return None
    spans = list(chain.from_iterable(document[SPANS] for document in documents))
    if not spans:
        return None
    positions, ids, starts, ends, labels, texts = zip(*spans, strict=True)
    counts = array(_INTEGERS, [len(document[SPANS]) for document in documents])
    bare = [(*document[:SPANS], (), document[ALL_PLAIN]) for document in documents]
    return (bare, counts.tobytes(), array(_INTEGERS, positions).tobytes(),
            _SEPARATOR.join(ids), array(_INTEGERS, starts).tobytes(),
            array(_INTEGERS, ends).tobytes(), _SEPARATOR.join(labels),
            _SEPARATOR.join(texts))


def unpack_batch(packed: tuple) -> list[PreparedDocument]:
    """The documents `pack_batch` packed, each with its spans as a SpanRun."""
    bare, counts, positions, ids, starts, ends, labels, texts = packed
    columns = SpanColumns(_integers(positions), ids.split(_SEPARATOR), _integers(starts),
                          _integers(ends), labels.split(_SEPARATOR), texts.split(_SEPARATOR))
    if len({len(column) for column in (columns.positions, columns.ids, columns.starts,
                                       columns.ends, columns.labels, columns.texts)}) != 1:
        raise ValueError("a packed batch whose columns differ in length (a U+0000 inside "
                         "a joined value)")
    documents: list[PreparedDocument] = []
    first = 0
    for document, count in zip(bare, _integers(counts), strict=True):
        # ALL_PLAIN is the last field, right after SPANS (core.prepared)
        documents.append((*document[:SPANS], SpanRun(columns, first, count),
                          document[ALL_PLAIN]))
        first += count
    if first != len(columns):
        raise ValueError("a packed batch whose span counts do not add up")
    return documents


def plain_rows(documents: list[PreparedDocument]) -> Iterator[tuple]:
    """Every PLAIN span row of `documents`, in order: straight from the columns when the
    documents are one whole unpacked batch, else document by document."""
    runs = [document[SPANS] for document in documents]
    if runs and all(type(run) is SpanRun for run in runs) and _whole(runs):
        return runs[0].columns.rows()
    return chain.from_iterable(runs)


def _whole(runs: list[SpanRun]) -> bool:
    """Whether the runs are every row of one batch's columns, in order."""
    columns, row = runs[0].columns, 0
    for run in runs:
        if run.columns is not columns or run.first != row:
            return False
        row += run.count
    return row == len(columns)


def _integers(data: bytes) -> list[int]:
    values = array(_INTEGERS)
    values.frombytes(data)
    return values.tolist()
