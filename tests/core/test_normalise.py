import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.normalise import (
    NO_FOLDING,
    Folding,
    is_dropped,
    normalise,
    normalise_key,
)
from tests.texts import ARTICLE_LF, MARKS, arabic_text, stored_text

# Characters each normalisation rule is about, for random texts.
VARIANTS = [
    *"أإآٱٲٳاؤئءةىیک٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "\u00a0", "\u2009", "\u3000", "\t", "\n",  # spaces
    "\u0654", "\u0655", "\u0653", "\u0670",  # combining hamza, madda, dagger alef
    "و\u0654", "ي\u0654", "ا\u0655",  # decomposed ؤ ئ إ
    "\ufe0f", "\u200b", "\u2067", "\u2069",  # variation selector, ZWSP, RLI, PDI
    "ABC", "İ", "ﺳ", "ﻼ", "ﷲ", "ﻷ",  # Latin, presentation forms, ligatures
]
LIGATURES = ("ﻼ", "ﷲ", "ﻷ")
text_with_variants = st.lists(
    st.one_of(arabic_text, st.sampled_from(VARIANTS)), min_size=1, max_size=12
).map("".join)


def original_of(text: str, start: int, end: int) -> str:
    span = normalise(text).to_original(start, end)
    assert span is not None
    return text[span[0]:span[1]]


# -- each normalisation, with its offsets -------------------------------------------------


def test_tashkeel_harakat_and_shadda_are_dropped_and_map_back():
    text = "قالت مصادرُ إنّ قُوّاتٍ وصلت"
    n = normalise(text)
    assert n.text == "قالت مصادر ان قوات وصلت"
    start = n.text.index("قوات")
    # The span ends after the tanwin that follows the last letter: no mark is left behind.
    assert original_of(text, start, start + 4) == "قُوّاتٍ"
    assert original_of(text, n.text.index("مصادر"), n.text.index("مصادر") + 5) == "مصادرُ"


def test_tatweel_is_dropped():
    text = "زار الـمملكة أمس"
    n = normalise(text)
    assert n.text == "زار المملكه امس"
    assert original_of(text, 4, 11) == "الـمملكة"
    assert original_of(text, 4, 6) == "ال"  # the tatweel after the article stays outside


def test_alef_forms_become_bare_alef():
    text = "أمريكية إيران آجلا ٱلحمد ٲ ٳ"
    assert normalise(text).text == "امريكيه ايران اجلا الحمد ا ا"
    assert original_of(text, 0, 7) == "أمريكية"


def test_hamza_forms_are_unified_composed_or_decomposed():
    assert normalise_key("مسؤول مسئول") == "مسءول مسءول"
    decomposed = unicodedata.normalize("NFD", "مسؤول مسئول الأمن")
    assert decomposed != "مسؤول مسئول الأمن"
    n = normalise(decomposed)
    assert n.text == "مسءول مسءول الامن"
    # The decomposed hamza rides on its carrier: mapping the ء back takes both characters.
    assert original_of(decomposed, 2, 3) == "و\u0654"


def test_teh_marbuta_and_alef_maksura_fold_only_when_asked():
    text = "مدرسة على الى"
    assert normalise(text).text == "مدرسه علي الي"
    assert normalise(text, NO_FOLDING).text == "مدرسة على الى"
    assert normalise(text, Folding(teh_marbuta=True, alef_maksura=False)).text == "مدرسه على الى"
    assert normalise(text, Folding(teh_marbuta=False, alef_maksura=True)).text == "مدرسة علي الي"


def test_persian_letters_read_as_arabic():
    assert normalise_key("کتاب علی") == "كتاب علي"


def test_arabic_indic_and_eastern_digits_become_ascii():
    text = "أطلق ٥ صواريخ و۱۲ قذيفة في ٢٠٢٤"
    n = normalise(text)
    assert n.text == "اطلق 5 صواريخ و12 قذيفه في 2024"
    at = n.text.index("2024")
    assert original_of(text, at, at + 4) == "٢٠٢٤"


def test_every_space_is_one_space():
    text = "قال\u00a0المتحدث\u2009 \u3000أمس\tو\nاليوم"
    n = normalise(text)
    assert n.text == "قال المتحدث امس و اليوم"
    at = n.text.index("امس")
    assert original_of(text, at, at + 3) == "أمس"
    assert original_of(text, 3, 4) == "\u00a0"


@pytest.mark.parametrize("mark", [*MARKS, "\u2067", "\u2069", "\u202b", "\u200b"])
def test_invisible_marks_are_skipped(mark):
    text = f"بـ{mark}سوريا {mark}اليوم"
    n = normalise(text)
    assert n.text == "بسوريا اليوم"
    # Inside a match the mark stays in the original range; at its edges it stays outside.
    assert original_of(text, 0, 6) == f"بـ{mark}سوريا"
    at = n.text.index("اليوم")
    assert original_of(text, at, at + 5) == "اليوم"


def test_latin_is_compared_in_lower_case():
    assert normalise_key("قناة CNN و İstanbul") == "قناه cnn و istanbul"


def test_presentation_forms_and_ligatures():
    text = "ﺳﻮﺭﻳﺎ ﻻ ﷲ"
    n = normalise(text)
    assert n.text == "سوريا لا الله"
    assert original_of(text, 0, 5) == "ﺳﻮﺭﻳﺎ"
    assert n.to_original(6, 8) == (6, 7)  # both letters of ﻻ are that one character
    assert n.to_original(6, 7) is None  # half a ligature has no original range
    assert n.to_original(7, 8) is None
    assert n.to_original(9, 13) == (8, 9)


def test_dropped_characters_are_reported():
    assert is_dropped("\u0651") and is_dropped("\u0640") and is_dropped("\u200f")
    assert not is_dropped("ب") and not is_dropped(" ")


def test_origin_and_range_checks():
    n = normalise("قوّات")
    assert [n.origin(i) for i in range(4)] == [0, 1, 3, 4]
    with pytest.raises(IndexError):
        n.origin(4)
    with pytest.raises(IndexError):
        n.to_original(2, 2)
    with pytest.raises(IndexError):
        n.to_original(0, 5)


def test_the_composed_article_normalises_with_its_map():
    n = normalise(ARTICLE_LF)
    assert "الزهراء" in n.text and "\u200f" not in n.text and "\u00a0" not in n.text
    at = n.text.index("بسوريا")
    assert original_of(ARTICLE_LF, at + 1, at + 6) == "سوريا"


# -- pyarabic's pitfalls ------------------------------------------------------------------


def test_pyarabic_normalize_hamza_changes_length_but_our_map_holds():
    import pyarabic.araby as araby

    text = "آجلا قرر " * 3 + "آمنة"
    # What the design notes warn about: pyarabic turns each آ into two characters.
    assert len(araby.normalize_hamza(text)) == len(text) + 4
    n = normalise(text)
    assert len(n.text) == len(text)  # آ is one alef here, and every offset stays put
    at = n.text.rindex("امنه")
    assert original_of(text, at, at + 4) == "آمنة"


def test_pyarabic_normalize_alef_folds_alef_maksura_and_we_do_not():
    import pyarabic.araby as araby

    assert araby.normalize_alef("على") == "علا"
    assert normalise_key("على", NO_FOLDING) == "على"


def test_pyarabic_sentence_tokenize_stops_after_32_and_we_never_stop():
    import pyarabic.araby as araby

    text = " ".join(f"قالت المصادر {i}." for i in range(50))
    assert len(araby.sentence_tokenize(text)) < 50  # count=re.UNICODE caps it at 32 splits
    marked = ("قُوّاتٌ\u00a0الـ\u200fجيش، " * 100)
    n = normalise(marked)
    assert n.text == "قوات الجيش، " * 100
    at = n.text.rindex("قوات")
    assert original_of(marked, at, at + 4) == "قُوّاتٌ"
    at = n.text.rindex("الجيش")
    assert original_of(marked, at, at + 5) == "الـ\u200fجيش"


def test_agrees_with_pyarabic_strip_functions_on_long_text():
    import pyarabic.araby as araby

    text = ("وَقَالَ الـمُتَحَدِّثُ إِنَّ القُوَّاتِ " * 80).strip()
    expected = araby.normalize_alef(araby.strip_tatweel(araby.strip_tashkeel(text)))
    assert normalise(text, NO_FOLDING).text == expected


# -- properties ---------------------------------------------------------------------------


@given(text_with_variants, st.data())
def test_every_match_maps_back_to_a_range_that_normalises_to_it(text, data):
    n = normalise(text)
    if not n.text:
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    j = data.draw(st.integers(i + 1, min(len(n.text), i + 12)))
    query = n.text[i:j]
    start = n.text.find(query)
    while start != -1:
        span = n.to_original(start, start + len(query))
        if span is None:
            assert any(lig in text for lig in LIGATURES)
        else:
            assert normalise(text[span[0]:span[1]]).text == query
            assert 0 <= span[0] < span[1] <= len(text)
        start = n.text.find(query, start + 1)


@given(st.one_of(text_with_variants, stored_text))
def test_key_equals_the_mapped_text_and_origins_increase(text):
    n = normalise(text)
    assert normalise_key(text) == n.text
    origins = [n.origin(i) for i in range(len(n.text))]
    assert origins == sorted(origins)
    for i, origin in enumerate(origins):
        assert not is_dropped(text[origin])
        if i and origins[i - 1] == origin:  # only a ligature gives several letters
            assert unicodedata.normalize("NFKC", text[origin]) != text[origin]


def _reference(text: str, folding: Folding) -> str:
    """A slow, obvious normaliser for texts without presentation forms."""
    alefs, digits = "أإآٱٲٳ", "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
    out: list[str] = []
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if category in ("Mn", "Cf") or char == "\u0640":
            continue
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        elif char in alefs:
            char = "ا"
        elif char in "ؤئ" or (char in "ويىی" and _hamza_follows(text, i + 1)):
            char = "ء"
        elif char == "ة" and folding.teh_marbuta:
            char = "ه"
        elif char in "ىی" and (folding.alef_maksura or char == "ی"):
            char = "ي"
        elif char == "ک":
            char = "ك"
        elif char in digits:
            char = str(digits.index(char) % 10)
        elif char == "İ":
            char = "i"
        out.append(char.lower())
    return "".join(out)


def _hamza_follows(text: str, i: int) -> bool:
    while i < len(text) and unicodedata.category(text[i]) == "Mn":
        if text[i] in "\u0654\u0655":
            return True
        i += 1
    return False


@given(arabic_text, st.lists(st.sampled_from(VARIANTS[:-6]), max_size=8).map("".join),
       st.sampled_from([Folding(), Folding(False, False), Folding(True, False)]))
def test_matches_an_obvious_reference(text, variants, folding):
    mixed = variants + text + variants
    assert normalise(mixed, folding).text == _reference(mixed, folding)
