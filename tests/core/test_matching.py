from hypothesis import given
from hypothesis import strategies as st

from annotator.core.matching import TextMatch, find_matches, query_key
from annotator.core.normalise import normalise
from annotator.core.offsets import is_grapheme_boundary
from tests.texts import stored_text

TEXT = ("أعلنت خلية الإعلام الأمني أن الاعلام الرسمي نقل عن قاعدة أمريكية بسوريا "
        "أن سوريا وللعراق وبالعراق حدود، والعراقيون سورياتي.")


def found(text, query, **kwargs):
    return [(m.start, m.end, text[m.start:m.end], m.proclitics)
            for m in find_matches(normalise(text), query_key(query), **kwargs)]


def test_spelling_variants_match_with_original_offsets():
    hits = found(TEXT, "الاعلام")
    assert [h[2] for h in hits] == ["الإعلام", "الاعلام"]
    assert all(TEXT[s:e] == t for s, e, t, _ in hits)
    assert [h[2] for h in found(TEXT, "امريكيه")] == ["أمريكية"]
    assert [h[2] for h in found(TEXT, "الأعلام")] == ["الإعلام", "الاعلام"]


def test_a_word_inside_a_proclitic_word_starts_at_its_first_letter():
    hits = found(TEXT, "سوريا")
    start = TEXT.index("بسوريا") + 1
    assert hits[0] == (start, start + 5, "سوريا", "ب")
    match = find_matches(normalise(TEXT), query_key("سوريا"))[0]
    assert match == TextMatch(start, start + 5, start - 1, "ب")


def test_the_article_is_found_after_lam_where_its_alef_is_not_written():
    hits = found(TEXT, "العراق")
    lam = TEXT.index("وللعراق") + 2
    assert (lam, lam + 5, "لعراق", "ول") in hits
    assert [h[2] for h in hits] == ["لعراق", "العراق", "العراق"]


def test_whole_words_allow_proclitics_only():
    assert [h[2] for h in found(TEXT, "سوريا", whole_word=True)] == ["سوريا", "سوريا"]
    assert [h[3] for h in found(TEXT, "سوريا", whole_word=True)] == ["ب", ""]
    assert [h[2] for h in found(TEXT, "العراق", whole_word=True)] == ["لعراق", "العراق"]
    assert found(TEXT, "علام", whole_word=True) == []
    assert len(found(TEXT, "علام")) == 2


def test_empty_query_finds_nothing():
    assert found(TEXT, " \u064e ") == []


def test_harakat_in_the_query_are_ignored():
    assert [h[2] for h in found("قوّات وقوات", "قُوّات")] == ["قوّات", "قوات"]


@given(stored_text, st.data())
def test_every_hit_covers_text_that_normalises_to_the_query(text, data):
    n = normalise(text)
    if not n.text.strip():
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    key = n.text[i:i + data.draw(st.integers(1, 6))].strip(" ")
    for match in find_matches(n, key):
        # The hit may be wider than the query by the rest of a grapheme cluster (a skin tone).
        hit = normalise(text[match.start:match.end]).text
        assert key in hit or (key.startswith("ال") and key[1:] in hit)
        assert match.word_start <= match.start


def test_hits_cover_whole_grapheme_clusters():
    text = "رفع 👍🏽 ثم 👨‍👩‍👧 وكلمة\u200dثانية"
    thumbs = found(text, "👍")
    assert [h[2] for h in thumbs] == ["👍🏽"]
    family = found(text, "👨")
    assert [h[2] for h in family] == ["👨‍👩‍👧"]
    joined = found(text, "كلمة")
    assert [h[2] for h in joined] == ["كلمة\u200d"]


@given(stored_text, st.data())
def test_every_hit_starts_and_ends_on_a_grapheme_boundary(text, data):
    n = normalise(text)
    if not n.text.strip():
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    key = n.text[i:i + data.draw(st.integers(1, 4))].strip(" ")
    for match in find_matches(n, key):
        assert is_grapheme_boundary(text, match.start)
        assert is_grapheme_boundary(text, match.end)
        assert match.word_start <= match.start < match.end
