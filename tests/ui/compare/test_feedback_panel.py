"""Feedback in an annotator's package: the panel opens with the package, lists where the
lead's gold differs from the annotator's spans with the lead's note, shows the place in the
article, and the gold layer is never offered as a working layer."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMenu

from annotator.services.packaging import make_packages
from tests.services.test_review_feedback import lead  # noqa: F401 (a fixture)
from tests.ui.desk_helpers import visible


def test_the_package_opens_with_the_leads_feedback(qtbot, tmp_path, open_desk,
                                                     lead):  # noqa: F811
    report = make_packages(lead, tmp_path / "out", ["amal"], with_feedback="gold",
                           status="new")
    desk = open_desk(report.packages[0].path, annotator=None)
    window = desk.window
    assert desk.current.layer == "amal"
    dock = window.findChild(QDockWidget, "feedbackDock")
    qtbot.waitUntil(dock.isVisible)
    window.open_document("a000")
    panel = window.feedback_desk.panel
    model = panel.model
    rows = {visible(model.data(model.index(row, 0))): row for row in range(model.rowCount())}
    assert set(rows) == {"The lead changed: label", "The lead left this out",
                         "The lead added this"}
    changed = rows["The lead changed: label"]
    assert visible(model.data(model.index(changed, 3))) == "حلب مكان هنا"
    assert visible(model.data(model.index(changed, 1))) == "Actor: حلب"
    assert visible(model.data(model.index(changed, 2))) == "Location: حلب"
    assert "kept 1 span" in panel.summary.text()
    # Choosing it selects the annotator's own span there.
    panel.table.setCurrentIndex(model.index(changed, 0))
    selected = window.view.selected_span()
    assert selected is not None and selected.text == "حلب" and selected.layer == "amal"
    # The lead's gold is read-only here: View › Working layer offers only amal's own.
    menu = window.findChild(QMenu, "workingLayerMenu")
    assert [visible(action.text()) for action in menu.actions()] == ["amal: your own layer"]
    # A document the lead has not reviewed says so.
    window.open_document(next(doc for doc in desk.current.project.document_ids()
                              if doc not in ("a000", "a001", "a003")))
    assert "has not reviewed" in panel.summary.text()


def test_a_package_without_feedback_has_no_panel(qtbot, tmp_path, open_desk,
                                                   lead):  # noqa: F811
    report = make_packages(lead, tmp_path / "out", ["basel"], status="new")
    desk = open_desk(report.packages[0].path, annotator=None)
    window = desk.window
    assert not window.findChild(QDockWidget, "feedbackDock").isVisible()
    assert not window.feedback_desk.show_action.isEnabled()
