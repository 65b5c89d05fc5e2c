import pytest
from hypothesis import given

from annotator.core.proclitics import (
    SEQUENCES,
    is_proclitic_sequence,
    split_proclitics,
    stem_evidence,
)
from tests.texts import arabic_text

KNOWN = {"سوريا", "ايران", "بغداد", "لبنان"}


def known(word: str) -> bool:
    return word in KNOWN


@pytest.mark.parametrize(("word", "stem", "proclitics", "evidence"), [
    ("بسوريا", "سوريا", "ب", "known"),
    ("والهجوم", "الهجوم", "و", "article"),
    ("لإيران", "إيران", "ل", "known"),
    ("بالعراق", "العراق", "ب", "article"),
    ("وبالصواريخ", "الصواريخ", "وب", "article"),
    ("للتحالف", "لتحالف", "ل", "lam-article"),  # the article's alef is not written
    ("وللتحالف", "لتحالف", "ول", "lam-article"),
    ("فبغداد", "بغداد", "ف", "known"),
    ("كالعادة", "العادة", "ك", "article"),
    ("وَبِالصَّواريخ", "الصَّواريخ", "وب", "article"),  # harakat stay with their letters
    ("بـسوريا", "سوريا", "ب", "known"),  # so does a tatweel
])
def test_proclitics_are_split_from_the_stem(word, stem, proclitics, evidence):
    split = split_proclitics(word, known=known)
    assert word[split.stem_start:] == stem
    assert split.proclitics == proclitics
    assert split.evidence == evidence


@pytest.mark.parametrize("word", [
    "بغداد", "وزارة", "فرنسا", "لبنان", "كركوك", "بريطانيا",  # the letter belongs to the word
    "والي", "والد", "بالون",  # article-shaped, but too short after the article to be one
    "العراق", "سوريا", "و", "ب", "كل",
])
def test_words_that_only_look_proclitic_are_kept(word):
    assert not split_proclitics(word, known=known)


def test_without_known_words_only_the_article_is_evidence():
    # The project's evidence alone (no analyser), as before the analyser came.
    assert not split_proclitics("بسوريا", lexicon=None)
    assert split_proclitics("بالعراق", lexicon=None).stem_start == 1
    # The analyser reads بسوريا only as ب + سوريا: that is enough.
    assert split_proclitics("بسوريا").stem_start == 1


def test_a_short_word_after_the_article_needs_to_be_known():
    assert not split_proclitics("بالدم", lexicon=None)
    assert split_proclitics("بالدم", known=lambda w: w == "الدم", lexicon=None).stem_start == 1


def test_sequences_and_evidence():
    assert set(SEQUENCES) == {"و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"}
    assert is_proclitic_sequence("وب") and not is_proclitic_sequence("بو")
    assert stem_evidence("ل", "العراق") == ""  # ل before a written article does not happen
    assert stem_evidence("وب", "سوريا", known) == "known"
    assert stem_evidence("بو", "سوريا", known) == ""


@given(arabic_text)
def test_the_stem_start_is_inside_the_word_and_after_a_letter(word):
    split = split_proclitics(word, known=lambda w: True)
    assert 0 <= split.stem_start < max(len(word), 1)
    if split:
        assert split.proclitics[0] in "وفبكل"
