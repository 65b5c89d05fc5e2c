"""A project made by the released Tawsim 0.1 (schema 2) opens in this one: the migrations
bring it up to date and every id a user may have exported is kept.

tests/storage/data/release-0.1.sqlite was made with Tawsim 0.1 itself: the three sample
articles, spans of two layers, a SOURCE link, a stance, a note and a status.
"""

import shutil
import sqlite3
from pathlib import Path

from annotator.storage import ProjectStore
from annotator.storage.migrations import SCHEMA_VERSION

RELEASE = Path(__file__).parent / "data" / "release-0.1.sqlite"


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_release_project_migrates_keeping_every_id(tmp_path):
    path = tmp_path / "old.tawsim"
    shutil.copyfile(RELEASE, path)
    assert rows(path, "PRAGMA user_version") == [(2,)]
    before = {
        "documents": rows(path, "SELECT id, text_sha256 FROM document ORDER BY seq"),
        "spans": rows(path, 'SELECT id, "start", "end", label, attrs, note FROM span ORDER BY seq'),
        "relations": rows(path, "SELECT id, type FROM relation ORDER BY seq"),
        "layers": rows(path, "SELECT name, kind FROM layer ORDER BY id"),
        "statuses": rows(path, "SELECT document, layer, status FROM status ORDER BY 1, 2"),
        "audit": rows(path, "SELECT seq, action FROM audit ORDER BY seq"),
    }
    with ProjectStore.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert len(store.meta("project_id") or "") == 36
        doc = before["documents"][0][0]
        spans = store.spans(doc, "amal")
        assert {span.id for span in spans} <= {row[0] for row in before["spans"]}
        assert [r.id for r in store.relations(doc, "amal")] == [before["relations"][0][0]]
    assert rows(path, "SELECT id, text_sha256 FROM document ORDER BY seq") == before["documents"]
    assert rows(path, 'SELECT id, "start", "end", label, attrs, note FROM span ORDER BY seq') \
        == before["spans"]
    assert rows(path, "SELECT id, type FROM relation ORDER BY seq") == before["relations"]
    assert rows(path, "SELECT name, kind FROM layer ORDER BY id") == before["layers"]
    assert rows(path, "SELECT document, layer, status FROM status ORDER BY 1, 2") \
        == before["statuses"]
    assert rows(path, "SELECT seq, action FROM audit ORDER BY seq")[:len(before["audit"])] \
        == before["audit"]
    assert rows(path, "SELECT DISTINCT rev FROM span") == [(0,)]
    assert rows(path, "SELECT count(*) FROM layer WHERE owner IS NOT NULL") == [(0,)]
