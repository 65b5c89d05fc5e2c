"""The issue's flow through the desk's widgets: in a report of conflicting claims, mark a
claim, press S and link its source, press D for denied, see it in the claims panel, undo and
redo each step, export, import into a new project, and find everything intact there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.services.claims import document_claims
from annotator.services.importing import import_paths
from annotator.services.projects import init_project, open_project
from annotator.ui.export.run import export_articles
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER
from tests.ui.desk_helpers import layer_state, mark, press, visible

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def claims_shown(window) -> list[tuple[str, str, str, str]]:
    model = window.claims_desk.claims.model
    return [tuple(model.index(row, column).data() for column in range(4))
            for row in range(model.rowCount())]


def test_claim_source_stance_undo_redo_export_reimport(qtbot, make_project, open_desk,
                                                       tmp_path):
    project = make_project(CONFLICTING)
    desk = open_desk(project)
    window = desk.window
    view, hub = window.view, window.claims_desk
    doc = window.doc_id
    states = [layer_state(project, doc)]

    actor = mark(qtbot, window, DENIER, Qt.Key.Key_2)
    states.append(layer_state(project, doc))
    mark(qtbot, window, "طائرات حربية", Qt.Key.Key_3)
    states.append(layer_state(project, doc))
    claim = mark(qtbot, window, DENIAL, Qt.Key.Key_4)
    states.append(layer_state(project, doc))
    assert view.selected_span_id == claim.id

    # S: the actors are offered nearest first, outlined in the text; Enter links the first.
    press(qtbot, view, Qt.Key.Key_S)
    picker = hub.linking.picker
    assert picker.isVisible() and picker.span_ids() == [actor.id]
    assert hub.marks.candidates == {actor.id}
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, picker.list, Qt.Key.Key_Return)
    assert not picker.isVisible() and hub.marks.candidates == set()
    states.append(layer_state(project, doc))
    (relation,) = states[-1][1]
    assert (relation["type"], relation["head"], relation["tail"]) == \
        ("SOURCE", claim.id, actor.id)
    assert "Linked" in window.status.currentMessage()

    # D: the stance, from the article, and the panel shows it set.
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, view, Qt.Key.Key_D)
    states.append(layer_state(project, doc))
    assert states[-1][0][[s["id"] for s in states[-1][0]].index(claim.id)]["attrs"] == \
        {"stance": "denied"}
    assert hub.attributes.buttons[("stance", "denied")].isChecked()
    assert not hub.attributes.buttons[("stance", "asserted")].isChecked()

    # Both ends of the link are marked, the panel names the source, the table has the claim.
    assert hub.marks.outlined == {actor.id}
    assert hub.marks.arrows == [(claim.id, actor.id)]
    assert visible(hub.link_panel.list.item(0).text()) == f"Source: {DENIER}"
    assert claims_shown(window) == [(DENIAL, DENIER, "Denied", "طائرات حربية")]
    hub.claims.show_selected(claim.id)
    assert hub.claims.table.currentIndex().row() == 0

    # Undo each step with Ctrl+Z (checking what is stored after each), then redo them all.
    for expected in reversed(states[:-1]):
        with qtbot.waitSignal(window.desk.spansChanged):
            press(qtbot, view, Qt.Key.Key_Z, CTRL)
        assert layer_state(project, doc) == expected
    assert claims_shown(window) == []
    assert not window.actions_.undo.isEnabled()
    for expected in states[1:]:
        with qtbot.waitSignal(window.desk.spansChanged):
            press(qtbot, view, Qt.Key.Key_Z, CTRL_SHIFT)
        assert layer_state(project, doc) == expected
    assert claims_shown(window) == [(DENIAL, DENIER, "Denied", "طائرات حربية")]
    view.set_selected_span(actor.id)
    assert hub.marks.outlined == {claim.id}
    assert visible(hub.link_panel.list.item(0).text()) == f"Source of: {DENIAL}"

    # Export through the service, import into a new project, open that: all intact.
    out = tmp_path / "amal.jsonl"
    assert export_articles(window.context, out, format="jsonl", layer="amal",
                                    status=None)
    with open_project(project) as store:
        before = document_claims(store, doc, "amal", "en")
    copy = tmp_path / "copy.tawsim"
    with init_project(copy) as store:
        counts = import_paths(store, [out], actor="lead")
        assert (counts.spans_new, counts.relations_new) == (3, 1)
        assert document_claims(store, doc, "amal", "en") == before
    assert layer_state(copy, doc) == states[-1]
    reopened = open_desk(copy).window
    assert reopened.doc_id == doc
    assert claims_shown(reopened) == [(DENIAL, DENIER, "Denied", "طائرات حربية")]
    reopened.view.set_selected_span(claim.id)
    assert reopened.claims_desk.marks.outlined == {actor.id}
    assert reopened.claims_desk.attributes.buttons[("stance", "denied")].isChecked()
