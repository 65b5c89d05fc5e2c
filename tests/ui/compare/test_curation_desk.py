"""The lead curates in the desk: the curation panel beside gold, walked with F4, versions
accepted with 1 to 9 (stance and SOURCE link along), rejected with R, one annotator's whole
document taken at once, the document pre-merged and marked reviewed; every step one edit of
gold that Ctrl+Z takes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox, QPushButton

from annotator.core.model import Status
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from tests.services.review_data import lead_project
from tests.ui.desk_helpers import visible

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
DOC = "a000"


def lead_file(tmp_path, **options):
    path = tmp_path / "lead.tawsim"
    lead_project(path, documents=3, **options).close()
    return path


def gold(path, doc_id: str = DOC):
    with open_project(path) as store:
        spans = {span.id: span for span in store.spans(doc_id, "gold")}
        links = [(spans[r.head].text, r.type, spans[r.tail].text)
                 for r in store.relations(doc_id, "gold")]
        return sorted((s.text, s.label, s.attrs.get("stance")) for s in spans.values()), links


def curate(qtbot, desk):
    """Open the curation panel as a lead does (Ctrl+Shift+G); the desk moves to gold."""
    window = desk.window
    qtbot.keyClick(window.view, Qt.Key.Key_G, CTRL_SHIFT)
    qtbot.waitUntil(lambda: desk.current.layer == "gold")
    window = desk.window
    dock = window.findChild(QDockWidget, "curationDock")
    qtbot.waitUntil(dock.isVisible)
    return window, window.curation_desk


def test_opening_curation_works_in_gold_and_lists_the_differences(qtbot, tmp_path,
                                                                   open_desk):
    path = lead_file(tmp_path)
    desk = open_desk(path, annotator="lead")
    assert desk.current.layer == "lead"
    _window, curation = curate(qtbot, desk)
    panel = curation.panel
    model = panel.model
    assert model.layers == ("amal", "basel", "gold")
    assert [visible(model.headerData(c, Qt.Orientation.Horizontal))
            for c in range(model.columnCount())] == ["Where", "What differs", "amal", "basel",
                                                     "Gold: gold"]
    # Gold is empty: every item is missing in gold, and differs.
    assert model.rowCount() == len(curation.view.items) > 0
    assert all(item.kind == "missing_in_gold" for item in model.rows)
    assert "place" in panel.summary.text()
    buttons = [b.text() for b in panel.findChildren(QPushButton) if not b.isHidden()
               and b.objectName().startswith("curationAccept")]
    assert [visible(text) for text in buttons] == ["Accept amal (1)", "Accept basel (2)"]
    assert curation.actions.mark_reviewed.isEnabled()


def test_f4_walks_and_a_digit_accepts_a_claim_with_its_stance_and_source(qtbot, tmp_path,
                                                                          open_desk):
    path = lead_file(tmp_path)
    desk = open_desk(path, annotator="lead")
    window, curation = curate(qtbot, desk)
    panel = curation.panel
    # The claim, as an annotator who linked it to its SOURCE marked it.
    claim_row, number, layer = next(
        (row, number, layer) for row, item in enumerate(panel.model.rows)
        for number, layer in enumerate(("amal", "basel"), start=1)
        if item.versions[layer] is not None and item.versions[layer].label == "CLAIM"
        and item.versions[layer].sources)
    for _ in range(claim_row + 1):
        qtbot.keyClick(window.view if _ == 0 else panel.table, Qt.Key.Key_F4)
    assert panel.table.currentIndex().row() == claim_row
    item = panel.current()
    # The article shows the item's place.
    assert window.view.textCursor().position() >= 0
    version = item.versions[layer]
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(panel.table, Qt.Key(Qt.Key.Key_0 + number))
    spans, links = gold(path)
    assert ("الطريق مفتوح", "CLAIM", version.stance) in spans
    assert links == [("الطريق مفتوح", "SOURCE", "المتحدث")]
    assert ("المتحدث", "ACTOR", None) in spans
    # The table moved on to the next item, and says gold now has this one.
    assert panel.table.currentIndex().row() == min(claim_row + 1, panel.model.rowCount() - 1)
    # One edit: Ctrl+Z empties gold again.
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert gold(path) == ([], [])


def test_reject_accept_all_and_undo(qtbot, tmp_path, open_desk):
    path = lead_file(tmp_path)
    desk = open_desk(path, annotator="lead")
    window, curation = curate(qtbot, desk)
    panel = curation.panel
    with qtbot.waitSignal(window.desk.spansChanged):
        panel.accept_all.menu().actions()[1].trigger()  # basel
    with open_project(path) as store:
        basel = sorted((s.start, s.end, s.label) for s in store.spans(DOC, "basel"))
        taken = sorted((s.start, s.end, s.label) for s in store.spans(DOC, "gold"))
    assert taken == basel
    # Reject the first item with R: gold drops its version.
    panel.table.setFocus()
    panel.choose_row(0)
    first = panel.current()
    assert first.gold is not None
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(panel.table, Qt.Key.Key_R)
    with open_project(path) as store:
        assert not any(s.start == first.gold.start and s.end == first.gold.end
                       for s in store.spans(DOC, "gold"))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert gold(path) == ([], [])


def test_premerge_then_mark_reviewed(qtbot, tmp_path, open_desk):
    path = lead_file(tmp_path, identical=True)
    desk = open_desk(path, annotator="lead")
    window, curation = curate(qtbot, desk)
    actions = curation.actions
    assert actions.premerge.isEnabled()
    with qtbot.waitSignal(window.desk.spansChanged):
        actions.premerge.trigger()
    with open_project(path) as store:
        amal = sorted((s.start, s.end, s.label) for s in store.spans(DOC, "amal"))
        assert sorted((s.start, s.end, s.label) for s in store.spans(DOC, "gold")) == amal
    # Everything agreed: nothing left to decide, F4 says so.
    assert curation.panel.model.rowCount() == 0
    qtbot.keyClick(window.view, Qt.Key.Key_F4)
    assert "Nothing to decide" in window.status.currentMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL_SHIFT)
    with open_project(path) as store:
        assert store.status(DOC, "gold") == Status.REVIEWED
    assert actions.mark_reviewed.isChecked()
    assert "Reviewed" in window.header.where.text()
    assert "Reviewed 1" in window.status.progress.text()


def test_working_in_ones_own_layer_offers_gold(qtbot, tmp_path, open_desk):
    path = lead_file(tmp_path)
    desk = open_desk(path, annotator="lead")
    window, curation = curate(qtbot, desk)
    # The lead goes back to their own layer with the panel open: it offers gold again.
    window.layers.actions["lead"].trigger()
    qtbot.waitUntil(lambda: desk.current.layer == "lead")
    curation = desk.window.curation_desk
    assert curation.view is None and curation.panel.model.rowCount() == 0
    assert curation.panel.gold.isVisible()
    assert not curation.actions.mark_reviewed.isEnabled()
    curation.panel.gold.click()
    qtbot.waitUntil(lambda: desk.current.layer == "gold")
    assert desk.window.curation_desk.panel.model.rowCount() > 0


def test_review_every_fully_agreed_document_after_a_preview(qtbot, tmp_path, open_desk,
                                                            monkeypatch):
    path = tmp_path / "lead.tawsim"
    with lead_project(path, documents=4, identical=True) as project:
        # basel marks one more span in a003: that document is not fully agreed.
        AnnotationSession(project, "basel").add_span("a003", 0, 4, "WEAPON")
    desk = open_desk(path, annotator="lead")
    window, curation = curate(qtbot, desk)
    asked: list[str] = []

    def answer(_parent, _title, text, _buttons, _default):
        asked.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr("annotator.ui.compare.review_all.ask", answer)
    assert curation.actions.review_all.isEnabled()
    curation.actions.review_all.trigger()
    assert "3 documents: amal, basel finished them identically" in visible(asked[0])
    with open_project(path) as store:
        statuses = {doc: store.status(doc, "gold") for doc in ("a000", "a001", "a002", "a003")}
        amal = sorted((s.start, s.end, s.label) for s in store.spans("a001", "amal"))
        assert sorted((s.start, s.end, s.label) for s in store.spans("a001", "gold")) == amal
    assert statuses == {"a000": Status.REVIEWED, "a001": Status.REVIEWED,
                        "a002": Status.REVIEWED, "a003": Status.NEW}
    assert "Reviewed 3 documents in gold" in window.status.currentMessage()
    # Asked again, there is nothing left: it says so and asks nothing.
    informed: list[str] = []
    monkeypatch.setattr("annotator.ui.compare.review_all.inform",
                        lambda _parent, _title, text: informed.append(text))
    curation.actions.review_all.trigger()
    assert len(asked) == 1 and "No document is finished identically" in informed[0]
