"""The document counts everywhere (header, status bar, list) follow imports and statuses."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Status
from tests.ui.documents.test_documents import ARTICLES

CTRL = Qt.KeyboardModifier.ControlModifier


def test_import_updates_the_header_the_status_bar_and_the_list(qtbot, tmp_path, make_project,
                                                              open_desk):
    window = open_desk(make_project(ARTICLES[0])).window
    assert window.header.where.text().startswith("1 / 1 ")
    assert window.status.progress.text().startswith("Documents: 1 ")
    folder = tmp_path / "more"
    folder.mkdir()
    for number, text in enumerate(ARTICLES[1:]):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    window.commands.import_paths([folder])
    assert window.status.currentMessage() == "Imported 2 new documents."
    assert window.documents.model.rowCount() == 3
    assert window.status.progress.text().startswith("Documents: 3 ")
    assert "New 3" in window.status.progress.text()
    assert window.header.where.text().startswith("1 / 3 ")
    assert window.view.text == ARTICLES[0]
    (folder / "last.txt").write_text("نص آخر عن الأحداث.", encoding="utf-8")
    window.commands.import_paths([folder / "last.txt"])
    assert window.status.currentMessage() == "Imported 1 new document."
    assert window.header.where.text().startswith("1 / 4 ")


def test_a_status_change_updates_the_counts_and_a_filtered_list(qtbot, make_project,
                                                                open_desk):
    window = open_desk(make_project(*ARTICLES)).window
    panel = window.documents
    panel.status.setCurrentIndex(panel.status.findData(Status.NEW.value))
    assert panel.model.rowCount() == 3
    with qtbot.waitSignal(window.desk.statusChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert panel.model.rowCount() == 2
    assert "Done 1" in window.status.progress.text()
    assert "New 2" in window.status.progress.text()
