"""Words the dictionary cannot read, read by the lemmas of the analyser's corpus
(core.farahidi_corpus): names and loanwords its annotators lemmatised."""

import pytest

from annotator.core import farahidi_corpus
from annotator.core.farahidi_lexicon import analyse_word
from annotator.core.lexicon import WordReadings
from annotator.core.proclitics import decide_proclitics


def spelling(cuts: dict[int, float]) -> WordReadings:
    return WordReadings(frozenset(cuts), whole_lemma_frequency=cuts.get(0, 0.0),
                        cut_lemma_frequency={cut: f for cut, f in cuts.items() if cut},
                        analysed=False)


@pytest.mark.parametrize(("word", "cuts", "verdict", "cut"), [
    ("ورونالد", {1: 1e-5}, "trim", 1),  # و + a name the corpus lemmatised
    ("لتاسيس", {1: 4e-5}, "trim", 1),
    ("كوندوليزا", {0: 2e-6}, "keep", 0),  # the whole word is the name
    ("كريتر", {1: 3e-6}, "uncertain", 1),  # ف and ك begin many names: only offered
    ("فحضرموت", {1: 5e-6}, "uncertain", 1),
])
def test_a_word_spelling_a_corpus_lemma(word, cuts, verdict, cut):
    decision = decide_proclitics(word, lexicon={word: spelling(cuts)}.get)
    assert (decision.verdict, len(decision.split.proclitics)) == (verdict, cut)


def test_the_whole_word_as_a_lemma_outweighs_a_rest_standing_alone_in_the_project():
    # بلاي (Play, Blaye) stays whole though لاي stands alone somewhere in the project.
    decision = decide_proclitics("بلاي", known={"لاي"}.__contains__,
                                 lexicon={"بلاي": spelling({0: 9e-6})}.get)
    assert decision.verdict == "keep"


def test_the_projects_evidence_comes_before_the_offer_after_kaf():
    # كريتر alone is only offered; with ريتر standing alone in the project the evidence
    # decides, as for any word the dictionary cannot read.
    decision = decide_proclitics("كريتر", known={"ريتر"}.__contains__,
                                 lexicon={"كريتر": spelling({1: 3e-6})}.get)
    assert decision.verdict == "trim"


@pytest.mark.parametrize(("word", "cuts"), [
    ("ورونالد", {1}),
    ("وكاتدرائية", {1}),
    ("كوندوليزا", {0}),
    ("وكريتر", set()),  # و + ك + ريتر is never tried: two letters before a short name
    ("وايت", set()),  # nor a rest of three letters (White is no و + آيَت)
    ("وتوسكانا", set()),  # a name the corpus lacks too
])
def test_the_corpus_lemmas_a_word_spells(word, cuts):
    assert set(farahidi_corpus.lemma_cuts(word)) == cuts


def test_the_analyser_reads_an_unknown_word_by_the_corpus_lemma_it_spells():
    readings = analyse_word("ورونالد")
    assert readings is not None and not readings.analysed
    assert readings.cuts == {1} and readings.cut_lemma_frequency[1] > 1e-7
    assert analyse_word("وتوسكانا") is None
    assert analyse_word("وقال").analysed


def rare_cut(sightings_of_rest: int, whole: float | None = None) -> WordReadings:
    """A word split only into a lemma the corpus never names, whose rest the corpus saw alone
    so often; `whole`, the frequency of a reading that keeps the letter, if any."""
    return WordReadings(frozenset({1} if whole is None else {0, 1}),
                        whole_lemma_frequency=whole or 0.0, cut_lemma_frequency={1: 0.0},
                        rest_sightings={1: sightings_of_rest})


@pytest.mark.parametrize(("word", "readings", "verdict"), [
    ("بتفحص", rare_cut(4), "trim"),  # the corpus saw تفحص on its own
    ("بتفحص", rare_cut(2), "keep"),  # once is no evidence
    ("لباسي", rare_cut(40, whole=1.7e-5), "keep"),  # a whole word the corpus uses stays
    ("كتحدي", rare_cut(110), "uncertain"),  # after ف and ك, also a name's shape (فراجين)
    ("بلوج", rare_cut(18), "keep"),  # a rest of three letters may be a fragment (Blog)
])
def test_a_rare_cut_whose_rest_the_corpus_saw_alone(word, readings, verdict):
    # The corpus's sightings alone, without the written usage (usage=None) that may weigh
    # where they are too few (tests/core/test_proclitic_usage.py).
    assert decide_proclitics(word, lexicon={word: readings}.get, usage=None).verdict == verdict


@pytest.mark.parametrize(("word", "counted"), [
    ("بتفحص", True),  # تفحص, a noun the corpus saw on its own
    ("بورقته", True),
    ("لوسي", False),  # وسي: the corpus read it as و + سي, not as a word of its own
    ("بقام", False),  # قام: a common verb, which no ب governs
    ("فليسوا", False),  # ليسوا: a copula
])
def test_the_corpus_sightings_of_a_words_rest(word, counted):
    assert farahidi_corpus.sightings()[word[1:]] >= 4  # the corpus saw every rest here
    readings = analyse_word(word)
    assert (readings.rest_sightings.get(1, 0) >= 4) == counted


def test_a_noun_that_is_also_a_verb_counts_after_a_preposition():
    # عمل is a common verb and a common noun: after ب it still counts; قام, a common verb
    # and no common noun, does not.
    assert farahidi_corpus.sightings()["عمل"] >= 4
    from annotator.core.farahidi_lexicon import _rest_sightings
    assert _rest_sightings("بعمل", 1) >= 4
    assert _rest_sightings("بقام", 1) == 0


@pytest.mark.parametrize(("word", "verdict"), [
    ("كالأميركية", "trim"),  # the corpus saw الأميركية alone: the article, not a name
    ("كاليانا", "keep"),  # a name's shape, its rest never seen alone
])
def test_kaf_with_the_article_before_a_rest_the_corpus_saw_alone(word, verdict):
    assert decide_proclitics(word).verdict == verdict


@pytest.mark.parametrize(("word", "rest_read", "verdict"), [
    ("كالدونيا", False, "uncertain"),  # كال begins many names the dictionary lacks
    ("فالمحطات", True, "trim"),  # the rest with the article is a word
])
def test_kaf_or_fa_with_the_article_on_a_word_the_dictionary_cannot_read(word, rest_read,
                                                                         verdict):
    rest = WordReadings(frozenset({0}), article_cuts=frozenset({0}))
    lexicon = {word[1:]: rest}.get if rest_read else (lambda letters: None)
    assert decide_proclitics(word, lexicon=lexicon).verdict == verdict
