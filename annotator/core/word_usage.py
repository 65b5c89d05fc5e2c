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
decision is scored on (bench/proclitic_usage.py measures it again). `cut_by_usage` is the cut
that usage points to in a word nothing else decides, where its rest may be a word at all. The
list is read, all of it (about 100 MB), the first time a word's usage is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from annotator.core.lexicon import (
    CAREFUL_LETTERS,
    PROCLITIC_LETTERS,
    SEEN_LEMMA,
    SEQUENCES,
    WordReadings,
)
from annotator.core.loading import read_once

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


# word_usage's shape: how often written Arabic uses a word and its rest after a cut.
Usage = Callable[[str, int], WordUsage | None]


@read_once
def _arabic_zipf() -> Callable[[str, str], float]:
    """wordfreq's lookup, its Arabic list read (once, under the loading lock)."""
    from wordfreq import zipf_frequency  # imported when first asked: it brings ftfy, langcodes

    zipf_frequency("و", "ar")  # reads the whole list now, not in some thread's first lookup
    return zipf_frequency


@lru_cache(maxsize=65536)
def _zipf(letters: str) -> float:
    return _arabic_zipf()(letters, "ar")


def word_usage(letters: str, cut: int) -> WordUsage | None:
    """How often written Arabic uses `letters` and its rest after `cut` proclitic letters;
    None when the list has neither. After ل, a rest that begins with ل may be the article
    whose alef ل takes in (لليونيسف: اليونيسف), and is counted as the commoner writing."""
    rest = letters[cut:]
    rest_used = _zipf(rest)
    if cut and letters[cut - 1] == "ل" and rest.startswith("ل"):
        rest_used = max(rest_used, _zipf("ا" + rest))
    whole = _zipf(letters)
    if not whole and not rest_used:
        return None
    return WordUsage(whole, rest_used)


def cut_by_usage(letters: str, cuts: list[int], readings: WordReadings | None,
                 rest_readings: Callable[[int], WordReadings | None],
                 usage: Usage = word_usage) -> int:
    """Of `cuts` of a word beginning with و ب ل, the one whose rest written Arabic uses most
    (وبسوريا: و + ب + سوريا), if it uses it as it uses the rests of proclitics (below
    USED_AS_A_SPLIT) and the rest may be a word (`_rest_may_be_a_word`); 0 otherwise. A cut
    ending in ف or ك is not weighed (CAREFUL_LETTERS: وكريمس is no و + ك + ريمس). Only the
    rest written most is asked: where it is refused, a shorter cut would leave a proclitic on
    the span (ولفلوريدا cut to و alone). `readings` are the word's, `rest_readings` the
    rests'."""
    if letters[0] in CAREFUL_LETTERS:
        return 0
    gaps = {cut: used.gap for cut in cuts if letters[cut - 1] not in CAREFUL_LETTERS
            for used in [usage(letters, cut)] if used is not None and used.rest}
    if not gaps:
        return 0
    cut = min(gaps, key=gaps.__getitem__)
    may_be_a_word = gaps[cut] < USED_AS_A_SPLIT[letters[0]] \
        and _rest_may_be_a_word(letters, cut, readings, rest_readings, usage)
    return cut if may_be_a_word else 0


def _rest_may_be_a_word(letters: str, cut: int, readings: WordReadings | None,
                        rest_readings: Callable[[int], WordReadings | None],
                        usage: Usage) -> bool:
    """Whether the rest after `cut` may be a content word: not a particle, pronoun or
    copula, which written Arabic uses far more than any word (ليس, behind بليس, Place), nor,
    after ب, a verb: ب before a present verb is a dialect's prefix (بنعد 'we count'). A rest
    that begins with a proclitic letter that cannot follow the cut (و after و, ل after ب)
    and is itself written as a proclitic and a rest (وهان against هان, وسعيد against سعيد,
    ولو) leaves a stack no word has: the whole is a name (ووهان, Wuhan; بوسعيد; لولو), unless
    the dictionary reads that rest whole (ووصلت: وصلت). The rest's readings are asked last:
    they may load the analyser."""
    after_b = letters[cut - 1] == "ب"
    if readings is not None and (cut in readings.closed_class_cuts
                                 or (after_b and cut in readings.verb_cuts)):
        return False
    rest = rest_readings(cut)
    if rest is not None and (0 in rest.closed_class_cuts or (after_b and 0 in rest.verb_cuts)):
        return False
    first = letters[cut]
    if first in PROCLITIC_LETTERS and not (letters[cut - 1] == "ل" == first) \
            and not any(s.startswith(letters[:cut] + first) for s in SEQUENCES):
        read_whole = rest is not None and 0 in rest.cuts \
            and rest.whole_lemma_frequency >= SEEN_LEMMA
        inner = usage(letters[cut:], 1)
        return read_whole or inner is None or inner.gap >= USED_AS_A_SPLIT[first]
    return True
