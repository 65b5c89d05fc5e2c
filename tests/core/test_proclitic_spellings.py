"""The proclitic decision on words the analyser reads in another spelling or not at all, on
harakat, and on corpus counts that only a spelling or a compound explains."""

import pytest

from annotator.core.farahidi_lexicon import analyse_word
from annotator.core.lexicon import WordReadings
from annotator.core.proclitics import decide_proclitics


def lexicon_of(**readings):
    return lambda letters: readings.get(letters)


def unread(letters):
    return None


SPLIT = WordReadings(frozenset({1}), attested={1: 300}, cut_lemma_frequency={1: 1e-3})


@pytest.mark.parametrize(("word", "verdict"), [
    ("ولَّى", "keep"),  # a word never begins with a doubled consonant: not و + لّى
    ("وْقال", "keep"),  # a proclitic letter never carries a sukun
    ("وُقال", "keep"),  # nor a damma
    ("وَقالَ", "trim"),
    ("ولقال", "trim"),  # no harakat: nothing to go by
    ("بِسْمِ", "trim"),  # a sukun on the stem: the elided alef of اسم
])
def test_harakat_written_on_the_word_rule_a_cut_in_or_out(word, verdict):
    readings = {letters: SPLIT for letters in ("ولى", "وقال", "ولقال", "بسم")}
    assert decide_proclitics(word, lexicon=readings.get).verdict == verdict


def test_the_lam_of_command_after_a_conjunction_carries_a_sukun():
    command = WordReadings(frozenset({2}), attested={2: 40})
    decision = decide_proclitics("فَلْيَذْهَبْ", lexicon=lexicon_of(فليذهب=command))
    assert (decision.verdict, decision.split.proclitics) == ("trim", "فل")
    # Alone, with nothing before it, a lam with sukun is no proclitic.
    assert decide_proclitics("لْيَذْهَبْ", lexicon=lexicon_of(ليذهب=SPLIT)).verdict == "keep"


def test_the_article_lam_after_the_preposition_may_carry_a_shadda():
    lam_article = WordReadings(frozenset({1}), article_cuts=frozenset({1}))
    decision = decide_proclitics("لِلَّهِ", lexicon=lexicon_of(لله=lam_article))
    assert (decision.verdict, decision.split.stem_start) == ("trim", 2)


@pytest.mark.parametrize(("word", "known", "verdict"), [
    ("وإنبي", set(), "trim"),  # a written hamza begins the rest: a word starts there
    ("وأهميات", set(), "trim"),
    ("ورونالد", set(), "keep"),  # nothing to go by: the letter stays
    ("ويوي", {"يوي"}, "trim"),  # the conjunction joins anything, names included
    ("لميليشيات", {"ميليشيات"}, "trim"),  # a long rest that stands alone
    ("بلاي", {"لاي"}, "uncertain"),  # a short rest after a preposition: perhaps a name
])
def test_a_word_the_analyser_cannot_read(word, known, verdict):
    # Without the written usage of the word and its rest (usage=None), which weighs only where
    # these rules find nothing: tests/core/test_proclitic_usage.py.
    assert decide_proclitics(word, known=known.__contains__, lexicon=unread,
                             usage=None).verdict == verdict


def test_without_the_project_a_rest_the_analyser_reads_is_no_evidence():
    # The names it lacks read as a letter and a word: لويد as ل + ويد.
    readings = {"ويد": WordReadings(frozenset({0}), whole_lemma_frequency=1e-4)}
    assert decide_proclitics("لويد", lexicon=readings.get).verdict == "keep"


def test_a_conjunction_before_a_verb_that_begins_with_a_written_hamza_is_trimmed():
    # فأصبح, seen 23 times, always ف + أصبح: no transliterated name begins so.
    seldom = WordReadings(frozenset({1}), verb_cuts=frozenset({1}), attested={1: 23})
    decision = decide_proclitics("فأصبح", lexicon=lexicon_of(فأصبح=seldom))
    assert (decision.verdict, decision.split.proclitics) == ("trim", "ف")
    assert decide_proclitics("فيلتمان", lexicon=lexicon_of(فيلتمان=seldom)).verdict \
        == "uncertain"


def test_a_compound_particle_the_corpus_lemmatises_whole_is_split():
    # لماذا: the corpus's lemma is the compound; the analyser reads only ل + ماذا.
    compound = WordReadings(frozenset({1}), closed_class_cuts=frozenset({1}),
                            attested={0: 550})
    decision = decide_proclitics("لماذا", lexicon=lexicon_of(لماذا=compound))
    assert (decision.verdict, decision.split.proclitics) == ("trim", "ل")
    # كما is a conjunction in the dictionary itself: it stays whole.
    conjunction = WordReadings(frozenset({0, 1}), closed_class_cuts=frozenset({0, 1}),
                               attested={0: 900})
    assert decide_proclitics("كما", lexicon=lexicon_of(كما=conjunction)).verdict == "keep"


def test_corpus_lemmas_no_reading_places_do_not_dilute_the_preference():
    # لذا: lemmatised 386 times as لذيذ, which says nothing about where it is cut.
    readings = WordReadings(frozenset({0, 1}), attested={1: 1}, unattributed=386)
    assert readings.preference() == (1, 1.0)


def test_a_spelling_the_corpus_splits_often_is_trimmed_unless_the_rest_is_two_letters():
    often = WordReadings(frozenset({0, 1}), attested={1: 102}, spelt_cuts=frozenset({1}))
    assert decide_proclitics("فاننا", lexicon=lexicon_of(فاننا=often)).verdict == "trim"
    # بان: بأن without hamza, and Ban (بان كي مون): only offered.
    assert decide_proclitics("بان", lexicon=lexicon_of(بان=often)).verdict == "uncertain"
    seldom = WordReadings(frozenset({0, 1}), attested={1: 4}, spelt_cuts=frozenset({1}))
    assert decide_proclitics("وبالا", lexicon=lexicon_of(وبالا=seldom)).verdict == "uncertain"
    named = WordReadings(frozenset({0, 1}), attested={1: 1050}, spelt_cuts=frozenset({1}),
                         proper_cuts=frozenset({0}))
    assert decide_proclitics("واكد", lexicon=lexicon_of(واكد=named)).verdict == "uncertain"


def test_a_word_read_whole_most_often_keeps_its_letter_when_the_cut_needs_a_hamza():
    # واعدا: 'promising' ten times; four times a hamza-less و + أعدّ.
    readings = WordReadings(frozenset({0, 1}), attested={0: 10, 1: 4},
                            spelt_cuts=frozenset({1}))
    assert decide_proclitics("واعدا", lexicon=lexicon_of(واعدا=readings)).verdict == "keep"
    both = WordReadings(frozenset({0, 1}), attested={0: 10, 1: 4})
    assert decide_proclitics("واعدا", lexicon=lexicon_of(واعدا=both)).verdict == "uncertain"


def test_a_whole_word_far_rarer_than_the_cut_is_set_aside_unless_it_is_a_name():
    # بطريقه: ب + طريقة written with ه, or بطريق + ه 'his penguin'.
    readings = WordReadings(frozenset({0, 1}), whole_lemma_frequency=1e-6,
                            cut_lemma_frequency={1: 9e-4})
    assert decide_proclitics("بطريقه", lexicon=lexicon_of(بطريقه=readings)).verdict == "trim"
    named = WordReadings(frozenset({0, 1}), whole_lemma_frequency=1e-6,
                         cut_lemma_frequency={1: 9e-4}, proper_cuts=frozenset({0}))
    assert decide_proclitics("بطريقه", lexicon=lexicon_of(بطريقه=named)).verdict == "keep"
    # Two orders of magnitude are not enough (بقولهم: a dialect verb, or ب + قولهم).
    near = WordReadings(frozenset({0, 1}), whole_lemma_frequency=5e-6,
                        cut_lemma_frequency={1: 5e-4})
    assert decide_proclitics("بقولهم", lexicon=lexicon_of(بقولهم=near)).verdict == "keep"


@pytest.mark.parametrize(("word", "cut"), [
    ("بانتمائهم", 1),  # read as بانتماءهم
    ("وبدأوا", 1),  # read as وبدءوا
    ("وتمركزات", 1),  # a plural farahidi lacks, read in its singular
])
def test_farahidi_reads_a_word_in_the_spellings_news_uses(word, cut):
    readings = analyse_word(word)
    assert readings is not None and readings.cuts == frozenset({cut})
    assert decide_proclitics(word).split.stem_start == cut


def test_farahidi_reads_a_final_alef_maqsura_also_as_ya_when_the_corpus_says_so():
    # وهى: the corpus saw it 34 times as و + هي written with ى; the counts of وهي count too.
    readings = analyse_word("وهى")
    assert readings.attested[1] > 3000
    decision = decide_proclitics("وهى")
    assert (decision.verdict, decision.split.proclitics) == ("trim", "و")
    assert decide_proclitics("فى").verdict == "keep"  # في, whatever its spelling


@pytest.mark.parametrize(("word", "most"), [
    ("وبكى", 1),  # and he wept: never و + ب + كي
    ("فبكى", 1),
    ("وكبرى", 1),  # and the largest: never و + ك + برّي
    ("ولدى", 1),  # و + لدى, 88 times in the corpus
])
def test_the_ya_spelling_never_cuts_a_letter_of_a_word_written_with_alef_maqsura(word, most):
    decision = decide_proclitics(word)
    assert decision.verdict != "trim" or len(decision.split.proclitics) <= most
    if word == "ولدى":
        assert (decision.verdict, decision.split.proclitics) == ("trim", "و")


def test_a_name_with_a_pronoun_protects_only_a_word_the_corpus_never_saw():
    # بدورها: ب + دورها 122 times in the corpus; farahidi also reads it as Budur + ها.
    assert 0 not in analyse_word("بدورها").proper_cuts
    assert decide_proclitics("بدورها").verdict == "trim"
    assert 0 in analyse_word("بدور").proper_cuts
    # فيروزه (فيروزة written with ه), never seen: the name keeps it from a cut on frequency.
    assert 0 in analyse_word("فيروزه").proper_cuts
    assert decide_proclitics("فيروزه").verdict != "trim"


def test_a_broken_plural_counts_with_its_singular_lemma():
    # ضرائب: farahidi's lemma ضَرِيب, the corpus's ضَرِيبَة.
    assert analyse_word("بضرائب").cut_lemma_frequency[1] > 1e-5
    assert decide_proclitics("بضرائب").verdict == "trim"


def test_the_project_labelling_a_word_whole_overrides_neither_the_article_nor_an_offer():
    def labelled_whole(word):
        return True  # as if one slip had labelled every word whole

    article = WordReadings(frozenset({0, 1}), article_cuts=frozenset({1}), attested={1: 90})
    decision = decide_proclitics("والعراق", lexicon=lexicon_of(والعراق=article),
                                 labelled_whole=labelled_whole)
    assert (decision.verdict, decision.split.proclitics) == ("trim", "و")
    # باسم is offered, not trimmed: its whole span was labelled so because of that.
    named = WordReadings(frozenset({0, 1}), attested={1: 1356}, proper_cuts=frozenset({0}))
    assert decide_proclitics("باسم", lexicon=lexicon_of(باسم=named),
                             labelled_whole=labelled_whole).verdict == "uncertain"


def test_a_word_the_project_labels_whole_keeps_its_letters():
    asked = []

    def labelled_whole(word):
        asked.append(word)
        return word == "ويلسون"

    assert decide_proclitics("ويلسون", lexicon=lexicon_of(ويلسون=SPLIT),
                             labelled_whole=labelled_whole).verdict == "keep"
    assert decide_proclitics("وقال", lexicon=lexicon_of(وقال=SPLIT),
                             labelled_whole=labelled_whole).verdict == "trim"
    # A word the decision keeps anyway never asks (the question may read the project file).
    decide_proclitics("وادي", lexicon=lexicon_of(وادي=WordReadings(frozenset({0}))),
                      labelled_whole=labelled_whole)
    assert asked == ["ويلسون", "وقال"]


@pytest.mark.parametrize(("word", "proclitics"), [
    ("لله", "ل"),  # ل has taken in the alef and lam of الله
    ("ولله", "ول"),
    ("والله", "و"),
    ("بالله", "ب"),
])
def test_the_fixed_expressions_on_the_name_of_god_split_before_it(word, proclitics):
    # farahidi gives these proclitics no description; the corpus counts the name (اللَّه).
    readings = analyse_word(word)
    assert readings.cuts == {len(proclitics)}
    assert readings.cut_lemma_frequency[len(proclitics)] > 1e-4
    decision = decide_proclitics(word)
    assert (decision.verdict, decision.split.proclitics) == ("trim", proclitics)


def test_a_longer_cut_is_taken_when_its_lemma_is_far_commoner():
    # و + ل + سعيها ('her effort'), not و + لسعيها ('her two stings').
    both = WordReadings(frozenset({1, 2}), cut_lemma_frequency={1: 3e-7, 2: 1.3e-4})
    decision = decide_proclitics("ولسعيها", lexicon=lexicon_of(ولسعيها=both))
    assert (decision.verdict, decision.split.proclitics) == ("trim", "ول")
    # Against a lemma the corpus never names, however common the longer one: و + لاقت, not
    # و + ل + اقت.
    unknown = WordReadings(frozenset({1, 2}), cut_lemma_frequency={1: 0.0, 2: 1e-3},
                           rest_sightings={1: 10})
    decision = decide_proclitics("ولاقت", lexicon=lexicon_of(ولاقت=unknown))
    assert decision.split.proclitics == "و"
    # Merely commoner is not enough: the shorter cut stays.
    close = WordReadings(frozenset({1, 2}), cut_lemma_frequency={1: 1e-5, 2: 1.3e-4})
    decision = decide_proclitics("ولسعيها", lexicon=lexicon_of(ولسعيها=close))
    assert decision.split.proclitics == "و"


def test_an_undescribed_proclitic_outside_the_name_of_god_is_no_cut():
    from types import SimpleNamespace

    from annotator.core.farahidi_lexicon import _cut

    undescribed = SimpleNamespace(proclitics=(SimpleNamespace(form="و", description=None),))
    assert _cut(undescribed, "ولله") == 2
    assert _cut(undescribed, "والله") == 1
    assert _cut(undescribed, "وكتب") is None
