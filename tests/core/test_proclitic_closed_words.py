"""Words the analyser reads with a closed-class word after the proclitic, with a name and a
pronoun, or as several cuts: each read by the real dictionary and its corpus."""

import pytest

from annotator.core.farahidi_lexicon import analyse_word
from annotator.core.proclitics import decide_proclitics


@pytest.mark.parametrize(("word", "proclitics"), [
    ("وبدونهما", "وب"),  # و + ب + دون + هما: an adverb, no whole reading
    ("بأمام", "ب"),  # أمام, an adverb, counts as a word seen alone
    ("بلا", "ب"),  # the corpus's compound particle بِلا, which the dictionary reads ب + لا
    ("ولكان", "ول"),  # و + the lam of the answer + كان, not و + a lemma nobody uses
    ("وهيبتها", "و"),  # و + هيبة + ها: Wahiba with a pronoun is no reading news has
    ("وجدتي", "و"),  # و + جدة + ي, not Oujda + ي
])
def test_trimmed(word, proclitics):
    decision = decide_proclitics(word)
    assert (decision.verdict, decision.split.proclitics) == ("trim", proclitics)


@pytest.mark.parametrize("word", ["بكم", "كما", "بعد", "فوق", "وادي", "وهبي", "ولدنا"])
def test_kept(word):
    # بكم is the preposition with its pronoun; كما one conjunction in the dictionary; وهبي,
    # Wahbi, a name read as وهب + ي; ولدنا, 'our son' or 'we were born'.
    assert decide_proclitics(word).verdict == "keep"


@pytest.mark.parametrize("word", ["ولديهم", "ولدي", "بدون"])
def test_an_adverb_after_the_cut_where_the_whole_word_is_a_common_one(word):
    # و + لدي 'and I have', or ولد + ي 'my son': both common, so the cut is only offered.
    assert decide_proclitics(word).verdict == "uncertain"


def test_the_corpus_counts_a_compound_particle_the_dictionary_has_not():
    assert analyse_word("بلا").whole_attested_unread  # بِلا, never a reading's lemma
    assert not analyse_word("بكم").whole_attested_unread  # بِ + كم, a reading's lemma
    assert 2 in analyse_word("وبدونهما").closed_class_cuts
    assert 1 not in analyse_word("ولديهم").closed_class_cuts  # ولد, common, keeps it open


def test_a_name_in_ta_marbuta_with_a_pronoun_is_no_reading_news_has():
    assert 0 in analyse_word("فيروزه").proper_cuts  # فيروز + ه, or فيروزة written with ه
    assert 0 in analyse_word("وهبي").proper_cuts  # وهب + ي, or the name Wahbi
    assert 0 not in analyse_word("وهيبتها").proper_cuts  # وهيبة + ها


def test_a_name_nobody_uses_gives_way_to_a_rest_both_corpora_have_alone():
    # وريف: the dictionary's name Warif, which its corpus never names; ريف (countryside)
    # stands alone in the project and in the corpus.
    decision = decide_proclitics("وريف", known={"ريف"}.__contains__)
    assert (decision.verdict, decision.split.proclitics) == ("trim", "و")
    # Without the project's evidence the readings disagree: the cut is only offered.
    assert decide_proclitics("وريف").verdict == "uncertain"
