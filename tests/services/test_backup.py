"""`tawsim backup` and File › Save a copy: a complete, consistent single file, made while the
project is being edited."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import ProjectError
from annotator.services.backup import backup_project
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.team_data import add_articles


def _read(path, sql):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    return int(finished.stdout)


@pytest.fixture
def busy_project(tmp_path):
    path = tmp_path / "p.tawsim"
    store = ProjectStore.create(path)
    add_articles(store, 300)
    yield path, store
    store.close()


def test_a_copy_made_while_another_thread_edits_is_complete_and_consistent(busy_project,
                                                                          tmp_path):
    path, store = busy_project
    session = AnnotationSession(store, "amal")
    copy = tmp_path / "copy.tawsim"
    started, stop = threading.Event(), threading.Event()
    written = []

    def edit() -> None:
        for number in range(300):
            session.add_span(f"a{number:03d}", 0, 3, "WEAPON")
            written.append(number)
            started.set()
            if stop.is_set() and len(written) > 20:
                return

    editor = threading.Thread(target=edit)
    editor.start()
    started.wait(5)
    made = backup_project(path, copy)  # its own connection, as the command line has
    stop.set()
    editor.join(30)
    assert made.path == copy and made.size == copy.stat().st_size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.tawsim", "p.tawsim",
                                                         "p.tawsim-shm", "p.tawsim-wal"]
    assert _read(copy, "PRAGMA integrity_check") == [("ok",)]
    assert copy.read_bytes()[18:20] == b"\x02\x02"  # its header says WAL, as projects'

    spans = _read(copy, "SELECT count(*) FROM span")[0][0]
    audited = _read(copy, "SELECT count(*) FROM audit WHERE action = 'add_span'")[0][0]
    assert spans == audited  # one snapshot: every span with its audit row, nothing half
    assert 1 <= spans <= len(written)
    with ProjectStore.open(copy) as copied:
        assert copied.project_id == store.project_id
        assert copied.stats()["layers"]["amal"]["spans"]["WEAPON"] == spans


def test_the_desk_saves_a_copy_of_its_open_project(busy_project, tmp_path):
    _, store = busy_project
    session = AnnotationSession(store, "amal")
    for number in range(12):
        session.add_span(f"a{number:03d}", 0, 3, "WEAPON")
    copy = tmp_path / "copy.tawsim"
    backup_project(store, copy)  # edits still in the journal are in the copy
    assert _read(copy, "SELECT count(*) FROM span") == [(12,)]
    session.add_span("a100", 0, 3, "WEAPON")  # the project goes on as before
    assert len(session.annotations("a100").spans) == 1


def test_refused_targets_are_one_line_and_change_nothing(busy_project, tmp_path):
    path, store = busy_project
    taken = tmp_path / "taken.tawsim"
    taken.write_text("keep me")
    cases = [
        (taken, "a file already exists there; choose a new name"),
        (path, "this is the project itself"),
        (tmp_path, "this is a folder"),
        (tmp_path / "missing" / "c.tawsim", "the folder for the copy does not exist"),
    ]
    for target, message in cases:
        with pytest.raises(ProjectError, match=message) as refused:
            backup_project(store, target)
        assert str(refused.value).startswith(f"{target}: ")
    assert taken.read_text() == "keep me"
    (tmp_path / "open.tawsim-wal").write_bytes(b"")
    with pytest.raises(ProjectError, match=r"a journal \(open.tawsim-wal\) sits beside it"):
        backup_project(store, tmp_path / "open.tawsim")
    backup_project(store, taken, force=True)
    assert _read(taken, "SELECT count(*) FROM document") == [(300,)]


def test_a_damaged_project_is_not_copied(tmp_path):
    path = tmp_path / "p.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 3)
    root = _read(path, "SELECT rootpage FROM sqlite_master WHERE name = 'document'")[0][0]
    data = bytearray(path.read_bytes())
    page = slice((root - 1) * 16384, root * 16384)
    data[page] = data[page].replace(b"a001", b"a009", 1)  # passes the quick check at opening
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="the project file is damaged"):
        backup_project(path, tmp_path / "copy.tawsim")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.tawsim"]


def test_the_command_and_what_a_killed_copy_left(busy_project, tmp_path):
    path, store = busy_project
    store.close()
    leftover = tmp_path / f".c.tawsim.{_dead_pid()}-0badc0de.part"
    leftover.write_bytes(b"half a copy")
    runner = CliRunner()
    made = runner.invoke(cli, ["backup", str(path), str(tmp_path / "c.tawsim")])
    assert made.exit_code == 0, made.output
    assert made.output.startswith(f"Copied {path} to {tmp_path / 'c.tawsim'} (")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.tawsim", "p.tawsim"]
    again = runner.invoke(cli, ["backup", str(path), str(tmp_path / "c.tawsim")])
    assert again.exit_code == 1
    assert again.stderr == (f"tawsim: error: {tmp_path / 'c.tawsim'}: a file already exists "
                            "there; choose a new name (or replace it with --force)\n")
    forced = runner.invoke(cli, ["backup", "--force", str(path), str(tmp_path / "c.tawsim")])
    assert forced.exit_code == 0, forced.output
