"""Throughput and peak memory of every exporter, beside the native JSONL export.

    python bench/bench_formats.py [--docs 20000] [--workdir /tmp/tawsim-formats-bench]
                                  [--formats jsonl,doccano,...]

Also measures two floors, the bare work the tokenising exporters cannot skip: the core
tokeniser with proclitics split (conll) and spaCy's tokeniser with DocBin (docbin).

Builds (once per size) a project of synthetic Arabic news articles with entities, CLAIMs with
stances and SOURCE relations, then exports it in each format in its own process, so each
export's peak memory (max RSS) is its own. Every format runs on a quarter of the corpus and
on the whole of it: a peak that stays put while the corpus grows four times is a streaming
exporter. The vocabulary is composed for Tawsim.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.machine import describe_machine  # noqa: E402

FORMATS = {  # name -> (output name, writer options)
    "jsonl": ("out.jsonl", {}),
    "doccano": ("out.doccano.jsonl", {"relations": True}),
    "labelstudio": ("out.json", {}),
    "spacy": ("out.spacy.jsonl", {}),
    "docbin": ("out.spacy", {}),
    "docbin-shards": ("shards", {"shard": 1000}),
    "conll": ("out.conll", {}),
    "brat": ("brat", {}),
}

WORDS = ["اليوم", "أمس", "صباح", "مساء", "الأحد", "السبت", "بعد", "قبل", "قرب", "محيط", "داخل",
         "خارج", "عدد", "من", "المدنيين", "الجرحى", "القتلى", "شهود", "تقرير", "رسمي", "بيان",
         "جديد", "واسع", "كبير", "الماضي", "الأول", "مكان", "الحادث", "الطريق"]
VERBS = ["قال", "أعلن", "أفاد", "أكد", "نفى", "ذكر", "أضاف"]
ACTORS = ["الدفاع المدني", "وزارة الداخلية", "مصدر أمني", "المتحدث العسكري", "وكالة الأنباء",
          "قوات التحالف", "خلية الإعلام", "شاهد عيان"]
PLACES = ["الزهراء", "الموصل", "نينوى", "حلب", "الرقة", "سوريا", "العراق", "معسكر الشمال"]
WEAPONS = ["صواريخ", "طائرة مسيرة", "قذائف هاون", "مدفعية", "منصة إطلاق", "مقاتلة"]
STANCES = ["asserted", "reported", "denied", "uncertain"]
NOISE = ["\u00a0", " 🚀 ", "، ", " "]


class _Article:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.parts: list[str] = []
        self.position = 0
        self.spans: list[dict] = []
        self.relations: list[dict] = []

    def put(self, piece: str, label: str | None = None, **attrs: str) -> dict | None:
        span = None
        if label is not None:
            span = {"id": f"d{self.seed}-s{len(self.spans)}", "start": self.position,
                    "end": self.position + len(piece), "label": label, "text": piece}
            if attrs:
                span["attrs"] = attrs
            self.spans.append(span)
        self.parts.append(piece)
        self.position += len(piece)
        return span

    def words(self, count: int) -> None:
        rng = self.rng
        for _ in range(count):
            if rng.random() < 0.05:
                if rng.random() < 0.3:  # a proclitic the LOCATION leaves out
                    self.put("ب")
                self.put(rng.choice(PLACES), "LOCATION")
            elif rng.random() < 0.03:
                self.put(rng.choice(WEAPONS), "WEAPON")
            else:
                self.put(rng.choice(WORDS))
            self.put(rng.choice(NOISE) if rng.random() < 0.06 else " ")

    def claim(self) -> None:
        rng = self.rng
        self.put(rng.choice(VERBS) + " ")
        actor = self.put(rng.choice(ACTORS), "ACTOR")
        self.put(" إن “")
        start = self.position
        self.words(rng.randint(5, 12))
        self.position -= len(self.parts.pop())  # no separator before the closing quote
        content = "".join(self.parts)[start:]
        claim = {"id": f"d{self.seed}-s{len(self.spans)}", "start": start, "end": self.position,
                 "label": "CLAIM", "text": content, "attrs": {"stance": rng.choice(STANCES)}}
        self.spans.append(claim)
        self.relations.append({"type": "SOURCE", "head": claim["id"], "tail": actor["id"]})
        self.put("”.\n" if rng.random() < 0.4 else "”. ")

    def record(self, seed: int, size: int) -> dict:
        while self.position < size:
            if self.rng.random() < 0.2:
                self.claim()
            else:
                self.words(self.rng.randint(8, 20))
                self.put(".\n" if self.rng.random() < 0.3 else ". ")
        return {"id": f"doc-{seed:07d}", "text": "".join(self.parts), "layer": "gold",
                "status": "done", "spans": self.spans, "relations": self.relations}


def article(seed: int, size: int = 1500) -> dict:
    return _Article(seed).record(seed, size)


def build_project(path: Path, count: int) -> Path:
    """Write (once) a project of `count` annotated articles."""
    if path.exists():
        return path
    from annotator.core.records import prepare_record
    from annotator.formats.native import record_from_json
    from annotator.storage import BulkImport, ProjectStore

    temporary = path.with_suffix(".part")
    temporary.unlink(missing_ok=True)
    with ProjectStore.create(temporary) as project, BulkImport(
            project, actor="bench", source="bench") as bulk:
        for seed in range(count):
            bulk.add(prepare_record(record_from_json(article(seed)), project.scheme))
    temporary.replace(path)
    return path




FLOORS = ("floor-tokens", "floor-spacy")  # what the tokenising exporters cannot go below


def run_floor(project: str, name: str) -> dict:
    """The bare work a tokenising exporter cannot skip, on the same documents: the core
    tokeniser with proclitics split (conll), or spaCy's tokeniser and DocBin (docbin)."""
    from annotator.core.tokens import tokenize
    from annotator.services.projects import open_project
    from annotator.storage import scan

    if name == "floor-spacy":
        import spacy
        from spacy.tokens import DocBin

        nlp = spacy.blank("ar")
    with open_project(project) as store:
        records = list(scan(store, layer="gold"))
    started = time.perf_counter()
    if name == "floor-tokens":
        for record in records:
            tokenize(record.text, "split")
    else:
        collected = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
        for record in records:
            doc = nlp.make_doc(record.text)
            doc.spans["sc"] = []
            collected.add(doc)
        collected.to_bytes()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": len(records), "spans": 0}


def run_export(project: str, fmt: str, out: str) -> dict:
    """One export, in this (child) process."""
    if fmt in FLOORS:
        return run_floor(project, fmt)
    from annotator.services.exporting import export_dataset
    from annotator.services.projects import open_project

    name = fmt.split("-")[0]
    options = dict(FORMATS[fmt][1])
    if name == "docbin":
        import spacy  # noqa: F401  (loaded before the clock, as an app would have it)
    with open_project(project) as store:
        started = time.perf_counter()
        report = export_dataset(store, out, format=name, layer="gold", options=options)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": report.documents, "spans": report.spans}


def _child(project: Path, fmt: str, workdir: Path) -> dict:
    out = workdir / f"{project.stem}-{FORMATS[fmt][0] if fmt in FORMATS else fmt}"
    command = [sys.executable, __file__, "--child", fmt, str(project), str(out)]
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        stdout.seek(0)
        stderr.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{fmt} failed:\n{stderr.read()}")
        result = json.loads(stdout.read().strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "tawsim-formats-bench")
    parser.add_argument("--formats", default=",".join([*FORMATS, *FLOORS]))
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "PROJECT", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_export(args.child[1], args.child[0], args.child[2])))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = (args.docs // 4, args.docs)
    projects = {n: build_project(args.workdir / f"corpus-{n}.tawsim", n) for n in sizes}
    rows = []
    for fmt in args.formats.split(","):
        if fmt in FLOORS:  # in memory by design: measured once, on the whole corpus
            large = _child(projects[sizes[1]], fmt, args.workdir)
            rows.append({"format": fmt, "docs_per_s": large["documents"] / large["seconds"],
                         "seconds": large["seconds"], "spans": 0, "rss_small_mb": 0.0,
                         "rss_large_mb": 0.0})
            continue
        small = _child(projects[sizes[0]], fmt, args.workdir)
        large = _child(projects[sizes[1]], fmt, args.workdir)
        rows.append({"format": fmt, "docs_per_s": large["documents"] / large["seconds"],
                     "seconds": large["seconds"], "spans": large["spans"],
                     "rss_small_mb": small["peak_rss_mb"], "rss_large_mb": large["peak_rss_mb"]})
    native = next((r["docs_per_s"] for r in rows if r["format"] == "jsonl"), None)
    print(f"{describe_machine()}\n{sizes[1]} documents (peak RSS at {sizes[0]} and {sizes[1]})\n")
    print("| format | documents/s | vs jsonl | seconds | peak RSS (MB) small → large |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        ratio = f"{row['docs_per_s'] / native:.2f}" if native else "–"
        memory = (f"{row['rss_small_mb']:.0f} → {row['rss_large_mb']:.0f}"
                  if row["rss_large_mb"] else "–")
        print(f"| {row['format']} | {row['docs_per_s']:,.0f} | {ratio} | {row['seconds']:.2f} "
              f"| {memory} |")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "formats.json").write_text(json.dumps(
        {"machine": describe_machine(), "documents": sizes[1], "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
