"""The floor for imports and exports: the least a Python program can do with SQLite and orjson.

    python bench/bench_floor.py import CORPUS.jsonl FLOOR.sqlite
    python bench/bench_floor.py export FLOOR.sqlite OUT.jsonl

Import reads a JSONL corpus (Tawsim records or plain articles) line by line with orjson and
stores documents(id, key UNIQUE, text) and spans(doc, start, end, label) in a WAL database with
`executemany`, building the unique index after the rows. Export reads them back in document
order and writes one JSON line per document with its spans (each span's text cut from the
document's). No checks, no ids, no history: what Tawsim's import and export are measured
against (bench/bench_import_export.py).
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import orjson

BATCH = 2000


def floor_import(corpus: Path, database: Path) -> dict:
    """Import `corpus` into a fresh floor database; returns seconds, documents, spans."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, key TEXT NOT NULL, "
                 "text TEXT NOT NULL)")
    conn.execute('CREATE TABLE spans (doc INTEGER NOT NULL, "start" INTEGER NOT NULL, '
                 '"end" INTEGER NOT NULL, label TEXT NOT NULL)')
    conn.execute("BEGIN")
    documents: list[tuple] = []
    spans: list[tuple] = []
    count = span_count = 0
    with open(corpus, "rb") as handle:
        for line in handle:
            record = orjson.loads(line)
            count += 1
            documents.append((count, record["id"], record["text"]))
            for span in record.get("spans", ()):
                spans.append((count, span["start"], span["end"], span["label"]))
            if len(documents) >= BATCH:
                span_count += _flush(conn, documents, spans)
    span_count += _flush(conn, documents, spans)
    conn.execute("CREATE UNIQUE INDEX documents_by_key ON documents (key)")
    conn.execute("COMMIT")
    conn.close()
    return {"seconds": time.perf_counter() - started, "documents": count, "spans": span_count}


def _flush(conn: sqlite3.Connection, documents: list[tuple], spans: list[tuple]) -> int:
    conn.executemany("INSERT INTO documents (id, key, text) VALUES (?, ?, ?)", documents)
    conn.executemany('INSERT INTO spans (doc, "start", "end", label) VALUES (?, ?, ?, ?)',
                     spans)
    written = len(spans)
    documents.clear()
    spans.clear()
    return written


def floor_export(database: Path, out: Path) -> dict:
    """Write every document with its spans as JSON lines, in document order."""
    started = time.perf_counter()
    conn = sqlite3.connect(database)
    # Spans were stored in document order: reading them in row order needs no sort.
    span_rows = conn.execute('SELECT doc, "start", "end", label FROM spans ORDER BY rowid')
    pending = next(span_rows, None)
    count = span_count = 0
    with open(out, "wb") as handle:
        for seq, key, text in conn.execute("SELECT id, key, text FROM documents ORDER BY id"):
            spans = []
            while pending is not None and pending[0] == seq:
                _, start, end, label = pending
                spans.append({"start": start, "end": end, "label": label,
                              "text": text[start:end]})
                pending = next(span_rows, None)
            handle.write(orjson.dumps({"id": key, "text": text, "spans": spans}) + b"\n")
            count += 1
            span_count += len(spans)
    conn.close()
    return {"seconds": time.perf_counter() - started, "documents": count, "spans": span_count}


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[0] not in ("import", "export"):
        raise SystemExit(__doc__)
    step = floor_import if argv[0] == "import" else floor_export
    print(orjson.dumps(step(Path(argv[1]), Path(argv[2]))).decode())


if __name__ == "__main__":
    main(sys.argv[1:])
