"""A project Tawsim may not write (a read-only file or folder, a share, a CD) opens for
reading without creating anything beside it; every write is refused in one line.

Tests run as root in CI, and root writes read-only files anyway: the permission check is
replaced by a flag here (the opening logic is the same), and the one test that sets real
permissions runs only as another user.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import ProjectError
from annotator.services.exporting import export_dataset
from annotator.services.projects import as_user_error, checkpoint, open_project
from annotator.services.search import search_project
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.team_data import add_articles
from tests.storage.crash import AFTER, BEFORE, crashed_project


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def closed_project(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "p.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 5)
        AnnotationSession(store, "amal").add_span("a001", 0, 3, "WEAPON")
        search_project(store, "الزهراء")  # builds the search index while it can
    return path


@pytest.fixture
def unwritable(monkeypatch):
    """Files and folders count as read-only, as they would for a user without rights."""
    monkeypatch.setattr("annotator.storage.database.writable", lambda path: False)


def test_a_read_only_project_is_read_and_nothing_is_created_beside_it(closed_project,
                                                                     tmp_path, unwritable):
    folder = closed_project.parent
    before = closed_project.read_bytes()
    with open_project(closed_project) as store:
        assert store.read_only
        assert store.stats()["layers"]["amal"]["spans"] == {"WEAPON": 1}
        assert len(search_project(store, "الزهراء").hits) == 5
        export_dataset(store, tmp_path / "out.jsonl")
        assert checkpoint(store) is True  # nothing of its own to save
        store.verify()
    assert _listing(folder) == ["p.tawsim"]
    assert closed_project.read_bytes() == before
    assert len((tmp_path / "out.jsonl").read_bytes().splitlines()) == 5


def test_writing_a_read_only_project_is_refused_in_one_line(closed_project, unwritable):
    before = closed_project.read_bytes()
    with pytest.raises(ProjectError) as refused, open_project(closed_project) as store:
        AnnotationSession(store, "amal").add_span("a002", 0, 3, "WEAPON")
    assert str(refused.value) == (f"{closed_project}: cannot save: the project file is "
                                  "read-only (or its folder is)")
    store = open_project(closed_project)
    try:
        with pytest.raises(sqlite3.OperationalError) as raw:
            store.set_meta("name", "x")  # what the desk sees outside a `with`
        assert str(as_user_error(raw.value, store.path)) == str(refused.value)
    finally:
        store.close()
    assert closed_project.read_bytes() == before
    assert _listing(closed_project.parent) == ["p.tawsim"]


@pytest.mark.parametrize("args", [
    ["import", "{p}", "{new}"],
    ["scheme", "rename", "{p}", "WEAPON", "ARMS"],
])
def test_writing_commands_say_the_project_is_read_only(closed_project, tmp_path, args,
                                                       unwritable):
    new = tmp_path / "new.jsonl"
    new.write_bytes(orjson.dumps({"text": "نص جديد", "id": "n1"}) + b"\n")
    before = closed_project.read_bytes()
    result = CliRunner().invoke(cli, [a.format(p=closed_project, new=new) for a in args])
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"tawsim: error: {closed_project}: cannot save: the project "
                             "file is read-only (or its folder is)\n")
    assert closed_project.read_bytes() == before
    assert _listing(closed_project.parent) == ["p.tawsim"]


def test_a_read_only_project_with_a_crash_journal(tmp_path, unwritable):
    """The journal's edits are read through the index SQLite left beside it; without that
    index they cannot be read without creating a file, so the project is refused."""
    path = tmp_path / "p.tawsim"
    crashed_project(path)
    listing, before = _listing(tmp_path), path.read_bytes()
    with open_project(path) as store:
        assert store.stats()["layers"]["amal"]["spans"] == {"ACTOR": BEFORE + AFTER}
    assert _listing(tmp_path) == listing
    assert path.read_bytes() == before
    path.with_name("p.tawsim-shm").unlink()
    with pytest.raises(ProjectError, match=r"the journal beside the project file "
                       r"\(p.tawsim-wal\) holds edits not yet in it, and the file is "
                       "read-only"):
        open_project(path)
    assert _listing(tmp_path) == ["p.tawsim", "p.tawsim-wal"]


def test_a_read_only_project_from_an_older_tawsim_is_refused(tmp_path, unwritable):
    from tests.storage.test_migration_from_release import RELEASE

    path = tmp_path / "old.tawsim"
    shutil.copyfile(RELEASE, path)
    with pytest.raises(ProjectError, match="made by an older Tawsim, and the file is "
                                           "read-only"):
        open_project(path)
    assert _listing(tmp_path) == ["old.tawsim"]


def test_writable_files_open_for_writing(closed_project):
    with open_project(closed_project) as store:
        assert not store.read_only
    with open_project(closed_project, read_only=True) as store:  # asked for
        assert store.read_only


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write read-only files and folders")
def test_a_really_read_only_folder(closed_project):
    folder = closed_project.parent
    folder.chmod(0o555)
    try:
        with open_project(closed_project) as store:
            assert store.read_only
            assert store.stats()["documents"] == 5
        assert _listing(folder) == ["p.tawsim"]
    finally:
        folder.chmod(0o755)
