"""Why two spans of one label that overlap disagree on their edges: a proclitic, the article.

The guidelines leave proclitics (و ف ب ك ل and their combinations) out of a span and keep
the article ال, and annotators slip on both. Two paired spans end at the same character and
one starts earlier, inside the same word; the letters between the two starts (harakat,
shadda and tatweel ignored, alef forms folded, as everywhere in core.normalise) are:
- "proclitic" when they are a proclitic or a combination (بسوريا / سوريا, وبالصواريخ /
  بالصواريخ);
- "article" when they are the article, alone or after proclitics (العراق / عراق, بالعراق
  / عراق), or the lam the article keeps after the preposition ل, which is told from that
  preposition by what comes before it in the word (للتحالف: لتحالف / تحالف, or لل between
  للتحالف / تحالف);
- "" for anything else, or when the spans also differ at their ends.
"""

from __future__ import annotations

from typing import Any

from annotator.core.normalise import normalise_key
from annotator.core.proclitics import ARTICLE, LAM, is_proclitic_sequence

PROCLITIC = "proclitic"
ARTICLE_KIND = "article"


def boundary_kind(text: str, x: Any, y: Any) -> str:
    """"proclitic", "article" or "" for two overlapping spans of `text` (see the module)."""
    if x.end != y.end or x.start == y.start:
        return ""
    start, later = min(x.start, y.start), max(x.start, y.start)
    between = text[start:later]
    if any(char.isspace() for char in between):
        return ""
    letters = normalise_key(between)
    if letters == LAM and _after_lam(text, start):
        return ARTICLE_KIND  # للتحالف: the first ل is the preposition, this one the article's
    if is_proclitic_sequence(letters):
        return PROCLITIC
    if letters.endswith(ARTICLE) and _proclitics_or_nothing(letters[:-len(ARTICLE)]):
        return ARTICLE_KIND
    # ل before the article drops its alef: لل is the preposition and the article's lam.
    if letters.endswith(LAM + LAM) and is_proclitic_sequence(letters[:-1]):
        return ARTICLE_KIND
    return ""


def _after_lam(text: str, position: int) -> bool:
    """Whether the word holding `position` begins with proclitics ending in ل right before."""
    word_start = position
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    before = normalise_key(text[word_start:position])
    return before.endswith(LAM) and is_proclitic_sequence(before)


def _proclitics_or_nothing(letters: str) -> bool:
    return letters == "" or is_proclitic_sequence(letters)
