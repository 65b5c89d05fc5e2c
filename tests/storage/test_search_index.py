from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.normalise import normalise_key
from annotator.core.records import DocumentRecord, prepare_record
from annotator.storage import BulkImport, ProjectStore
from annotator.storage import search_index as module
from annotator.storage.search_index import SearchIndex, match_expression
from tests.texts import ARTICLE_LF, SHORT, stored_text


def add(project, *texts, first=0):
    with BulkImport(project, actor="t", source="test") as bulk:
        for i, text in enumerate(texts, start=first):
            bulk.add(prepare_record(DocumentRecord(text=text, id=f"d{i}"), project.scheme))


def test_documents_are_indexed_once_in_order(project):
    add(project, ARTICLE_LF, SHORT)
    index = SearchIndex(project)
    assert index.state().pending == 2
    assert index.update() == 2
    assert index.update() == 0
    add(project, "نص ثالث عن الموصل", first=2)
    state = index.state()
    assert (state.indexed, state.pending, state.rebuild) == (2, 1, False)
    assert index.update() == 1
    assert list(index.candidates(normalise_key("الموصل"))) == [2, 3]


def test_batches_commit_and_an_update_can_be_cancelled(project, monkeypatch):
    monkeypatch.setattr(module, "BATCH", 2)
    add(project, *[f"خبر رقم {i} عن سوريا" for i in range(5)])
    index = SearchIndex(project)
    seen = []
    assert index.update(progress=seen.append, cancelled=lambda: len(seen) == 2) == 4
    assert seen == [2, 2]
    assert index.state().pending == 1
    assert index.update(progress=seen.append) == 1
    assert len(list(index.candidates("سوريا"))) == 5


def test_the_index_survives_reopening_and_is_rebuilt_when_stale(project, project_path):
    add(project, ARTICLE_LF, SHORT)
    SearchIndex(project).update()
    project.close()
    with ProjectStore.open(project_path) as store:
        index = SearchIndex(store)
        assert index.state().pending == 0
        store.conn.execute("UPDATE search_state SET normaliser = 'old'")
        store.conn.commit()
        assert index.state().rebuild
        assert index.update() == 2
        assert not index.state().rebuild
        store.conn.execute("DELETE FROM document WHERE id = 'd0'")
        store.conn.commit()
        assert index.state().rebuild
        assert index.update() == 1
        assert list(index.candidates(normalise_key("الزهراء"))) == []
        assert list(index.candidates(normalise_key("الموصل"))) == [2]


def test_short_keys_name_every_document(project):
    add(project, ARTICLE_LF, SHORT)
    index = SearchIndex(project)
    index.update()
    assert list(index.candidates("في")) == [1, 2]
    assert list(index.candidates("في", from_seq=2)) == [2]


def test_match_expression_is_one_quoted_phrase(project):
    assert match_expression("abcd") == '"abcd"'
    assert match_expression('a"bc') == '"a""bc"'
    add(project, 'he said "no way" twice', "no, way")
    index = SearchIndex(project)
    index.update()
    assert list(index.candidates('"no way"')) == [1]
    assert list(index.candidates("no way")) == [1]
    assert list(index.candidates("way")) == [1, 2]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(stored_text.filter(str.strip), min_size=1, max_size=4, unique=True), st.data())
def test_every_document_holding_a_key_is_a_candidate(project, texts, data):
    project.conn.execute("DELETE FROM document")
    project.conn.commit()
    add(project, *texts)
    index = SearchIndex(project)
    index.update()
    keys = [normalise_key(t) for t in texts]
    key_source = data.draw(st.sampled_from(keys))
    if len(key_source) < 3:
        return
    i = data.draw(st.integers(0, len(key_source) - 3))
    key = key_source[i:i + data.draw(st.integers(3, 8))]
    seqs = [row[0] for row in project.conn.execute("SELECT seq FROM document ORDER BY seq")]
    expected = [seq for seq, k in zip(seqs, keys, strict=True) if key in k]
    assert set(expected) <= set(index.candidates(key))


def test_a_schema_1_project_gains_the_index_when_opened(project, project_path):
    add(project, ARTICLE_LF)
    conn = project.conn
    # Make the file what Tawsim wrote before migration 0002.
    conn.execute("DROP TRIGGER document_removal_invalidates_search")
    conn.execute("DROP TABLE search_state")
    conn.execute("DROP TABLE search_index")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_search_index'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    project.close()
    with ProjectStore.open(project_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        index = SearchIndex(store)
        assert index.state().pending == 1
        assert index.update() == 1
        assert list(index.candidates(normalise_key("الزهراء"))) == [1]
