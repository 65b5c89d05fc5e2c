"""Writing a batch of new, already checked documents (core.prepared) with the fewest values
bound and nothing checked twice.

Every span was checked once, where its line was read; the rows are bound here as they came.
storage.bulk has matched the documents (none is in the project yet) and chosen their layers.
The database still guards what only it can see: a span id that another annotation in the
project already has makes the batch roll back to its savepoint, and storage.bulk then takes
it the careful way, which gives such spans new ids. Spans are numbered by SQLite (the next
seq, as the careful way numbers them), and the common span, with no attributes, note,
annotator or times, binds five values instead of thirteen, straight from the tuple it came
in (core.prepared).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from annotator.core.ids import new_id
from annotator.core.prepared import (
    ALL_PLAIN,
    ID,
    META,
    PLAIN,
    POSITION,
    SPANS,
    STATUS,
    TEXT,
    TEXT_SHA256,
    TIME,
    TITLE,
    PreparedDocument,
)
from annotator.core.span_columns import plain_rows
from annotator.storage.bulk_rows import BatchRows, ImportCounts, RowBuilder, write_rows

_DOCUMENTS = ("INSERT INTO document (seq, id, title, text, text_sha256, meta, source, "
              "created_at) VALUES (?,?,?,CAST(? AS TEXT),?,?,?,?)")  # the text comes as UTF-8
_FULL_SPANS = ('INSERT INTO span (document, layer, id, "start", "end", label, text, attrs, '
               "note, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")


def _plain_spans(now: str, base: int, layer_id: int) -> str:
    """The statement for a run of plain spans of one layer: each span's document seq is its
    position in the batch plus `base`. The time is this import's own (utc_now), never user
    input, and the numbers are ours: safe to write as literals."""
    stamp = "'" + now.replace("'", "''") + "'"
    return ('INSERT INTO span (document, layer, id, "start", "end", label, text, created_at, '
            f"updated_at) VALUES (? + {int(base)}, {int(layer_id)}, ?, ?, ?, ?, ?, {stamp}, "
            f"{stamp})")


def write_prepared(conn: sqlite3.Connection, builder: RowBuilder, counts: ImportCounts,
                   documents: list[PreparedDocument], layers: list[int | None],
                   source: str | None) -> bool:
    """Write `documents` (consecutive in their batch, none of them in the project yet) into
    their `layers`; False, with nothing written, when the database refuses a row."""
    now = builder.now
    first = seq = builder.next_doc
    document_rows: list[tuple] = []
    rows = BatchRows()
    span_count = 0
    span_layers: set[int] = set()
    plain = True
    for document, layer_id in zip(documents, layers, strict=True):
        document_rows.append((seq, document[ID] or new_id(), document[TITLE], document[TEXT],
                              document[TEXT_SHA256], document[META], source, now))
        if layer_id is not None:
            if document[SPANS]:
                span_count += len(document[SPANS])
                span_layers.add(layer_id)
                plain = plain and document[ALL_PLAIN]
            if document[STATUS]:
                rows.statuses.append((seq, layer_id, document[STATUS], now))
            if document[TIME]:
                rows.times.append((seq, layer_id, document[TIME], now))
        seq += 1
    conn.execute("SAVEPOINT prepared")
    # Every CHECK of these rows was made where their lines were read (a text that is not
    # empty, valid JSON, offsets in order, the covered text cut from the document's), and
    # nothing else is written while the batch is: SQLite need not repeat them row by row.
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        conn.executemany(_DOCUMENTS, document_rows)
        if plain and len(span_layers) == 1:  # the common case: bound as the spans came
            base = first - documents[0][POSITION]
            conn.executemany(_plain_spans(now, base, span_layers.pop()),
                             plain_rows(documents))
        elif span_count:
            conn.executemany(_FULL_SPANS, _full_rows(documents, layers, first, now))
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK TO prepared")
        conn.execute("RELEASE prepared")
        return False
    finally:
        conn.execute("PRAGMA ignore_check_constraints = OFF")
    conn.execute("RELEASE prepared")
    write_rows(conn, rows)
    builder.next_doc = seq
    builder.next_span = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM span").fetchone()[0]
    counts.documents_new += len(documents)
    counts.spans_new += span_count
    return True


def _full_rows(documents: list[PreparedDocument], layers: list[int | None], first: int,
               now: str) -> Iterator[tuple]:
    """Span rows with all twelve values (plain ones filled with the defaults)."""
    for seq, (document, layer_id) in enumerate(zip(documents, layers, strict=True), first):
        for span in document[SPANS]:
            if len(span) == PLAIN:
                yield (seq, layer_id, *span[1:], "{}", "", None, now, now)
            else:
                created = span[9] or now
                yield (seq, layer_id, *span[1:9], created, span[10] or created)
