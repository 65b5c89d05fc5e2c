"""A million articles: the desk's document list, `tawsim stats` and the search index at scale.

    python bench/bench_scale.py [--docs 1000000] [--spans 10] [--keep DIR | --reuse FILE]

1. Builds a project of `--docs` synthetic articles of about 2,000 characters with `--spans`
   spans each in one annotator's layer (amal), and statuses for about half of the documents
   (30% done, 10% in progress, 5% reviewed, spread at random). The documented shortcut: the
   project is created by the storage layer (ProjectStore.create: page size, WAL, every
   migration), then its rows are written with `executemany` on the store's own connection,
   a few thousand per transaction, instead of through the import service (which checks and
   records every record and would take ten times as long). Articles are made of sentences
   drawn from a pool written from bench/corpus.py's vocabulary, and each span covers a
   mention inside one of them, so `text[start:end] == span.text` holds.
2. In a fresh process (empty SQLite cache; the OS file cache is warm, the file having just
   been written), offscreen: the desk's document panel opened on the project (open the file,
   start the session, count, show the first page), jumps to the end, the middle and a typed
   position (each scrolled to and repainted), the same under the "done" and "new" filters,
   the status counts, `store.stats()`, and peak memory (ru_maxrss).
3. `tawsim stats` as a command (a new process: interpreter, imports, open, count).
4. In another fresh process: the whole search index built as the desk's search job builds
   it (`update_search_index` with progress), articles per second, CPU time per article in
   the writing and the preparing thread, the longest batch (an edit's longest wait for the
   write lock), the index's size against the size of the text it indexes, one-word query
   times, and that process's peak memory.

Results are printed and written to bench/results/scale-<docs>.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import ACTORS, PLACES, WEAPONS, WORDS  # noqa: E402
from bench.machine import describe_machine  # noqa: E402

LAYER = "amal"
POOL = 4000  # sentences the articles are drawn from
SENTENCES = 20  # per article: about 2,000 characters
BATCH = 5000  # documents per transaction while building
STATUSES = (("done", 0.30), ("in_progress", 0.10), ("reviewed", 0.05))
LABELS = (("LOCATION", PLACES), ("ACTOR", ACTORS), ("WEAPON", WEAPONS))
QUERIES = ("سوريا", "الاعلام", "طائرة مسيرة", "معسكر الشمال")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


# -- building --------------------------------------------------------------------------------


def sentence_pool(rng: random.Random) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences with the mentions they hold: (text, [(start, end, label)])."""
    pool = []
    for _ in range(POOL):
        parts: list[str] = []
        mentions: list[tuple[int, int, str]] = []
        at = 0
        for _ in range(rng.randint(12, 22)):
            if rng.random() < 0.15:
                label, names = rng.choice(LABELS)
                word = rng.choice(names)
                mentions.append((at, at + len(word), label))
            else:
                word = rng.choice(WORDS)
            parts.append(word)
            at += len(word) + 1
        pool.append((" ".join(parts) + ".", mentions))
    return pool


def article(rng: random.Random, pool, spans_wanted: int) -> tuple[str, list[tuple]]:
    parts, spans, at = [], [], 0
    for sentence, mentions in rng.choices(pool, k=SENTENCES):
        parts.append(sentence)
        for start, end, label in mentions:
            if len(spans) < spans_wanted:
                spans.append((at + start, at + end, label))
        at += len(sentence) + 1
    return " ".join(parts), spans


def build(path: Path, docs: int, spans_per_doc: int) -> dict:
    from annotator.storage import ProjectStore

    rng = random.Random(15)
    pool = sentence_pool(rng)
    started = time.perf_counter()
    store = ProjectStore.create(path, name="a million articles")
    conn = store.conn
    layer = store.ensure_layer(LAYER)
    conn.commit()
    conn.execute("PRAGMA synchronous = OFF")  # a benchmark file: a crash means building again
    now = "2026-12-07T00:00:00.000Z"
    span_count = 0
    for first in range(1, docs + 1, BATCH):
        documents, spans, statuses = [], [], []
        for seq in range(first, min(first + BATCH, docs + 1)):
            text, found = article(rng, pool, spans_per_doc)
            documents.append((seq, f"01a24f10-0000-7000-8000-{seq:012x}", text[:48], text,
                              hashlib.sha256(text.encode("utf-8")).hexdigest(), now))
            for n, (start, end, label) in enumerate(found):
                spans.append((f"01a24f10-0001-7000-8000-{seq:08x}{n:04x}", seq, layer, start,
                              end, label, text[start:end], LAYER, now, now))
            roll = rng.random()
            for status, share in STATUSES:
                if roll < share:
                    statuses.append((seq, layer, status, now))
                    break
                roll -= share
        with conn:
            conn.executemany("INSERT INTO document (seq, id, title, text, text_sha256, "
                             "created_at) VALUES (?, ?, ?, ?, ?, ?)", documents)
            conn.executemany('INSERT INTO span (id, document, layer, "start", "end", label, '
                             "text, annotator, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", spans)
            conn.executemany("INSERT INTO status (document, layer, status, updated_at) "
                             "VALUES (?, ?, ?, ?)", statuses)
        span_count += len(spans)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return {"documents": docs, "spans": span_count,
            "build_s": round(time.perf_counter() - started, 1),
            "file_mb": round(path.stat().st_size / 2**20)}


# -- the desk, in a fresh process ------------------------------------------------------------


def measure_desk(path: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: TID251

    from annotator.core.model import Status
    from annotator.services.projects import open_project
    from annotator.services.session import AnnotationSession
    from annotator.ui.common.session import DeskSession
    from annotator.ui.documents.panel import DocumentPanel

    app = QApplication.instance() or QApplication([])
    panel = DocumentPanel()
    panel.resize(420, 900)
    panel.show()
    app.processEvents()
    result: dict = {}
    holder: dict = {}

    def open_desk() -> None:
        holder["desk"] = DeskSession(AnnotationSession(open_project(path), LAYER))
        panel.set_session(holder["desk"])
        panel.table.viewport().repaint()

    result["open_and_first_page_ms"] = timed_ms(open_desk)
    desk, model, table = holder["desk"], panel.model, panel.table
    result["first_rows"] = [model.doc_id(0), model.doc_id(1)]

    def jump(row: int) -> float:
        def go() -> None:
            table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            table.viewport().repaint()
        return round(timed_ms(go), 1)

    def jumps(name: str) -> None:
        count = model.rowCount()
        typed = min(734_211, count - 1)
        result[name] = {"rows": count, "end_ms": jump(count - 1), "middle_ms": jump(count // 2),
                        "typed_ms": jump(typed), "start_ms": jump(0)}
        assert model.doc_id(typed) is not None

    jumps("all")
    for status in (Status.DONE, Status.NEW):
        result[f"filter_{status.value}_ms"] = round(timed_ms(lambda s=status: (
            model.set_filter(s, ""), table.viewport().repaint())), 1)
        jumps(status.value)
    model.set_filter(None, "")
    result["status_counts_ms"] = round(timed_ms(desk.status_counts), 1)
    store = desk.project
    result["stats_in_process_ms"] = round(timed_ms(store.stats), 1)
    result["whole_window_open_ms"] = round(open_window(app, path), 1)
    result["desk_peak_mb"] = round(peak_mb())
    return result


def open_window(app, path: Path) -> float:
    """The whole desk on a project, as `tawsim-gui PROJECT` shows it: labels, document list,
    status bar counts, the search, team and comparison panels, and the first document."""
    from annotator.services.projects import open_project
    from annotator.services.session import AnnotationSession
    from annotator.ui.common.session import DeskSession
    from annotator.ui.common.settings import AppPaths, Settings
    from annotator.ui.shell.window import MainWindow

    with tempfile.TemporaryDirectory() as home:
        window = MainWindow(Settings(AppPaths(Path(home) / "settings.ini", Path(home) / "data")))
        window.resize(1440, 900)
        window.show()
        app.processEvents()

        def show() -> None:
            window.set_session(DeskSession(AnnotationSession(open_project(path), LAYER)))
            window.repaint()

        elapsed = timed_ms(show)
        window.close()
    return elapsed


# -- the search index, in a fresh process ----------------------------------------------------


def measure_index(path: Path) -> dict:
    from annotator.services.projects import open_project
    from annotator.services.search import SearchOptions, search_project, update_search_index

    with open_project(path) as store:
        conn = store.conn
        with conn:  # a project measured before: build its index again from scratch
            conn.execute("DELETE FROM search_state")
        batches: list[float] = []
        started, cpu, writer = time.perf_counter(), time.process_time(), time.thread_time()
        indexed = update_search_index(store, progress=lambda n: batches.append(time.perf_counter()))
        build_s = time.perf_counter() - started
        cpu_s = time.process_time() - cpu
        writer_s = time.thread_time() - writer  # this thread writes; a helper prepares
        # The longest wait between two progress reports: about the longest write lock an
        # edit on the desk may wait for (a batch, with any segment merge FTS5 does in it).
        # The first also clears the index built before (a rebuild), once.
        waits = [b - a for a, b in zip([started, *batches], batches, strict=False)]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        index_bytes = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE "
                                   "'search_index%'").fetchone()[0]
        text_bytes = conn.execute(
            "SELECT sum(length(CAST(text AS BLOB))) FROM document").fetchone()[0]
        queries = {}
        for query in QUERIES:
            found: list = []
            ms = timed_ms(lambda q=query, found=found: found.extend(
                search_project(store, q, SearchOptions(), limit=100).hits))
            queries[query] = {"ms": round(ms, 1), "hits": len(found)}
    return {"indexed": indexed, "build_s": round(build_s, 1),
            "docs_per_s": round(indexed / build_s), "batches": len(batches),
            "first_batch_s": round(waits[0], 2), "longest_later_batch_s": round(max(waits[1:]), 2),
            "cpu_us_per_doc": round(cpu_s / indexed * 1e6),
            "writer_us_per_doc": round(writer_s / indexed * 1e6),
            "helper_us_per_doc": round((cpu_s - writer_s) / indexed * 1e6),
            "two_free_cores_docs_per_s": round(indexed / max(writer_s, cpu_s - writer_s)),
            "load_average": os.getloadavg(),
            "index_mb": round(index_bytes / 2**20), "text_mb": round(text_bytes / 2**20),
            "index_vs_text": round(index_bytes / text_bytes, 2), "queries": queries,
            "index_peak_mb": round(peak_mb())}


def run_child(mode: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, f"--{mode}", str(path)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# `tawsim stats` as an installation without the test extras runs it: sqlite-utils imports
# pandas and numpy when they are installed (the `consumers` extra brings them), 0.4 s here.
WITHOUT_PANDAS = ("import sys; sys.modules['pandas'] = sys.modules['numpy'] = None; "
                  "from annotator.cli import cli; cli(sys.argv[1:])")


def measure_cli(path: Path) -> dict:
    """Wall time of the whole command (a new interpreter, imports, open, count), the median
    of three, in this environment and as a plain installation runs it."""
    def median_ms(command: list[str]) -> float:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            runs.append((time.perf_counter() - start) * 1000)
        return round(sorted(runs)[1])

    return {"here_ms": median_ms([sys.executable, "-m", "annotator.cli", "stats", str(path)]),
            "plain_install_ms": median_ms([sys.executable, "-c", WITHOUT_PANDAS, "stats",
                                           str(path)]),
            "imports_only_ms": median_ms([sys.executable, "-c", WITHOUT_PANDAS.split(
                "; cli(")[0]])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--spans", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="build the project in this folder, keep it")
    parser.add_argument("--reuse", type=Path, help="measure a project built before")
    parser.add_argument("--desk", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.desk or args.index:
        result = measure_desk(args.desk) if args.desk else measure_index(args.index)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory(dir=args.keep) as folder:
        path = args.reuse or Path(args.keep or folder) / f"scale-{args.docs}.tawsim"
        report: dict = {"machine": describe_machine()}
        if not args.reuse:
            report["build"] = build(path, args.docs, args.spans)
            print("built", report["build"], flush=True)
        report["desk"] = run_child("desk", path)
        print("desk", report["desk"], flush=True)
        report["tawsim_stats_command"] = measure_cli(path)
        print("tawsim stats", report["tawsim_stats_command"], flush=True)
        report["search_index"] = run_child("index", path)
        print("search index", report["search_index"], flush=True)
        results = ROOT / "bench" / "results"
        results.mkdir(exist_ok=True)
        out = results / f"scale-{args.docs}.json"
        out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print("written to", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
