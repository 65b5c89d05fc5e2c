"""How long scheme changes take on a large project: the whole-project check, renames that rewrite
many annotations, a dry run, and a removal that deletes.

    .venv/bin/python bench/bench_scheme_change.py --docs 20000 --workdir /tmp/tawsim-bench

Builds a synthetic project (text composed here; every document has LOCATION, ACTOR, WEAPON and
CLAIM spans, stances and SOURCE links in layer gold), then times each change in this process.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from annotator.core.records import (
    DocumentRecord,
    RelationRecord,
    SpanRecord,
    prepare_record,
)
from annotator.core.scheme_edits import (
    MergeValue,
    RemoveLabel,
    RenameLabel,
    RenameValue,
)
from annotator.services.scheme import (
    change_scheme,
    preview_scheme_change,
    project_violations,
)
from annotator.storage import BulkImport, ProjectStore
from bench.machine import describe_machine

PLACES = ["الموصل", "زمار", "نينوى", "بابل", "ديرالزور", "حلب", "الرقة", "تكريت"]
ACTORS = ["مصدر أمني", "المتحدث العسكري", "شاهد عيان", "مسؤول محلي", "وزارة الدفاع"]
WEAPONS = ["صواريخ", "طائرة مسيرة", "قذائف هاون", "منصة إطلاق"]
STANCES = ["asserted", "reported", "denied", "uncertain"]


def _document(index: int, rng: random.Random) -> DocumentRecord:
    """Three sentences, each a claim by an actor about a weapon and a place."""
    text, spans, relations = "", [], []
    for sentence in range(3):
        actor, place, weapon = rng.choice(ACTORS), rng.choice(PLACES), rng.choice(WEAPONS)
        prefix = f"قال {actor} إن "
        claim = f"{weapon} أُطلقت من {place} مساء اليوم"
        start = len(text)
        text += prefix + claim + ".\n"
        ids = [f"{index}-{sentence}-{k}" for k in range(4)]
        a_start = start + len("قال ")
        c_start = start + len(prefix)
        w_start = c_start
        p_start = c_start + claim.index(place)
        spans += [
            SpanRecord(a_start, a_start + len(actor), "ACTOR", id=ids[0]),
            SpanRecord(c_start, c_start + len(claim), "CLAIM", id=ids[1],
                       attrs={"stance": rng.choice(STANCES)}),
            SpanRecord(w_start, w_start + len(weapon), "WEAPON", id=ids[2]),
            SpanRecord(p_start, p_start + len(place), "LOCATION", id=ids[3]),
        ]
        relations.append(RelationRecord("SOURCE", ids[1], ids[0], id=f"r{index}-{sentence}"))
    return DocumentRecord(text=text, id=f"doc-{index}", layer="gold", status="done",
                          spans=spans, relations=relations)


def build(path: Path, docs: int) -> ProjectStore:
    project = ProjectStore.create(path)
    rng = random.Random(7)
    with BulkImport(project, actor="bench", source="synthetic") as bulk:
        for index in range(docs):
            bulk.add(prepare_record(_document(index, rng), project.scheme))
    return project


def timed(label: str, action, spans: int) -> None:
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    detail = result.describe() if hasattr(result, "describe") else f"{len(result)} violations"
    print(f"| {label} | {seconds:.2f} | {spans / seconds:,.0f} | {detail} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tawsim-bench-scheme"))
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    started = time.perf_counter()
    project = build(args.workdir / "bench.tawsim", args.docs)
    spans = project.conn.execute("SELECT count(*) FROM span").fetchone()[0]
    relations = project.conn.execute("SELECT count(*) FROM relation").fetchone()[0]
    print(f"{args.docs:,} documents, {spans:,} spans, {relations:,} relations "
          f"(built in {time.perf_counter() - started:.1f} s)")
    print(f"{describe_machine()}\n")
    print("| change | seconds | spans/s | result |")
    print("|---|---:|---:|---|")
    timed("check the whole project", lambda: project_violations(project), spans)
    timed("rename label ACTOR (1/4 of spans)",
          lambda: change_scheme(project, RenameLabel("ACTOR", "SPEAKER"), actor="bench"), spans)
    timed("rename value stance:reported",
          lambda: change_scheme(project, RenameValue("CLAIM", "stance", "reported", "relayed"),
                                actor="bench"), spans)
    timed("merge value stance:relayed into asserted",
          lambda: change_scheme(project, MergeValue("CLAIM", "stance", "relayed", "asserted"),
                                actor="bench"), spans)
    timed("dry run: remove label SPEAKER",
          lambda: preview_scheme_change(project, RemoveLabel("SPEAKER")), spans)
    timed("remove label WEAPON (deletes 1/4 of spans)",
          lambda: change_scheme(project, RemoveLabel("WEAPON"), actor="bench", delete=True),
          spans)
    project.close()


if __name__ == "__main__":
    main()
