"""Importing articles (with a progress dialog that can be cancelled) and exporting."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog

from annotator.ui.common import progress
from annotator.ui.export.dialog import ExportDialog
from annotator.ui.export.run import export_articles
from tests.ui.conftest import when_modal


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02d}.txt").write_text(f"خبر رقم {n}: سقطت قذائف قرب البلدة.",
                                             encoding="utf-8")
    return folder


def test_imported_articles_appear_in_the_list(qtbot, make_project, open_desk, articles,
                                              tmp_path):
    window = open_desk(make_project("خبر قديم.")).window
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "feed-1", "title": "عنوان من ملف JSONL",
                                "text": "نص الخبر الوارد من الملف."}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    window.commands.import_paths([articles, feed])
    assert window.documents.model.rowCount() == 42
    assert "41" in window.status.currentMessage()
    assert "42" in window.status.progress.text()
    assert window.documents.model.data(window.documents.model.index(41, 0)) == \
        "عنوان من ملف JSONL"


def test_a_cancelled_import_changes_nothing(qtbot, make_project, open_desk, articles,
                                            monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 0)
    window = open_desk(make_project("خبر قديم.")).window
    when_modal(QProgressDialog, QProgressDialog.cancel)
    window.commands.import_paths([articles])
    assert window.documents.model.rowCount() == 1
    assert window.desk.document_count() == 1


def test_a_failed_import_changes_nothing_and_says_why(qtbot, make_project, open_desk,
                                                     articles):
    window = open_desk(make_project("خبر قديم.")).window
    window.commands.import_paths([next(articles.iterdir())])
    assert "Imported" in window.status.currentMessage()
    (articles / "zz-broken.txt").write_bytes(b"")  # an empty file is refused
    seen = when_modal(QMessageBox, QMessageBox.accept)
    window.commands.import_paths([articles])
    assert window.desk.document_count() == 2
    assert seen and "zz-broken.txt" in seen[0]
    # The earlier import's message is gone: the status bar agrees with the dialog.
    assert window.status.currentMessage() == "Nothing was imported."


def test_the_dataset_export_carries_the_spans(qtbot, make_project, open_desk, tmp_path):
    window = open_desk(make_project("قال شاهد إن صواريخ سقطت.")).window
    window.view.select_range(12, 18)
    window.actions_.labels["WEAPON"].trigger()
    out = tmp_path / "dataset.jsonl"

    def fill(dialog: ExportDialog) -> None:
        dialog.path.setText(str(out))
        dialog.accept()

    when_modal(QDialog, fill)
    window.commands.export()
    qtbot.waitUntil(lambda: not window.search_desk.runner.busy)  # it runs in the background
    (record,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["layer"] == "amal"
    assert [(s["label"], s["text"], s["start"]) for s in record["spans"]] == \
        [("WEAPON", "صواريخ", 12)]
    assert "dataset.jsonl" in window.status.currentMessage()


def test_an_export_can_be_awaited(qtbot, make_project, open_desk, tmp_path):
    window = open_desk(make_project("قال شاهد إن صواريخ سقطت.")).window
    out = tmp_path / "awaited.jsonl"
    assert export_articles(window.context, out, format="jsonl", layer="amal",
                                    status=None)
    (record,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["text"] == "قال شاهد إن صواريخ سقطت."
