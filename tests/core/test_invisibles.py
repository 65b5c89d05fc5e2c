from hypothesis import given

from annotator.core.invisibles import invisible_characters, name_of
from tests.texts import ARTICLE_LF, stored_text


def test_the_composed_article_shows_its_marks_where_they_are():
    found = invisible_characters(ARTICLE_LF)
    assert [(i.name, ARTICLE_LF[i.position]) for i in found] == [
        ("NBSP", "\u00a0"), ("RLM", "\u200f"), ("ZWJ", "\u200d"), ("ZWJ", "\u200d")]


def test_a_range_and_other_spaces():
    text = "قال\u2009المتحدث\u2067 باسم\u2069"
    assert [(i.position, i.name) for i in invisible_characters(text, 4)] == [(11, "RLI"),
                                                                              (17, "PDI")]
    assert invisible_characters(text)[0].name == "THIN SPACE"
    assert name_of("\u00ad") == "SHY"


@given(stored_text)
def test_positions_point_at_the_characters_and_change_nothing(text):
    for invisible in invisible_characters(text):
        assert text[invisible.position] == invisible.char
