"""Why two spans of one label that overlap disagree on their edges: a proclitic, the article.

The guidelines leave proclitics (و ف ب ك ل and their combinations) out of a span and keep
the article ال, and annotators slip on both. Two paired spans end at the same character and
one starts earlier, inside the same word; the letters between the two starts (harakat,
shadda and tatweel ignored, alef forms folded, as everywhere in core.normalise) are:
- "proclitic" when they are a proclitic or a combination (بسوريا / سوريا, وبالصواريخ /
  بالصواريخ);
- "article" when they are the article, alone or after proclitics (العراق / عراق, بالعراق
  / عراق), or the lam the article keeps after ل (للتحالف: لتحالف / تحالف with لل between);
- "" for anything else, or when the spans also differ at their ends.
One ل alone between the starts is read as the proclitic, though in للتحالف it may be the
article's lam.
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
    if is_proclitic_sequence(letters):
        return PROCLITIC
    if letters.endswith(ARTICLE) and _proclitics_or_nothing(letters[:-len(ARTICLE)]):
        return ARTICLE_KIND
    # ل before the article drops its alef: لل is the preposition and the article's lam.
    if letters.endswith(LAM + LAM) and is_proclitic_sequence(letters[:-1]):
        return ARTICLE_KIND
    return ""


def _proclitics_or_nothing(letters: str) -> bool:
    return letters == "" or is_proclitic_sequence(letters)
