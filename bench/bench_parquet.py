"""Parquet export and import of a large project, beside the native JSONL on the same data.

    python bench/bench_parquet.py [--docs 100000] [--workdir /tmp/tawsim-bench]

Builds (once) the project of bench_import_export (~2 KB Arabic articles, 10 spans each), then
in separate processes: exports it as JSONL and as Parquet (zstd and snappy; one process and
the default number of worker processes), imports the Parquet folder and the JSONL file into
new projects, and reads the Parquet folder with pyarrow alone. Each phase runs in its own
process so its peak memory is its own (a phase with workers reports its own process only).
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


PHASES = {"build": phase_build, "export": phase_export, "import": phase_import,
          "pyarrow": phase_pyarrow}


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
        ("export parquet zstd, 1 process", _phase(
            "export", project, str(folder), "parquet", '{"jobs": "1"}')),
        ("export parquet snappy, 1 process", _phase(
            "export", project, str(work / "pq-snappy"), "parquet",
            '{"jobs": "1", "compression": "snappy"}')),
        ("export parquet zstd, default workers", _phase(
            "export", project, str(folder), "parquet", "{}")),
        ("import parquet", _phase("import", str(folder), str(work / "pq-in.tawsim"),
                                  "parquet")),
        ("import jsonl", _phase("import", str(jsonl), str(work / "pq-in.tawsim"), "jsonl")),
        ("read parquet with pyarrow", _phase("pyarrow", str(folder))),
    ]
    print(f"\nMachine: {describe_machine()}")
    print(f"Project: {options.docs} documents, 10 spans each\n")
    print("| step | seconds | documents/s | CPU seconds | output (MB) | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, report in rows:
        rate = report["documents"] / report["seconds"]
        size = f"{report['mb']:.0f}" if "mb" in report else ""
        print(f"| {name} | {report['seconds']:.2f} | {rate:,.0f} | {report['cpu_s']:.1f} | "
              f"{size} | {report['peak_rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
