"""Project-wide search at corpus scale: index build time and size, one-word query latency.

    python bench/bench_search.py [--docs 100000] [--variants] [--keep DIR]

Builds a project of synthetic ~2 KB articles whose words are drawn, by frequency, from the
real news in ../shared/corpus beside the repository (read here, never copied into it), with the
spellings the search must see through: hamza dropped from alefs, harakat and shadda, tatweel,
NBSP, and proclitics glued to words. Then:

- imports them through the import service (the import path search does not touch);
- brings the search index up to date (what the first search after an import does);
- times one-word queries chosen by frequency band, first page (100 hits) as `tawsim search`
  and the desk ask for it: cold (a fresh connection, empty SQLite cache) and warm (repeated);
- with --variants, builds the alternatives in the same file and times them on the same
  queries: a trigram index without positions (detail=none: a fifth of the size, but a query
  can only ask for all of its trigrams, not for them in a row) and a unicode61 word index
  that also holds each word without proclitics and article (بسوريا as بسوريا and سوريا).

Results are printed and written to bench/results/search.json.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from annotator.core.matching import find_matches, query_key  # noqa: E402
from annotator.core.normalise import normalise, normalise_key  # noqa: E402
from annotator.services.importing import import_paths  # noqa: E402
from annotator.services.search import (  # noqa: E402
    count_matching_documents,
    count_search_hits,
    search_project,
)
from annotator.storage import ProjectStore  # noqa: E402
from annotator.storage.search_index import SearchIndex  # noqa: E402
from bench.machine import machine_facts  # noqa: E402

# The shared corpus sits beside the repository's folder.
CORPUS = ROOT.parent / "shared" / "corpus" / "news"
ARTICLE_CHARS = 2000
PAGE = 100
WARM_REPEATS = 5
BANDS = {"common": (20, 60), "medium": (300, 1000), "less-common": (3000, 6000)}
PER_BAND = 8
MUST = ["الاعلام", "سوريا"]  # the Done-when queries


# -- corpus ----------------------------------------------------------------------------------


def vocabulary() -> tuple[list[str], list[int]]:
    texts = [(CORPUS / "rockets-syria-iraq.txt").read_text("utf-8")]
    texts += [a["content"] for a in json.loads(
        (CORPUS / "saudinewsnet-2015-07-23-military.json").read_text("utf-8"))]
    counts: collections.Counter[str] = collections.Counter()
    for text in texts:
        # Words in the Arabic block only: one article of the sample is in presentation forms.
        counts.update(w for w in re.findall(r"\w+", text) if not re.search("[\ufb50-\ufeff]", w))
    words = list(counts)
    return words, [counts[w] for w in words]


def respell(word: str, rng: random.Random) -> str:
    """The spellings Arabic news mixes: no hamza on alef, harakat, tatweel, proclitics."""
    roll = rng.random()
    if roll < 0.10:
        word = word.replace("أ", "ا").replace("إ", "ا")
    elif roll < 0.13 and len(word) > 2:
        word = word[:2] + "\u0651" + word[2:]
    elif roll < 0.15 and word.startswith("ال"):
        word = "الـ" + word[2:]
    if rng.random() < 0.08 and not word.startswith(("و", "ب")):
        word = rng.choice(["و", "ب", "ل", "وب"]) + word
    return word


def glued(count: int, seed: int) -> list[str]:
    """Two common words run together, as scraped pages do (بغدادأفادت): strings made of
    common trigrams that occur in a handful of documents at most."""
    words, weights = vocabulary()
    ranked = [w for _, w in sorted(zip(weights, words, strict=True), reverse=True)][50:1000]
    rng = random.Random(seed)
    return [rng.choice(ranked) + rng.choice(ranked) for _ in range(count)]


NEEDLES = glued(PER_BAND, 11)  # planted in about one document in 2,000
ABSENT = glued(PER_BAND, 12)  # planted nowhere


def articles(count: int, seed: int = 7):
    words, weights = vocabulary()
    cumulative = list(itertools.accumulate(weights))
    rng = random.Random(seed)
    for i in range(count):
        parts: list[str] = [rng.choice(NEEDLES) + " "] if rng.random() < 0.0005 * PER_BAND else []
        length = 0
        while length < ARTICLE_CHARS:
            picked = rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 20))
            sentence = " ".join(respell(w, rng) for w in picked)
            sentence += rng.choice([". ", ".\n", "، ", "\u00a0– "])
            parts.append(sentence)
            length += len(sentence)
        yield {"id": f"bench-{i}", "text": "".join(parts)}


def queries() -> dict[str, list[str]]:
    words, weights = vocabulary()
    ranked = [w for _, w in sorted(zip(weights, words, strict=True), reverse=True)
              if len(normalise_key(w)) >= 4]
    rng = random.Random(3)
    chosen = {band: rng.sample(ranked[a:b], PER_BAND) for band, (a, b) in BANDS.items()}
    # Part of a word, as a reader types it (امريكي for الأمريكية): only a substring index
    # finds these without guessing at word structure.
    long_words = [w for w in ranked[100:3000] if len(normalise_key(w)) >= 8]
    chosen["inside-words"] = [normalise_key(w)[2:7] for w in rng.sample(long_words, PER_BAND)]
    chosen["rare"] = NEEDLES
    chosen["absent"] = ABSENT
    chosen["done-when"] = MUST
    return chosen


# -- measuring -------------------------------------------------------------------------------




def table_bytes(conn: sqlite3.Connection, prefix: str) -> int:
    return conn.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?",
                        (prefix + "%",)).fetchone()[0]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1)}


def time_queries(path: Path, chosen: dict[str, list[str]], run) -> dict:
    """Cold: each query first on a fresh connection. Warm: the median of repeats."""
    cold: list[float] = []
    warm: list[float] = []
    hits: dict[str, int] = {}
    each: dict[str, tuple[float, float]] = {}
    for band in chosen.values():
        for query in band:
            with ProjectStore.open(path) as store:
                started = time.perf_counter()
                found = run(store, query)
                cold.append(time.perf_counter() - started)
                repeats = []
                for _ in range(WARM_REPEATS):
                    started = time.perf_counter()
                    run(store, query)
                    repeats.append(time.perf_counter() - started)
                warm.append(statistics.median(repeats))
                hits[query] = found
                each[query] = (round(cold[-1] * 1000, 1), round(warm[-1] * 1000, 1))
    return {"cold": summary(cold), "warm": summary(warm), "hits": hits, "each_ms": each}


def first_page(store: ProjectStore, query: str) -> int:
    return len(search_project(store, query, limit=PAGE).hits)


# -- variants ---------------------------------------------------------------------------------


VARIANTS = {
    "trigram_none": "fts5(text, tokenize='trigram', content='', detail=none)",
    "unicode61_stems": "fts5(text, tokenize='unicode61', content='', detail=none)",
}
PROCLITICS = ("وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")


def stems(word: str) -> list[str]:
    """The word, and what it may be under proclitics and the article: what a word index must
    hold for سوريا to find بسوريا and امريكيه to find الامريكيه."""
    forms = [word]
    for prefix in PROCLITICS:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            forms.append(word[len(prefix):])
    forms += [f[2:] for f in list(forms) if f.startswith("ال") and len(f) > 3]
    return forms


def variant_text(name: str, text: str) -> str:
    key = normalise_key(text)
    if name == "unicode61_stems":
        return " ".join(form for word in re.findall(r"\w+", key) for form in stems(word))
    return key


def variant_expression(name: str, key: str) -> str:
    if name == "trigram_none":  # no positions: all of the trigrams, anywhere in the text
        grams = dict.fromkeys(key[i:i + 3] for i in range(len(key) - 2))
        return " AND ".join('"' + g + '"' for g in grams)
    forms = [key] + ([key[1:]] if key.startswith("ال") else [])  # للعراق holds لعراق
    return " OR ".join('"' + f + '"' for f in forms)


def build_variant(path: Path, name: str) -> dict:
    conn = sqlite3.connect(path)
    conn.execute(f"DROP TABLE IF EXISTS v_{name}")
    conn.execute(f"CREATE VIRTUAL TABLE v_{name} USING {VARIANTS[name]}")
    started = time.perf_counter()
    rows = conn.execute("SELECT seq, text FROM document ORDER BY seq")
    while batch := rows.fetchmany(2000):
        with conn:
            conn.executemany(f"INSERT INTO v_{name} (rowid, text) VALUES (?, ?)",
                             [(seq, variant_text(name, text)) for seq, text in batch])
    built = time.perf_counter() - started
    size = table_bytes(conn, f"v_{name}")
    conn.close()
    return {"build_s": round(built, 1), "size_mb": round(size / 1e6, 1)}


def variant_page(name: str):
    """The first page as search_project makes it, with the variant naming the candidates."""
    def run(store: ProjectStore, query: str) -> int:
        key = query_key(query)
        index = SearchIndex(store)
        found = 0
        seqs = [r[0] for r in store.conn.execute(
            f"SELECT rowid FROM v_{name} WHERE v_{name} MATCH ? ORDER BY rowid",
            (variant_expression(name, key),))]
        for start in range(0, len(seqs), 64):
            for document in index.documents(seqs[start:start + 64]):
                found += len(find_matches(normalise(document.text), key))
                if found >= PAGE:
                    return PAGE
        return found
    return run


LATER = 1000


def later_import(path: Path, folder: Path) -> dict:
    """A day's import into the big project: what the next search pays to catch up."""
    source = folder / "later.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for record in articles(LATER, seed=99):
            record["id"] = "later-" + record["id"]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with ProjectStore.open(path) as store:
        started = time.perf_counter()
        import_paths(store, [source], actor="bench")
        imported = time.perf_counter() - started
        started = time.perf_counter()
        first_page(store, MUST[1])
        first_search = time.perf_counter() - started
    source.unlink()
    return {"documents": LATER, "import_s": round(imported, 2),
            "first_search_after_it_s": round(first_search, 2)}


def brief(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("hits", "each_ms")}


# -- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--variants", action="store_true")
    parser.add_argument("--keep", type=Path, help="build the project in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="tawsim-bench-search-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "search.tawsim"
    results: dict = {"machine": machine_facts(), "documents": args.docs}
    print(results["machine"], flush=True)

    if not path.exists():
        source = folder / "articles.jsonl"
        started = time.perf_counter()
        with source.open("w", encoding="utf-8") as out:
            for record in articles(args.docs):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"generated {args.docs} articles in {time.perf_counter() - started:.1f} s",
              flush=True)
        with ProjectStore.create(path) as store:
            started = time.perf_counter()
            import_paths(store, [source], actor="bench")
            took = time.perf_counter() - started
        results["import"] = {"s": round(took, 1), "docs_per_s": round(args.docs / took)}
        print("import", results["import"], flush=True)
        source.unlink()

    with ProjectStore.open(path) as store:
        text_bytes = table_bytes(store.conn, "document")
        started = time.perf_counter()
        indexed = SearchIndex(store).update()
        took = time.perf_counter() - started
        started = time.perf_counter()
        SearchIndex(store).update()
        up_to_date = time.perf_counter() - started
        results["index"] = {
            "documents": indexed, "build_s": round(took, 1),
            "docs_per_s": round(indexed / took) if indexed else None,
            "size_mb": round(table_bytes(store.conn, "search_index") / 1e6, 1),
            "document_table_mb": round(text_bytes / 1e6, 1),
            "check_when_up_to_date_ms": round(up_to_date * 1000, 2),
        }
    print("index", results["index"], flush=True)

    chosen = queries()
    results["queries"] = chosen
    results["trigram"] = time_queries(path, chosen, first_page)
    print("trigram with positions (shipped)", brief(results["trigram"]), flush=True)

    results["later_import"] = later_import(path, folder)
    print("later import", results["later_import"], flush=True)

    # Totals for a result list's header: from the index alone, and exact (every hit read).
    counts = {}
    for query in MUST:
        timed = time_queries(path, {"count": [query]},
                             lambda store, q: count_matching_documents(store, q))
        with ProjectStore.open(path) as store:
            started = time.perf_counter()
            hits, documents = count_search_hits(store, query)
            exact_s = time.perf_counter() - started
        counts[query] = {"index_documents": timed["hits"][query],
                         "index_count_ms": timed["cold"]["median_ms"],
                         "hits": hits, "documents": documents,
                         "exact_count_s": round(exact_s, 2)}
    results["counts"] = counts
    print("counts", counts, flush=True)

    if args.variants:
        for name in VARIANTS:
            built = build_variant(path, name)
            timed = time_queries(path, chosen, variant_page(name))
            results[name] = {**built, **timed}
            print(name, brief(results[name]), flush=True)

    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
    print(f"wrote {out / 'search.json'}; project in {path}")


if __name__ == "__main__":
    main()
