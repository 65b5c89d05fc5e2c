"""The proclitic decision's rules, with readings written by hand instead of an analyser."""

import pytest

from annotator.core.farahidi_lexicon import farahidi_readings
from annotator.core.lexicon import WordReadings
from annotator.core.proclitics import decide_proclitics, split_proclitics


def lexicon_of(**readings):
    return lambda letters: readings.get(letters)


WHOLE = WordReadings(frozenset({0}))


def test_a_word_the_dictionary_knows_whole_keeps_its_letter_against_the_project():
    # أدى elsewhere normalises to ادي, the rest of وادي: the evidence that cut real words.
    known = {"ادي"}.__contains__
    assert split_proclitics("وادي", known=known, lexicon=None).stem_start == 1  # as it was
    decision = decide_proclitics("وادي", known=known, lexicon=lexicon_of(وادي=WHOLE))
    assert (decision.verdict, decision.split.stem_start) == ("keep", 0)


def test_evidence_and_analyser_agreeing_trim():
    readings = WordReadings(frozenset({1, 2}))  # و + بغداد, or و + ب + غداد
    decision = decide_proclitics("وبغداد", known={"بغداد"}.__contains__,
                                 lexicon=lexicon_of(وبغداد=readings))
    assert (decision.verdict, decision.split.proclitics) == ("trim", "و")


def test_no_reading_that_keeps_the_letter_trims_without_project_evidence():
    readings = WordReadings(frozenset({1}), verb_cuts=frozenset({1}), attested={1: 26})
    decision = decide_proclitics("وسقطت", lexicon=lexicon_of(وسقطت=readings))
    assert (decision.verdict, decision.split.stem_start) == ("trim", 1)
    unseen = WordReadings(frozenset({1}), cut_lemma_frequency={1: 3e-4})
    assert split_proclitics("وتهنئته", lexicon=lexicon_of(وتهنئته=unseen)).stem_start == 1


def test_a_name_the_dictionary_lacks_is_not_cut_into_a_rare_reading():
    # فيريرا (Ferreira) is read only as ف + a form of a lemma the corpus never uses.
    rare = WordReadings(frozenset({1}), verb_cuts=frozenset({1}), cut_lemma_frequency={1: 0.0})
    assert decide_proclitics("فيريرا", lexicon=lexicon_of(فيريرا=rare)).verdict == "keep"


def test_readings_that_disagree_offer_the_trim():
    torn = WordReadings(frozenset({0, 1}), attested={0: 5, 1: 5})
    decision = decide_proclitics("بحرية", known={"حريه"}.__contains__,
                                 lexicon=lexicon_of(بحرية=torn))
    assert decision.verdict == "uncertain"
    common = WordReadings(frozenset({0, 1}), attested={1: 175}, whole_lemma_frequency=1e-3)
    decision = decide_proclitics("بحرية", known={"حريه"}.__contains__,
                                 lexicon=lexicon_of(بحرية=common))
    assert (decision.verdict, decision.reason) == ("uncertain", "also a common word of its own")


def test_the_article_read_by_the_analyser_is_clear_evidence():
    readings = WordReadings(frozenset({0, 1}), article_cuts=frozenset({1}), attested={0: 9})
    decision = decide_proclitics("والهجوم", lexicon=lexicon_of(والهجوم=readings))
    assert (decision.verdict, decision.split.evidence) == ("trim", "article")


def test_f_before_a_verb_that_is_also_a_name_or_seldom_seen_is_only_offered():
    # فورد (Ford): seen 58 times as ف + ورد, and ورد is also the name Ward.
    readings = WordReadings(frozenset({1, 2}), verb_cuts=frozenset({1}), attested={1: 58},
                            proper_cuts=frozenset({1}))
    decision = decide_proclitics("فورد", known={"ورد"}.__contains__,
                                 lexicon=lexicon_of(فورد=readings))
    assert decision.verdict == "uncertain"
    # فيلتمان (Feltman): seen 6 times, split by the corpus into ف + a verb.
    few = WordReadings(frozenset({1}), verb_cuts=frozenset({1}), attested={1: 6})
    assert decide_proclitics("فيلتمان", lexicon=lexicon_of(فيلتمان=few)).verdict == "uncertain"
    # فكيف: seen 188 times, always ف + كيف, and no name there.
    often = WordReadings(frozenset({1}), verb_cuts=frozenset({1}), attested={1: 188})
    decision = decide_proclitics("فكيف", lexicon=lexicon_of(فكيف=often))
    assert (decision.verdict, decision.split.proclitics) == ("trim", "ف")
    # That the corpus saw the rest alone changes nothing: فيدل (Fidel) and يدل, a verb.
    fidel = WordReadings(frozenset({1}), verb_cuts=frozenset({1}), attested={1: 2},
                         rest_sightings={1: 167})
    assert decide_proclitics("فيدل", lexicon=lexicon_of(فيدل=fidel)).verdict == "uncertain"


def test_a_cut_only_a_restored_hamza_reads():
    # وايران: the corpus saw it as و + إيران, the analyser reads it so only with the hamza.
    never_whole = WordReadings(frozenset({1}), attested={1: 40}, spelt_cuts=frozenset({1}))
    decision = decide_proclitics("وايران", lexicon=lexicon_of(وايران=never_whole))
    assert (decision.verdict, decision.split.proclitics) == ("trim", "و")
    # فان: also a word of its own (فانٍ), so the spelt cut is only offered, however often.
    also_whole = WordReadings(frozenset({0, 1}), attested={1: 1142}, spelt_cuts=frozenset({1}))
    assert decide_proclitics("فان", lexicon=lexicon_of(فان=also_whole)).verdict == "uncertain"
    # Unseen by the corpus: the commoner of the whole word and the restored cut.
    common_whole = WordReadings(frozenset({0, 1}), spelt_cuts=frozenset({1}),
                                whole_lemma_frequency=1e-4, cut_lemma_frequency={1: 1e-6})
    assert decide_proclitics("بادل", lexicon=lexicon_of(بادل=common_whole)).verdict == "keep"
    rare_whole = WordReadings(frozenset({0, 1}), spelt_cuts=frozenset({1}),
                              whole_lemma_frequency=1e-6, cut_lemma_frequency={1: 1e-3})
    assert decide_proclitics("والي", lexicon=lexicon_of(والي=rare_whole)).verdict == "uncertain"


@pytest.mark.parametrize(("word", "proclitics"), [
    ("وايران", "و"), ("لايران", "ل"), ("واسرائيل", "و"), ("واعلن", "و"), ("وانقرة", "و"),
])
def test_farahidi_reads_a_bare_alef_after_proclitics_as_the_hamza_news_leaves_out(
        word, proclitics):
    decision = decide_proclitics(word)
    assert (decision.verdict, decision.split.proclitics) == ("trim", proclitics)


@pytest.mark.parametrize("word", ["وادي", "والي", "فان", "بان", "واشنطن", "وائل"])
def test_a_restored_hamza_never_cuts_a_word_read_whole(word):
    assert decide_proclitics(word).verdict != "trim"


@pytest.mark.parametrize("word", ["فيسبوك", "وقاص", "بعلبك"])
def test_a_name_the_dictionary_knows_is_not_a_lemma_nobody_uses(word):
    # Names have no corpus frequency of their own; before, that read as "a lemma nobody
    # uses" and the first letter was cut (ف + يسبوك).
    assert decide_proclitics(word).verdict != "trim"


def test_a_word_unknown_to_the_analyser_goes_by_the_evidence_as_before():
    # The analyser cannot read بزمار, but reads its rest زمار: the project's evidence decides.
    rest = lexicon_of(زمار=WHOLE)
    assert decide_proclitics("بزمار", known={"زمار"}.__contains__,
                             lexicon=rest).verdict == "trim"
    assert decide_proclitics("بزمار", lexicon=rest, usage=None).verdict == "keep"
    # A short rest it cannot read either, after a preposition, is only offered (بلاي,
    # PlayStation, with لاي somewhere); a longer one stands alone as a word (بزمار).
    assert decide_proclitics("بلاي", known={"لاي"}.__contains__,
                             lexicon=lambda letters: None).verdict == "uncertain"
    assert decide_proclitics("بزمار", known={"زمار"}.__contains__,
                             lexicon=lambda letters: None).verdict == "trim"


@pytest.mark.parametrize(("word", "verdict"), [
    ("وادي", "keep"), ("وزارة", "keep"), ("وكالة", "keep"), ("بيان", "keep"),
    ("بغداد", "keep"), ("لبنان", "keep"), ("فلسطين", "keep"), ("فصائل", "keep"),
])
def test_farahidi_keeps_the_words_the_issue_names_even_when_their_rest_is_known(word, verdict):
    assert decide_proclitics(word, known=lambda rest: True).verdict == verdict


def test_farahidi_readings():
    valley = farahidi_readings("وادي")
    assert valley.preference()[0] == 0
    assert farahidi_readings("بالعراق").article_cuts == frozenset({1})
    assert farahidi_readings("123") is None and farahidi_readings("") is None


def test_whole_word_search_uses_the_decision():
    from annotator.core.matching import find_matches, query_key
    from annotator.core.normalise import normalise

    text = normalise("أدى القصف إلى أضرار في وادي النخيل، وقذائف سقطت بسوريا وفي سوريا.")
    # ادي finds أدى (alef and ya folded), never the ادي of وادي.
    assert [m.proclitics for m in find_matches(text, query_key("ادي"), whole_word=True)] == [""]
    found = find_matches(text, query_key("سوريا"), whole_word=True)
    assert [m.proclitics for m in found] == ["ب", ""]
    # A part of a word is still found inside it when whole words are not asked for.
    assert len(find_matches(text, query_key("ادي"))) == 2


def test_the_conll_tokeniser_splits_only_sure_proclitics():
    from annotator.core.tokens import tokenize

    tokens = tokenize("وقال مسؤول إن زوارق بحرية وصلت وادي النخيل", "split",
                      known={"ادي", "حريه"}.__contains__)
    assert [t.text for t in tokens] == ["و", "قال", "مسؤول", "إن", "زوارق", "بحرية", "وصلت",
                                        "وادي", "النخيل"]
    assert tokens[0].kind == "proclitic"
