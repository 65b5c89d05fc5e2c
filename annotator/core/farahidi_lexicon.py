"""The readings of a word from farahidi, a pure-Python port of AlKhalil Morpho Sys 2.

farahidi ships AlKhalil's lexicon (roots, patterns, some 20,000 proper nouns, tool words) and
the word/lemma counts of the annotated corpus AlKhalil's in-context analyser was trained on.
For each written word this module reports, in the shape core.lexicon defines, where its
readings cut the proclitics and how often the corpus saw each cut: وادي is always read
whole and the corpus saw it as a valley 44 times and as و + أدّى twice; وقال never whole.

Nothing is loaded until the first word is asked for (the desk starts without it), and then only
what that word needs: farahidi reads its tables as its analysis reaches them (about 0.6 s and
160 MB for the first word), and the corpus counts (core.farahidi_corpus) in 0.5 s. A word no
spelling of which the dictionary reads is read as the corpus lemma it spells, whole or after
one proclitic letter (ورونالد: و + رونالد). A word takes 1 to 5 ms. `farahidi_readings`
remembers every word (core.lexicon_cache), in a file when the services give it one, so that
later processes never load farahidi for words seen before. farahidi is GPL-3.0-or-later, pure
Python, and has no dependencies.
"""

from __future__ import annotations

import warnings
from importlib.metadata import PackageNotFoundError, version

import regex

from annotator.core import farahidi_corpus as corpus
from annotator.core.arabic_spellings import respellings, with_final_ya
from annotator.core.lexicon import (
    COMMON_LEMMA_FREQUENCY,
    PROCLITIC_LETTERS,
    SEQUENCES,
    WordReadings,
    common_word_of_its_own,
)
from annotator.core.lexicon_cache import CachedLexicon
from annotator.core.loading import read_once

# Parts of a proclitic's description that write no proclitic letter of their own.
NOT_A_CUT = frozenset({"ال:التعريف", "سين المستقبل القريب", "همزة الاستفهام"})
ARTICLE = "ال:التعريف"
# Readings of the word after the cut that make it a closed-class word (فإن، فهي، كذلك).
# ناسخ: the copulas كان and ليس and their sisters.
CLOSED_CLASS_TYPES = frozenset({"ضمير", "إشارة", "استفهام", "شرط", "موصول", "ناسخ"})
# The adverbial nouns of place and time (لدى, دون, عند), a closed set too, but one that shares
# its spellings with common words (ولدي: و + لدي, or ولد + ي 'my son'): a cut before one is
# closed-class only where no reading that keeps the letter is a common word (وبدونهما is
# و + ب + دون + هما; ولديهم, ولدي, with ولد, and بدون, with بدا, stay offered). As a rest
# seen alone (أمام in بأمام) an adverb is a content word.
ADVERB = "ظرف"
PARTICLE, VERB = "حرف", "فعل"
PROPER_NOUN = "اسم علم"
PLURAL = "جمع"
GOD = "الله"
# Prepositions that only ever govern a noun: never a verb after them.
PREPOSITIONS_OF_NOUNS = "بك"
GOD_IN_THE_CORPUS = "\u0627\u0644\u0644\u0651\u064e\u0647"  # shadda before fatha, as written there
# The proclitic letters a cut may pass.
PROCLITIC_SEQUENCES = frozenset(SEQUENCES)
_LETTERS = regex.compile(r"[\u0621-\u063a\u0641-\u064a]+")
# Bumped whenever what is kept of a word's readings changes, so that old cache files are
# started afresh.
READINGS_VERSION = 8


# How often the corpus must have seen a word ending in ى with lemmas its own readings lack for
# the word to be read as written with ي too (وهى: 34 times as هي).
FINAL_YA_SIGHTINGS = 10

@read_once
def _analyzer():  # type: ignore[no-untyped-def]
    """farahidi's analyser; its tables are read as analyses reach them."""
    import farahidi  # imported here so the desk starts without it

    return farahidi.Analyzer()


def _analyses(letters: str):  # type: ignore[no-untyped-def]
    """farahidi's analyses of `letters`. farahidi leaves each table's file to the garbage
    collector when it first reads it, which warns (ResourceWarning): not ours to report."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        return _analyzer().analyze(letters)


def _cut(analysis, letters: str) -> int | None:  # type: ignore[no-untyped-def]
    """How many proclitic letters a reading writes before its stem; None if those letters are
    not و ف ب ك ل (an interrogative أ)."""
    cut = 0
    for affix in analysis.proclitics:
        if affix.description is None:
            # farahidi describes no proclitic of the fixed expressions on the name of God
            # (لله, والله, بالله): they are the letters before الله, or before له where ل
            # has taken in its alef and lam (لله, ولله).
            if letters.endswith(GOD):
                cut = len(letters) - len(GOD)
            elif letters.endswith(GOD[2:]):
                cut = len(letters) - 2
            else:
                return None
            break
        for part in affix.description.split("+"):
            if part and part not in NOT_A_CUT:
                cut += 1
    if any(letter not in PROCLITIC_LETTERS for letter in letters[:cut]):
        return None
    return cut


# News often leaves out the hamza of an alef that begins a word (اعلن for أعلن, ان for إن,
# اكد for أكد): the analyser reads a hamza only where it is written, so after proclitic
# letters a bare alef is also read as each hamza it may stand for (واعلن as و + أعلن).
HAMZA_SEATS = "أإآ"


def _readings(letters: str):  # type: ignore[no-untyped-def]
    """(cut, analysis, restored) for each reading of `letters`, and for each reading of it
    with a hamza written on the alef that begins its stem after the proclitic letters
    (`restored`)."""
    for analysis in _analyses(letters):
        cut = _cut(analysis, letters)
        if cut is not None:
            yield cut, analysis, False
    for cut in (1, 2):
        if letters[:cut] not in PROCLITIC_SEQUENCES or letters[cut:cut + 1] != "ا" \
                or len(letters) < cut + 3:
            continue
        for seat in HAMZA_SEATS:
            restored = letters[:cut] + seat + letters[cut + 1:]
            for analysis in _analyses(restored):
                if _cut(analysis, restored) == cut:
                    yield cut, analysis, True


def _spellings_read(letters: str) -> tuple[list, list[str]]:  # type: ignore[type-arg]
    """(cut, analysis, restored) for each reading of `letters`, and the spellings whose
    corpus counts count for it.

    A word ending in ى is also read, and counted, as written with ي when the corpus saw it
    with a lemma none of its own readings has (وهى seen as هي: many writers put ى for a final
    ي) often enough to trust (FINAL_YA_SIGHTINGS); otherwise not, since the ي spelling reads
    other words (وبكى, lemmatised twice as و + ب + كيّ, is no و + ب + كي). A word
    with no reading at all is read in the first of its other spellings that has one."""
    readings = list(_readings(letters))
    spellings = [letters]
    other = with_final_ya(letters)
    if other is not None and readings:
        own = {analysis.lemma for _, analysis, _ in readings}
        unread = sum(n for lemma, n in corpus.attested().get(letters, ()) if lemma not in own)
        if unread >= FINAL_YA_SIGHTINGS:
            readings += _readings(other)
            spellings.append(other)
    for variant in ([other] if other else []) + respellings(letters) if not readings else ():
        readings = list(_readings(variant))
        if readings:
            break
    return readings, spellings


def analyse_word(letters: str) -> WordReadings | None:
    """The readings of `letters` (an Arabic word without harakat or tatweel); None when the
    word is not Arabic letters alone or farahidi has no reading for it."""
    if not _LETTERS.fullmatch(letters):
        return None
    cuts: set[int] = set()
    article: set[int] = set()
    closed: set[int] = set()
    adverbs: set[int] = set()
    verbs: set[int] = set()
    frequency: dict[int, float] = {}
    whole_pos: set[str] = set()
    proper: set[int] = set()
    suffixed: set[int] = set()  # cuts some reading of which is a name with a pronoun
    written_cuts: set[int] = set()  # cuts some reading makes without a restored hamza
    readings, spellings = _spellings_read(letters)
    for cut, analysis, restored in readings:
        cuts.add(cut)
        if not restored:
            written_cuts.add(cut)
        if any(ARTICLE in (affix.description or "") for affix in analysis.proclitics):
            article.add(cut)
        if analysis.pos == PARTICLE or analysis.type in CLOSED_CLASS_TYPES:
            closed.add(cut)
        elif analysis.type == ADVERB:
            adverbs.add(cut)
        if analysis.pos == VERB:
            verbs.add(cut)
        if cut == 0:
            whole_pos.add(analysis.pos)
        if analysis.type == PROPER_NOUN:
            if not analysis.enclitics:
                proper.add(cut)
            elif not _feminine_name_with_a_pronoun(analysis.lemma, letters):
                suffixed.add(cut)
        frequency[cut] = max(frequency.get(cut, 0.0), _frequency(analysis))
    if not cuts:
        return _read_by_corpus_lemmas(letters)
    if not common_word_of_its_own(frequency.get(0, 0.0), whole_pos == {VERB}):
        closed |= adverbs - {0}
    attested: dict[int, int] = {}
    spelt: dict[int, int] = {}
    unattributed = whole_by_reading = 0
    counts = corpus.attested()
    lemma_cuts = _cuts_by_lemma(readings)
    for lemma, count in (item for spelling in spellings for item in counts.get(spelling, ())):
        lemma_cut = _corpus_cut(lemma, lemma_cuts, letters)
        if lemma not in lemma_cuts and lemma_cut is not None and not any(
                corpus.spelt_cut(lemma, spelling, folded=False) is not None
                for spelling in spellings):
            spelt[lemma_cut] = spelt.get(lemma_cut, 0) + count
        if lemma_cut == 0 and lemma in lemma_cuts:
            whole_by_reading += count
        if lemma_cut is None:
            unattributed += count
        else:
            attested[lemma_cut] = attested.get(lemma_cut, 0) + count
    if not attested and not unattributed:
        # A name hardly takes a possessive pronoun (بدورها is ب + دورها, not Budur + ها):
        # where the corpus saw the word, its counts decide. Where it never did, the name still
        # keeps the word from a cut on frequency alone (فيروزه, فيروزة written with ه).
        proper |= suffixed & {0}
    return WordReadings(frozenset(cuts), frozenset(article), frozenset(closed),
                        frozenset(verbs), attested, unattributed, frequency.get(0, 0.0),
                        {cut: f for cut, f in frequency.items() if cut > 0},
                        whole_verb_only=whole_pos == {VERB}, proper_cuts=frozenset(proper),
                        spelt_cuts=frozenset(cut for cut, n in spelt.items()
                                             if cut not in cuts or 2 * n > attested[cut])
                        | (cuts - written_cuts),
                        rest_sightings={} if attested else {
                            cut: n for cut in cuts if cut > 0
                            for n in [_rest_sightings(letters, cut)] if n},
                        whole_attested_unread=bool(attested.get(0)) and not whole_by_reading)


def _feminine_name_with_a_pronoun(lemma: str, letters: str) -> bool:
    """Whether a name + pronoun reading is a name in ة with its ة written ت before the
    pronoun (وهيبتها: Wahiba + ها; وجدتي: Oujda + ي), which news hardly writes; a name
    without ة may be read so for a name of its own (وهبي, Wahbi, as وهب + ي) or its ة
    written ه (فيروزه), and keeps protecting the word."""
    name = corpus.strip_vowels(lemma)
    return name.endswith("ة") and letters.startswith(name[:-1] + "ت")


def _frequency(analysis) -> float:  # type: ignore[no-untyped-def]
    """How common the corpus finds a reading's lemma. The dictionary writes the name of God
    without vowels, the corpus with them."""
    lemma = GOD_IN_THE_CORPUS if analysis.lemma == GOD else analysis.lemma
    return corpus.lemma_frequency(lemma, plural=analysis.number == PLURAL)


def _rest_sightings(letters: str, cut: int) -> int:
    """How often the corpus saw the rest after `cut` on its own as a content word (see
    WordReadings.rest_sightings): its sightings less those it read as proclitic + word
    itself (وسي, the rest of لوسي, is و + سي); none for a particle, pronoun or copula (ليس in
    بليس), or, after ب or ك, for a rest that is a common verb and no common noun (قام in
    بقام; عمل in بعمل is a common noun too)."""
    rest = letters[cut:]
    seen = corpus.sightings().get(rest, 0)
    if not seen:
        return 0
    readings = list(_readings(rest))
    whole = [analysis for rest_cut, analysis, _ in readings if rest_cut == 0]
    if any(analysis.pos == PARTICLE or analysis.type in CLOSED_CLASS_TYPES for analysis in whole):
        return 0
    if letters[cut - 1] in PREPOSITIONS_OF_NOUNS:
        common = {analysis.pos for analysis in whole
                  if _frequency(analysis) >= COMMON_LEMMA_FREQUENCY}
        if common == {VERB}:
            return 0
    lemma_cuts = _cuts_by_lemma(readings)
    split = sum(count for lemma, count in corpus.attested().get(rest, ())
                if _read_split(lemma, lemma_cuts, rest))
    return max(seen - split, 0)


def _read_split(lemma: str, lemma_cuts: dict[str, set[int]], letters: str) -> bool:
    """Whether the corpus, lemmatising `letters` as `lemma`, read it as proclitic + word:
    every reading of that lemma cuts (one cut or several: للأسف is ل + ل + أسف), or, for a
    lemma no reading has, the word spells it after a proclitic."""
    known = lemma_cuts.get(lemma)
    if known is not None:
        return 0 not in known
    return bool(corpus.spelt_cut(lemma, letters))


def _cuts_by_lemma(readings) -> dict[str, set[int]]:  # type: ignore[no-untyped-def]
    """Each lemma of `readings` (cut, analysis, restored) -> the cuts its readings make."""
    cuts: dict[str, set[int]] = {}
    for cut, analysis, _ in readings:
        cuts.setdefault(analysis.lemma, set()).add(cut)
    return cuts


def _corpus_cut(lemma: str, lemma_cuts: dict[str, set[int]], letters: str) -> int | None:
    """The cut a corpus lemma of the word `letters` stands for: its readings' one cut (None if
    they make several), or, for a lemma no reading has, where the word spells it."""
    known = lemma_cuts.get(lemma)
    if known is not None:
        return next(iter(known)) if len(known) == 1 else None
    return corpus.spelt_cut(lemma, letters)


def _read_by_corpus_lemmas(letters: str) -> WordReadings | None:
    """A word no spelling of which the dictionary reads, read as the corpus lemma it spells
    whole or after one proclitic letter (ورونالد as و + رونالد); None if it spells none."""
    cuts = corpus.lemma_cuts(letters)
    if not cuts:
        return None
    return WordReadings(frozenset(cuts), whole_lemma_frequency=cuts.get(0, 0.0),
                        cut_lemma_frequency={cut: f for cut, f in cuts.items() if cut},
                        analysed=False)


def _version() -> str:
    try:
        return f"farahidi {version('farahidi')}; readings {READINGS_VERSION}"
    except PackageNotFoundError:
        return f"farahidi unknown; readings {READINGS_VERSION}"


farahidi_readings = CachedLexicon(analyse_word, _version())
"""The readings of a word (core.lexicon.Lexicon), remembered: the default lexicon of
core.proclitics. `farahidi_readings.use_file(path)` keeps them across processes."""
