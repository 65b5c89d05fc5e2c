"""Projects the desk cannot open, or cannot write: one message box each (never a traceback),
the project left exactly as it was, and the desk still working in what it had open.

Opened as File › Open does (the window asks the desk), and as `tawsim-gui PROJECT` does
(the desk then opens the default project instead).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from annotator.ui.shell.app import main
from tests.cli.test_damaged_projects import cut_short, scribble_over_spans, wipe_header
from tests.services.team_data import add_articles
from tests.storage.crash import AFTER, crashed_project
from tests.ui.common.message_boxes import MessageBoxes
from tests.ui.common.project_state import project_state

TEXT = "قال شاهد إن صواريخ سقطت قرب المستشفى في الموصل."


def _files(path: Path) -> dict[str, bytes]:
    """The project file and the journal beside it, as bytes (not the journal's index,
    `-shm`, which SQLite rebuilds as it reads)."""
    return {p.name: p.read_bytes() for p in path.parent.glob(path.name + "*")
            if not p.name.endswith("-shm")}


def _damaged(damage):
    def make(folder: Path) -> Path:
        path = folder / "damaged.tawsim"
        with ProjectStore.create(path) as store:
            add_articles(store, 40)
            session = AnnotationSession(store, "amal")
            for number in range(40):
                session.add_span(f"a{number:03d}", 0, 3, "WEAPON")
        damage(path)
        return path
    return make


def _older_copy_beside_a_newer_journal(folder: Path) -> Path:
    path = folder / "restored.tawsim"
    older = folder / "older.tawsim"
    crashed_project(path, copy_to=older, checkpoint_at=AFTER // 2)
    os.replace(older, path)
    return path


def _stored_scheme(raw: str):
    def make(folder: Path) -> Path:
        path = folder / "scheme.tawsim"
        with ProjectStore.create(path) as store:
            add_articles(store, 2)
            with store.db.atomic():
                store.set_meta("scheme", raw)
        return path
    return make


UNOPENABLE = {
    "scribbled": (_damaged(scribble_over_spans), "the project file is damaged"),
    "cut short": (_damaged(cut_short), "the project file is damaged"),
    "header wiped": (_damaged(wipe_header), "the project file is damaged"),
    "older copy beside a newer journal": (
        _older_copy_beside_a_newer_journal,
        "the project file and the journal beside it (restored.tawsim-wal) do not belong"),
    "stored scheme not JSON": (_stored_scheme('{"labels": ['),
                               "the stored scheme is not valid JSON"),
    "stored scheme malformed": (_stored_scheme('{"name": "x", "labels": [{"name": 3}]}'),
                                "invalid scheme at labels/0"),
    "not a project": (lambda folder: _written(folder / "notes.tawsim", b"plain text " * 99),
                      "not a Tawsim project"),
    "missing": (lambda folder: folder / "missing.tawsim", "no such project file"),
}


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def broken(request, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    make, expected = UNOPENABLE[request.param]
    return make(folder), expected


@pytest.mark.parametrize("broken", sorted(UNOPENABLE), indirect=True)
def test_file_open_refuses_in_one_box_and_keeps_the_open_project(qtbot, make_project,
                                                                 open_desk, broken, capsys):
    path, expected = broken
    desk = open_desk(make_project(TEXT))
    working = desk.current.path
    before = _files(path)
    with MessageBoxes() as boxes:
        desk.window.projectRequested.emit(str(path))
    assert len(boxes.seen) == 1, boxes.seen
    title, text = boxes.seen[0]
    assert title == "Cannot open the project"
    assert text.startswith(f"{path}") and expected in text, text
    assert "\n" not in text
    assert _files(path) == before  # nothing was written into it, nor beside it
    assert desk.current.path == working
    desk.window.view.select_range(12, 18)
    desk.window.actions_.labels["WEAPON"].trigger()
    assert desk.window.view.selected_span() is not None  # the open project goes on
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("broken", sorted(UNOPENABLE), indirect=True)
def test_the_command_line_refuses_in_one_box_and_opens_the_default(qtbot, open_desk,
                                                                   app_paths, broken, capsys):
    path, expected = broken
    before = _files(path)
    with MessageBoxes() as boxes:
        desk = open_desk(path)  # tawsim-gui PATH --annotator amal
    assert len(boxes.seen) == 1, boxes.seen
    assert boxes.seen[0][0] == "Cannot open the project" and expected in boxes.seen[0][1]
    assert _files(path) == before
    assert desk.current is not None and desk.current.path == app_paths.default_project
    assert "Traceback" not in capsys.readouterr().err


@pytest.fixture
def read_only(monkeypatch):
    """Make `path` count as read-only, as for a user without rights to it or its folder
    (tests run as root, who may write anyway)."""
    def make(path: Path) -> None:
        monkeypatch.setattr("annotator.storage.database.writable",
                            lambda candidate: Path(candidate).resolve() != path.resolve())
    return make


def test_a_read_only_project_says_so_once_and_refuses_edits_in_the_status_bar(
        qtbot, make_project, open_desk, read_only):
    path = make_project(TEXT)
    first = open_desk(path)  # amal has worked here: her layer is in the file
    first.window.close()
    first.close()
    read_only(path)
    before = project_state(path)
    with MessageBoxes() as boxes:
        desk = open_desk(path)
        window = desk.window
        window.view.select_range(12, 18)
        window.actions_.labels["WEAPON"].trigger()
        assert "read-only" in window.status.currentMessage()
        window.actions_.mark_done.trigger()
        qtbot.wait(1200)  # the idle checkpoint of a read-only project has nothing to do
    assert len(boxes.seen) == 1, boxes.seen
    assert boxes.seen[0][0] == "A read-only project"
    assert str(path) in boxes.seen[0][1]
    assert desk.current.path == path
    assert project_state(path) == before


def test_a_read_only_project_without_a_layer_for_the_person_says_what_to_do(
        qtbot, make_project, open_desk, read_only):
    desk = open_desk(make_project(TEXT))
    working = desk.current.path
    other = make_project("خبر آخر.", name="theirs.tawsim")
    read_only(other)
    before = _files(other)
    with MessageBoxes() as boxes:
        desk.window.projectRequested.emit(str(other))
    assert len(boxes.seen) == 1, boxes.seen
    title, text = boxes.seen[0]
    assert title == "Cannot open the project"
    assert text.startswith(f"{other}: ") and "Copy it to a folder you can write to" in text
    assert _files(other) == before
    assert desk.current.path == working


def test_a_default_project_that_cannot_be_made_is_one_line(qtbot, tmp_path, monkeypatch,
                                                            capsys):
    """`tawsim-gui` before any window: where the settings and the default project go is a
    file, not a folder."""
    blocker = tmp_path / "tawsim-home"
    blocker.write_text("a file where a folder belongs", encoding="utf-8")
    monkeypatch.setenv("TAWSIM_HOME", str(blocker))
    assert main([]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"tawsim-gui: error: {blocker}: a file or folder of that name is in the way"]
