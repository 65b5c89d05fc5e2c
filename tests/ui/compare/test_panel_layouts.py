"""What a lead sees of the curation and agreement panels at the usual window sizes, in English
and in Arabic: every column in view (gold's, κ stance, SOURCE F1, Edges only), and a claim's
stance and source before its text, where a narrow cell does not elide them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from annotator.ui.compare.curation_model import describe
from tests.ui.compare.test_agreement_panel import open_agreement
from tests.ui.compare.test_curation_desk import curate, lead_file
from tests.ui.desk_helpers import visible

SIZES = [(1400, 900), (1920, 1080)]


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def columns_out_of_view(table: QTableView) -> list[str]:
    """The headers of the columns not wholly in the table's viewport."""
    header: QHeaderView = table.horizontalHeader()
    width = table.viewport().width()
    model = table.model()
    return [visible(model.headerData(column, Qt.Orientation.Horizontal))
            for column in range(model.columnCount())
            if header.sectionViewportPosition(column) < 0
            or header.sectionViewportPosition(column) + header.sectionSize(column) > width]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("size", SIZES)
def test_the_curation_table_shows_every_version(qtbot, tmp_path, open_desk, language, size):
    desk = open_desk(lead_file(tmp_path), annotator="lead", language=language)
    desk.window.resize(*size)
    _window, curation = curate(qtbot, desk)
    settle()
    table = curation.panel.table
    assert columns_out_of_view(table) == []
    assert table.horizontalScrollBar().maximum() == 0
    # The place and what differs take two fifths of the table at most: the versions, the
    # columns the lead decides between, share the rest.
    header = table.horizontalHeader()
    first_two = header.sectionSize(0) + header.sectionSize(1)
    assert first_two <= 0.4 * table.viewport().width()


def test_a_claim_reads_stance_and_source_before_its_text(qtbot, tmp_path, open_desk):
    desk = open_desk(lead_file(tmp_path), annotator="lead")
    _window, curation = curate(qtbot, desk)
    panel = curation.panel
    claim = next(item.versions[layer] for item in panel.model.rows for layer in ("amal", "basel")
                 if item.versions[layer] is not None and item.versions[layer].label == "CLAIM"
                 and item.versions[layer].sources and item.versions[layer].stance)
    text = visible(describe(claim, desk.current.scheme))
    source = claim.sources[0].target.text
    assert text.startswith("Claim · ")
    stance_at = text.index(" · ") + 3
    assert text.index("→\u00a0" + source[:10]) > stance_at
    assert text.index(claim.span.text[:10]) > text.index(source[:10])  # the text last


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_agreement_figures_are_all_in_view(qtbot, tmp_path, open_desk, language):
    path = lead_file(tmp_path)
    desk = open_desk(path, annotator="lead", language=language)
    desk.window.resize(1400, 900)
    panel = open_agreement(qtbot, desk)
    qtbot.mouseClick(panel.measure, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.project_model.rowCount() == 1, timeout=60_000)
    qtbot.waitUntil(lambda: panel.measure.isEnabled())
    settle()
    for table in (panel.document_table, panel.project_table):
        assert columns_out_of_view(table) == []
        assert table.horizontalScrollBar().maximum() == 0
