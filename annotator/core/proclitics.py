"""Proclitics: the one-letter words Arabic writes joined to the next word.

و and ف (and, then) and ب ك ل (in/with, like, for) attach to the word after them, alone or
combined (وب، فل، وبال…): بسوريا is ب + سوريا, وبالصواريخ is و + ب + الصواريخ. A span for
a place, an actor or a weapon covers the word without them, but keeps the article ال. Where ل
meets the article (للتحالف), the article's alef is not written: only the preposition is
removed and the span starts at the article's lam (لتحالف).

Many words begin with these letters as part of the word (بغداد، وزارة، فرنسا، لبنان), so a
letter is taken for a proclitic only with evidence:
- the rest of the word starts with the article (بالعراق، والهجوم), or, after ل, with the
  article's lam (للتحالف), and is long enough not to be a short word of its own; or
- the rest is a word known on its own, for example one that occurs unattached elsewhere
  in the text or the project (بسوريا when سوريا is known, لإيران when إيران is).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.core.normalise import DEFAULT_FOLDING, Folding, normalise

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
ARTICLE = "ال"
LAM = "ل"

# Every proclitic sequence, longest first: a conjunction, a preposition, or one of each.
SEQUENCES: tuple[str, ...] = tuple(sorted(
    {c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)} - {""},
    key=len, reverse=True,
))
# Letters after the article for the article alone to be evidence: بالون (ب + الون?) and
# والدة (و + الدة?) are words of their own, العراق and الهجوم have three letters or more.
MIN_AFTER_ARTICLE = 3
MIN_STEM = 2

KnownWord = Callable[[str], bool]
"""Whether a normalised word is known to stand on its own (used as evidence for a split)."""


@dataclass(frozen=True)
class ProcliticSplit:
    """Where the proclitics of a word end, in the word's own code points."""

    stem_start: int  # 0 when the word has no proclitic
    proclitics: str  # the proclitic letters, normalised ("وب"), "" when none
    evidence: str  # "article", "lam-article", "known" or "" when none

    def __bool__(self) -> bool:
        return self.stem_start > 0


NO_SPLIT = ProcliticSplit(0, "", "")


def is_proclitic_sequence(prefix: str) -> bool:
    """Whether normalised `prefix` is a proclitic or a combination of them (و، بـ، وبـ…)."""
    return prefix in SEQUENCES


def stem_evidence(prefix: str, stem: str, known: KnownWord | None = None) -> str:
    """Why normalised `stem` may follow proclitic `prefix` within one word; "" if it may not.

    `stem` is what remains after the prefix: الهجوم after و, لتحالف after ل in للتحالف.
    """
    if not is_proclitic_sequence(prefix) or len(stem) < MIN_STEM:
        return ""
    ends_with_lam = prefix.endswith(LAM)
    if stem.startswith(ARTICLE) and not ends_with_lam:
        # ل never precedes a written article: لـ + الـ is spelt لل.
        if len(stem) - len(ARTICLE) >= MIN_AFTER_ARTICLE:
            return "article"
        if known is not None and known(stem):
            return "known"
        return ""
    if ends_with_lam and stem.startswith(LAM):
        if len(stem) - 1 >= MIN_AFTER_ARTICLE:
            return "lam-article"
        if known is not None and (known(ARTICLE + stem[1:]) or known(stem)):
            return "known"
        return ""
    if known is not None and known(stem):
        return "known"
    return ""


def split_proclitics(word: str, *, known: KnownWord | None = None,
                     folding: Folding = DEFAULT_FOLDING) -> ProcliticSplit:
    """The proclitics at the start of `word` (original text, harakat and tatweel allowed).

    The longest proclitic sequence with evidence wins: وبالصواريخ splits after وب. The
    returned `stem_start` is an offset into `word` itself, past any harakat or tatweel
    written on the proclitic letters.
    """
    first = word[:1]
    if "\u0621" <= first <= "\u064a" and first not in "وفبكل":
        return NO_SPLIT  # a plain letter that starts no proclitic: skip normalising (hot path)
    normalised = normalise(word, folding)
    letters = normalised.text
    if not letters or letters[0] not in "وفبكل":
        return NO_SPLIT
    for prefix in SEQUENCES:
        if not letters.startswith(prefix) or len(letters) <= len(prefix):
            continue
        evidence = stem_evidence(prefix, letters[len(prefix):], known)
        if not evidence:
            continue
        span = normalised.to_original(len(prefix), len(letters))
        if span is None:
            continue  # the stem would begin inside a ligature (لا written as ﻻ)
        return ProcliticSplit(span[0], prefix, evidence)
    return NO_SPLIT
