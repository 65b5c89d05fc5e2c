"""The curation panel's account of the open document: its figures add up before and after an
accept, it follows the annotators' layers when another program writes them (a merge from the
command line), and Mark reviewed asks first while places are still undecided."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.core.model import Status
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from tests.ui.compare.test_curation_desk import CTRL_SHIFT, DOC, curate, lead_file
from tests.ui.conftest import when_modal
from tests.ui.desk_helpers import visible

NUMBER = r"(\d+)"


def figures(summary: str) -> dict[str, int]:
    """The summary's figures: places to decide, each kind among them, decided, agreed."""
    text = visible(summary)
    found = {"to decide": int(re.search(NUMBER + r" places? to decide", text).group(1))}
    inside = re.search(r"\((.*)\)", text)
    for part in inside.group(1).split(", ") if inside else []:
        name, count = part.rsplit(" ", 1)
        found[name] = int(count)
    for name in ("Decided", "Agreed"):
        number = re.search(name + " " + NUMBER, text)
        found[name] = int(number.group(1)) if number else 0
    return found


def kinds_sum(found: dict[str, int]) -> int:
    return sum(count for name, count in found.items()
               if name not in ("to decide", "Decided", "Agreed"))


def test_the_summary_adds_up_before_and_after_an_accept(qtbot, tmp_path, open_desk):
    desk = open_desk(lead_file(tmp_path), annotator="lead")
    window, curation = curate(qtbot, desk)
    panel = curation.panel
    items = len(curation.view.items)
    before = figures(panel.summary.text())
    assert before["to decide"] == kinds_sum(before) > 0
    assert before["to decide"] + before["Decided"] + before["Agreed"] == items
    row = next(row for row, item in enumerate(panel.model.rows)
               if item.versions["amal"] is not None)
    panel.choose_row(row)
    panel.table.setFocus()
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(panel.table, Qt.Key.Key_1)
    after = figures(panel.summary.text())
    assert after["to decide"] == kinds_sum(after)
    assert after["to decide"] + after["Decided"] + after["Agreed"] == len(curation.view.items)
    # The place moved from "to decide" to decided (or agreed, when the annotators agreed).
    assert after["to decide"] == before["to decide"] - 1
    assert after["Decided"] + after["Agreed"] == before["Decided"] + before["Agreed"] + 1


def test_the_panel_follows_an_annotator_layer_written_elsewhere(qtbot, tmp_path, open_desk):
    path = lead_file(tmp_path)
    desk = open_desk(path, annotator="lead")
    _window, curation = curate(qtbot, desk)
    before = curation.panel.summary.text()
    rows = curation.panel.model.rowCount()
    # Another program (a merge from the command line) adds a span to amal's layer.
    with open_project(path) as store:
        text = store.document_text(DOC)
        start = text.index("الطريق")
        AnnotationSession(store, "amal").add_span(DOC, start, start + len("الطريق"), "WEAPON")
    qtbot.waitUntil(lambda: curation.panel.model.rowCount() == rows + 1, timeout=5_000)
    assert curation.panel.summary.text() != before
    assert any(item.versions["amal"] is not None and item.versions["amal"].label == "WEAPON"
               and item.versions["amal"].span.text == "الطريق"
               for item in curation.panel.model.rows)


def test_mark_reviewed_asks_while_places_are_undecided(qtbot, tmp_path, open_desk):
    path = lead_file(tmp_path)
    desk = open_desk(path, annotator="lead")
    window, curation = curate(qtbot, desk)
    undecided = figures(curation.panel.summary.text())["to decide"]
    boxes: list[QMessageBox] = []

    def cancel(box: QMessageBox) -> None:
        boxes.append(box)
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Cancel).click()

    asked = when_modal(QMessageBox, cancel)
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(boxes))
    assert f"{undecided} places in this document are still undecided" in visible(asked[0])
    with open_project(path) as store:
        assert store.status(DOC, "gold") != Status.REVIEWED
    assert not curation.actions.mark_reviewed.isChecked()
    # Asked again, the lead goes ahead.
    window.activateWindow()  # shortcuts reach the window once it is active again
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Ok).click())
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(curation.actions.mark_reviewed.isChecked)
    with open_project(path) as store:
        assert store.status(DOC, "gold") == Status.REVIEWED
    # Back in progress: nothing to ask.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL_SHIFT)
    with open_project(path) as store:
        assert store.status(DOC, "gold") == Status.IN_PROGRESS
