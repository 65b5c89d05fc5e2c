from hypothesis import given
from hypothesis import strategies as st

from annotator.core.boundaries import (
    expand_to_words,
    leading_word,
    next_word_boundary,
    previous_word_boundary,
    starts_a_word,
    trim_span,
    word_at,
    word_end,
)
from annotator.core.offsets import grapheme_boundaries
from annotator.core.tokens import tokenize
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


def test_a_joiner_inside_a_word_is_no_word_start():
    # ZWNJ keeps می from joining خواهم in Persian, and ب from a name here: one word either way.
    text = "قال ب\u200cويلسون و \u200dويلسون"
    assert not starts_a_word(text, text.index("ويلسون"))
    assert starts_a_word(text, text.rindex("ويلسون"))  # a space before the joiner
    assert starts_a_word(text, 0) and starts_a_word("\u200cويلسون", 1)


joined_text = st.text(alphabet="بوسلم \u200c\u200d،", max_size=30)


@given(joined_text, st.data())
def test_a_word_starts_where_the_tokeniser_starts_a_word(text, data):
    letters = [i for i, char in enumerate(text) if char in "بوسلم"]
    if not letters:
        return
    position = data.draw(st.sampled_from(letters))
    starts = {token.start for token in tokenize(text, "keep")}
    assert starts_a_word(text, position) == (position in starts)


@given(joined_text)
def test_a_word_ends_where_the_tokeniser_ends_it(text):
    """Joiners between two letters leave one word, as a token (ويل‌سون); one at a word's edge
    ends it."""
    for token in tokenize(text, "keep"):
        if token.kind == "word":
            assert word_end(text, token.start) == token.end, (text, token)


def test_the_first_word_of_a_span_over_a_joined_name():
    text = "قال ويل\u200cسون إن"
    assert leading_word(text, 4, len(text)) == "ويل\u200cسون"
