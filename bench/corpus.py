"""A deterministic synthetic corpus for benchmarks: Arabic news-like articles with spans.

The vocabulary is composed for Tawsim; sentences mix plain words, words with harakat and
shadda, tatweel, NBSP and the occasional emoji, so offsets are exercised as in real news.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson

WORDS = (
    "قالت أعلنت أفادت أكد نفى أضاف ذكر مصادر محلية مسؤول عسكري وزارة الدفاع المدني قوات "
    "الشرطة الجيش بيان رسمي اليوم أمس صباح مساء الأحد السبت الاثنين انفجار هجوم قصف "
    "إطلاق سقوط قذائف صواريخ طائرة مسيرة مدفعية شاحنة قاعدة معسكر حدود بلدة مدينة قرية "
    "منطقة شمال جنوب شرق غرب قرب محيط داخل خارج عن من إلى في على مع بعد قبل أن إن لكن "
    "بينما حيث الذي التي هذه ذلك كما أيضا عدد من المدنيين الجرحى القتلى شهود عيان وكالة "
    "الأنباء مراسل قناة صحيفة تقرير مصدر أمني خاص متحدث باسم الحكومة المحلية اللجنة"
).split()
MARKED = ["قوّات", "مصادرُ", "الـقصف", "شاهدٌ", "الإعلامُ", "عسكريّة"]
PLACES = ["الزهراء", "الموصل", "زمار", "نينوى", "بابل", "دير الزور", "حلب", "الرقة", "سوريا",
          "العراق", "الأردن", "معسكر الشمال"]
ACTORS = ["الدفاع المدني", "وزارة الداخلية", "مصدر أمني", "المتحدث العسكري", "وكالة الأنباء",
          "قوات التحالف", "الجماعات المسلحة", "شهود عيان"]
WEAPONS = ["صواريخ", "طائرة مسيرة", "قذائف هاون", "مدفعية", "منصة إطلاق", "مقاتلة"]
EXTRAS = ["\u00a0", " 🚀 ", " 👍🏽 ", "، ", ". ", "\n"]
LABELS = (("LOCATION", PLACES), ("ACTOR", ACTORS), ("WEAPON", WEAPONS))


def _sentence(rng: random.Random, spans: list, text_parts: list[str], position: int) -> int:
    """Append one sentence to text_parts, recording its spans; returns the new position."""
    words = rng.randint(10, 24)
    for i in range(words):
        if rng.random() < 0.12:
            label, pool = rng.choice(LABELS)
            mention = rng.choice(pool)
            spans.append((position, position + len(mention), label, mention))
            piece = mention
        elif rng.random() < 0.05:
            piece = rng.choice(MARKED)
        else:
            piece = rng.choice(WORDS)
        text_parts.append(piece)
        position += len(piece)
        sep = rng.choice(EXTRAS) if rng.random() < 0.08 else " "
        if i == words - 1:
            sep = ".\n" if rng.random() < 0.3 else ". "
        text_parts.append(sep)
        position += len(sep)
    return position


def _time_ordered_id(rng: random.Random, seed: int) -> str:
    """A UUIDv7 as Tawsim makes them (clock first), made deterministic from the seed."""
    millis = 1_790_000_000_000 + seed
    value = (millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
    return str(uuid.UUID(int=value | rng.getrandbits(62)))


def article(seed: int, target_chars: int = 2000, spans_per_doc: int = 10) -> dict:
    """One native dataset record of about `target_chars` with exactly `spans_per_doc` spans."""
    rng = random.Random(seed)
    parts: list[str] = []
    spans: list[tuple] = []
    position = 0
    while position < target_chars:
        position = _sentence(rng, spans, parts, position)
    text = "".join(parts)
    rng.shuffle(spans)
    chosen = sorted(spans[:spans_per_doc])
    seen = set()
    records = []
    for start, end, label, mention in chosen:
        if (start, end, label) in seen:
            continue
        seen.add((start, end, label))
        span_id = _time_ordered_id(rng, seed)
        records.append({"id": span_id, "start": start, "end": end, "label": label,
                        "text": mention})
    return {
        "id": f"doc-{seed:07d}",
        "text": text,
        "meta": {"title": text[:40], "source": "bench"},
        "layer": "gold",
        "status": "done",
        "spans": records,
        "relations": [],
    }


def records(count: int, **kwargs: int) -> Iterator[dict]:
    for seed in range(count):
        yield article(seed, **kwargs)


def write_corpus(path: Path, count: int) -> Path:
    """Write (once) a JSONL corpus of `count` records; reused across runs by its name."""
    if path.exists():
        return path
    temporary = path.with_suffix(".part")
    with temporary.open("wb") as handle:
        for record in records(count):
            handle.write(orjson.dumps(record) + b"\n")
    temporary.replace(path)
    return path


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]
