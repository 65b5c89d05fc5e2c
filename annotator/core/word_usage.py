"""How often written Arabic uses a word, against how often it uses the word's rest.

The analyser's dictionary and corpus (core.farahidi_lexicon) lack many names and loanwords of
today's news (توسكانا, بيمونتي) and some dialect forms (بجي). wordfreq's Arabic list counts
620,701 written forms of Wikipedia, subtitles, news, the web and social media, each form
apart, proclitics and all. A word that is proclitics + rest is written far less often than its
rest alone (وسوريا against سوريا); a word of its own is written about as often as its rest or
more (وادي against ادي).

`word_usage(word, cut)` gives both frequencies, and their gap, in Zipf units (log10 of the
frequency per billion words). `USED_AS_A_SPLIT` is, for each first letter, the gap below which
a word counts as used as proclitics + rest, set on the analyser's corpus, not on the table the
decision is scored on (bench/proclitic_usage.py measures it again). The list is read, all of it
(about 90 MB), the first time a word's usage is asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

# The 5% quantile of the gaps of the words the analyser's corpus reads whole (seen 20 times or
# more, 95% of them whole), to a tenth: below it a word is used as proclitics + rest are.
USED_AS_A_SPLIT = {"و": -0.1, "ف": -0.6, "ب": -0.9, "ك": -1.2, "ل": -0.5}


class WordUsage(NamedTuple):
    """Zipf frequencies (log10 of the frequency per billion words) of a word and of its rest."""

    whole: float
    rest: float

    @property
    def gap(self) -> float:
        return self.whole - self.rest


@lru_cache(maxsize=65536)
def _zipf(letters: str) -> float:
    from wordfreq import zipf_frequency  # imported when first asked: it brings ftfy, langcodes

    return zipf_frequency(letters, "ar")


def word_usage(letters: str, cut: int) -> WordUsage | None:
    """How often written Arabic uses `letters` and its rest after `cut` proclitic letters;
    None when the list has neither. After ل, a rest that begins with ل may be the article
    whose alef ل takes in (لليونيسف: اليونيسف), and is counted as the commoner writing."""
    rest = letters[cut:]
    rest_used = _zipf(rest)
    if letters[cut - 1] == "ل" and rest.startswith("ل"):
        rest_used = max(rest_used, _zipf("ا" + rest))
    whole = _zipf(letters)
    if not whole and not rest_used:
        return None
    return WordUsage(whole, rest_used)


def cut_by_usage(letters: str, cuts: Iterable[int], is_content: Callable[[int], bool],
                 usage: Callable[[str, int], WordUsage | None] = word_usage) -> int:
    """Of `cuts`, the one whose rest written Arabic uses as it uses the rests of proclitics
    (below USED_AS_A_SPLIT) and `is_content` accepts, the rest written most first (وبسوريا:
    و + ب + سوريا); 0 when there is none."""
    gaps = {cut: used.gap for cut in cuts for used in [usage(letters, cut)]
            if used is not None and used.rest and used.gap < USED_AS_A_SPLIT[letters[0]]}
    return next((cut for cut in sorted(gaps, key=gaps.__getitem__) if is_content(cut)), 0)
