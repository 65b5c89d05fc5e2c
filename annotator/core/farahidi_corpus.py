"""What the corpus behind farahidi's in-context analyser saw: word counts and lemmas.

farahidi ships, beside AlKhalil's dictionary, the counts of the annotated corpus its
disambiguator was trained on: how often each written word was seen with each lemma, and how
common each lemma is. core.farahidi_lexicon weighs the dictionary's readings with them. The
corpus's annotators also lemmatised words the dictionary lacks, names and loanwords above all
(رونالد, كاتدرائية, حضرموت): its 35,000 lemmas are a second, wider word list, asked when the
dictionary has no reading of a word at all.

Each table is read on first use (the word counts in 0.5 s and 32 MB, the lemma frequencies in
0.1 s, the lemmas' spellings in 0.15 s) and kept for the process; a second thread asking
meanwhile waits for it rather than reading it again.
"""

from __future__ import annotations

import gzip
import warnings
from importlib.resources import files

import regex

from annotator.core.lexicon import PROCLITIC_LETTERS, SEQUENCES
from annotator.core.loading import read_once

PROCLITIC_SEQUENCES = frozenset(SEQUENCES)
# Held while a table is read: re-entrant, since one table's reading asks for another's.
TA_MARBUTA = "\u0629"
# Spellings news writes for the same letters: hamza seats, alef maqsura, ta marbuta.
_SPELLINGS = str.maketrans("أإآىة", "ااايه")
# A lemma the corpus names this rarely (once in some ten million words) is no evidence of a
# word: its annotators lemmatised some typing slips and fragments too.
CORPUS_LEMMA_FREQUENCY = 1e-7
# The shortest word or rest after a proclitic a corpus lemma is taken as evidence for: the
# list holds 4,088 spellings of three letters, and names split into one (وايت, White, and
# آيَت; بوزو and وُزُو).
MIN_LEMMA_LETTERS = 4


def strip_vowels(lemma: str) -> str:
    return regex.sub(r"\p{Mn}+", "", lemma)


def attested() -> dict[str, tuple[tuple[str, int], ...]]:
    """Written word -> ((lemma, count), ...) from the corpus counts in farahidi's model file,
    for the words that begin with a proclitic letter. Empty if the file cannot be read."""
    return _counts()[0]


def sightings() -> dict[str, int]:
    """Written word -> how often the corpus saw it, whatever its reading: every word, not
    only those that begin with a proclitic letter (تفحص 4, ورقته 16). The counts are the
    model file's, which counts most sightings twice."""
    return _counts()[1]


@read_once
def _counts() -> tuple[dict[str, tuple[tuple[str, int], ...]], dict[str, int]]:
    try:
        from farahidi.lm import LM_ENCODING, LM_FILE
        from farahidi.translit import bw_to_arabic
    except ImportError:  # a farahidi without the model: readings without counts still work
        return {}, {}
    path = files("farahidi").joinpath("data", LM_FILE + ".gz")
    counts: dict[str, dict[str, int]] = {}
    seen: dict[str, int] = {}
    with path.open("rb") as packed, \
            gzip.open(packed, "rt", encoding=LM_ENCODING, newline="") as lines:
        for line in lines:
            if not line.startswith("B "):
                continue  # emission lines: "B <sizes> word count (<sizes> lemma count)+"
            fields = line.split()
            word = bw_to_arabic(fields[2])
            seen[word] = seen.get(word, 0) + int(float(fields[3]))
            if word[:1] not in PROCLITIC_LETTERS:
                continue
            lemmas = counts.setdefault(word, {})
            for at in range(5, len(fields) - 1, 3):
                lemma = bw_to_arabic(fields[at])
                lemmas[lemma] = lemmas.get(lemma, 0) + int(float(fields[at + 1]))
    return {word: tuple(lemmas.items()) for word, lemmas in counts.items()}, seen


@read_once
def lemma_frequencies() -> dict[str, float]:
    """Vowelled lemma -> its share of the corpus's words."""
    from farahidi.lm import MAP_LEMMA, load_map

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        return load_map(MAP_LEMMA)


def lemma_frequency(lemma: str, plural: bool) -> float:
    """How common the corpus finds a reading's lemma (0.0: never seen). The analyser names
    some broken plurals' lemma without the ta marbuta the corpus writes (ضرائب: ضَرِيب, in the
    corpus ضَرِيبَة)."""
    frequencies = lemma_frequencies()
    found = frequencies.get(lemma)
    if found is None and plural:
        found = frequencies.get(lemma + "\u064e" + TA_MARBUTA)
    return found or 0.0


@read_once
def _lemmas_by_spelling() -> dict[str, float]:
    """Each lemma's letters, hamza and final letters folded -> the commonest such lemma's
    frequency."""
    by_spelling: dict[str, float] = {}
    for lemma, frequency in lemma_frequencies().items():
        spelling = strip_vowels(lemma).translate(_SPELLINGS)
        by_spelling[spelling] = max(by_spelling.get(spelling, 0.0), frequency)
    return by_spelling


def lemma_cuts(letters: str) -> dict[int, float]:
    """For a word the dictionary cannot read: where the word, or its rest after one proclitic
    letter, spells a lemma of the corpus (ورونالد: و + رونالد; كوندوليزا whole), and how common
    that lemma is. Two proclitic letters are not tried: the word list holds many short names,
    and a two-letter cut before one finds a fragment (و + ك + ريتر in وكريتر)."""
    lemmas = _lemmas_by_spelling()
    cuts: dict[int, float] = {}
    for cut in (0, 1):
        if cut and letters[:cut] not in PROCLITIC_SEQUENCES:
            continue
        frequency = lemmas.get(letters[cut:].translate(_SPELLINGS), 0.0)
        if len(letters) - cut >= MIN_LEMMA_LETTERS and frequency >= CORPUS_LEMMA_FREQUENCY:
            cuts[cut] = frequency
    return cuts


def spelt_cut(lemma: str, letters: str, folded: bool = True) -> int | None:
    """Where the word spells a corpus lemma its readings lack (كما seen as the lemma كما: cut
    0; له as the lemma لِ: cut 0), hamza and final letters folded (فان seen as the lemma
    إنّ: cut 1, فإن without hamza). None if it spells it nowhere after proclitics."""
    spelt, written = strip_vowels(lemma), letters
    if folded:
        spelt, written = spelt.translate(_SPELLINGS), written.translate(_SPELLINGS)
    for cut in (0, 1, 2):
        if cut and written[:cut] not in PROCLITIC_SEQUENCES:
            continue
        if spelt and written[cut:].startswith(spelt):
            return cut
    return None
