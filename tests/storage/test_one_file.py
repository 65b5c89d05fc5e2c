"""The project file alone holds every saved edit once the desk is idle or the project closed,
and a journal that does not belong to the file beside it is never replayed into it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import ProjectError
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.projects import checkpoint, open_project
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from tests.storage.crash import AFTER, BEFORE, crashed_project


def _wal(path):
    return path.with_name(path.name + "-wal")


def _shm(path):
    return path.with_name(path.name + "-shm")


def _alone(path, sql="SELECT count(*) FROM span"):
    """What the file holds by itself, ignoring any journal beside it (and creating nothing)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # "no such table": even the tables are in the journal
        return 0
    finally:
        conn.close()


def _project_with_edits(path, spans=40):
    store = ProjectStore.create(path)
    with BulkImport(store, actor="t", source="t") as bulk:
        for i in range(spans):
            bulk.add(prepare_record(DocumentRecord(text=f"قال المتحدث {i} إن الطريق مفتوح",
                                                   id=f"d{i}"), store.scheme))
    session = AnnotationSession(store, "amal")
    for i in range(spans):
        session.add_span(f"d{i}", 0, 3, "ACTOR")
    return store, session


def test_after_a_checkpoint_copying_the_file_alone_gives_every_edit(tmp_path):
    path = tmp_path / "p.tawsim"
    store, _ = _project_with_edits(path)
    assert _alone(path) < 40  # the edits are in the journal: a copy now would lose them
    assert checkpoint(store) is True  # what the desk calls a second after the last edit
    assert _wal(path).stat().st_size == 0  # emptied, not just copied
    copy = tmp_path / "copy.tawsim"
    shutil.copyfile(path, copy)
    with ProjectStore.open(copy) as copied:
        assert copied.stats()["layers"]["amal"]["spans"] == {"ACTOR": 40}
    store.close()


def test_a_passive_checkpoint_copies_without_emptying_the_journal(tmp_path):
    path = tmp_path / "p.tawsim"
    store, _ = _project_with_edits(path, spans=5)
    assert checkpoint(store, "PASSIVE") is True
    assert _alone(path) == 5
    assert _wal(path).stat().st_size > 0
    with pytest.raises(ValueError):
        checkpoint(store, "SOMETIMES")
    store.close()


def test_a_checkpoint_never_waits_for_a_reader_and_completes_after_it(tmp_path):
    path = tmp_path / "p.tawsim"
    store, session = _project_with_edits(path, spans=3)
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM span").fetchone()  # holds its snapshot
    session.add_span("d0", 4, 11, "LOCATION")
    store.conn.execute("PRAGMA busy_timeout = 60000")  # were it waited out: a minute
    started = time.monotonic()
    assert checkpoint(store) is False  # the reader still needs the journal: try later
    assert time.monotonic() - started < 30  # the desk's thread did not wait for it
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 60000  # put back
    reader.rollback()
    reader.close()
    assert checkpoint(store) is True
    assert _alone(path) == 4
    store.close()


def test_a_checkpoint_in_the_middle_of_a_transaction_is_not_complete(tmp_path):
    path = tmp_path / "p.tawsim"
    store, _ = _project_with_edits(path, spans=2)
    with store.db.atomic():
        store.set_meta("note", "x")
        assert checkpoint(store) is False
    assert checkpoint(store) is True
    store.close()


def test_closing_leaves_the_project_as_one_file(tmp_path):
    path = tmp_path / "p.tawsim"
    store, _ = _project_with_edits(path, spans=7)
    store.close()
    store.close()  # twice is harmless
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.tawsim"]
    assert _alone(path) == 7


def test_a_journal_left_by_a_crash_is_checked_and_folded_in(tmp_path):
    path = tmp_path / "p.tawsim"
    crashed_project(path)
    assert _wal(path).stat().st_size > 0  # the crash left the last edits in the journal
    assert _alone(path) == BEFORE
    with open_project(path) as store:
        assert store.stats()["layers"]["amal"]["spans"] == {"ACTOR": BEFORE + AFTER}
    assert not _wal(path).exists()
    assert _alone(path) == BEFORE + AFTER


def test_an_older_copy_put_back_beside_a_newer_journal_is_refused_untouched(tmp_path):
    """The copy was taken, editing went on (with a checkpoint in between, so the journal
    now continues a later state of the file), the desk was killed, and the copy was put
    back in place of the file with the journal still beside it."""
    path = tmp_path / "p.tawsim"
    older = tmp_path / "older-copy.tawsim"
    crashed_project(path, copy_to=older, checkpoint_at=AFTER // 2)
    os.replace(older, path)
    before = path.read_bytes(), _wal(path).read_bytes()
    for command in (open_project, ProjectStore.open):
        with pytest.raises(ProjectError) as refused:
            command(path)
        message = str(refused.value)
        assert message.startswith(f"{path}: the project file and the journal beside it "
                                  "(p.tawsim-wal) do not belong together")
        assert "restore the project from a copy" in message and "\n" not in message
        # The reason is the journal's, not a damage it does not have.
        assert "(the journal continues another state of the file than this one)" in message
    new = tmp_path / "new.jsonl"
    new.write_text('{"text": "نص جديد", "id": "n1"}\n', encoding="utf-8")
    for args in (["stats", path], ["import", path, new]):
        result = CliRunner().invoke(cli, [str(arg) for arg in args])
        assert result.exit_code == 1
        assert result.stderr == f"tawsim: error: {message}\n"
    assert (path.read_bytes(), _wal(path).read_bytes()) == before  # nothing was written
    assert _alone(path, "PRAGMA integrity_check") == "ok"
    _wal(path).rename(tmp_path / "p.tawsim-wal.moved")  # as the message suggests
    _shm(path).unlink(missing_ok=True)
    with open_project(path) as store:  # the copy, as it was copied
        assert store.stats()["layers"]["amal"]["spans"] == {"ACTOR": BEFORE}
        store.verify()


def test_an_older_copy_beside_an_emptied_journal_opens_as_it_was(tmp_path):
    """Killed while idle: the last checkpoint emptied the journal, so it cannot mix."""
    path = tmp_path / "p.tawsim"
    older = tmp_path / "older-copy.tawsim"
    crashed_project(path, copy_to=older, checkpoint_at=AFTER)
    assert _wal(path).stat().st_size == 0
    os.replace(older, path)
    with open_project(path) as store:
        assert store.stats()["layers"]["amal"]["spans"] == {"ACTOR": BEFORE}
        store.verify()


def test_opening_again_in_the_same_process_skips_the_checks(project_path, monkeypatch):
    from annotator.storage import database

    calls = []
    real = database.first_problem
    monkeypatch.setattr(database, "first_problem",
                        lambda conn, thorough: calls.append(thorough) or real(conn,
                                                                              thorough=thorough))
    first = ProjectStore.create(project_path)
    ProjectStore.open(project_path).close()  # the desk's background job: already checked
    assert calls == []
    first.close()
    ProjectStore.open(project_path).close()
    assert calls == [False]  # quick_check: no journal beside the closed file
