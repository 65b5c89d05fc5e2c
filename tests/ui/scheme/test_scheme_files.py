"""Scheme files from the desk: an invalid one is refused with a message that says what is
wrong and where; a custom scheme (a new label with an attribute, a new relation type) loaded
from a file works end to end, through export and import into a project made with it."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.services.claims import document_claims
from annotator.services.importing import import_paths
from annotator.services.projects import init_project, open_project
from annotator.ui.export.run import export_articles
from annotator.ui.scheme.files import load_scheme_file, save_scheme_file
from tests.scheme_texts import CONFLICTING, WITNESS_CLAIM, custom_scheme_data
from tests.ui.conftest import when_modal
from tests.ui.desk_helpers import layer_state, mark, press, visible


def test_an_invalid_scheme_file_is_refused_with_what_is_wrong(qtbot, make_project,
                                                              open_desk, tmp_path):
    project = make_project(CONFLICTING)
    window = open_desk(project).window
    data = custom_scheme_data()
    data["labels"][4]["hotkey"] = "1"  # EVENT takes LOCATION's key
    bad = tmp_path / "clash.json"
    bad.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    seen = when_modal(QMessageBox, QMessageBox.accept)
    assert load_scheme_file(window, window.desk, bad) is None
    assert seen and f"{bad}:" in seen[0]
    assert "hotkey '1' is given to both LOCATION and EVENT" in seen[0]
    line = int(seen[0].split(f"{bad}:")[1].split(":")[0])
    assert '"hotkey": "1"' in bad.read_text("utf-8").splitlines()[line - 1]
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x",\n "labels": [\n', encoding="utf-8")
    seen = when_modal(QMessageBox, QMessageBox.accept)
    assert load_scheme_file(window, window.desk, broken) is None
    assert f"{broken}:" in seen[0] and "not valid JSON" in seen[0]
    assert window.desk.scheme.name == "tawsim-news"
    assert "EVENT" not in window.actions_.labels


def test_a_custom_scheme_from_a_file_works_end_to_end(qtbot, make_project, open_desk,
                                                      tmp_path):
    scheme_file = tmp_path / "events.json"
    scheme_file.write_text(json.dumps(custom_scheme_data(), ensure_ascii=False),
                           encoding="utf-8")
    project = make_project(CONFLICTING)
    window = open_desk(project).window
    asked = when_modal(QMessageBox, lambda box: box.button(
        QMessageBox.StandardButton.Yes).click())
    report = load_scheme_file(window, window.desk, scheme_file)
    assert report is not None and "conflict-events" in asked[0]
    assert window.actions_.labels["EVENT"].iconText() == "5  Event"
    assert set(window.claims_desk.actions.links) == {"SOURCE", "RELAYED_BY", "HAPPENED_IN"}

    # The new label with its value key, and the new relation type with its own key (N).
    event = mark(qtbot, window, "انفجارها", Qt.Key.Key_5)
    press(qtbot, window.view, Qt.Key.Key_X)
    place = mark(qtbot, window, "زمار", Qt.Key.Key_1)
    view = window.view
    view.set_selected_span(event.id)
    press(qtbot, view, Qt.Key.Key_S)  # an event starts no SOURCE link
    assert "starts no Source link" in window.status.currentMessage()
    window.claims_desk.start_link("HAPPENED_IN")
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, window.claims_desk.linking.picker.list, Qt.Key.Key_Return)
    channel = mark(qtbot, window, "قناة محلية", Qt.Key.Key_2)
    witness = mark(qtbot, window, "شاهد عيان", Qt.Key.Key_2)
    claim = mark(qtbot, window, WITNESS_CLAIM, Qt.Key.Key_4)
    press(qtbot, view, Qt.Key.Key_U)
    for key, target in ((Qt.Key.Key_S, witness), (Qt.Key.Key_N, channel)):
        press(qtbot, view, key)
        picker = window.claims_desk.linking.picker
        assert picker.span_ids()[0] == witness.id  # the nearest actor comes first
        row = picker.span_ids().index(target.id)
        picker.list.setCurrentRow(row)
        with qtbot.waitSignal(window.desk.spansChanged):
            press(qtbot, picker.list, Qt.Key.Key_Return)
    spans, relations = layer_state(project, window.doc_id)
    assert {s["id"]: s["attrs"] for s in spans}[event.id] == {"kind": "explosion"}
    assert sorted((r["type"], r["head"], r["tail"]) for r in relations) == sorted([
        ("HAPPENED_IN", event.id, place.id), ("SOURCE", claim.id, witness.id),
        ("RELAYED_BY", claim.id, channel.id)])
    model = window.claims_desk.claims.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)  # filled after the scheme change
    assert [model.index(0, c).data() for c in range(3)] == \
        [WITNESS_CLAIM, "شاهد عيان", "Uncertain"]
    texts = [visible(window.claims_desk.link_panel.list.item(i).text())
             for i in range(window.claims_desk.link_panel.list.count())]
    assert sorted(texts) == ["Relayed by: قناة محلية", "Source: شاهد عيان"]

    # Export, then a new project made with the same scheme file takes the file whole.
    out = tmp_path / "events.jsonl"
    assert export_articles(window.context, out, format="jsonl", layer="amal",
                                    status=None)
    copy = tmp_path / "copy.tawsim"
    with init_project(copy, scheme_file) as store:
        import_paths(store, [out], actor="lead")
    assert layer_state(copy, window.doc_id) == (spans, relations)
    with open_project(project) as first, open_project(copy) as second:
        assert document_claims(second, window.doc_id, "amal") == \
            document_claims(first, window.doc_id, "amal")
    reopened = open_desk(copy).window
    assert reopened.actions_.labels["EVENT"].iconText() == "5  Event"
    qtbot.waitUntil(lambda: reopened.claims_desk.claims.model.rowCount() == 1)
    reopened.view.set_selected_span(event.id)
    assert reopened.claims_desk.marks.outlined == {place.id}
    assert reopened.claims_desk.attributes.buttons[("kind", "explosion")].isChecked()


def test_the_scheme_is_saved_to_a_file_the_desk_can_load_again(qtbot, make_project,
                                                               open_desk, tmp_path):
    window = open_desk(make_project(CONFLICTING)).window
    out = tmp_path / "saved.json"
    assert save_scheme_file(window, window.desk, out) == out
    assert json.loads(out.read_text("utf-8"))["name"] == "tawsim-news"
    asked = when_modal(QMessageBox, lambda box: box.button(
        QMessageBox.StandardButton.Yes).click())
    assert load_scheme_file(window, window.desk, out) is not None
    assert "no annotation is affected" in asked[0]
    seen = when_modal(QMessageBox, QMessageBox.accept)
    assert save_scheme_file(window, window.desk, tmp_path) is None  # a folder
    assert "this is a folder; give a file name" in seen[0]
