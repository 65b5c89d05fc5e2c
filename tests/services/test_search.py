import re

import pytest

from annotator.core.errors import TawsimError
from annotator.services.search import (
    SearchOptions,
    count_matching_documents,
    count_search_hits,
    find_in_text,
    index_state,
    iter_search_hits,
    search_project,
    update_search_index,
)
from tests.search_texts import REPORT, SECOND, THIRD
from tests.services.conftest import add_documents

TEXTS = {"r1": REPORT, "r2": SECOND, "r3": THIRD}


def hits(project, query, **options):
    return [(h.doc_id, h.start, h.end, h.text)
            for h in iter_search_hits(project, query, SearchOptions(**options))]


def test_every_spelling_is_found_with_its_original_offsets(reports):
    found = hits(reports, "الاعلام")
    expected = [(doc, m.start(), m.end(), m.group()) for doc, text in TEXTS.items()
                for m in re.finditer("الإعلام|الاعلام", text)]
    assert found == expected
    assert len(found) == 4
    for doc, start, end, text in found:
        assert reports.document_text(doc)[start:end] == text


def test_a_word_inside_a_proclitic_word_is_found_at_its_first_letter(reports):
    found = hits(reports, "سوريا")
    start = REPORT.index("بسوريا") + 1
    assert found[0] == ("r1", start, start + 5, "سوريا")
    assert [h[0] for h in found] == ["r1", "r1", "r2", "r3"]
    hit = next(iter_search_hits(reports, "سوريا"))
    assert hit.proclitics == "ب"
    assert hit.context_before.endswith("قاعدة أمريكية ب")
    assert hit.context_after.startswith(".\nوقال")


def test_harakat_tatweel_hamza_and_digits_are_ignored(reports):
    assert [h[3] for h in hits(reports, "قوات")] == ["قوّات"]
    assert [h[3] for h in hits(reports, "المملكة")] == ["الـمملكة"]
    assert [h[3] for h in hits(reports, "مسؤول")] == ["مسؤول", "مسئول"]
    assert [h[3] for h in hits(reports, "5 صواريخ")] == ["٥ صواريخ"]
    assert [h[3] for h in hits(reports, "صواريخ أيضا")] == ["صواريخ\u00a0أيضا"]


def test_the_article_is_found_after_lam(reports):
    assert [h[3] for h in hits(reports, "التحالف")] == ["التحالف", "لتحالف"]


def test_letter_folds_and_whole_words(reports):
    assert [h[3] for h in hits(reports, "مدرسة")] == ["مدرسة", "مدرسه"]
    assert [h[3] for h in hits(reports, "مدرسة", exact_letters=True)] == ["مدرسة"]
    assert [h[3] for h in hits(reports, "الي")] == ["إلى"]
    assert hits(reports, "الي", exact_letters=True) == []
    assert [h[3] for h in hits(reports, "الى", exact_letters=True)] == ["إلى"]
    assert len(hits(reports, "صواريخ")) == 3
    assert [h[3] for h in hits(reports, "صواريخ", whole_word=True)] == ["صواريخ", "صواريخ"]


def test_short_queries_read_every_document(reports):
    assert [h[0] for h in hits(reports, "في")] == ["r1", "r2", "r2", "r3"]


def test_pages_follow_each_other(reports):
    every = list(iter_search_hits(reports, "ال"))
    pages = []
    after = None
    while True:
        page = search_project(reports, "ال", limit=4, after=after)
        pages.extend(page.hits)
        if not page.more:
            break
        after = page.hits[-1]
    assert pages == every
    assert len(every) > 12


def test_counts(reports):
    assert count_search_hits(reports, "سوريا") == (4, 3)
    assert count_matching_documents(reports, "سوريا") == 3
    assert count_matching_documents(reports, "الاعلام") == 2
    assert count_matching_documents(reports, "مسئول") == 2
    assert count_matching_documents(reports, "في") == 3  # too short for the index: all
    with pytest.raises(TawsimError, match="nothing to search for"):
        count_matching_documents(reports, "َ")
    assert count_search_hits(reports, "سوريا", cancelled=lambda: True) == (0, 0)


def test_the_index_catches_up_with_later_imports(reports):
    assert index_state(reports).pending == 3
    assert len(hits(reports, "الموصل")) == 1
    assert index_state(reports).pending == 0
    add_documents(reports, [("r4", "سقطت قذيفة قرب الموصل.")])
    assert index_state(reports).pending == 1
    assert hits(reports, "الموصل")[-1] == ("r4", 15, 21, "الموصل")
    assert update_search_index(reports) == 0


def test_bad_queries(reports):
    with pytest.raises(TawsimError, match="nothing to search for"):
        search_project(reports, " \u0651\u0640 ")
    with pytest.raises(TawsimError, match="at least 1"):
        search_project(reports, "سوريا", limit=0)


def test_find_in_text_for_ctrl_f():
    matches = find_in_text(REPORT, "الاعلام")
    assert [REPORT[m.start:m.end] for m in matches] == ["الإعلام", "الاعلام", "الإعلام"]
    assert find_in_text(REPORT, "مسؤول للتحالف")[0].start == REPORT.index("مسؤول")
    assert find_in_text(REPORT, "ب", SearchOptions(whole_word=True)) == []


def test_the_count_says_whether_it_is_exact(reports, monkeypatch):
    import annotator.storage.search_index as search_index
    from annotator.services.search import count_documents_holding

    assert count_documents_holding(reports, "سوريا") == (3, True)
    assert count_documents_holding(reports, "في") == (3, False)  # too short: every document
    monkeypatch.setattr(search_index, "CONFIRM_LIMIT", 0)  # the index's number, unconfirmed
    count, exact = count_documents_holding(reports, "سوريا")
    assert count >= 3 and not exact
