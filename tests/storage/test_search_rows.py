"""The search index's pieces: whatever the length of an article, it is at most
ROWS_PER_DOCUMENT pieces, and every string the index may be asked for lies whole inside one
of them (so the index never misses a document that holds it)."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.storage.search_rows import (
    OVERLAP,
    PIECE,
    ROWS_PER_DOCUMENT,
    index_rows,
    pieces,
    seq_of_row,
    trigram_query,
)

ALPHABET = "ابتسوريا \u0651"
LENGTHS = st.sampled_from([0, 3, PIECE, PIECE + OVERLAP, PIECE + OVERLAP + 1, 3 * PIECE,
                           ROWS_PER_DOCUMENT * PIECE + 7, 20 * PIECE + 11])


@given(LENGTHS, st.randoms(use_true_random=False), st.data())
def test_every_short_key_lies_inside_a_piece(length, rng, data):
    key = "".join(rng.choice(ALPHABET) for _ in range(length))
    stored = pieces(key)
    assert 1 <= len(stored) <= ROWS_PER_DOCUMENT
    assert "".join(p[:len(p) - OVERLAP] for p in stored[:-1]) + stored[-1] == key
    start = data.draw(st.integers(0, max(len(key) - 1, 0)))
    size = data.draw(st.integers(1, OVERLAP + 1))
    wanted = key[start:start + size]
    assert any(wanted in piece for piece in stored)


def test_rows_are_numbered_within_the_document():
    rows = index_rows([(7, "x" * (3 * PIECE)), (8, "short")])
    assert [seq_of_row(rowid) for rowid, _ in rows] == [7, 7, 7, 8]
    assert [rowid % ROWS_PER_DOCUMENT for rowid, _ in rows] == [0, 1, 2, 0]


def test_a_long_key_asks_for_the_trigrams_of_its_head_only():
    query = trigram_query("a" * 10 + "b" * 100)
    assert query.count('"') == 2 * len({"aaa", "aab", "abb", "bbb"})
    assert trigram_query('ab"c') == '"ab""" AND "b""c"'
