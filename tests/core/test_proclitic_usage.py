"""How written Arabic uses a word and its rest (core.word_usage), and where the proclitic
decision weighs it: only for a word the analyser and the project leave without evidence."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.lexicon import WordReadings
from annotator.core.proclitics import decide_proclitics
from annotator.core.word_usage import USED_AS_A_SPLIT, WordUsage, cut_by_usage, word_usage


def unread(letters):
    return None


def usage_of(**gaps):
    """A usage table: word -> {cut: (whole, rest)} Zipf frequencies."""
    return lambda letters, cut: WordUsage(*gaps[letters][cut]) \
        if cut in gaps.get(letters, {}) else None


def test_written_arabic_uses_a_proclitic_form_less_than_its_rest():
    # و + a country: the rest is written far more often than the word.
    assert word_usage("وسوريا", 1).gap < USED_AS_A_SPLIT["و"]
    # وادي, a word of its own, is written far more often than ادي.
    assert word_usage("وادي", 1).gap > 1
    # ل before the article drops its alef: the rest counted is the article's word.
    assert word_usage("لليونيسف", 1).rest == word_usage("اليونيسف", 0).whole > 0
    # Neither a made-up word nor its rest is in the list: nothing is known.
    assert word_usage("وقخزثصض", 1) is None


def test_the_rest_written_most_is_the_cut():
    gaps = usage_of(وبسقطر={1: (0.0, 2.0), 2: (0.0, 5.0)})
    assert cut_by_usage("وبسقطر", [1, 2], None, unread, gaps) == 2
    assert cut_by_usage("وبسقطر", [1], None, unread, gaps) == 1
    assert cut_by_usage("وبسقطر", [], None, unread, gaps) == 0
    # A rest the word's own readings put after a particle is no evidence, and the shorter cut
    # is not taken instead: it would leave ب on the span.
    particle = WordReadings(frozenset({2}), closed_class_cuts=frozenset({2}))
    assert cut_by_usage("وبسقطر", [1, 2], particle, unread, gaps) == 0
    # Nor is a word beginning with ف or ك weighed at all.
    assert cut_by_usage("فسقطر", [1], None, unread, usage_of(فسقطر={1: (0.0, 5.0)})) == 0


@pytest.mark.parametrize(("word", "usage", "verdict", "cut"), [
    # A name the dictionary lacks, never written with و, whose rest is written: trimmed.
    ("وتوسكانا", {1: (0.0, 2.6)}, "trim", 1),
    # The word written about as often as its rest: no evidence, the letter stays.
    ("ويلزا", {1: (3.0, 3.0)}, "keep", 0),
    # ف and ك begin too many names (كريمس, Krems): they keep their letter.
    ("كريمس", {1: (0.0, 3.0)}, "keep", 0),
    ("فتوسكانا", {1: (0.0, 2.6)}, "keep", 0),
])
def test_a_word_nothing_else_decides(word, usage, verdict, cut):
    decision = decide_proclitics(word, lexicon=unread, usage=usage_of(**{word: usage}))
    assert (decision.verdict, len(decision.split.proclitics)) == (verdict, cut)


def test_after_ba_a_rest_read_as_a_verb_is_a_dialects_present():
    # بنعد 'we count' (كل يوم بنعد): ب before a present verb is no preposition.
    verb = WordReadings(frozenset({0}), verb_cuts=frozenset({0}))
    lexicon = {"نعد": verb}.get
    usage = usage_of(بنعد={1: (0.0, 3.5)}, ونعد={1: (0.0, 3.5)})
    assert decide_proclitics("بنعد", lexicon=lexicon, usage=usage).verdict == "keep"
    # After و a verb is as good a rest as any.
    assert decide_proclitics("ونعد", lexicon=lexicon, usage=usage).verdict == "trim"


def test_a_particle_or_copula_rest_is_no_evidence():
    # بليس (Place): ليس is written more than nearly any word, being a copula.
    copula = WordReadings(frozenset({0}), closed_class_cuts=frozenset({0}))
    rare_cut = WordReadings(frozenset({1}), cut_lemma_frequency={1: 0.0})
    decision = decide_proclitics("بليس", lexicon={"بليس": rare_cut, "ليس": copula}.get,
                                 usage=usage_of(بليس={1: (2.0, 5.9)}))
    assert decision.verdict == "keep"


def test_where_the_readings_disagree_usage_only_offers_the_cut():
    # A made-up word read whole as a rare noun and split as ب + a name; the rest is written
    # far more than the word.
    readings = WordReadings(frozenset({0, 1}), whole_lemma_frequency=1e-6,
                            cut_lemma_frequency={1: 7e-5}, proper_cuts=frozenset({1}))
    decision = decide_proclitics("بطرقخ", lexicon={"بطرقخ": readings}.get,
                                 usage=usage_of(بطرقخ={1: (1.7, 4.7)}))
    assert (decision.verdict, len(decision.split.proclitics)) == ("uncertain", 1)


def test_usage_never_outweighs_the_project_or_the_corpus():
    # وادي with أدى in the project: the dictionary and its corpus decide, whatever the usage
    # says (here: never written whole, its rest written often).
    assert decide_proclitics("وادي", known={"ادي"}.__contains__,
                             usage=usage_of(وادي={1: (0.0, 6.0)})).verdict == "keep"


@pytest.mark.parametrize("word", [
    "ووهان", "ووستر",  # the rest (وهان) is written as و + هان, and no و can precede و
    "بوسعيد", "بوحسن", "بلخادم", "لولو",  # وسعيد, لخادم, ولو: proclitic + word again
])
def test_a_name_whose_rest_is_written_as_a_split_itself_stays_whole(word):
    assert decide_proclitics(word).verdict == "keep"


@pytest.mark.parametrize(("word", "proclitics"), [
    ("وويلز", "و"), ("ببايدن", "ب"), ("وفاغنر", "و"),  # a name that begins with و ب ف
    ("ولفلوريدا", "ول"), ("وبكمبوديا", "وب"),  # the rest written most, not a shorter cut
    ("وكريمس", "و"),  # a cut ending in ك is not weighed: no و + ك + ريمس
])
def test_a_proclitic_before_a_name_the_dictionary_lacks(word, proclitics):
    decision = decide_proclitics(word)
    assert (decision.verdict, decision.split.proclitics) == ("trim", proclitics)


def test_a_rest_beginning_with_its_own_waw_after_waw_must_be_a_word():
    assert decide_proclitics("ووصلت").split.proclitics == "و"  # و + وصلت, 'and she arrived'
    # A word nobody reads, whose rest begins with و, is written as و + a rest itself and is no
    # word of the dictionary.
    usage = usage_of(ووقخز={1: (0.0, 3.0)}, وقخز={1: (1.0, 4.0)})
    assert decide_proclitics("ووقخز", lexicon=unread, usage=usage).verdict == "keep"
    # Written as a word of its own, the rest may follow the conjunction (وويلز: ويلز).
    usage = usage_of(ووقخز={1: (0.0, 3.0)}, وقخز={1: (3.0, 1.0)})
    assert decide_proclitics("ووقخز", lexicon=unread, usage=usage).verdict == "trim"


@pytest.mark.parametrize("word", ["وتوسكانا", "وبيمونتي", "وبجي"])
def test_real_usage_trims_names_and_forms_the_dictionary_lacks(word):
    assert decide_proclitics(word).verdict == "trim"


arabic_letters = st.text(alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A),
                         min_size=2, max_size=8)


@settings(deadline=None, max_examples=150)
@given(st.sampled_from("وفبكل"), arabic_letters)
def test_usage_only_ever_turns_a_keep_into_a_cut_after_waw_ba_or_lam(first, rest):
    word = first + rest
    without = decide_proclitics(word, usage=None)
    with_usage = decide_proclitics(word)
    if with_usage != without:
        assert without.verdict == "keep" and first in "وبل"
        assert with_usage.verdict in ("trim", "uncertain")
        stem = with_usage.split.stem_start
        assert 0 < stem < len(word) and word[:stem] == with_usage.split.proclitics


@pytest.mark.parametrize(("usage", "verdict"), [
    # A name the dictionary reads only as ل + a rare rest, written ten times as often as that
    # rest: its letter may be its own, so the cut is only offered.
    ({1: (3.5, 1.5)}, "uncertain"),
    # Written about as often as its rest, or a rest written nowhere: the dictionary decides.
    ({1: (2.0, 1.5)}, "trim"),
    ({1: (2.0, 0.0)}, "trim"),
    ({}, "trim"),
])
def test_a_word_no_reading_keeps_whole_but_written_far_more_than_its_rest(usage, verdict):
    # The corpus saw the word under a lemma no reading has (unattributed), as it saw لارسن.
    only_cut = WordReadings(frozenset({1}), cut_lemma_frequency={1: 2e-5}, unattributed=5)
    decision = decide_proclitics("لارسقخ", lexicon={"لارسقخ": only_cut}.get,
                                 usage=usage_of(لارسقخ=usage))
    assert (decision.verdict, len(decision.split.proclitics)) == (verdict, 1)


def test_an_ordinary_trim_never_asks_written_usage():
    """A word the corpus never saw, which no reading keeps whole (وتهنئته), is trimmed on the
    readings alone: written usage (a 100 MB list) is not read for it."""
    asked = []
    only_cut = WordReadings(frozenset({1}), cut_lemma_frequency={1: 2e-5})

    def usage(letters, cut):
        asked.append(letters)
        return WordUsage(3.5, 1.5)

    decision = decide_proclitics("لارسقخ", lexicon={"لارسقخ": only_cut}.get, usage=usage)
    assert (decision.verdict, asked) == ("trim", [])


def test_real_usage_offers_a_name_the_dictionary_reads_only_split():
    # لارسن (Larsen): the dictionary reads only ل + ارسن.
    decision = decide_proclitics("لارسن")
    assert (decision.verdict, len(decision.split.proclitics)) == ("uncertain", 1)
    assert decide_proclitics("لداعش").verdict == "trim"
