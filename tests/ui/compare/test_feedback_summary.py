"""The Feedback panel names the lead as a person reads it ("The lead", "المشرف"), never by the
record the package keeps of the lead's project (its id)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDockWidget

from annotator.services.feedback import feedback_info
from annotator.services.packaging import make_packages
from annotator.services.projects import open_project
from tests.services.test_review_feedback import lead  # noqa: F401 (a fixture)


@pytest.mark.parametrize(("language", "the_lead"), [("en", "The lead kept"),
                                                    ("ar", "أبقى المشرف")])
def test_the_summary_says_the_lead(qtbot, tmp_path, open_desk, lead,  # noqa: F811
                                   language, the_lead):
    report = make_packages(lead, tmp_path / "out", ["amal"], with_feedback="gold",
                           status="new")
    path = report.packages[0].path
    with open_project(path) as package:
        recorded = feedback_info(package).lead
    desk = open_desk(path, annotator=None, language=language)
    window = desk.window
    qtbot.waitUntil(window.findChild(QDockWidget, "feedbackDock").isVisible)
    window.open_document("a000")
    summary = window.feedback_desk.panel.summary.text()
    assert summary.startswith(the_lead)
    assert recorded not in summary and lead.project_id not in summary
