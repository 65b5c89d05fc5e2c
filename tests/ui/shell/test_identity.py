"""Who is at the desk: the name kept in the settings, `--annotator` for one launch only, two
people with one name in two layers, and a work package opening as its annotator."""

from __future__ import annotations

import orjson

from annotator.services.identity import PACKAGE_META, Person, new_person_id, own_layer
from annotator.services.projects import open_project
from annotator.ui.common.settings import Settings

TEXT = "قال شاهد إن صواريخ سقطت قرب الجسر."


def label_first_word(window, label: str = "ACTOR") -> None:
    window.view.select_range(0, 3)
    window.actions_.labels[label].trigger()


def test_the_annotator_option_holds_for_one_launch_only(qtbot, make_project, open_desk,
                                                        app_paths):
    project = make_project(TEXT)
    Settings(app_paths).annotator = "amal"
    lead = open_desk(project, annotator="lead")
    assert lead.window.desk.layer == "lead"
    assert "lead" in lead.window.status.currentMessage()
    assert "--annotator" in lead.window.status.currentMessage()
    lead.window.close()
    lead.close()
    assert Settings(app_paths).annotator == "amal"  # the settings still name amal
    again = open_desk(project, annotator=None)
    assert again.window.desk.layer == "amal" and again.window.desk.annotator == "amal"
    assert again.window.status.currentMessage() == ""


def test_two_people_with_one_name_keep_two_layers(qtbot, make_project, open_desk, app_paths):
    project = make_project(TEXT)
    settings = Settings(app_paths)
    settings.annotator = "amal"
    first = open_desk(project, annotator=None)
    label_first_word(first.window)
    first.window.close()
    first.close()
    settings._set("person_id", new_person_id())  # another person, on another laptop
    second = open_desk(project, annotator=None)
    assert second.window.desk.layer == "amal (2)"
    assert len(second.window.view.index) == 0  # none of the first amal's spans
    label_first_word(second.window, "LOCATION")
    with open_project(project) as store:
        owners = {layer.name: layer.owner for layer in store.layers()}
        assert owners["amal"] != owners["amal (2)"] and None not in owners.values()
        doc = second.window.doc_id
        assert [s.label for s in store.spans(doc, "amal")] == ["ACTOR"]
        assert [s.label for s in store.spans(doc, "amal (2)")] == ["LOCATION"]


def test_a_work_package_opens_as_its_annotator_without_asking(qtbot, make_project, open_desk,
                                                              app_paths):
    package = make_project(TEXT, name="basel.tawsim")
    person = Person(new_person_id(), "basel")
    with open_project(package) as store, store.db.atomic():
        store.set_meta(PACKAGE_META, orjson.dumps({
            "annotator": "basel", "person": person.id, "lead": new_person_id(),
            "created_at": "2026-12-07T00:00:00Z"}).decode())
    with open_project(package) as store:
        own_layer(store, person)
    assert Settings(app_paths).annotator == ""  # a new machine: nobody is known yet
    desk = open_desk(package, annotator=None)  # no dialog: it would block the test
    window = desk.window
    assert window.desk.annotator == "basel" and window.desk.layer == "basel"
    assert "basel" in window.status.currentMessage()
    label_first_word(window)
    with open_project(package) as store:
        layer = next(layer for layer in store.layers() if layer.name == "basel")
        assert layer.owner == person.id
        assert store.spans(window.doc_id, "basel")[0].annotator == "basel"
