"""Merging annotators' files into a lead project, beside the raw SQLite floor.

    python bench/bench_merge.py [--files 20] [--docs 5000] [--workdir /tmp/tawsim-bench-merge]

A lead project holds files × docs documents (~2 KB Arabic articles, bench.corpus). Each
annotator's file holds its share of them with 10 spans per document in the annotator's
layer (9 entities and a CLAIM) and a SOURCE link from the claim to an actor where the
document has one. Timed, in one process, on the same data:

- first merge: all files into the lead (services.merging.merge_files);
- re-merge of newer files: every file with a tenth of its documents edited (a span deleted,
  one moved, one relabelled, one added, a status set), each edit on the file's audit trail;
- re-merge of the same files (nothing to change);
- floor: plain SQLite, the same spans and links copied from each attached file into a copy
  of the lead by INSERT … SELECT (documents joined by id), no checks, no comparison.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import sys
import time
import uuid
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.core.model import LayerKind  # noqa: E402
from annotator.services.importing import import_paths  # noqa: E402
from annotator.services.merging import merge_files  # noqa: E402
from annotator.services.projects import init_project, open_project  # noqa: E402
from bench.corpus import article  # noqa: E402
from bench.machine import describe_machine  # noqa: E402


def _annotated(seed: int) -> dict:
    """One document with 9 entities, a CLAIM over its first sentence and its SOURCE."""
    record = article(seed, spans_per_doc=9)
    text = record["text"]
    end = text.find(".")
    end = end if 0 < end <= 200 else min(len(text), 60)
    claim = {"id": str(uuid.UUID(int=seed << 16 | 0xC1A1)), "start": 0, "end": end,
             "label": "CLAIM", "text": text[:end], "attrs": {"stance": "asserted"}}
    actors = [span for span in record["spans"] if span["label"] == "ACTOR"]
    relations = [{"id": str(uuid.UUID(int=seed << 16 | 0x50CE)), "type": "SOURCE",
                  "head": claim["id"], "tail": actors[0]["id"]}] if actors else []
    return {**record, "layer": None, "status": "in_progress",
            "spans": [*record["spans"], claim], "relations": relations}


def build(work: Path, files: int, docs: int) -> tuple[Path, list[Path]]:
    """The lead (documents only) and the annotators' files, made once per size."""
    folder = work / f"{files}x{docs}"
    lead = folder / "lead.tawsim"
    names = [folder / f"annotator-{i:02d}.tawsim" for i in range(files)]
    if lead.exists() and all(path.exists() for path in names):
        return lead, names
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    texts = folder / "texts.jsonl"
    with texts.open("wb") as handle:
        for seed in range(files * docs):
            record = article(seed, spans_per_doc=0)
            handle.write(orjson.dumps({"id": record["id"], "text": record["text"]}) + b"\n")
    with init_project(lead) as store:
        import_paths(store, [texts], actor="bench")
    for index, path in enumerate(names):
        part = folder / f"part-{index:02d}.jsonl"
        with part.open("wb") as handle:
            for seed in range(index * docs, (index + 1) * docs):
                handle.write(orjson.dumps(_annotated(seed)) + b"\n")
        name = f"annotator-{index:02d}"
        with init_project(path) as store:
            import_paths(store, [part], actor=name, layer=name,
                         layer_kind=LayerKind.ANNOTATOR)
            store.set_layer_owner(name, str(uuid.UUID(int=index + 1)))
        part.unlink()
    texts.unlink()
    return lead, names


def edit(path: Path, seed: int) -> None:
    """A newer state of one file: a tenth of its documents edited, each edit audited."""
    conn = sqlite3.connect(path)
    layer_id, layer = conn.execute("SELECT id, name FROM layer").fetchone()
    now = "2026-01-01T00:00:00.000Z"
    edited = conn.execute("SELECT seq, id FROM document WHERE seq % 10 = ?",
                          (seed % 10,)).fetchall()
    with conn:
        for doc_seq, doc_id in edited:
            spans = conn.execute(
                'SELECT seq, id, "start", "end", label FROM span WHERE document = ? '
                "AND label <> 'CLAIM' AND seq NOT IN (SELECT tail FROM relation) "
                "ORDER BY seq", (doc_seq,)).fetchall()
            if len(spans) < 3:
                continue
            gone, moved, relabelled = spans[0], spans[1], spans[2]
            conn.execute("DELETE FROM span WHERE seq = ?", (gone[0],))
            conn.execute('UPDATE span SET "start" = "start" + 1, '
                         'text = substr(text, 2) WHERE seq = ? AND "end" - "start" > 1',
                         (moved[0],))
            conn.execute("UPDATE span SET label = 'WEAPON' WHERE seq = ? AND NOT EXISTS "
                         "(SELECT 1 FROM span AS s WHERE s.document = ? AND s.layer = ? "
                         "AND s.\"start\" = ? AND s.\"end\" = ? AND s.label = 'WEAPON')",
                         (relabelled[0], doc_seq, layer_id, relabelled[2], relabelled[3]))
            conn.execute(
                'INSERT INTO span (id, document, layer, "start", "end", label, text, '
                "created_at, updated_at) SELECT ?, document, layer, \"start\", \"end\", "
                "'LOCATION', text, ?, ? FROM span WHERE seq = ? AND label <> 'LOCATION'",
                (str(uuid.uuid4()), now, now, gone[0] + 1))
            conn.execute("INSERT INTO status (document, layer, status, updated_at) "
                         "VALUES (?, ?, 'done', ?) ON CONFLICT (document, layer) DO UPDATE "
                         "SET status = 'done'", (doc_seq, layer_id, now))
            conn.execute("INSERT INTO audit (at, actor, action, document, layer, before, after) "
                         "VALUES (?, ?, 'edit', ?, ?, NULL, NULL)", (now, layer, doc_id, layer))
    conn.close()


def floor(lead: Path, files: list[Path], out: Path) -> float:
    """The same spans and links copied by plain SQL into a copy of the lead."""
    shutil.copyfile(lead, out)
    conn = sqlite3.connect(out)
    conn.execute("PRAGMA synchronous = NORMAL")
    started = time.perf_counter()
    for index, path in enumerate(files):
        conn.execute("ATTACH DATABASE ? AS f", (f"{path.resolve().as_uri()}?mode=ro",))
        conn.execute("BEGIN")
        layer = conn.execute("INSERT INTO layer (name, kind, created_at) VALUES "
                             "(?, 'annotator', '')", (f"floor-{index}",)).lastrowid
        conn.execute(
            'INSERT INTO span (id, document, layer, "start", "end", label, text, attrs, note, '
            "annotator, created_at, updated_at) SELECT s.id, d.seq, ?, s.\"start\", s.\"end\", "
            "s.label, s.text, s.attrs, s.note, s.annotator, s.created_at, s.updated_at "
            "FROM f.span AS s JOIN f.document AS fd ON fd.seq = s.document "
            "JOIN main.document AS d ON d.id = fd.id", (layer,))
        conn.execute(
            "INSERT INTO relation (id, document, layer, type, head, tail, attrs, created_at, "
            "updated_at) SELECT r.id, h.document, ?, r.type, h.seq, t.seq, r.attrs, "
            "r.created_at, r.updated_at FROM f.relation AS r "
            "JOIN f.span AS fh ON fh.seq = r.head JOIN main.span AS h ON h.id = fh.id "
            "JOIN f.span AS ft ON ft.seq = r.tail JOIN main.span AS t ON t.id = ft.id",
            (layer,))
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE f")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def timed_merge(lead: Path, files: list[Path]) -> tuple[float, dict]:
    with open_project(lead) as store:
        started = time.perf_counter()
        report = merge_files(store, files, actor="bench")
        elapsed = time.perf_counter() - started
    totals: dict = {}
    for item in report.files:
        for layer in item.layers:
            for key in ("documents_changed", "spans_added", "spans_changed", "spans_removed",
                        "relations_added"):
                totals[key] = totals.get(key, 0) + getattr(layer, key)
    return elapsed, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--docs", type=int, default=5000, help="documents per file")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tawsim-bench-merge"))
    options = parser.parse_args()
    started = time.perf_counter()
    source_lead, sources = build(options.workdir, options.files, options.docs)
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    run = options.workdir / "run"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir()
    lead = run / "lead.tawsim"
    shutil.copyfile(source_lead, lead)
    files = [Path(shutil.copyfile(path, run / path.name)) for path in sources]
    total = options.files * options.docs

    rows = []
    seconds, counts = timed_merge(lead, files)
    rows.append(("first merge", seconds, counts))
    for index, path in enumerate(files):
        edit(path, index)
    seconds, counts = timed_merge(lead, files)
    rows.append(("re-merge of newer files", seconds, counts))
    seconds, counts = timed_merge(lead, files)
    rows.append(("re-merge of the same files", seconds, counts))
    seconds = floor(source_lead, sources, run / "floor.tawsim")
    rows.append(("floor: INSERT … SELECT, no checks", seconds, {}))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nMachine: {describe_machine()}; load average {os.getloadavg()[0]:.1f}")
    print(f"Lead file after the merges: {lead.stat().st_size / 1e6:.0f} MB; peak RSS of the "
          f"run {peak:.0f} MB")
    print(f"Lead: {total:,} documents; {options.files} files × {options.docs:,} documents, "
          "10 spans each and a SOURCE link where the document has an actor\n")
    print("| step | seconds | documents/s | spans added / changed / removed |")
    print("|---|---:|---:|---|")
    for name, elapsed, found in rows:
        changes = (f"{found.get('spans_added', 0):,} / {found.get('spans_changed', 0):,} / "
                   f"{found.get('spans_removed', 0):,}" if name != rows[-1][0]
                   else "(copies all)")
        print(f"| {name} | {elapsed:.2f} | {total / elapsed:,.0f} | {changes} |")


if __name__ == "__main__":
    main()
