"""Import and export throughput of a large project, measured beside the floor in one run.

    python bench/bench_import_export.py [--docs 100000] [--rounds 3] [--jobs N]
                                        [--workdir /tmp/tawsim-bench]

Generates (once) two JSONL corpora of ~2 KB Arabic-like articles composed by bench/corpus.py:
Tawsim records with 10 spans each (1,000,000 spans at 100,000 documents), and the same
articles as plain {id, title, text, source, published} objects. Each round then runs, each
step in a process of its own so that its peak memory (max RSS) is its own:

- import of the records and of the articles with `import_paths` (what `tawsim import` runs),
  and the floor's import of the same files (bench/bench_floor.py);
- export of the imported project as Tawsim JSONL with `export_dataset` (what `tawsim
  export` runs, --jobs N), and the floor's export of its own database.

Tawsim and the floor alternate (floor first in odd rounds, Tawsim first in even ones), so that
whatever else loads the machine weighs on both alike; each line of the table is one pair.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_floor import floor_export, floor_import  # noqa: E402
from bench.corpus import records, write_corpus  # noqa: E402
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
    # Processor time of the step and of the processes it started and waited for (Tawsim's
    # reading and export processes): what the step cost whatever else ran on the machine.
    report["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return report


def write_articles(path: Path, count: int) -> Path:
    """The corpus's articles without annotations, as a news feed would give them."""
    if path.exists():
        return path
    temporary = path.with_suffix(".part")
    with temporary.open("wb") as handle:
        for record in records(count):
            article = {"id": record["id"], "title": record["meta"]["title"],
                       "text": record["text"], "source": "bench", "published": "2026-11-24"}
            handle.write(orjson.dumps(article) + b"\n")
    temporary.replace(path)
    return path


# -- phases (run in child processes) --------------------------------------------------------

def phase_import(corpus: str, project: str) -> dict:
    from annotator.services.importing import import_paths
    from annotator.services.projects import init_project

    for suffix in ("", "-wal", "-shm"):
        Path(project + suffix).unlink(missing_ok=True)
    with init_project(project) as store:
        started = time.perf_counter()
        counts = import_paths(store, [corpus], actor="bench")
        elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "documents": counts.documents_new, "spans": counts.spans_new}


def phase_export(project: str, out: str, jobs: str) -> dict:
    from annotator.services.exporting import export_dataset
    from annotator.services.projects import open_project

    with open_project(project) as store:
        started = time.perf_counter()
        report = export_dataset(store, out, jobs=int(jobs))
        elapsed = time.perf_counter() - started
    Path(out).unlink()  # only the time is wanted; the disk is needed for the next steps
    return {"seconds": elapsed, "documents": report.documents, "spans": report.spans}


def phase_floor_import(corpus: str, database: str) -> dict:
    return floor_import(Path(corpus), Path(database))


def phase_floor_export(database: str, out: str) -> dict:
    report = floor_export(Path(database), Path(out))
    Path(out).unlink()
    return report


PHASES = {"import": phase_import, "export": phase_export, "floor_import": phase_floor_import,
          "floor_export": phase_floor_export}


def _pair(round_number: int, floor: tuple, tawsim: tuple) -> tuple[dict, dict]:
    """Run the floor's step and Tawsim's, in an order that alternates with the round."""
    if round_number % 2:
        first, second = _phase(*floor), _phase(*tawsim)
        return first, second
    second = _phase(*tawsim)
    return _phase(*floor), second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="export processes (tawsim export --jobs)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tawsim-bench"))
    parser.add_argument("--steps", default="import records,export records,import articles",
                        help="which steps to run, comma-separated (a million articles need "
                             "about 25 GB of disk for all three)")
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("args", nargs="*")
    options = parser.parse_args()
    if options.phase:
        print(json.dumps(PHASES[options.phase](*options.args)))
        return

    work = options.workdir
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    corpus = write_corpus(work / f"corpus-{options.docs}.jsonl", options.docs)
    wanted = [step.strip() for step in options.steps.split(",") if step.strip()]
    articles = (write_articles(work / f"articles-{options.docs}.jsonl", options.docs)
                if "import articles" in wanted else corpus)
    print(f"corpora: {corpus.stat().st_size / 1e6:.0f} MB and "
          f"{articles.stat().st_size / 1e6:.0f} MB ({time.perf_counter() - started:.0f} s)",
          file=sys.stderr)
    project, floor_db = str(work / "bench.tawsim"), str(work / "floor.sqlite")
    steps = {
        "import records": (("floor_import", str(corpus), floor_db),
                           ("import", str(corpus), project)),
        "export records": (("floor_export", floor_db, str(work / "floor-export.jsonl")),
                           ("export", project, str(work / "export.jsonl"),
                            str(options.jobs))),
        "import articles": (("floor_import", str(articles), floor_db + "-articles"),
                            ("import", str(articles), project + "-articles")),
    }
    unknown = set(wanted) - set(steps)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    steps = {step: pair for step, pair in steps.items() if step in wanted}
    rows: list[tuple[str, int, dict, dict]] = []
    for round_number in range(1, options.rounds + 1):
        for step, (floor, tawsim) in steps.items():
            floor_report, tawsim_report = _pair(round_number, floor, tawsim)
            rows.append((step, round_number, floor_report, tawsim_report))
            print(f"{step} round {round_number}: floor {floor_report['seconds']:.2f} s, "
                  f"Tawsim {tawsim_report['seconds']:.2f} s", file=sys.stderr)

    print(f"\nMachine: {describe_machine()}; load average {load_before:.1f} before the run, "
          f"{os.getloadavg()[0]:.1f} after")
    print(f"Corpus: {options.docs} documents, {rows[0][3]['spans']} spans; records "
          f"{corpus.stat().st_size / 1e6:.0f} MB, articles {articles.stat().st_size / 1e6:.0f}"
          f" MB; project file {Path(project).stat().st_size / 1e6:.0f} MB; export --jobs "
          f"{options.jobs}\n")
    print("| step | round | floor (s) | Tawsim (s) | Tawsim documents/s | Tawsim / floor speed "
          "| floor CPU (s) | Tawsim CPU (s) | Tawsim peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    ratios: dict[str, list[float]] = {}
    for step, round_number, floor_report, tawsim_report in rows:
        ratio = floor_report["seconds"] / tawsim_report["seconds"]
        ratios.setdefault(step, []).append(ratio)
        rate = tawsim_report["documents"] / tawsim_report["seconds"]
        print(f"| {step} | {round_number} | {floor_report['seconds']:.2f} | "
              f"{tawsim_report['seconds']:.2f} | {rate:,.0f} | {ratio:.2f} | "
              f"{floor_report['cpu_seconds']:.2f} | {tawsim_report['cpu_seconds']:.2f} | "
              f"{tawsim_report['peak_rss_mb']:.0f} |")
    print()
    for step, values in ratios.items():
        print(f"{step}: Tawsim at {statistics.median(values):.2f} of the floor's speed "
              f"(median of {len(values)}; {min(values):.2f}-{max(values):.2f})")


if __name__ == "__main__":
    main()
