"""The scheme dialog: renaming what is in use migrates it, removing it asks first and changes
nothing without consent, a new label gets a palette button and its key, a clash is refused
while typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.ui.scheme.adding import NamesDialog
from annotator.ui.scheme.dialog import SchemeDialog
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER
from tests.ui.conftest import when_modal
from tests.ui.desk_helpers import layer_state, mark, press


@pytest.fixture
def linked(qtbot, make_project, open_desk):
    """The denial, its source and its stance, marked through the desk."""
    project = make_project(CONFLICTING)
    window = open_desk(project).window
    actor = mark(qtbot, window, DENIER, Qt.Key.Key_2)
    claim = mark(qtbot, window, DENIAL, Qt.Key.Key_4)
    window.desk.link("SOURCE", claim.id, actor.id)
    press(qtbot, window.view, Qt.Key.Key_D)
    return project, window


def open_dialog(window) -> SchemeDialog:
    window.scheme_desk.edit_scheme.trigger()
    dialog = window.findChild(SchemeDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def edit_field(qtbot, dialog: SchemeDialog, path, key: str, text: str) -> None:
    """Choose the item in the tree, type into one of its fields and press Enter."""
    dialog.tree.select(path)
    field = dialog.form.fields[key]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    press(qtbot, field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.tree.current_path() != path or key != "name")


def labels_stored(project, window):
    spans, relations = layer_state(project, window.doc_id)
    return sorted((s["label"], s["attrs"].get("stance")) for s in spans), \
        [r["type"] for r in relations]


def test_renaming_a_label_and_a_value_in_use_migrates_them(qtbot, linked):
    project, window = linked
    dialog = open_dialog(window)
    assert dialog.tree.item_of(("label", "ACTOR")).text(2) == "1"
    edit_field(qtbot, dialog, ("label", "ACTOR"), "name", "SPEAKER")
    qtbot.waitUntil(lambda: dialog.tree.item_of(("label", "SPEAKER")) is not None)
    assert dialog.tree.item_of(("label", "SPEAKER")).text(2) == "1"  # still counted
    edit_field(qtbot, dialog, ("value", "CLAIM", "stance", "denied"), "name", "rejected")
    qtbot.waitUntil(lambda: "spans relabelled: 1" in dialog.preview.text())
    assert "attribute values renamed: 1" in dialog.preview.text()
    assert "rename label ACTOR to SPEAKER" in dialog.preview.text()
    assert labels_stored(project, window)[0] == [("ACTOR", None), ("CLAIM", "denied")]

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert labels_stored(project, window) == ([("CLAIM", "rejected"), ("SPEAKER", None)],
                                              ["SOURCE"])
    # The desk follows: palette, spans, panels; the old edits can no longer be undone.
    assert "SPEAKER" in window.actions_.labels and "ACTOR" not in window.actions_.labels
    assert window.actions_.labels["SPEAKER"].iconText() == "2  Actor"  # names are kept
    assert sorted(s.label for s in window.view.index.values()) == ["CLAIM", "SPEAKER"]
    assert not window.actions_.undo.isEnabled()
    assert "spans relabelled: 1" in window.status.currentMessage()
    model = window.claims_desk.claims.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)  # filled once the article is shown
    assert [model.index(0, c).data() for c in range(3)] == [DENIAL, DENIER, "Denied"]


def test_removing_a_label_in_use_asks_and_without_consent_changes_nothing(qtbot, linked):
    project, window = linked
    before = layer_state(project, window.doc_id)
    dialog = open_dialog(window)
    dialog.tree.select(("label", "ACTOR"))
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "spans deleted: 1" in dialog.preview.text())
    assert "links deleted: 1" in dialog.preview.text()
    assert dialog.tree.item_of(("label", "ACTOR")) is None
    assert dialog.tree.item_of(("relation", "SOURCE")) is None  # its only target went

    asked = when_modal(QMessageBox, lambda box: box.button(
        QMessageBox.StandardButton.No).click())
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert "would delete or clear 2 annotations" in asked[0]
    assert dialog.isVisible()
    assert "Nothing was changed." in dialog.preview.text()
    assert "refused to remove label ACTOR" in dialog.preview.text()
    assert layer_state(project, window.doc_id) == before
    assert "ACTOR" in window.actions_.labels

    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert labels_stored(project, window) == ([("CLAIM", "denied")], [])
    assert "ACTOR" not in window.actions_.labels
    assert window.claims_desk.actions.links == {}  # no relation type is left


def test_a_new_label_gets_a_palette_button_and_its_key(qtbot, linked):
    project, window = linked
    dialog = open_dialog(window)

    def fill(names: NamesDialog) -> None:
        assert names.fields["hotkey"].text() == "5"  # the first free key is proposed
        names.fields["name"].setText("EVENT")
        names.fields["names.en"].setText("Event")
        names.fields["names.ar"].setText("حدث")
        names.accept()

    when_modal(NamesDialog, fill)
    qtbot.mouseClick(dialog.adding.label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tree.current_path() == ("label", "EVENT"))
    edit_field(qtbot, dialog, ("label", "EVENT"), "color.line", "#c0a0f0")
    qtbot.waitUntil(lambda: "change label EVENT (color)" in dialog.preview.text())
    # A key that is taken is refused at once, and the draft stays as it was.
    ops = len(dialog.draft.ops)
    edit_field(qtbot, dialog, ("label", "EVENT"), "hotkey", "1")
    qtbot.waitUntil(lambda: "Not possible" in dialog.preview.text())
    assert "hotkey '1' is given to both LOCATION and EVENT" in dialog.preview.text()
    assert len(dialog.draft.ops) == ops
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    action = window.actions_.labels["EVENT"]
    assert action.iconText() == "5  Event"
    assert window.palette.widgetForAction(action) is not None
    assert window.view.highlighter.colors["EVENT"].name() == "#c0a0f0"
    event = mark(qtbot, window, "الهجوم", Qt.Key.Key_5)
    assert event.label == "EVENT"
    assert ("EVENT", None) in labels_stored(project, window)[0]


def test_relation_ends_and_attributes_are_edited_in_the_form(qtbot, linked):
    _, window = linked
    dialog = open_dialog(window)

    def relation(names: NamesDialog) -> None:
        for key, text in (("name", "RELAYED_BY"), ("names.en", "Relayed by"),
                          ("to", "ACTOR, LOCATION"), ("hotkey", "n")):
            names.fields[key].setText(text)
        assert names.fields["from"].text() == "CLAIM"
        names.accept()

    when_modal(NamesDialog, relation)
    qtbot.mouseClick(dialog.adding.relation, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tree.current_path() == ("relation", "RELAYED_BY"))
    ends = dialog.form.fields["to"]
    location = next(ends.item(i) for i in range(ends.count()) if ends.item(i).text() == "LOCATION")
    location.setCheckState(Qt.CheckState.Unchecked)  # as a click on its box does
    qtbot.waitUntil(lambda: "let RELAYED_BY link CLAIM to ACTOR" in dialog.preview.text())

    def attribute(names: NamesDialog) -> None:
        names.fields["name"].setText("manner")
        names.fields["values"].setText("quoted, paraphrased")
        names.accept()

    when_modal(NamesDialog, attribute)
    qtbot.mouseClick(dialog.adding.attribute, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tree.current_path() == ("attribute", "RELAYED_BY",
                                                           "manner"))
    assert "no annotation is affected" in dialog.preview.text()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    scheme = window.desk.scheme
    assert scheme.relation("RELAYED_BY").tails == ("ACTOR",)
    assert scheme.relation("RELAYED_BY").attribute("manner").value_names == \
        ("quoted", "paraphrased")
    assert window.claims_desk.actions.links["RELAYED_BY"].text() == "&Link Relayed by…\tN"


def test_merging_a_value_in_use_keeps_its_annotations(qtbot, linked):
    project, window = linked
    dialog = open_dialog(window)
    dialog.tree.select(("value", "CLAIM", "stance", "denied"))

    def choose(box: QInputDialog) -> None:
        assert box.comboBoxItems() == ["asserted", "reported", "uncertain"]
        box.setTextValue("uncertain")
        box.accept()

    when_modal(QInputDialog, choose)
    qtbot.mouseClick(dialog.merge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "attribute values renamed: 1" in dialog.preview.text())
    assert "merge CLAIM's stance value denied into uncertain" in dialog.preview.text()
    assert dialog.tree.current_path() == ("value", "CLAIM", "stance", "uncertain")
    assert dialog.tree.item_of(("value", "CLAIM", "stance", "uncertain")).text(2) == "1"
    dialog.tree.select(("attribute", "CLAIM", "stance"))
    assert not dialog.merge.isEnabled()  # attributes are renamed or removed, not merged
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)  # no question: no loss
    assert not dialog.isVisible()
    assert labels_stored(project, window)[0] == [("ACTOR", None), ("CLAIM", "uncertain")]
    assert window.desk.scheme.label("CLAIM").attribute("stance").value_names == \
        ("asserted", "reported", "uncertain")
