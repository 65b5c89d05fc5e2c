"""How long handing out work packages takes on a large lead project.

    .venv/bin/python bench/bench_packages.py --docs 10000 --workdir /tmp/tawsim-bench-packages

Builds a lead of synthetic ~2,000-character articles (bench.corpus) whose spans come in as a
model layer `model-a`, then times services.packaging.make_packages (what `tawsim package`
calls) for three annotators with 20% overlap: without the model layer, and with it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from annotator.core.records import DocumentRecord, SpanRecord, prepare_record
from annotator.services.packaging import make_packages
from annotator.storage import BulkImport, ProjectStore
from bench.corpus import records
from bench.machine import describe_machine

ANNOTATORS = ["amal", "basel", "chadi"]


def build(path: Path, docs: int) -> ProjectStore:
    lead = ProjectStore.create(path)
    with BulkImport(lead, actor="bench", source="synthetic", layer="model-a") as bulk:
        for data in records(docs):
            record = DocumentRecord(text=data["text"], id=data["id"], meta=data["meta"],
                                    spans=[SpanRecord(**span) for span in data["spans"]])
            bulk.add(prepare_record(record, lead.scheme))
    return lead


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tawsim-bench-packages"))
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    started = time.perf_counter()
    lead = build(args.workdir / "lead.tawsim", args.docs)
    print(f"built the lead ({args.docs} documents) in {time.perf_counter() - started:.1f} s")
    print(describe_machine())
    for number, layer in enumerate((None, "model-a")):
        started = time.perf_counter()
        report = make_packages(lead, args.workdir / f"out{number}", ANNOTATORS, overlap=0.2,
                               with_layer=layer, reassign=True, actor="bench")
        seconds = time.perf_counter() - started
        written = sum(package.documents for package in report.packages)
        print(f"3 packages, overlap 0.2, layer {layer or '-'}: {seconds:.2f} s, "
              f"{written} documents written ({written / seconds:,.0f}/s)")
    lead.close()


if __name__ == "__main__":
    main()
