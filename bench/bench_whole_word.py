"""Whether the team labels a word whole: the look-up a label key makes, beside a scan.

    python bench/bench_whole_word.py [--docs 100000] [--spans 10]

The proclitic decision asks the project whether the session's layer (or the gold) labels a
word whole (`services.whole_words.WholeWords`) whenever it would otherwise trim
or offer a proclitic. The search index names the documents that may hold the word, and each
one's spans in the layer are an index look-up away (`ProjectReader.labels_word_whole`), up
to 2,000 documents. This builds a project as bench/bench_scale.py does (`--docs` articles of
about 2,000 characters, `--spans` spans each in one layer), builds its search index, and
measures, each the median of several calls on a fresh `WholeWords` (nothing remembered)
asked from the first document:

- a word the layer labels whole (وزارة, from وزارة الداخلية): found in the first documents;
- a word in every article that no span covers (بيان): the worst case, 2,000 documents read;
- a word no article holds (ويلسون): the index has no candidate;
- the floor: the same question asked of every span of the layer's labels through the
  (layer, label) index, which is what a look-up without the documents would read.

Results are printed with the machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import bench_scale  # noqa: E402

from annotator.services.search import update_search_index  # noqa: E402
from annotator.services.session import AnnotationSession  # noqa: E402
from annotator.services.whole_words import WholeWords  # noqa: E402
from annotator.storage import ProjectStore  # noqa: E402
from bench.machine import describe_machine  # noqa: E402

WORDS = {"وزارة": True, "بيان": False, "ويلسون": False}


def median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def scan(store: ProjectStore, labels: tuple[str, ...], word: str) -> bool:
    """The question asked of every span of the layer's labels: the floor."""
    layer = store.layer_id(bench_scale.LAYER)
    marks = ", ".join("?" * len(labels))
    return store.conn.execute(
        f"SELECT 1 FROM span WHERE layer = ? AND label IN ({marks}) "
        "AND substr(text, 1, ?) = ? AND (length(text) = ? OR substr(text, ? + 1, 1) = ' ') "
        "LIMIT 1", (layer, *labels, len(word), word, len(word), len(word))).fetchone() \
        is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=10)
    args = parser.parse_args()
    print(describe_machine())
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "whole.tawsim"
        bench_scale.build(path, args.docs, args.spans)
        with ProjectStore.open(path) as store:
            start = time.perf_counter()
            update_search_index(store)
            print(f"{args.docs:,} articles, {args.docs * args.spans:,} spans; search index "
                  f"built in {time.perf_counter() - start:.0f} s")
            session = AnnotationSession(store, bench_scale.LAYER)
            home = next(store.document_ids())
            labels = tuple(label.name for label in session.scheme.labels
                           if label.proclitics != "keep")
            for word, expected in WORDS.items():
                def ask(w: str = word) -> bool:
                    return WholeWords(session, home, across_project=True)(w)

                assert ask() == expected == scan(store, labels, word), word
                look_up = median_ms(ask, 7)
                floor = median_ms(lambda w=word: scan(store, labels, w), 3)
                print(f"{word} ({'labelled whole' if expected else 'not labelled'}): "
                      f"look-up {look_up:.1f} ms; every span of the layer {floor:.1f} ms")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
