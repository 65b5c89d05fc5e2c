import itertools

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import (
    _NEVER_JOINS,
    Utf16Map,
    cluster_after,
    cluster_before,
    grapheme_boundaries,
    is_grapheme_boundary,
    snap_position,
    snap_to_graphemes,
    utf16_length,
)
from tests.texts import ARTICLE_LF, HARAKAT, SHADDA, stored_text


def _utf16_units(text: str, end: int) -> int:
    return len(text[:end].encode("utf-16-le")) // 2


@given(stored_text)
def test_utf16_conversion_matches_the_encoder(text):
    mapping = Utf16Map(text)
    assert mapping.unit_length == utf16_length(text) == _utf16_units(text, len(text))
    for position in range(len(text) + 1):
        unit = mapping.to_utf16(position)
        assert unit == _utf16_units(text, position)
        assert mapping.from_utf16(unit) == position


@given(stored_text)
def test_units_inside_a_surrogate_pair_round_down_or_up(text):
    mapping = Utf16Map(text)
    for position, char in enumerate(text):
        if ord(char) > 0xFFFF:
            inside = mapping.to_utf16(position) + 1
            assert mapping.from_utf16(inside) == position
            assert mapping.from_utf16(inside, round_up=True) == position + 1


def test_emoji_before_a_paragraph_shifts_qt_positions_by_one_each():
    mapping = Utf16Map(ARTICLE_LF)
    second_line = ARTICLE_LF.index("وأكد")
    assert mapping.to_utf16(second_line) == second_line + 1  # one rocket before it
    last_line = ARTICLE_LF.index("ونفت")
    assert mapping.to_utf16(last_line) == last_line + 3  # rocket, thumb and skin tone
    with pytest.raises(IndexError):
        mapping.to_utf16(len(ARTICLE_LF) + 1)


@given(stored_text, st.data())
def test_snapping_never_separates_marks_or_splits_emoji(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    snapped_start, snapped_end = snap_to_graphemes(text, start, end)
    assert snapped_start <= start and end <= snapped_end
    bounds = set(grapheme_boundaries(text))
    assert snapped_start in bounds and snapped_end in bounds
    # After a letter, a boundary is never followed by a mark that belongs to that letter.
    if 0 < snapped_end < len(text) and text[snapped_end - 1].isalpha():
        following = text[snapped_end]
        assert following not in HARAKAT + SHADDA
        assert not 0xDC00 <= ord(following) <= 0xDFFF
        assert following not in "\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff\u200d"


def test_a_letter_keeps_its_shadda_and_damma():
    text = "قوّاتُ"
    assert snap_to_graphemes(text, 0, 2) == (0, 3)  # و with its shadda
    assert snap_to_graphemes(text, 5, 5) == (4, 6)  # inside تُ: the whole cluster
    assert not is_grapheme_boundary(text, 2)
    assert cluster_after(text, 1) == 3
    assert cluster_before(text, 6) == 4


def test_a_family_emoji_is_one_cluster():
    text = "أ 👨\u200d👩\u200d👧 ب"
    start = text.index("👨")
    assert cluster_after(text, start) == start + 5
    assert snap_to_graphemes(text, start + 1, start + 2) == (start, start + 5)


def test_the_characters_taken_as_never_joining_are_grapheme_break_other_or_control():
    # The fast path in snap_position trusts this set; Unicode decides, not the comment.
    joins_nothing = regex.compile(r"[\p{GCB=Other}\p{GCB=Control}\p{GCB=LF}]")
    wrong = [hex(c) for c in range(0x10000)
             if _NEVER_JOINS.match(chr(c)) and not joins_nothing.match(chr(c))]
    assert wrong == []


@given(stored_text)
def test_snapping_in_a_window_agrees_with_segmenting_the_whole_text(text):
    # snap_position and cluster_before look only between the nearest sure boundaries; the
    # clusters they find must be those of the whole text.
    bounds = [m.end() for m in regex.finditer(r"\X", text)]
    every = [0, *bounds]
    for position in range(len(text) + 1):
        before = max(b for b in every if b <= position)
        after = min(b for b in every if b >= position)
        assert snap_position(text, position, forward=False) == before
        assert snap_position(text, position, forward=True) == after
    for earlier, later in itertools.pairwise(every):
        assert cluster_before(text, later) == earlier
        assert cluster_after(text, earlier) == later
