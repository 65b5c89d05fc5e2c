"""The form the search index holds its text in: one character for one, one-to-one on
normalised text (so the index names exactly the documents the normalised text would), with
none of the stand-in codes ever occurring in normalised text; an index built in another form
is rebuilt (a read-only project, which cannot, reads it as it is), and every (re)build sets
how FTS5 merges its segments."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.normalise import NORMALISER_VERSION, normalise_key
from annotator.services.projects import open_project
from annotator.services.search import count_documents_holding, search_project
from annotator.storage import ProjectStore
from annotator.storage.search_index import INDEX_FOLDING, MERGING, SearchIndex
from annotator.storage.search_rows import (
    INDEX_CODES,
    INDEX_LETTERS,
    first_row,
    index_form,
    pieces,
)
from tests.services.conftest import add_documents

# Arabic letters and marks, the stand-in codes themselves, Latin, punctuation that JSON
# escapes, private-use and astral characters: what normalised text may hold and then some.
TEXT = st.text(st.sampled_from(
    INDEX_LETTERS + INDEX_CODES + "أإآةىـًّ ab Zé\"\\/\u00a0\ue000😀پ.\u200f"), max_size=40)


@given(TEXT, TEXT)
def test_the_form_is_one_to_one_on_normalised_text(first, second):
    a, b = normalise_key(first, INDEX_FOLDING), normalise_key(second, INDEX_FOLDING)
    assert len(index_form(a)) == len(a)
    assert (index_form(a) == index_form(b)) == (a == b)
    assert (a in b) == (index_form(a) in index_form(b))


def test_no_stand_in_code_occurs_in_normalised_text():
    assert len(INDEX_CODES) == len(INDEX_LETTERS) == len(set(INDEX_LETTERS))
    for code in INDEX_CODES:
        assert code not in normalise_key(f"x{code}y", INDEX_FOLDING)
    assert all(ord(code) < 128 for code in INDEX_CODES)


def test_an_index_in_the_old_form_is_rebuilt_and_finds_every_kind_of_text(project):
    texts = ["قال «المتحدث» في سوريا، اليوم؟", 'a "quoted" back\\slash café 😀 ظغث',
             "نص عن الموصل"]
    add_documents(project, [(f"d{n}", text) for n, text in enumerate(texts)])
    index = SearchIndex(project)
    assert index.update() == 3
    assert project.conn.execute(
        "SELECT DISTINCT typeof(rowid) FROM search_index").fetchall() == [("integer",)]
    for query, seqs in [("سوريا،", [1]), ("«المتحدث»", [1]), ('"quoted" back\\', [2]),
                        ("café 😀 ظغث", [2]), ("الموصل", [3]), ("ال", [1, 2, 3])]:
        assert list(index.candidates(normalise_key(query, INDEX_FOLDING))) == seqs, query
    project.conn.execute("UPDATE search_state SET normaliser = ?", (NORMALISER_VERSION,))
    project.conn.commit()
    assert index.state().rebuild
    assert index.update() == 3
    assert list(index.candidates(normalise_key("سوريا"))) == [1]


def test_every_build_sets_how_segments_merge(project):
    add_documents(project, [("d0", "نص")])
    project.conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('automerge', 4)")
    project.conn.commit()
    SearchIndex(project).update()
    config = dict(project.conn.execute("SELECT k, v FROM search_index_config"))
    assert {option: config[option] for option, _ in MERGING} == dict(MERGING)


def test_a_read_only_project_reads_an_index_of_the_previous_form_as_it_is(tmp_path,
                                                                         monkeypatch):
    path = tmp_path / "share.tawsim"
    texts = ["قال المتحدث في سوريا، اليوم", "نص عن الموصل وسوريا", "لا شيء هنا"]
    with ProjectStore.create(path) as store:
        add_documents(store, [(f"d{n}", text) for n, text in enumerate(texts)])
        before = [(h.doc_id, h.start, h.end) for h in search_project(store, "سوريا").hits]
        # The index as the previous release wrote it: the normalised text itself.
        conn = store.conn
        conn.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
        conn.executemany("INSERT INTO search_index (rowid, text) VALUES (?, ?)", [
            (first_row(seq) + number, piece)
            for seq, text in conn.execute("SELECT seq, text FROM document").fetchall()
            for number, piece in enumerate(pieces(normalise_key(text, INDEX_FOLDING)))])
        conn.execute("UPDATE search_state SET normaliser = ?", (NORMALISER_VERSION,))
        conn.commit()
    monkeypatch.setattr("annotator.storage.database.writable", lambda path: False)
    with open_project(path) as store:
        assert store.read_only and not SearchIndex(store).state().rebuild
        assert [(h.doc_id, h.start, h.end)
                for h in search_project(store, "سوريا").hits] == before
        assert count_documents_holding(store, "سوريا") == (2, True)
    monkeypatch.undo()
    with open_project(path) as store:  # writable again: rebuilt in the new form
        assert SearchIndex(store).state().rebuild
        assert [(h.doc_id, h.start, h.end)
                for h in search_project(store, "سوريا").hits] == before
        assert not SearchIndex(store).state().rebuild
