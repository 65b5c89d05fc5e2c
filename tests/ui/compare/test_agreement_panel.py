"""The Agreement panel: the open document's figures for each pair of annotators at once, the
project's measured in the background on request, and the report saved as HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog

from annotator.services.agreement import document_agreement, project_agreement
from annotator.services.projects import open_project
from annotator.ui.compare.agreement_model import AgreementModel
from tests.services.review_data import lead_project
from tests.ui.desk_helpers import visible

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def cell(model, row: int, column: int) -> str:
    return visible(model.data(model.index(row, column)))


def open_agreement(qtbot, desk):
    window = desk.window
    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL_SHIFT)
    dock = window.findChild(QDockWidget, "agreementDock")
    qtbot.waitUntil(dock.isVisible)
    return window.agreement_desk.panel


def test_the_document_and_the_project_figures(qtbot, tmp_path, open_desk, monkeypatch):
    path = tmp_path / "lead.tawsim"
    lead_project(path, annotators=("amal", "basel", "chadi"), documents=4).close()
    desk = open_desk(path, annotator="lead")
    panel = open_agreement(qtbot, desk)
    model = panel.document_model
    with open_project(path) as store:
        expected = document_agreement(store, desk.window.doc_id)
        project = project_agreement(store)
    # Three annotators: three pairs, the figures the CLI gives, without an interval.
    assert model.rowCount() == 3
    assert cell(model, 0, AgreementModel.PAIR) == "amal – basel"
    first = expected.pairs[0]
    assert cell(model, 0, AgreementModel.RELAXED) == f"{first.relaxed.total.f1:.2f}"
    assert cell(model, 0, AgreementModel.DOCUMENTS) == "1"
    # The project on request, in the background.
    assert panel.project_model.rowCount() == 0 and not panel.save.isEnabled()
    qtbot.mouseClick(panel.measure, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.project_model.rowCount() == 3, timeout=60_000)
    qtbot.waitUntil(lambda: panel.measure.isEnabled())
    projected = panel.project_model
    pair = project.pairs[0]
    low, high = pair.relaxed.ci
    assert cell(projected, 0, AgreementModel.RELAXED) == \
        f"{pair.relaxed.total.f1:.2f} [{low:.2f}–{high:.2f}]"
    assert cell(projected, 0, AgreementModel.DOCUMENTS) == "4"
    # Saved as the report tawsim agree --html writes.
    target = tmp_path / "agreement.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    qtbot.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    page = target.read_text(encoding="utf-8")
    assert "amal / basel" in page and "basel / chadi" in page


def test_one_annotator_says_so(qtbot, tmp_path, open_desk):
    path = tmp_path / "solo.tawsim"
    lead_project(path, annotators=("amal",), documents=2).close()
    desk = open_desk(path, annotator="lead")
    panel = open_agreement(qtbot, desk)
    assert panel.document_model.rowCount() == 0
    assert "Fewer than two annotators" in panel.document_note.text()
    qtbot.mouseClick(panel.measure, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.measure.isEnabled(), timeout=60_000)
    assert panel.project_model.rowCount() == 0
    assert panel.project_note.text()  # the reason, in one line
