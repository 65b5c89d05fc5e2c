"""What File › Merge annotators' work shows, in English and in Arabic: the preview's columns all
in view, and the result's signed counts ("+1 ~0 −0") read left to right inside right-to-left
text, never wrapped apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.services.adjudication import working_session
from annotator.services.identity import Person, package_identity
from annotator.services.packaging import make_packages
from annotator.services.projects import open_project
from annotator.ui.team.merge_preview import MergePreview
from tests.ui.conftest import when_modal

ARTICLES = [f"قال المتحدث {n} إن القصف استهدف الموقع رقم {n} قرب الحدود." for n in range(6)]
SIGNED = re.compile("\u2066?\\+\\d+[ \u00a0]~\\d+[ \u00a0]\u2212\\d+\u2069?")


def cursor_positions_in_groups(text: str) -> list[list[float]]:
    """For each group of signed counts in `text`, laid out right to left on one line, the x
    of the cursor between each two of its characters, in the order they are stored."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    groups = []
    for found in SIGNED.finditer(text):
        start = found.start() + (text[found.start()] == "\u2066")
        end = found.end() - (text[found.end() - 1] == "\u2069")
        groups.append([line.cursorToX(i)[0] for i in range(start + 1, end)])
    return groups


@pytest.fixture
def packages(make_project, tmp_path: Path) -> tuple[Path, Path]:
    project = make_project(*ARTICLES)
    out = tmp_path / "packages"
    with open_project(project) as lead:
        make_packages(lead, out, ["amal"], overlap=0.0)
    with open_project(out / "amal.tawsim") as package:
        person = package_identity(package)
        session = working_session(package, "amal", person=Person(person.person, "amal"))
        doc = next(package.document_ids())
        text = package.document_text(doc)
        session.add_span(doc, text.index("المتحدث"), text.index("المتحدث") + 7, "ACTOR")
    return project, out / "amal.tawsim"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_merge_preview_and_result_read_right(qtbot, open_desk, packages, language):
    project, package = packages
    window = open_desk(project, annotator="lead", language=language).window
    fitted: list[bool] = []

    def preview(dialog: MergePreview) -> None:
        dialog.show()
        QApplication.processEvents()
        fitted.append(dialog.table.horizontalScrollBar().maximum() == 0)
        dialog.accept()

    when_modal(MergePreview, preview)
    results = when_modal(QMessageBox, lambda box: box.accept())
    window.team_desk.merging.start([package], dry_run=True, force=False)
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    assert fitted == [True]  # every column of the preview in view, "removed" and "Links" too
    text = results[0]
    groups = cursor_positions_in_groups(text)
    assert len(groups) == 2  # spans and links
    for positions in groups:
        # Left to right inside right-to-left text: "+1", then "~0", then "−0".
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert "+1\u00a0~0\u00a0\u22120" in text  # no wrapping inside a group
