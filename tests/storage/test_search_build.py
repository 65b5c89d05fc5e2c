"""Building the search index with a helper thread preparing the next batch gives the same
index as preparing in one thread, commits batch by batch, stops cleanly when cancelled or
closed early, and hands the helper's errors to the caller."""

from __future__ import annotations

import threading

import pytest

from annotator.core.normalise import normalise_key
from annotator.storage import search_index as module
from annotator.storage.search_build import batches, batches_ahead
from annotator.storage.search_index import SearchIndex
from tests.services.conftest import add_documents

WORDS = ["سوريا", "الموصل", "حلب", "الزهراء"]


def fill(project, count=23):
    add_documents(project, [(f"d{n:02d}", f"خبر رقم {n} عن {WORDS[n % 4]} " * (1 + n % 5))
                            for n in range(count)])


def found(project):
    index = SearchIndex(project)
    return {word: list(index.candidates(normalise_key(word))) for word in WORDS}


def helpers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "search-index-prepare"]


def test_the_helper_thread_builds_the_same_index_batch_by_batch(project, monkeypatch):
    fill(project)
    monkeypatch.setattr(module, "BATCH", 4)
    monkeypatch.setattr(module, "AHEAD_FROM", 1_000_000)
    assert SearchIndex(project).update() == 23
    alone = found(project)
    project.conn.execute("UPDATE search_state SET normaliser = 'old'")
    project.conn.commit()
    monkeypatch.setattr(module, "AHEAD_FROM", 1)
    seen: list[int] = []
    assert SearchIndex(project).update(progress=seen.append) == 23
    assert seen == [4, 4, 4, 4, 4, 3]
    assert found(project) == alone
    assert alone["سوريا"] == [seq for seq, in project.conn.execute(
        "SELECT seq FROM document WHERE text LIKE '%سوريا%' ORDER BY seq")]
    assert helpers() == []


def test_a_cancelled_build_keeps_whole_batches_and_stops_the_helper(project, monkeypatch):
    fill(project)
    monkeypatch.setattr(module, "BATCH", 5)
    monkeypatch.setattr(module, "AHEAD_FROM", 1)
    seen: list[int] = []
    index = SearchIndex(project)
    assert index.update(progress=seen.append, cancelled=lambda: len(seen) == 2) == 10
    assert helpers() == []
    assert (index.state().indexed, index.state().pending) == (10, 13)
    assert index.update() == 13
    assert sum(len(v) for v in found(project).values()) == 23


def test_batches_ahead_match_batches_and_close_early(project):
    fill(project)
    conn = project.conn
    alone = [(b.last_seq, b.documents, b.rows_json) for b in batches(conn, 0, 6)]
    ahead = [(b.last_seq, b.documents, b.rows_json)
             for b in batches_ahead(project.path, 0, 6)]
    assert ahead == alone and [d for _, d, _ in alone] == [6, 6, 6, 5]
    early = batches_ahead(project.path, 0, 6)
    next(early)
    early.close()
    assert helpers() == []


def test_the_helpers_error_reaches_the_writer(tmp_path):
    with pytest.raises(Exception, match="unable to open"):
        list(batches_ahead(tmp_path / "missing.tawsim", 0, 6))
    assert helpers() == []


def test_a_read_only_project_prepares_in_one_thread(project, monkeypatch):
    monkeypatch.setattr(module, "AHEAD_FROM", 1)
    monkeypatch.setattr(project, "read_only", True, raising=False)
    monkeypatch.setattr(module, "batches_ahead", lambda *a: pytest.fail("helper started"))
    fill(project, 3)
    assert SearchIndex(project).update() == 3
