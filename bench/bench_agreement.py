"""Agreement maths at corpus scale: three annotators, every pair, bootstrap included.

    python bench/bench_agreement.py [--docs 10000] [--resamples 1000] [--fresh-words 25]
                                    [--tokenize-all]

Builds (in memory) synthetic ~2 KB articles with about ten spans each (bench.corpus), and
three annotators' layers from them: each annotator keeps most spans, now and then takes a
proclitic or the article into a span or leaves a letter out, gives another label, drops a
span or adds one, and marks one CLAIM per article with a stance and a SOURCE link to an
actor. Each article also ends with --fresh-words words seen nowhere else (25 by default;
bench.corpus alone has a few hundred words), so that the tokeniser meets a vocabulary as
large as real news brings. Then times compare_all() over the three layers (every pair, one
pass, bootstrap included) and prints the seconds, wall clock and CPU. --tokenize-all also
times the plain tokeniser over every text once, for comparison with the token counter.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from annotator.core.agreement import LayeredDocument, TokenCounter, compare_all  # noqa: E402
from annotator.core.model import Relation, Span  # noqa: E402
from annotator.core.tokens import tokenize  # noqa: E402
from bench.corpus import article  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--tokenize-all", action="store_true")
    parser.add_argument("--fresh-words", type=int, default=25,
                        help="new words per article (bench.corpus alone has a few hundred)")
    args = parser.parse_args()

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

    began, cpu = time.perf_counter(), time.process_time()
    results = compare_all(
        ANNOTATORS,
        (LayeredDocument(doc_id, text, {name: layers[name][0] for name in ANNOTATORS},
                         {name: layers[name][1] for name in ANNOTATORS})
         for doc_id, text, layers in corpus),
        tokens=TokenCounter(), resamples=args.resamples)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    for result in results:
        relaxed = result.relaxed
        print(f"{result.a} / {result.b}: relaxed F1 {relaxed.total.f1:.4f} "
              f"[{relaxed.ci[0]:.4f}, {relaxed.ci[1]:.4f}]  exact F1 "
              f"{result.exact.total.f1:.4f}  α_U {result.alpha_u.overall:.4f}  token κ "
              f"{result.token_kappa.value:.4f}  stance κ {result.stance_kappa.value:.4f}")
    print(f"all {len(results)} pairs, {args.resamples} resamples: {seconds:.2f} s "
          f"({cpu:.2f} s of CPU)")


if __name__ == "__main__":
    main()
