"""Import and export throughput of a large project, beside the raw SQLite limit.

    python bench/bench_import_export.py [--docs 100000] [--workdir /tmp/tawsim-bench]

Generates (once) a JSONL corpus of ~2 KB Arabic articles with 10 spans each, then in separate
processes: imports it with `tawsim import` (services.importing), exports it with `tawsim
export`, and measures the raw SQLite limits on the same data: pre-built rows inserted with
executemany into the same schema, and rows selected and written as JSON by SQL alone.
Each phase runs in its own process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.machine import describe_machine  # noqa: E402


def _phase(name: str, *args: str) -> dict:
    """Run one phase in a child process; return its own report plus its peak RSS."""
    command = [sys.executable, __file__, "--phase", name, *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"phase {name} failed:\n{err.read()}")
        report = json.loads(out.read().strip().splitlines()[-1])
    report["peak_rss_mb"] = usage.ru_maxrss / 1024
    return report




# -- phases (run in child processes) --------------------------------------------------------

def phase_import(corpus: str, project: str) -> dict:
    from annotator.services.importing import import_paths
    from annotator.services.projects import init_project

    Path(project).unlink(missing_ok=True)
    with init_project(project) as store:
        started = time.perf_counter()
        counts = import_paths(store, [corpus], actor="bench")
        elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "documents": counts.documents_new, "spans": counts.spans_new}


def phase_export(project: str, out: str) -> dict:
    from annotator.services.exporting import export_dataset
    from annotator.services.projects import open_project

    with open_project(project) as store:
        started = time.perf_counter()
        report = export_dataset(store, out, layer="gold")
        elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "documents": report.documents, "spans": report.spans}


def phase_raw_insert(corpus: str, project: str) -> dict:
    """The same rows, pre-built before the clock starts, inserted with executemany into the
    same schema (triggers included): what SQLite itself allows on this machine."""
    import orjson

    from annotator.services.projects import init_project

    Path(project).unlink(missing_ok=True)
    init_project(project).close()
    documents, spans = [], []
    with open(corpus, "rb") as handle:
        for seq, line in enumerate(handle, start=1):
            record = orjson.loads(line)
            documents.append((seq, record["id"], "", record["text"], "x" * 64, "{}", "now"))
            for span in record["spans"]:
                spans.append((span["id"], seq, 1, span["start"], span["end"], span["label"],
                              span["text"], "now", "now"))
    conn = sqlite3.connect(project)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("INSERT INTO layer (id, name, kind, created_at) VALUES (1, 'gold', 'gold', '')")
    conn.commit()
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO document (seq, id, title, text, text_sha256, meta, created_at)"
                     " VALUES (?,?,?,?,?,?,?)", documents)
    conn.executemany('INSERT INTO span (id, document, layer, "start", "end", label, text, '
                     "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", spans)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return {"seconds": elapsed, "documents": len(documents), "spans": len(spans)}


def phase_raw_export(project: str, out: str) -> dict:
    """SQLite building each JSON line itself (json_object/json_group_array), written as is."""
    conn = sqlite3.connect(project)
    started = time.perf_counter()
    count = 0
    with open(out, "w", encoding="utf-8") as handle:
        for (line,) in conn.execute(
            "SELECT json_object('id', d.id, 'text', d.text, 'spans', "
            "(SELECT json_group_array(json_object('id', s.id, 'start', s.\"start\", 'end', "
            "s.\"end\", 'label', s.label, 'text', s.text)) FROM span AS s "
            "WHERE s.document = d.seq)) FROM document AS d ORDER BY d.seq"
        ):
            handle.write(line)
            handle.write("\n")
            count += 1
    elapsed = time.perf_counter() - started
    conn.close()
    return {"seconds": elapsed, "documents": count, "spans": 0}


PHASES = {"import": phase_import, "export": phase_export, "raw_insert": phase_raw_insert,
          "raw_export": phase_raw_export}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tawsim-bench"))
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("args", nargs="*")
    options = parser.parse_args()
    if options.phase:
        print(json.dumps(PHASES[options.phase](*options.args)))
        return

    work = options.workdir
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    corpus = write_corpus(work / f"corpus-{options.docs}.jsonl", options.docs)
    print(f"corpus: {corpus} ({corpus.stat().st_size / 1e6:.0f} MB, "
          f"{time.perf_counter() - started:.0f} s)", file=sys.stderr)
    project = str(work / "bench.tawsim")
    results = {
        "import": _phase("import", str(corpus), project),
        "export": _phase("export", project, str(work / "export.jsonl")),
        "raw_insert": _phase("raw_insert", str(corpus), str(work / "raw.tawsim")),
        "raw_export": _phase("raw_export", project, str(work / "raw-export.jsonl")),
    }
    size = Path(project).stat().st_size / 1e6
    print(f"\nMachine: {describe_machine()}")
    print(f"Corpus: {options.docs} documents, {results['import']['spans']} spans, "
          f"{corpus.stat().st_size / 1e6:.0f} MB JSONL; project file {size:.0f} MB\n")
    print("| step | seconds | documents/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|")
    for name, report in results.items():
        rate = report["documents"] / report["seconds"]
        print(f"| {name} | {report['seconds']:.2f} | {rate:,.0f} | {report['peak_rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
