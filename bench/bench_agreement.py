"""Agreement at corpus scale: the whole `tawsim agree`, the maths alone, and the curation view.

    python bench/bench_agreement.py [--docs 10000] [--resamples 1000] [--fresh-words 25]
                                    [--workdir DIR] [--core-only] [--no-split]
                                    [--tokenize-all]

Builds synthetic ~2 KB articles with about ten spans each (bench.corpus), and three
annotators' layers from them: each annotator keeps most spans, now and then takes a
proclitic or the article into a span or leaves a letter out, gives another label, drops a
span or adds one, and marks one CLAIM per article with a stance and a SOURCE link to an
actor. Each article also ends with --fresh-words words seen nowhere else (25 by default;
bench.corpus alone has a few hundred words), so that the tokeniser meets a vocabulary as
large as real news brings.

Then it times:
- `tawsim agree PROJECT --json` as a user runs it (a new process: start-up, reading the
  project file, every pair, bootstrap, JSON), on a project written to --workdir with the
  three layers imported as annotator layers, every document done; and with --html;
- compare_all() alone on the same layers in memory (every pair, one pass, bootstrap), with
  the tokens services.agreement uses (proclitics kept on their word) and with the core's
  default (proclitics split where the analyser is sure);
- services.curation.curation_view on one article with five annotator layers and gold
  (median of 50 openings), and on a long article (10 articles' text, ~100 spans a layer).
--core-only times compare_all() alone; --tokenize-all also times the plain tokeniser over
every text once.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from annotator.core.agreement import LayeredDocument, TokenCounter, compare_all  # noqa: E402
from annotator.core.model import LayerKind, Relation, Span, Status  # noqa: E402
from annotator.core.records import (  # noqa: E402
    DocumentRecord,
    RelationRecord,
    SpanRecord,
    prepare_record,
)
from annotator.core.tokens import tokenize  # noqa: E402
from annotator.services.agreement import TOKEN_PROCLITICS  # noqa: E402
from annotator.services.curation import curation_view  # noqa: E402
from annotator.storage import BulkImport, ProjectStore  # noqa: E402
from bench.corpus import article  # noqa: E402
from bench.machine import describe_machine  # noqa: E402

ANNOTATORS = ("amal", "badr", "chadi")
LABELS = ("LOCATION", "ACTOR", "WEAPON")
STANCES = ("asserted", "reported", "denied", "uncertain")


def _variant(rng: random.Random, doc_id: str, layer: str, text: str,
             base: list[dict]) -> tuple[list[Span], list[Relation]]:
    spans: list[Span] = []
    for record in base:
        start, end, label = record["start"], record["end"], record["label"]
        roll = rng.random()
        if roll < 0.05:
            continue  # dropped
        if roll < 0.10 and start > 0 and not text[start - 1].isspace():
            start -= 1  # a proclitic (or any glued letter) taken in
        elif roll < 0.13 and end - start > 2:
            start += 1  # a letter left out
        elif roll < 0.18:
            label = rng.choice([x for x in LABELS if x != label])
        spans.append(Span(doc_id, layer, start, end, label, text[start:end]))
    if rng.random() < 0.3:  # a spurious span on some word
        start = rng.randrange(0, len(text) - 10)
        end = start + rng.randint(2, 8)
        spans.append(Span(doc_id, layer, start, end, rng.choice(LABELS), text[start:end]))
    relations: list[Relation] = []
    actors = [span for span in spans if span.label == "ACTOR"]
    sentence_end = text.find(".", 40)
    if actors and sentence_end > 0:
        claim_start = 20 + rng.choice((0, 0, 0, 1))
        claim = Span(doc_id, layer, claim_start, sentence_end, "CLAIM",
                     text[claim_start:sentence_end],
                     attrs={"stance": rng.choice(STANCES)} if rng.random() < 0.9 else {})
        spans.append(claim)
        relations.append(Relation(doc_id, layer, "SOURCE", claim.id, actors[0].id))
    return spans, relations


LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def build(docs: int, fresh_words: int = 0
          ) -> list[tuple[str, str, dict[str, tuple[list[Span], list[Relation]]]]]:
    corpus = []
    for seed in range(docs):
        record = article(seed)
        rng = random.Random(seed)
        # Words never seen before, after the spans, as real news brings in every article.
        text = " ".join([record["text"], *("".join(rng.choices(LETTERS, k=rng.randint(4, 9)))
                                           for _ in range(fresh_words))])
        layers = {name: _variant(rng, record["id"], name, text, record["spans"])
                  for name in ANNOTATORS}
        corpus.append((record["id"], text, layers))
    return corpus


def write_project(path: Path, corpus: list, layers: tuple[str, ...],
                  gold: bool = False) -> ProjectStore:
    """A project file with the corpus' documents and `layers` imported as annotator layers
    (every document done); with `gold`, the first layer again as gold."""
    project = ProjectStore.create(path)
    targets = [(name, name, LayerKind.ANNOTATOR) for name in layers]
    if gold:
        targets.append(("gold", layers[0], LayerKind.GOLD))
    for layer, source, kind in targets:
        with BulkImport(project, actor="bench", source="synthetic", layer=layer,
                        layer_kind=kind) as bulk:
            for doc_id, text, by_layer in corpus:
                spans, relations = by_layer[source]
                record = DocumentRecord(
                    text=text, id=doc_id, status=Status.DONE.value,
                    spans=[SpanRecord(s.start, s.end, s.label, s.text, id=f"{layer}-{s.id}",
                                      attrs=dict(s.attrs)) for s in spans],
                    relations=[RelationRecord(r.type, f"{layer}-{r.head}",
                                              f"{layer}-{r.tail}") for r in relations])
                bulk.add(prepare_record(record, project.scheme))
    return project


def time_command(*args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of `tawsim ARGS` in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "annotator.cli", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def time_core(corpus: list, resamples: int, proclitics: str) -> tuple[float, float, list]:
    began, cpu = time.perf_counter(), time.process_time()
    results = compare_all(
        ANNOTATORS,
        (LayeredDocument(doc_id, text, {name: layers[name][0] for name in ANNOTATORS},
                         {name: layers[name][1] for name in ANNOTATORS})
         for doc_id, text, layers in corpus),
        tokens=TokenCounter(proclitics), resamples=resamples)
    return time.perf_counter() - began, time.process_time() - cpu, results


def curation_corpus(seed: int, long: bool) -> list:
    """One article (or ten articles' text as one) with five annotators' layers."""
    record = article(seed)
    text, base = record["text"], record["spans"]
    if long:
        parts, base = [], []
        for number in range(10):
            piece = article(seed + number)
            shift = sum(len(p) + 1 for p in parts)
            base += [{**span, "start": span["start"] + shift, "end": span["end"] + shift}
                     for span in piece["spans"]]
            parts.append(piece["text"])
        text = "\n".join(parts)
    rng = random.Random(seed)
    names = ("amal", "basel", "chadi", "dana", "emad")
    return [(record["id"], text, {name: _variant(rng, record["id"], name, text, base)
                                  for name in names})]


def time_curation(workdir: Path, long: bool) -> tuple[float, int, int]:
    corpus = curation_corpus(7, long)
    names = tuple(corpus[0][2])
    path = workdir / ("curation-long.tawsim" if long else "curation.tawsim")
    with write_project(path, corpus, names, gold=True) as project:
        doc_id = corpus[0][0]
        curation_view(project, doc_id, names, "gold")  # warm: the scheme, the layer ids
        times = []
        for _ in range(50):
            began = time.perf_counter()
            view = curation_view(project, doc_id, names, "gold")
            times.append(time.perf_counter() - began)
        spans = sum(len(project.spans(doc_id, name)) for name in (*names, "gold"))
        return statistics.median(times), spans, len(view.items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--tokenize-all", action="store_true")
    parser.add_argument("--core-only", action="store_true")
    parser.add_argument("--no-split", action="store_true",
                        help="skip compare_all with proclitics split (minutes at 10,000)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tawsim-bench-agreement"))
    parser.add_argument("--fresh-words", type=int, default=25,
                        help="new words per article (bench.corpus alone has a few hundred)")
    args = parser.parse_args()
    print(describe_machine())

    started = time.perf_counter()
    corpus = build(args.docs, args.fresh_words)
    spans = sum(len(layers[name][0]) for _, _, layers in corpus for name in ANNOTATORS)
    print(f"built {args.docs} documents, {spans} spans in {len(ANNOTATORS)} layers "
          f"({time.perf_counter() - started:.1f} s, not counted)")

    if args.tokenize_all:
        began = time.perf_counter()
        for _, text, _ in corpus:
            tokenize(text, "split")
        print(f"tokenize() over every text once: {time.perf_counter() - began:.2f} s")

    if not args.core_only:
        shutil.rmtree(args.workdir, ignore_errors=True)
        args.workdir.mkdir(parents=True)
        project_path = args.workdir / "agreement.tawsim"
        write_project(project_path, corpus, ANNOTATORS).close()
        seconds, cpu = time_command("agree", str(project_path), "--json", "--resamples",
                                    str(args.resamples))
        print(f"tawsim agree --json (new process, {args.resamples} resamples): {seconds:.2f} s "
              f"({cpu:.2f} s of CPU)")
        html = args.workdir / "report.html"
        seconds, cpu = time_command("agree", str(project_path), "--html", str(html),
                                    "--resamples", str(args.resamples))
        print(f"tawsim agree --html: {seconds:.2f} s ({cpu:.2f} s of CPU), report "
              f"{html.stat().st_size:,} bytes")
        for long in (False, True):
            median, count, items = time_curation(args.workdir, long)
            print(f"curation_view, 5 annotators + gold, {count} spans, {items} items: "
                  f"median {median * 1000:.1f} ms")

    for proclitics in (TOKEN_PROCLITICS,
                       *([] if args.core_only or args.no_split else ["split"])):
        seconds, cpu, results = time_core(corpus, args.resamples, proclitics)
        for result in results:
            relaxed = result.relaxed
            print(f"{result.a} / {result.b}: relaxed F1 {relaxed.total.f1:.4f} "
                  f"[{relaxed.ci[0]:.4f}, {relaxed.ci[1]:.4f}]  exact F1 "
                  f"{result.exact.total.f1:.4f}  α_U {result.alpha_u.overall:.4f}  token κ "
                  f"{result.token_kappa.value:.4f}  stance κ {result.stance_kappa.value:.4f}")
        print(f"compare_all alone, tokens with proclitics {proclitics}, all {len(results)} "
              f"pairs, {args.resamples} resamples: {seconds:.2f} s ({cpu:.2f} s of CPU)")


if __name__ == "__main__":
    main()
