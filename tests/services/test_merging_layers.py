"""Whose layer a merge writes: the person's, by owner id, never another person's of the same
name, never the lead's gold; gold accepted from a span the merge changes is reported."""

from __future__ import annotations

import json

import pytest

from annotator.core.model import LayerKind, Status
from annotator.services.importing import import_paths
from annotator.services.merging import merge_files
from annotator.services.session import AnnotationSession
from tests.services.merging_helpers import (
    AMAL,
    DOCUMENTS,
    OTHER_AMAL,
    SALIM,
    Annotator,
    layer_state,
    new_lead,
    new_package,
    where,
)

D1 = DOCUMENTS["d1"]


@pytest.fixture
def lead(tmp_path):
    project = new_lead(tmp_path)
    yield project
    project.close()


def test_two_people_who_kept_the_same_name_get_two_layers(lead, tmp_path):
    first = new_package(tmp_path, lead, AMAL, ["d1"], name="amal-1")
    second = new_package(tmp_path, lead, OTHER_AMAL, ["d1"], name="amal-2")
    with Annotator(first, AMAL) as session:
        claim = session.add_span("d1", *where(D1, "وجود أي طائرة مسيرة فوق حمص"), "CLAIM")
        ministry = session.add_span("d1", *where(D1, "وزارة الدفاع"), "ACTOR")
        session.link("SOURCE", claim.id, ministry.id)
        session.set_status("d1", Status.DONE)
    with Annotator(second, OTHER_AMAL) as session:
        claim = session.add_span("d1", *where(D1, "وجود أي طائرة مسيرة فوق حمص"), "CLAIM")
        witness = session.add_span("d1", *where(D1, "شاهد عيان"), "ACTOR")
        session.link("SOURCE", claim.id, witness.id)
    report = merge_files(lead, [first, second])
    layers = {layer.name: layer.owner for layer in lead.layers()}
    assert layers == {"amal": AMAL.id, "amal (2)": OTHER_AMAL.id}
    assert "went into a new layer 'amal (2)'" in " ".join(report.files[1].layers[0].warnings)
    for name in layers:
        assert len(lead.spans("d1", name)) == 2 and len(lead.relations("d1", name)) == 1
    assert lead.status("d1", "amal") == Status.DONE
    assert lead.status("d1", "amal (2)") == Status.IN_PROGRESS
    assert not merge_files(lead, [second, first]).changed  # each still finds its own


def test_each_annotator_of_a_file_with_two_layers_goes_to_their_own(lead, tmp_path):
    package = new_package(tmp_path, lead, AMAL, ["d1"])
    with Annotator(package, SALIM) as session:
        session.add_span("d1", 0, 5, "ACTOR")
    with Annotator(package, AMAL) as session:
        session.add_span("d1", *where(D1, "حمص"), "LOCATION")
    report = merge_files(lead, [package])
    assert [(layer.layer, layer.spans_added) for layer in report.files[0].layers] == \
        [("amal", 1), ("salim", 1)]


def test_the_leads_gold_is_never_changed_and_changed_sources_are_reported(lead, tmp_path):
    package = new_package(tmp_path, lead, AMAL, ["d1"])
    with Annotator(package, AMAL) as session:
        place = session.add_span("d1", *where(D1, "الزهراء"), "LOCATION")
        weapon = session.add_span("d1", *where(D1, "قذائف هاون"), "WEAPON")
        session.add_span("d1", *where(D1, "حمص"), "LOCATION")
    merge_files(lead, [package])
    gold = AnnotationSession(lead, "lead", layer="gold", layer_kind=LayerKind.GOLD)
    accepted = [gold.add_span("d1", *where(D1, text), label)
                for text, label in (("الزهراء", "LOCATION"), ("قذائف هاون", "WEAPON"),
                                    ("حمص", "LOCATION"))]
    for gold_span, origin in zip(accepted, (place, weapon), strict=False):
        lead.conn.execute("UPDATE span SET origin = ? WHERE id = ?", (origin.id, gold_span.id))
    lead.conn.commit()
    gold_before = layer_state(lead, "gold")
    with Annotator(package, AMAL) as session:
        session.move_span(place.id, *where(D1, "بلدة الزهراء"))
        session.remove_span(weapon.id)
    report = merge_files(lead, [package])
    assert layer_state(lead, "gold") == gold_before
    found = {(item.gold_span, item.origin, item.what)
             for item in report.files[0].layers[0].gold_from_changed}
    assert found == {(accepted[0].id, place.id, "changed"),
                     (accepted[1].id, weapon.id, "removed")}
    lines = "\n".join(report.summary_lines())
    assert "gold LOCATION" in lines and "that this merge changed" in lines
    assert json.dumps(report.as_dict(), ensure_ascii=False)


def test_a_file_layer_named_like_the_leads_gold_goes_elsewhere(lead, tmp_path):
    AnnotationSession(lead, "lead", layer="gold", layer_kind=LayerKind.GOLD).add_span(
        "d1", 0, 5, "ACTOR")
    package = new_package(tmp_path, lead, AMAL, ["d1"])
    lead_gold = layer_state(lead, "gold")
    with Annotator(package, AMAL) as session:
        session.add_span("d1", *where(D1, "حمص"), "LOCATION")
    package_gold = type(AMAL)(AMAL.id.replace("a001", "a0ff"), "gold")
    with Annotator(package, package_gold) as session:  # an annotator who called themself gold
        session.add_span("d1", *where(D1, "الزهراء"), "LOCATION")
    merge_files(lead, [package])
    assert layer_state(lead, "gold") == lead_gold
    assert {layer.name: layer.kind for layer in lead.layers()}["gold (2)"] == "annotator"


def test_ids_the_lead_uses_elsewhere_get_ids_of_their_own(lead, tmp_path):
    """A file that started from a copy of the lead's predictions (same span ids)."""
    model = AnnotationSession(lead, "extractor", layer="pred", layer_kind=LayerKind.MODEL)
    predicted = model.add_span("d1", *where(D1, "حمص"), "LOCATION")
    package = new_package(tmp_path, lead, AMAL, ["d1"])
    record = {"id": "d1", "text": D1, "layer": "amal", "spans": [
        {"id": predicted.id, "start": predicted.start, "end": predicted.end,
         "label": "LOCATION"}]}
    jsonl = tmp_path / "copy.jsonl"
    jsonl.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    with Annotator(package, AMAL) as session:
        import_paths(session.project, [jsonl], actor="lead")
        assert session.project.spans("d1", "amal")[0].id == predicted.id
    pred_before = layer_state(lead, "pred")
    merge_files(lead, [package])
    (merged,) = lead.spans("d1", "amal")
    assert merged.id != predicted.id and (merged.start, merged.label) == (predicted.start,
                                                                          "LOCATION")
    assert layer_state(lead, "pred") == pred_before
    assert not merge_files(lead, [package]).changed
    with Annotator(package, AMAL) as session:
        session.relabel(predicted.id, "ACTOR")
    report = merge_files(lead, [package])
    assert report.files[0].layers[0].spans_changed == 1
    assert [(s.id, s.label) for s in lead.spans("d1", "amal")] == [(merged.id, "ACTOR")]


def test_layers_without_owners_match_by_name_only_when_neither_has_one(lead, tmp_path):
    package = new_package(tmp_path, lead, AMAL, ["d1"])
    with Annotator(package, AMAL) as session:
        session.add_span("d1", *where(D1, "حمص"), "LOCATION")
        session.project.conn.execute("UPDATE layer SET owner = NULL")  # an older Tawsim's
        session.project.conn.commit()
    AnnotationSession(lead, "amal").add_span("d1", 0, 5, "ACTOR")  # the lead's, ownerless
    report = merge_files(lead, [package])
    assert [layer.name for layer in lead.layers()] == ["amal"]
    assert "merged into the lead's layer of that name" in report.summary_lines()[-1]
    assert [s.label for s in lead.spans("d1", "amal")] == ["LOCATION"]  # the file's state


def test_an_ownerless_layer_never_goes_into_someone_elses(lead, tmp_path):
    first = new_package(tmp_path, lead, AMAL, ["d1"], name="owned")
    merge_files(lead, [first])
    old = new_package(tmp_path, lead, OTHER_AMAL, ["d1"], name="old")
    with Annotator(old, OTHER_AMAL) as session:
        session.add_span("d1", *where(D1, "حمص"), "LOCATION")
        session.project.conn.execute("UPDATE layer SET owner = NULL")
        session.project.conn.commit()
    report = merge_files(lead, [old])
    assert report.files[0].layers[0].layer == "amal (2)"
    assert lead.spans("d1", "amal") == []


def test_a_document_with_another_id_and_the_same_text_is_matched_by_text(lead, tmp_path):
    package = new_package(tmp_path, lead, AMAL, ["d1"])
    with Annotator(package, AMAL) as session:
        session.project.conn.execute("UPDATE document SET id = 'my-copy' WHERE id = 'd1'")
        session.project.conn.commit()
        session.project._doc_seqs.clear()
        session.add_span("my-copy", *where(D1, "حمص"), "LOCATION")
    report = merge_files(lead, [package])
    assert report.files[0].documents_by_text == 1 and report.files[0].documents_new == 0
    assert "'my-copy' as 'd1'" in " ".join(report.files[0].warnings)
    assert [s.text for s in lead.spans("d1", "amal")] == ["حمص"]
    assert "my-copy" not in list(lead.document_ids())
