"""A lead in gold sees each annotator's status beside gold's in the document list, and
filters by any of them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.services.adjudication import working_session
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from tests.services.review_data import lead_project
from tests.ui.desk_helpers import visible


def column_texts(model, row: int) -> list[str]:
    """The title, then each layer's status as its tooltip says it."""
    title = visible(model.data(model.index(row, 0)))
    return [title] + [visible(model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole))
                      .replace("<p style='white-space:pre-wrap'>", "").replace("</p>", "")
                      for column in range(1, model.columnCount())]


def test_the_leads_list_shows_and_filters_every_annotators_status(qtbot, tmp_path,
                                                                   open_desk):
    path = tmp_path / "lead.tawsim"
    lead_project(path, documents=4, done=False).close()
    with open_project(path) as store:
        AnnotationSession(store, "amal").set_status("a001", Status.DONE)
        AnnotationSession(store, "basel").set_status("a002", Status.DONE)
        working_session(store, "lead", "gold").set_status("a001", Status.REVIEWED)
    desk = open_desk(path, annotator="lead")
    window = desk.window
    panel = window.documents
    assert not panel.model.reviewing and not panel.layer.isVisible()
    window.layers.actions["gold"].trigger()
    qtbot.waitUntil(lambda: desk.current.layer == "gold")
    panel = desk.window.documents
    model = panel.model
    assert model.reviewing and panel.layer.isVisible()
    headers = [visible(model.headerData(c, Qt.Orientation.Horizontal))
               for c in range(model.columnCount())]
    assert headers == ["Title", "amal", "basel", "gold (gold)"]
    rows = {model.doc_id(row): column_texts(model, row)[1:] for row in range(model.rowCount())}
    assert rows["a001"] == ["Done", "In progress", "Reviewed"]
    assert rows["a002"] == ["In progress", "Done", "New"]
    # Whose status the filter looks at: basel's done documents.
    panel.layer.setCurrentIndex(panel.layer.findData("basel"))
    panel.status.setCurrentIndex(panel.status.findData(Status.DONE.value))
    assert [model.doc_id(row) for row in range(model.rowCount())] == ["a002"]
    # Gold's reviewed ones.
    panel.layer.setCurrentIndex(panel.layer.findData(None))
    panel.status.setCurrentIndex(panel.status.findData(Status.REVIEWED.value))
    assert [model.doc_id(row) for row in range(model.rowCount())] == ["a001"]


def test_the_review_columns_fit_the_panel(qtbot, tmp_path, open_desk):
    path = tmp_path / "lead.tawsim"
    lead_project(path, documents=2).close()
    desk = open_desk(path, annotator="lead")
    desk.window.layers.actions["gold"].trigger()
    qtbot.waitUntil(lambda: desk.current.layer == "gold")
    panel = desk.window.documents
    header = panel.table.horizontalHeader()

    def widths() -> list[int]:
        return [header.sectionSize(column) for column in range(1, header.count())]

    qtbot.waitUntil(lambda: header.count() == 4 and all(width <= 110 for width in widths()))
