"""Step 0004 (corpus scale) on the two kinds of file users have: a project made by the
released Tawsim 0.1 (schema 2) and one made at schema 3 (the team step). Every id and row a
user may have exported is kept, the new indexes exist, and the search index, dropped by the
step as derived data, is rebuilt from the stored texts and finds what it found before.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from annotator.core.normalise import NORMALISER_VERSION, normalise_key
from annotator.services.search import index_state, iter_search_hits, update_search_index
from annotator.storage import ProjectStore
from annotator.storage import migrations as steps
from annotator.storage.database import PAGE_SIZE
from annotator.storage.search_rows import ROWS_PER_DOCUMENT

RELEASE = Path(__file__).parent / "data" / "release-0.1.sqlite"
NEW_INDEXES = {"document_in_order", "span_by_layer", "relation_by_layer"}
TEXTS = ["قال مصدر أمني إن قصفاً استهدف بسوريا مستودعاً للوقود قرب حلب",
         "نفت وزارة الداخلية سقوط قتلى في الموصل، وقالت إن الحريق أخمد",
         "شهود عيان: طائرة مسيّرة أطلقت صاروخين على معسكر الشمال في سوريا"]
KEPT = {
    "documents": "SELECT seq, id, title, text, text_sha256, meta FROM document ORDER BY seq",
    "spans": 'SELECT seq, id, document, layer, "start", "end", label, text, attrs, note '
             "FROM span ORDER BY seq",
    "relations": "SELECT seq, id, document, layer, type, head, tail FROM relation ORDER BY seq",
    "layers": "SELECT id, name, kind FROM layer ORDER BY id",
    "statuses": "SELECT document, layer, status FROM status ORDER BY 1, 2",
    "audit": "SELECT seq, action, document, layer FROM audit ORDER BY seq",
}
TEAM_KEPT = {
    "people": "SELECT id, name FROM person ORDER BY id",
    "assignments": "SELECT document, person, role, package FROM assignment ORDER BY 1, 2",
    "owners": "SELECT id, owner FROM layer ORDER BY id",
    "revisions": "SELECT id, origin, rev FROM span ORDER BY seq",
    "project_id": "SELECT value FROM project WHERE key = 'project_id'",
}


def rows(path: Path, queries: dict[str, str]) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        conn.close()


def make_schema_3_project(path: Path) -> None:
    """A project file as Tawsim wrote it at schema 3: the first three steps exactly as they
    shipped (they are never edited), then rows written with plain SQL, and a search index
    of the old kind (positions, rowid = seq) built and recorded as up to date."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA application_id = {steps.APPLICATION_ID}")
    db = Database(conn)
    schema_3 = Migrations("tawsim")
    schema_3(name="0001_initial")(steps.initial)
    schema_3(name="0002_search_index")(steps.search_index)
    schema_3(name="0003_team")(steps.team)
    schema_3.apply(db)
    now = "2026-01-01T00:00:00Z"
    release = sqlite3.connect(RELEASE)
    conn.executemany("INSERT INTO project (key, value) VALUES (?, ?)", release.execute(
        "SELECT key, value FROM project WHERE key IN ('format', 'scheme')").fetchall())
    release.close()
    conn.executemany("INSERT INTO layer (id, name, kind, created_at, owner) VALUES (?, ?, ?, ?, ?)",
                     [(1, "amal", "annotator", now, "p-amal"), (2, "gold", "gold", now, None)])
    conn.executemany(
        "INSERT INTO document (seq, id, title, text, text_sha256, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(n, f"doc-{n}", f"خبر {n}", text, f"sha-{n}", now) for n, text in enumerate(TEXTS, 1)])
    spans = [(1, "s1", 1, 1, 0, 3, "ACTOR"), (2, "s2", 1, 1, 4, 8, "ACTOR"),
             (3, "s3", 2, 2, 4, 9, "ACTOR"), (4, "s4", 3, 1, 0, 4, "ACTOR")]
    conn.executemany(
        'INSERT INTO span (seq, id, document, layer, "start", "end", label, text, annotator, '
        "created_at, updated_at, origin, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'amal', ?, ?, ?, ?)",
        [(seq, sid, doc, layer, start, end, label, TEXTS[doc - 1][start:end], now, now,
          "s1" if sid == "s3" else None, seq) for seq, sid, doc, layer, start, end, label in spans])
    conn.execute("INSERT INTO relation (seq, id, document, layer, type, head, tail, created_at, "
                 "updated_at) VALUES (1, 'r1', 1, 1, 'SOURCE', 1, 2, ?, ?)", (now, now))
    conn.executemany("INSERT INTO status (document, layer, status, updated_at) VALUES (?, ?, ?, ?)",
                     [(1, 1, "done", now), (3, 1, "in_progress", now), (2, 2, "reviewed", now)])
    conn.execute("INSERT INTO person (id, name, created_at) VALUES ('p-amal', 'Amal', ?)", (now,))
    conn.execute("INSERT INTO assignment (document, person, role, package, assigned_at) "
                 "VALUES (1, 'p-amal', 'primary', 'pkg-1', ?)", (now,))
    conn.executemany("INSERT INTO search_index (rowid, text) VALUES (?, ?)",
                     [(n, normalise_key(text)) for n, text in enumerate(TEXTS, 1)])
    conn.execute("INSERT INTO search_state (id, normaliser, indexed_through, documents) "
                 "VALUES (1, ?, 3, 3)", (NORMALISER_VERSION,))
    conn.commit()
    conn.close()


def hits(store: ProjectStore, query: str) -> list[tuple[str, int, int, str]]:
    return [(h.doc_id, h.start, h.end, h.text) for h in iter_search_hits(store, query)]


def check_step_0004(store: ProjectStore) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == steps.SCHEMA_VERSION
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert names >= NEW_INDEXES
    index_sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'search_index'").fetchone()[0]
    assert "detail = none" in index_sql and "content = ''" in index_sql
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert applied.count("0004_corpus_scale") == 1
    assert applied.index("0004_corpus_scale") == len(applied) - 1 - (steps.SCHEMA_VERSION - 4)
    state = index_state(store)
    assert state.indexed == 0 and state.pending == store.count_documents()


def test_a_schema_3_project_migrates_keeping_every_row(tmp_path):
    path = tmp_path / "team.tawsim"
    make_schema_3_project(path)
    before = rows(path, KEPT | TEAM_KEPT)
    with ProjectStore.open(path) as store:
        check_step_0004(store)
        assert update_search_index(store) == 3
        # Rowids of the new index: a document's pieces, never the old rowid = seq.
        assert {r[0] // ROWS_PER_DOCUMENT for r in store.conn.execute(
            "SELECT rowid FROM search_index")} == {1, 2, 3}
        assert hits(store, "سوريا") == [
            ("doc-1", TEXTS[0].index("سوريا"), TEXTS[0].index("سوريا") + 5, "سوريا"),
            ("doc-3", TEXTS[2].index("سوريا"), TEXTS[2].index("سوريا") + 5, "سوريا")]
        drone = TEXTS[2].index("مسيّرة")  # found without its shadda, as before
        assert hits(store, "مسيرة") == [("doc-3", drone, drone + 6, "مسيّرة")]
        assert store.status_counts("amal")["done"] == 1
    assert rows(path, KEPT | TEAM_KEPT) == before


def test_a_release_project_migrates_to_step_0004_and_searches_as_before(tmp_path):
    path = tmp_path / "old.tawsim"
    shutil.copyfile(RELEASE, path)
    before = rows(path, KEPT)
    conn = sqlite3.connect(path)
    texts = dict(conn.execute("SELECT id, text FROM document"))
    conn.close()
    with ProjectStore.open(path) as store:
        check_step_0004(store)
        found = hits(store, "الزيتون")
        assert found and {doc for doc, *_ in found} == set(texts)
        assert found == [(doc, m, m + 7, "الزيتون") for doc in sorted(
            texts, key=lambda d: store.document_seq(d)) for m in _all(texts[doc], "الزيتون")]
        for doc, start, end, text in found:
            assert texts[doc][start:end] == text
        assert index_state(store).pending == 0
    after = rows(path, KEPT)
    assert after["audit"][:len(before["audit"])] == before["audit"]
    assert {k: v for k, v in after.items() if k != "audit"} == \
        {k: v for k, v in before.items() if k != "audit"}


def _all(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found
