"""An export the disk refuses: one message box naming the output, no file left behind, no
exception, and the desk goes on as before."""

from __future__ import annotations

import pytest

from annotator.ui.export.run import export_articles
from tests.ui.common.failing_disks import full_disk, read_only_folder
from tests.ui.common.message_boxes import MessageBoxes


@pytest.fixture
def window(qtbot, make_project, open_desk):
    window = open_desk(make_project("قال شاهد إن صواريخ سقطت.")).window
    window.view.select_range(12, 18)
    window.actions_.labels["WEAPON"].trigger()
    return window


def _export(window, out) -> tuple[bool, list[tuple[str, str]]]:
    with MessageBoxes() as boxes:
        written = export_articles(window.context, out, format="jsonl", layer="amal",
                                  status=None)
    return written, boxes.seen


def test_a_full_disk_is_one_message_and_no_file(window, tmp_path, monkeypatch):
    out = tmp_path / "exports" / "dataset.jsonl"
    out.parent.mkdir()
    full_disk(monkeypatch)
    written, seen = _export(window, out)
    monkeypatch.undo()
    assert not written
    assert len(seen) == 1
    title, text = seen[0]
    assert title == "Export failed"
    assert text.startswith("Nothing was written.\n\n")
    assert f"{out}: " in text and "disk is full" in text
    assert list(out.parent.iterdir()) == []
    assert _export(window, out)[0]  # with room on the disk it works


def test_a_read_only_folder_is_one_message_and_no_file(window, tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    out = folder / "dataset.jsonl"
    read_only_folder(monkeypatch, folder)
    written, seen = _export(window, out)
    assert not written
    assert len(seen) == 1
    assert seen[0][0] == "Export failed" and "permission denied" in seen[0][1]
    assert str(out) in seen[0][1]
    assert list(folder.iterdir()) == []


def test_a_missing_folder_is_one_message(window, tmp_path):
    out = tmp_path / "no such folder" / "dataset.jsonl"
    written, seen = _export(window, out)
    assert not written
    assert [title for title, _text in seen] == ["Export failed"]
    assert str(out) in seen[0][1]
