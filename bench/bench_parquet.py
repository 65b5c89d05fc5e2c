"""Parquet export and import of a large project, beside the native JSONL on the same data.

    python bench/bench_parquet.py [--docs 100000] [--workdir /tmp/tawsim-bench]

Builds (once) the project of bench_import_export (~2 KB Arabic articles, 10 spans each), then
in separate processes: exports it as JSONL and as Parquet (zstd and snappy; one process and
the default number of worker processes), imports the Parquet folder and the JSONL file into
new projects, reads the Parquet folder with pyarrow alone, and queries it with DuckDB (the
`consumers` extra). Each phase runs in its own process; its peak memory is that of its
largest process (an export with workers: the exporting process, which holds the shards in
flight), not the sum of its workers'.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.formats.parquet.writer import default_jobs  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402
from bench.machine import describe_machine  # noqa: E402


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def phase_build(corpus: str, project: str) -> dict:
    from annotator.services.importing import import_paths
    from annotator.services.projects import init_project

    if Path(project).exists():
        return {"seconds": 0.0, "documents": 0}
    with init_project(project) as store:
        counts = import_paths(store, [corpus], actor="bench")
    return {"seconds": 0.0, "documents": counts.documents_new}


def phase_export(project: str, out: str, fmt: str, options: str) -> dict:
    from annotator.services.exporting import export_dataset
    from annotator.services.projects import open_project

    target = Path(out)
    if target.is_dir():
        shutil.rmtree(target)
    target.unlink(missing_ok=True)
    with open_project(project) as store:
        started = time.perf_counter()
        report = export_dataset(store, out, format=fmt, options=json.loads(options))
        elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "documents": report.documents, "mb": _size_mb(target)}


def phase_import(source: str, project: str, fmt: str) -> dict:
    from annotator.services.importing import import_paths
    from annotator.services.projects import init_project

    Path(project).unlink(missing_ok=True)
    with init_project(project) as store:
        started = time.perf_counter()
        counts = import_paths(store, [source], actor="bench", format=fmt)
        elapsed = time.perf_counter() - started
    Path(project).unlink()
    return {"seconds": elapsed, "documents": counts.documents_new}


def phase_pyarrow(folder: str) -> dict:
    import pyarrow.parquet as pq

    started = time.perf_counter()
    table = pq.read_table(folder)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "documents": table.num_rows}


def phase_stages(project: str) -> dict:
    """CPU seconds of each stage of a Parquet export, in one process and streaming as the
    export does: reading and checking the records, building Arrow row groups, encoding and
    compressing them (into memory, so the disk does not count)."""
    import pyarrow as pa

    from annotator.core.records import verify_record
    from annotator.formats.parquet.columns import record_batch
    from annotator.formats.parquet.layout import schema
    from annotator.formats.parquet.shards import FileWriter, row_groups
    from annotator.services.projects import open_project
    from annotator.storage.scan import scan

    spent = {"read_check": 0.0, "columns": 0.0, "encode": 0.0}
    with open_project(project) as store:
        scheme, arrow_schema = store.scheme, schema(None)
        writer = FileWriter(pa.BufferOutputStream(), arrow_schema, "zstd")

        def checked():
            records = scan(store)
            while True:
                started = time.process_time()
                record = next(records, None)
                if record is not None:
                    verify_record(record, scheme)
                spent["read_check"] += time.process_time() - started
                if record is None:
                    return
                yield record

        documents = 0
        for group, _ in row_groups(checked(), 10_000):
            started = time.process_time()
            batch = record_batch(group, arrow_schema)
            spent["columns"] += time.process_time() - started
            started = time.process_time()
            writer.write(batch)
            spent["encode"] += time.process_time() - started
            documents += len(group)
        writer.close()
    return {"seconds": sum(spent.values()), "documents": documents,
            **{key: round(value, 2) for key, value in spent.items()}}


def phase_duckdb(folder: str) -> dict:
    """What a consumer does with the folder: spans per label, every span cut from its text
    by DuckDB's own substring and compared with the span's text."""
    import duckdb

    glob = str(Path(folder) / "*.parquet").replace("'", "''")
    started = time.perf_counter()
    rows = duckdb.sql(
        "SELECT s.label, count(*), count(*) FILTER (WHERE substring(text, s.start + 1, "
        f"s.\"end\" - s.start) <> s.text) FROM (SELECT text, unnest(spans) AS s FROM "
        f"read_parquet('{glob}')) GROUP BY 1").fetchall()
    elapsed = time.perf_counter() - started
    if any(row[2] for row in rows):
        raise SystemExit("DuckDB cut a span's text differently")
    documents = duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}')").fetchall()[0][0]
    return {"seconds": elapsed, "documents": documents}


PHASES = {"build": phase_build, "export": phase_export, "import": phase_import,
          "pyarrow": phase_pyarrow, "duckdb": phase_duckdb, "stages": phase_stages}


def _phase(name: str, *args: str) -> dict:
    """Run one phase in a child process; its report plus its peak RSS."""
    command = [sys.executable, __file__, "--phase", name, *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"phase {name} failed:\n{err.read()}")
        report = json.loads(out.read().strip().splitlines()[-1])
    report["peak_rss_mb"] = usage.ru_maxrss / 1024
    # CPU of the phase and of the workers it waited for: steadier than wall time on a
    # machine others share.
    report["cpu_s"] = usage.ru_utime + usage.ru_stime
    return report


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
    corpus = write_corpus(work / f"corpus-{options.docs}.jsonl", options.docs)
    project = str(work / f"parquet-bench-{options.docs}.tawsim")
    _phase("build", str(corpus), project)
    jsonl, folder = work / "pq-export.jsonl", work / "pq-export"
    rows = [
        ("export jsonl", _phase("export", project, str(jsonl), "jsonl", "{}")),
        ("export parquet zstd, jobs=1 (this process)", _phase(
            "export", project, str(folder), "parquet", '{"jobs": "1"}')),
        ("export parquet snappy, jobs=1", _phase(
            "export", project, str(work / "pq-snappy"), "parquet",
            '{"jobs": "1", "compression": "snappy"}')),
        ("export parquet zstd, jobs=2 (2 worker processes)", _phase(
            "export", project, str(folder), "parquet", '{"jobs": "2"}')),
        ("import parquet", _phase("import", str(folder), str(work / "pq-in.tawsim"),
                                  "parquet")),
        ("import jsonl", _phase("import", str(jsonl), str(work / "pq-in.tawsim"), "jsonl")),
        ("read parquet with pyarrow", _phase("pyarrow", str(folder))),
        ("DuckDB: spans per label, every span cut from its text",
         _phase("duckdb", str(folder))),
    ]
    stages = _phase("stages", project)
    print(f"\nMachine: {describe_machine()}; load average {os.getloadavg()[0]:.1f} at the end")
    print(f"Project: {options.docs} documents, 10 spans each; "
          f"the default here is jobs={default_jobs()}\n")
    print("| step | seconds | documents/s | CPU seconds | output (MB) | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, report in rows:
        rate = report["documents"] / report["seconds"]
        size = f"{report['mb']:.0f}" if "mb" in report else ""
        print(f"| {name} | {report['seconds']:.2f} | {rate:,.0f} | {report['cpu_s']:.1f} | "
              f"{size} | {report['peak_rss_mb']:.0f} |")
    print(f"\nCPU seconds of one process's export by stage: reading and checking "
          f"{stages['read_check']:.2f}, Arrow columns {stages['columns']:.2f}, encoding and "
          f"zstd {stages['encode']:.2f} (the workers' share: "
          f"{stages['encode'] / stages['seconds']:.0%})")


if __name__ == "__main__":
    main()
