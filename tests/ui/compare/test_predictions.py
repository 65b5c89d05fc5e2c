"""A prediction layer beside the gold layer: disagreements outlined, walked with F4, accepted
with A into the working (gold) layer, undoable; and choosing the working layer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu

from annotator.core.model import LayerKind
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from annotator.ui.compare.marks import STYLES
from tests.formats.sample import ARTICLE, DOC_ID, annotated_project, where
from tests.ui.desk_helpers import visible

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def project_with_predictions(tmp_path):
    """The sample article annotated in `gold`, and an extractor's layer with a boundary
    error (بسوريا for سوريا), a wrong label and a span gold does not have."""
    path = tmp_path / "audit.tawsim"
    project = annotated_project(path)
    model = AnnotationSession(project, "extractor", layer="pred", layer_kind=LayerKind.MODEL)
    model.add_span(DOC_ID, *where(ARTICLE, "الزهراء"), "LOCATION")
    model.add_span(DOC_ID, *where(ARTICLE, "بسوريا"), "LOCATION")
    model.add_span(DOC_ID, *where(ARTICLE, "قذائف هاون"), "ACTOR")
    model.add_span(DOC_ID, *where(ARTICLE, "مساء السبت"), "WEAPON")
    project.close()
    return path


def gold_spans(path):
    with open_project(path) as store:
        return {(s.text, s.label) for s in store.spans(DOC_ID, "gold")}


def has_colour(image, colour: str) -> bool:
    wanted = QColor(colour)
    for y in range(0, image.height(), 1):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - wanted.red()) + abs(pixel.green() - wanted.green()) \
                    + abs(pixel.blue() - wanted.blue()) < 40:
                return True
    return False


def test_working_in_gold_from_the_view_menu(qtbot, tmp_path, open_desk):
    path = project_with_predictions(tmp_path)
    desk = open_desk(path)
    window = desk.window
    assert window.desk.layer == "amal"
    menu = window.findChild(QMenu, "workingLayerMenu")
    names = [visible(action.text()) for action in menu.actions()]
    assert names == ["amal: your own layer", "gold: gold layer"]
    menu.actions()[1].trigger()
    assert desk.current.layer == "gold" and window.desk is desk.current
    assert window.doc_id == DOC_ID
    assert "gold" in window.status.layer.text()
    assert len(window.view.index) == len(gold_spans(path)) == 15  # the gold layer is shown
    window.view.select_range(0, len("أفادت"))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_2)
    with open_project(path) as store:
        (made,) = [s for s in store.spans(DOC_ID, "gold") if s.text == "أفادت"]
    assert made.annotator == "amal"


def test_the_prediction_view_colours_disagreements_and_a_accepts_into_gold(qtbot, tmp_path,
                                                                         app_paths):
    from annotator.ui.common.settings import Settings
    from annotator.ui.shell.app import start

    path = project_with_predictions(tmp_path)
    Settings(app_paths).language = "en"
    desk = start([str(path), "--annotator", "amal", "--layer", "gold"], app_paths)
    window = desk.window
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert window.desk.layer == "gold"
        qtbot.keyClick(window.view, Qt.Key.Key_P, CTRL_SHIFT)
        hub = window.comparison_desk
        assert hub.dock.isVisible() and hub.panel.layer.currentText() == "pred"
        kinds = [(row.kind, (row.predicted or row.gold).text) for row in hub.panel.model.rows]
        assert ("boundary", "بسوريا") in kinds and ("wrong_label", "قذائف هاون") in kinds
        assert ("spurious", "مساء السبت") in kinds
        gold_syria = next(s for s in window.view.index.values() if s.text == "سوريا")
        predicted = {s.text: s for s in hub.panel.pane.index.values()}
        assert hub.gold_marks.states[gold_syria.id] == "boundary"
        assert hub.predicted_marks.states[predicted["بسوريا"].id] == "boundary"
        assert predicted["الزهراء"].id not in hub.predicted_marks.states  # agreed: no mark
        # Walk to the boundary error with F4: both articles show it, outlined in its colour.
        boundary = [k for k, _ in kinds].index("boundary")
        for _ in range(boundary + 1):
            qtbot.keyClick(window.view if _ == 0 else hub.panel.table, Qt.Key.Key_F4)
        assert hub.panel.current().kind == "boundary"
        assert hub.panel.table.hasFocus()
        assert window.view.selected_span_id == gold_syria.id
        hub.panel.pane.viewport().repaint()
        assert has_colour(hub.panel.pane.grab().toImage(), STYLES["boundary"][0])
        # Walk on to the span gold lacks and accept it with A.
        spurious = [k for k, _ in kinds].index("spurious")
        hub.panel.choose_row(spurious)
        before = gold_spans(path)
        with qtbot.waitSignal(window.desk.spansChanged):
            qtbot.keyClick(hub.panel.table, Qt.Key.Key_A)
        assert gold_spans(path) == before | {("مساء السبت", "WEAPON")}
        assert hub.predicted_marks.states.get(predicted["مساء السبت"].id) is None  # agreed
        assert "spurious" not in [row.kind for row in hub.panel.model.rows]
        with qtbot.waitSignal(window.desk.spansChanged):
            qtbot.keyClick(hub.panel.table, Qt.Key.Key_Z, CTRL)
        assert gold_spans(path) == before
        assert hub.predicted_marks.states[predicted["مساء السبت"].id] == "spurious"
        # The boundary error accepted moves the gold span to the predicted edges.
        hub.panel.choose_row([row.kind for row in hub.panel.model.rows].index("boundary"))
        with qtbot.waitSignal(window.desk.spansChanged):
            hub.accept_current()
        assert ("بسوريا", "LOCATION") in gold_spans(path)
        assert ("سوريا", "LOCATION") not in gold_spans(path)
    finally:
        window.close()
        desk.close()
