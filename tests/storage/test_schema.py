import contextlib
import re
import sqlite3

from annotator.core.datafiles import schema_file
from annotator.storage import ProjectStore
from annotator.storage.database import PAGE_SIZE
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION


def _schema(conn):
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE tbl_name <> '_sqlite_migrations' AND name NOT LIKE 'sqlite%' "
        "ORDER BY type, name"
    ).fetchall()
    # Spacing around punctuation is not compared: a column added by ALTER TABLE is stored
    # as ", owner TEXT" after the last column, wherever the line breaks fell.
    return [(t, n, tbl, re.sub(r"\s*([(),])\s*", r"\1", " ".join((sql or "").split())))
            for t, n, tbl, sql in rows]


def test_migrated_database_matches_the_readable_ddl(project, tmp_path):
    with contextlib.closing(sqlite3.connect(tmp_path / "reference.db")) as reference:
        reference.executescript(schema_file("database.sql").read_text("utf-8"))
        assert _schema(project.conn) == _schema(reference)
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert reference.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert project.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_project_file_settings(project):
    conn = project.conn
    assert conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_reopening_keeps_settings_and_scheme(project_path):
    ProjectStore.create(project_path).close()
    with ProjectStore.open(project_path) as store:
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
        assert store.scheme.label_names == ("LOCATION", "ACTOR", "WEAPON", "CLAIM")
        assert store.audit_trail()[0]["action"] == "create_project"
