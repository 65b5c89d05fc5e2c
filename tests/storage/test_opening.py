import sqlite3

import pytest

from annotator.core.errors import ProjectError
from annotator.storage import ProjectStore


def _refused(path, message):
    before = path.read_bytes()
    with pytest.raises(ProjectError) as error:
        ProjectStore.open(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert path.read_bytes() == before  # nothing was touched
    assert not path.with_name(path.name + "-wal").exists()


def test_a_text_file_is_not_a_project(tmp_path):
    path = tmp_path / "notes.tawsim"
    path.write_text("قائمة مهام", encoding="utf-8")
    _refused(path, "not a Tawsim project (the file is not an SQLite database)")


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _refused(path, "an SQLite file of another program")


def test_a_project_from_a_newer_tawsim_is_refused_untouched(project_path):
    ProjectStore.create(project_path).close()
    conn = sqlite3.connect(project_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    _refused(project_path, "written by a newer version of Tawsim (schema 99")


def test_missing_files_and_existing_targets(tmp_path):
    with pytest.raises(ProjectError, match="no such project file"):
        ProjectStore.open(tmp_path / "missing.tawsim")
    existing = tmp_path / "taken.tawsim"
    existing.write_text("x")
    with pytest.raises(ProjectError, match="a file already exists"):
        ProjectStore.create(existing)
    assert existing.read_text() == "x"
