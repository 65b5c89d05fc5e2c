from hypothesis import given
from hypothesis import strategies as st

from annotator.core.boundaries import (
    expand_to_words,
    next_word_boundary,
    previous_word_boundary,
    trim_span,
    word_at,
)
from annotator.core.offsets import grapheme_boundaries
from tests.texts import stored_text


def test_trimming_drops_spaces_quotes_and_direction_marks():
    text = "قال إن “الطريق مفتوح” \u200f."
    start = text.index("“") - 1
    end = len(text)
    s, e = trim_span(text, start, end)
    assert text[s:e] == "الطريق مفتوح"


def test_selection_of_only_punctuation_trims_to_nothing():
    text = "كلمة ، . كلمة"
    s, e = trim_span(text, 4, 9)
    assert s == e


def test_expanding_to_words_keeps_harakat_and_tatweel():
    text = "ونفت الوزارةُ وقوعَ الـقصف"
    middle = text.index("زار")
    s, e = expand_to_words(text, middle, middle + 2)
    assert text[s:e] == "الوزارةُ"
    s, e = word_at(text, text.index("ـ"))
    assert text[s:e] == "الـقصف"


def test_word_steps():
    text = "قال المتحدث، أمس"
    assert next_word_boundary(text, 0) == 3
    assert next_word_boundary(text, 3) == text.index("،")
    assert previous_word_boundary(text, len(text)) == text.index("أمس")


@given(stored_text, st.data())
def test_trimmed_spans_sit_on_grapheme_boundaries_without_edge_spaces(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = trim_span(text, start, end)
    bounds = set(grapheme_boundaries(text))
    assert s in bounds and e in bounds
    if s < e:
        assert not text[s].isspace() and not text[e - 1].isspace()


def test_a_quote_inside_the_mention_keeps_its_partner():
    text = "نقلت قناة “الجزيرة” عن مصدر"
    start = text.index("قناة")
    s, e = trim_span(text, start - 1, text.index("عن"))
    assert text[s:e] == "قناة “الجزيرة”"
    s, e = trim_span(text, text.index("“") - 1, text.index("”") + 2)
    assert text[s:e] == "الجزيرة"  # quotes around the whole mention still go
