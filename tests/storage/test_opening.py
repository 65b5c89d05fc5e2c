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



def _scribble_over_a_page(path) -> None:
    """Garble the third page of the file, as a bad sector or a torn write would."""
    data = bytearray(path.read_bytes())
    page = 16384
    data[page * 2: page * 2 + 500] = bytes(range(250)) * 2
    path.write_bytes(bytes(data))

def test_a_text_file_is_not_a_project(tmp_path):
    path = tmp_path / "notes.tawsim"
    path.write_text("قائمة مهام", encoding="utf-8")
    _refused(path, "not a Tawsim project (the file is not a database)")


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


def test_opening_the_project_again_keeps_the_first_connections_locks(project_path):
    """A second open in the same process (a background job of the desk) must not drop the
    first connection's locks; otherwise another program closing the project deletes the WAL
    the desk is still writing to, and later edits never reach the file."""
    import subprocess
    import sys

    from annotator.core.records import DocumentRecord, prepare_record
    from annotator.services.session import AnnotationSession
    from annotator.storage import BulkImport

    first = ProjectStore.create(project_path)
    with BulkImport(first, actor="t", source="t") as bulk:
        bulk.add(prepare_record(DocumentRecord(text="قال المتحدث إن الطريق مفتوح", id="d"),
                                first.scheme))
    session = AnnotationSession(first, "amal")
    session.add_span("d", 0, 3, "ACTOR")
    ProjectStore.open(project_path).close()  # e.g. the desk's search indexer
    count = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "print(c.execute('SELECT count(*) FROM span').fetchone()[0]); c.close()"
    )
    run = [sys.executable, "-c", count, str(project_path)]
    assert subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip() == "1"
    session.add_span("d", 4, 11, "ACTOR")  # written after another program closed the file
    assert subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip() == "2"
    first.close()


def test_a_damaged_project_is_refused_in_one_line(project_path):
    ProjectStore.create(project_path).close()
    _scribble_over_a_page(project_path)
    from annotator.services.projects import as_user_error

    try:
        with ProjectStore.open(project_path) as store:
            store.stats()
    except ProjectError as error:
        assert "\n" not in str(error)
    except sqlite3.DatabaseError as error:
        translated = as_user_error(error)
        assert translated is not None and "damaged" in str(translated)


def test_a_failed_creation_leaves_no_file_behind(tmp_path):
    from annotator.core.scheme import default_scheme

    path = tmp_path / "new.tawsim"

    class Unwritable:
        name = "broken"

        def to_dict(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        ProjectStore.create(path, Unwritable())  # type: ignore[arg-type]
    assert not path.exists()
    ProjectStore.create(path, default_scheme()).close()  # the name is free again


def test_an_edit_waits_for_another_writer_instead_of_failing(project_path):
    """Edits take the write lock at BEGIN, so a commit by another connection between the
    edit's first read and its write cannot fail it with SQLITE_BUSY."""
    import threading
    import time

    from annotator.core.records import DocumentRecord, prepare_record
    from annotator.services.session import AnnotationSession
    from annotator.storage import BulkImport

    store = ProjectStore.create(project_path)
    with BulkImport(store, actor="t", source="t") as bulk:
        bulk.add(prepare_record(DocumentRecord(text="قال المتحدث إن الطريق مفتوح", id="d"),
                                store.scheme))
    session = AnnotationSession(store, "amal")
    other = sqlite3.connect(project_path, timeout=5, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock for a moment
    other.execute("INSERT INTO project (key, value) VALUES ('note', 'x')")
    threading.Timer(0.3, lambda: (other.commit(), other.close())).start()
    started = time.monotonic()
    session.add_span("d", 0, 3, "ACTOR")
    assert time.monotonic() - started >= 0.25  # it waited for the lock
    assert len(session.annotations("d").spans) == 1
    store.close()


def test_a_large_project_without_a_journal_is_not_read_whole_at_every_open(
        project_path, monkeypatch):
    """quick_check reads the whole file (40 s for a million articles read cold): above the
    size limit only a journal with transactions makes opening check the file, and a damaged
    page is still one line when a command reads it."""
    import annotator.storage.database as database
    from annotator.services.projects import as_user_error

    ProjectStore.create(project_path).close()
    checked = []
    real = database.first_problem
    monkeypatch.setattr(database, "first_problem",
                        lambda conn, thorough: checked.append(thorough) or real(
                            conn, thorough=thorough))
    ProjectStore.open(project_path).close()
    assert checked == [False]  # a small file: quick_check at every open
    monkeypatch.setattr(database, "QUICK_CHECK_LIMIT", 1024)
    ProjectStore.open(project_path).close()
    assert checked == [False]  # a large one: not read whole
    _scribble_over_a_page(project_path)
    try:
        with ProjectStore.open(project_path) as store:
            store.stats()
    except ProjectError as error:
        assert "\n" not in str(error)
    except sqlite3.DatabaseError as error:
        translated = as_user_error(error)
        assert translated is not None and "\n" not in str(translated)
