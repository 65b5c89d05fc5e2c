"""File › Save a copy…: a complete copy of the open project in one new file, made while the
desk is in use; never over the project itself; where it went in the status bar, and any
refusal in one message box."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from annotator.storage import ProjectStore
from annotator.ui.shell import save_copy
from annotator.ui.shell.save_copy import default_copy_name
from tests.scheme_texts import at
from tests.ui.common.failing_disks import read_only_folder
from tests.ui.common.message_boxes import MessageBoxes

TEXT = "قال شاهد إن صواريخ سقطت قرب المستشفى في الموصل."


def test_the_suggested_name_says_copy_and_the_day():
    assert default_copy_name(Path("/data/أخبار.tawsim"), date(2026, 12, 7)) == \
        "أخبار copy 2026-12-07.tawsim"


@pytest.fixture
def desk(qtbot, make_project, open_desk):
    return open_desk(make_project(TEXT, "خبر ثان."))


def _label(window, words: str, label: str) -> None:
    window.view.select_range(*at(window.view.text, words))
    window.actions_.labels[label].trigger()


def _save_as(qtbot, monkeypatch, window, target: Path, replace: bool) -> list[Path]:
    """File › Save a copy…, answering the file dialog with `target`; returns what the
    dialog suggested."""
    suggested: list[Path] = []

    def choose(_parent, suggestion: Path):
        suggested.append(suggestion)
        return target, replace

    monkeypatch.setattr(save_copy, "choose_copy_path", choose)
    window.actions_.save_copy.trigger()
    qtbot.waitUntil(lambda: not window.context.runner.busy, timeout=10000)
    return suggested


def _spans(path: Path, doc_id: str) -> list[tuple[str, str]]:
    with ProjectStore.open(path) as store:
        return sorted((s.label, s.text) for s in store.annotations(doc_id, "amal").spans)


def test_a_copy_holds_every_edit_at_once(qtbot, desk, monkeypatch, tmp_path):
    window = desk.window
    _label(window, "صواريخ", "WEAPON")
    _label(window, "الموصل", "LOCATION")
    target = tmp_path / "backups" / "the copy.tawsim"
    target.parent.mkdir()
    with MessageBoxes() as boxes:
        suggested = _save_as(qtbot, monkeypatch, window, target, False)  # no idle wait
    assert boxes.seen == []
    assert suggested == [desk.current.path.parent /
                         f"articles copy {date.today().isoformat()}.tawsim"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["the copy.tawsim"]
    assert _spans(target, window.doc_id) == [("LOCATION", "الموصل"), ("WEAPON", "صواريخ")]
    assert str(target) in window.status.currentMessage()
    _label(window, "المستشفى", "LOCATION")  # the desk goes on working in the project
    assert len(_spans(desk.current.path, window.doc_id)) == 3


def test_the_project_itself_is_never_overwritten(qtbot, desk, monkeypatch):
    window = desk.window
    _label(window, "صواريخ", "WEAPON")
    project = desk.current.path
    with MessageBoxes() as boxes:
        _save_as(qtbot, monkeypatch, window, project, True)  # "replace it?" answered yes
    assert len(boxes.seen) == 1
    title, text = boxes.seen[0]
    assert title == "Cannot save a copy"
    assert "this is the project itself" in text and str(project) in text
    assert _spans(project, window.doc_id) == [("WEAPON", "صواريخ")]
    _label(window, "الموصل", "LOCATION")
    assert len(_spans(project, window.doc_id)) == 2


def test_another_file_is_replaced_only_when_the_person_said_so(qtbot, desk, monkeypatch,
                                                               tmp_path):
    window = desk.window
    target = tmp_path / "old copy.tawsim"
    target.write_bytes(b"an older copy")
    with MessageBoxes() as boxes:
        _save_as(qtbot, monkeypatch, window, target, False)
    assert len(boxes.seen) == 1 and "a file already exists there" in boxes.texts[0]
    assert target.read_bytes() == b"an older copy"
    with MessageBoxes() as boxes:
        _save_as(qtbot, monkeypatch, window, target, True)
    assert boxes.seen == []
    with ProjectStore.open(target) as store:
        assert store.count_documents() == 2


def test_a_read_only_folder_is_one_message(qtbot, desk, monkeypatch, tmp_path):
    window = desk.window
    folder = tmp_path / "read-only"
    folder.mkdir()
    read_only_folder(monkeypatch, folder)
    with MessageBoxes() as boxes:
        _save_as(qtbot, monkeypatch, window, folder / "copy.tawsim", False)
    assert len(boxes.seen) == 1
    assert boxes.texts[0].endswith(f"permission denied: {folder / 'copy.tawsim'}")
    assert list(folder.iterdir()) == []


def test_save_a_copy_is_in_the_file_menu(desk):
    file_menu = desk.window.menuBar().actions()[0].menu()
    assert desk.window.actions_.save_copy in file_menu.actions()
    assert desk.window.actions_.save_copy.isEnabled()
