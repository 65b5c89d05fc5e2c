import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.tokens import Token, tokenize
from tests.texts import ARTICLE_LF, stored_text


def texts(tokens):
    return [t.text for t in tokens]


def test_quote_marks_and_periods_glued_to_words_are_tokens():
    text = "شرقي ديرالزور”. وقال: “هناك"
    assert texts(tokenize(text)) == ["شرقي", "ديرالزور", "”", ".", "وقال", ":", "“", "هناك"]


def test_numbers_marks_and_emoji_stay_whole():
    text = "أطلق 2.5 و٢٫٥ قُوّاتٌ الـمملكة 👍🏽 👨\u200d👩\u200d👧 🇸🇾."
    tokens = tokenize(text)
    assert texts(tokens) == ["أطلق", "2.5", "و٢٫٥", "قُوّاتٌ", "الـمملكة", "👍🏽",
                             "👨\u200d👩\u200d👧", "🇸🇾", "."]
    assert [t.kind for t in tokens] == ["word", "number", "word", "word", "word", "symbol",
                                        "symbol", "symbol", "punct"]


def test_spaces_and_direction_marks_are_never_tokens():
    text = "قال\u00a0\u200fالمتحدث \u200e  أمس\n"
    assert texts(tokenize(text)) == ["قال", "المتحدث", "أمس"]


def test_keep_and_split_policies():
    # بسوريا is only ever read as ب + سوريا, لداعش as ل + a name the dictionary knows; لبوزة
    # needs بوزة to stand alone (only a lemma nobody uses splits it, as it splits the names
    # the dictionary lacks); بغداد and وادي keep their letters.
    text = "وبالصواريخ للتحالف بسوريا لداعش لبوزة بغداد وادي"
    assert texts(tokenize(text, "keep")) == text.split()
    assert texts(tokenize(text, "split")) == ["و", "ب", "الصواريخ", "ل", "لتحالف", "ب", "سوريا",
                                             "ل", "داعش", "لبوزة", "بغداد", "وادي"]
    split = tokenize(text, "split", known=lambda w: w in ("بوزه", "ادي"))
    assert texts(split) == ["و", "ب", "الصواريخ", "ل", "لتحالف", "ب", "سوريا", "ل", "داعش",
                            "ل", "بوزة", "بغداد", "وادي"]
    assert [t.kind for t in split[:3]] == ["proclitic", "proclitic", "word"]


def test_split_proclitics_keep_their_harakat():
    text = "وَبِالصَّواريخ"
    assert texts(tokenize(text, "split")) == ["وَ", "بِ", "الصَّواريخ"]


def test_split_at_span_edges():
    text = "قاعدة أمريكية بسوريا"
    start = text.index("سوريا")
    tokens = tokenize(text, split_at=[start, start + 5])
    assert tokens[-2:] == [Token(start - 1, start, "ب"), Token(start, start + 5, "سوريا")]


def test_more_than_32_sentences():
    text = " ".join(f"قالت المصادر {i}." for i in range(50))
    tokens = tokenize(text)
    assert len(tokens) == 200
    assert tokens[-1] == Token(len(text) - 1, len(text), ".", "punct")


def test_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="proclitics"):
        tokenize("نص", "drop")  # type: ignore[arg-type]


@given(st.one_of(stored_text, st.just(ARTICLE_LF)), st.sampled_from(["keep", "split"]))
def test_offsets_are_exact_ordered_and_skip_only_space_and_marks(text, policy):
    tokens = tokenize(text, policy, known=lambda w: True)
    previous_end = 0
    for token in tokens:
        assert text[token.start:token.end] == token.text
        assert previous_end <= token.start < token.end
        gap = text[previous_end:token.start]
        assert all(c.isspace() or c in "\u200f\u200e\u061c\u200c\u200d" for c in gap)
        previous_end = token.end
    assert all(c.isspace() or c in "\u200f\u200e\u061c\u200c\u200d"
               for c in text[previous_end:])
