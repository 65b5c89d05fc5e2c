"""The export dialog: every format with its options, the filters, a split by document id,
the report of what a format could not carry, and a cancelled export that leaves no file."""

from __future__ import annotations

import json
import threading

from PySide6.QtWidgets import QComboBox, QDialog, QLabel

from annotator.services.exporting import export_dataset
from annotator.ui.export import run as export_run
from annotator.ui.export.dialog import ExportDialog
from annotator.ui.export.run import ExportRun
from tests.ui.compare.test_predictions import project_with_predictions
from tests.ui.conftest import when_modal

ARTICLES = [f"خبر رقم {n}: سقطت صواريخ قرب بلدة الزهراء بسوريا." for n in range(30)]


def label_first(window):
    text = window.view.text
    for word, label in (("صواريخ", "WEAPON"), ("الزهراء", "LOCATION")):
        start = text.index(word)
        window.desk.add_span(window.doc_id, start, start + len(word), label)
    start = text.index("بسوريا") + 1
    window.desk.add_span(window.doc_id, start, start + len("سوريا"), "LOCATION")


def export_with(qtbot, window, choose) -> None:
    """Open File › Export, let `choose(dialog)` fill it in, and wait for the export."""

    def fill(dialog: ExportDialog) -> None:
        choose(dialog)
        dialog.accept()

    when_modal(QDialog, fill)
    window.actions_.export.trigger()
    qtbot.waitUntil(lambda: not window.search_desk.runner.busy)


def pick(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_a_doccano_file_of_the_labelled_documents_with_chosen_labels(qtbot, make_project,
                                                                    open_desk, tmp_path):
    window = open_desk(make_project(*ARTICLES[:3])).window
    label_first(window)
    out = tmp_path / "doccano.jsonl"

    def choose(dialog: ExportDialog) -> None:
        pick(dialog.format, "doccano")
        assert dialog.path.text().endswith(".jsonl")
        assert "option:relations" in {f.objectName() for f in dialog.options.fields.values()}
        pick(dialog.status, "in_progress")
        dialog.labels.boxes["WEAPON"].setChecked(False)
        dialog.path.setText(str(out))

    export_with(qtbot, window, choose)
    (line,) = out.read_text("utf-8").splitlines()  # only the document in progress
    record = json.loads(line)
    text = record["text"]
    assert sorted((text[s:e], label) for s, e, label in record["label"]) == [
        ("الزهراء", "LOCATION"), ("سوريا", "LOCATION")]
    assert "doccano.jsonl" in window.status.currentMessage()


def test_a_split_writes_one_file_per_part_and_the_dialog_previews_it(qtbot, make_project,
                                                                    open_desk, tmp_path):
    window = open_desk(make_project(*ARTICLES)).window
    out = tmp_path / "parts"
    previews = []

    def choose(dialog: ExportDialog) -> None:
        dialog.split.enabled.setChecked(True)
        previews.append(dialog.split.counts.text())
        dialog.split.spec_field.setText("train=0.7,test=0.2")
        assert not dialog.ok.isEnabled()  # the shares must add up
        dialog.split.spec_field.setText("train=0.8,dev=0.1,test=0.1")
        assert dialog.ok.isEnabled()
        dialog.path.setText(str(out))

    export_with(qtbot, window, choose)
    counts = {part: len((out / f"{part}.jsonl").read_text("utf-8").splitlines())
              for part in ("train", "dev", "test")}
    assert sum(counts.values()) == len(ARTICLES)
    assert previews == ["Documents in each part: " + " · ".join(
        f"{part} {count}" for part, count in counts.items())]


def test_what_a_format_cannot_carry_is_reported(qtbot, make_project, open_desk, tmp_path):
    window = open_desk(make_project(ARTICLES[0])).window
    label_first(window)
    out = tmp_path / "tags.conll"

    def choose(dialog: ExportDialog) -> None:
        pick(dialog.format, "conll")
        assert dialog.path.text().endswith(".conll")
        pick(dialog.options.fields["proclitics"], "keep")  # بسوريا stays one token
        dialog.path.setText(str(out))

    export_with(qtbot, window, choose)
    assert out.exists()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "exportReport") is not None)
    report = window.findChild(QDialog, "exportReport")
    assert report.report.issue_count == 1
    assert report.findChild(QLabel, "exportIssueCount").text().startswith(
        "1 span could not be written")
    assert report.report.issues[0].start == ARTICLES[0].index("بسوريا") + 1
    report.close()


def test_a_cancelled_export_leaves_no_file(qtbot, make_project, open_desk, tmp_path,
                                          monkeypatch):
    window = open_desk(make_project(*ARTICLES)).window
    written, cancelled = threading.Event(), threading.Event()

    def export_halfway(*args, progress, **options):
        """The real export, held after its first document until the test has cancelled it,
        so that Cancel always comes in the middle of the export, whatever the machine."""
        def hold(count: int) -> None:
            progress(count)
            if not written.is_set():
                written.set()
                assert cancelled.wait(10)

        return export_dataset(*args, progress=hold, **options)

    monkeypatch.setattr(export_run, "export_dataset", export_halfway)
    for name, split in (("cancelled.jsonl", None), ("cancelled-parts", "train=0.5,test=0.5")):
        written.clear()
        cancelled.clear()
        out = tmp_path / name
        dialog = ExportDialog(window, window.desk, tmp_path, "x")
        dialog.path.setText(str(out))
        if split:
            dialog.split.enabled.setChecked(True)
            dialog.split.spec_field.setText(split)
        run = ExportRun(window.context, dialog.choice())
        job = run.start()
        assert written.wait(10)  # the first document is written
        run.cancel()
        cancelled.set()
        with qtbot.waitSignal(job.ended, timeout=10_000):
            pass
        assert run.report is None
        assert not out.exists()
        assert list(tmp_path.glob(name + "*")) == []


def test_every_layer_is_offered_only_where_the_format_keeps_layers_apart(qtbot, tmp_path,
                                                                         open_desk):
    window = open_desk(project_with_predictions(tmp_path)).window
    offered = {}
    out = tmp_path / "all.jsonl"

    def choose(dialog: ExportDialog) -> None:
        for name in ("doccano", "conll", "jsonl"):
            pick(dialog.format, name)
            offered[name] = [dialog.layer.itemText(i) for i in range(dialog.layer.count())]
        pick(dialog.layer, "")
        dialog.path.setText(str(out))

    export_with(qtbot, window, choose)
    assert "Every layer" not in offered["doccano"] + offered["conll"]
    assert offered["jsonl"][-1] == "Every layer"
    layers = {json.loads(line)["layer"] for line in out.read_text("utf-8").splitlines()}
    assert layers == {"gold", "pred"}
