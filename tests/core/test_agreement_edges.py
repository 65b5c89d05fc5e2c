"""Boundary-only disagreements told apart: a proclitic, the article, or something else."""

from dataclasses import dataclass

import pytest

from annotator.core.agreement.edges import ARTICLE_KIND, PROCLITIC, boundary_kind

TEXT = "قصف بسوريا وبالصواريخ للتحالف العراق ولإيران بـِالموصل قوات أمس"


@dataclass(frozen=True)
class S:
    start: int
    end: int


def cut(word, first, second, end_cut=0):
    start = TEXT.index(word)
    end = start + len(word)
    return S(start + first, end), S(start + second, end - end_cut)


@pytest.mark.parametrize(("word", "first", "second", "kind"), [
    ("بسوريا", 0, 1, PROCLITIC),
    ("وبالصواريخ", 0, 2, PROCLITIC),  # و + ب
    ("وبالصواريخ", 1, 2, PROCLITIC),
    ("وبالصواريخ", 2, 4, ARTICLE_KIND),  # ال
    ("وبالصواريخ", 0, 4, ARTICLE_KIND),  # وبال
    ("العراق", 0, 2, ARTICLE_KIND),
    ("للتحالف", 0, 1, PROCLITIC),  # the preposition ل
    ("للتحالف", 1, 2, ARTICLE_KIND),  # the article's lam after it
    ("للتحالف", 0, 2, ARTICLE_KIND),  # both
    ("ولإيران", 0, 2, PROCLITIC),
    ("ولإيران", 1, 2, PROCLITIC),
    ("بـِالموصل", 0, 3, PROCLITIC),  # tatweel and kasra ignored
    ("بـِالموصل", 0, 5, ARTICLE_KIND),
    ("العراق", 0, 1, ""),  # half the article
    ("قوات", 0, 1, ""),  # not a proclitic
])
def test_kinds(word, first, second, kind):
    x, y = cut(word, first, second)
    assert boundary_kind(TEXT, x, y) == kind
    assert boundary_kind(TEXT, y, x) == kind


def test_other_end_or_another_word_is_neither():
    x, y = cut("بسوريا", 0, 1, end_cut=1)
    assert boundary_kind(TEXT, x, y) == ""
    start = TEXT.index("قصف")
    assert boundary_kind(TEXT, S(start, TEXT.index("بسوريا") + 6),
                         S(TEXT.index("بسوريا"), TEXT.index("بسوريا") + 6)) == ""
    same = S(3, 9)
    assert boundary_kind(TEXT, same, same) == ""
