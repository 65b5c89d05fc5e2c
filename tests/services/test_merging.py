"""Merging an annotator's file is synchronisation: the lead's layer ends up holding exactly
the annotator's current work, by span and relation ids, and the same file twice is a no-op."""

from __future__ import annotations

import pytest

from annotator.core.model import Status
from annotator.services.merging import merge_files
from tests.services.merging_helpers import (
    AMAL,
    DOCUMENTS,
    Annotator,
    audit_count,
    file_state,
    fingerprint,
    layer_state,
    new_lead,
    new_package,
    set_time,
    where,
)

D1 = DOCUMENTS["d1"]


@pytest.fixture
def lead(tmp_path):
    project = new_lead(tmp_path)
    yield project
    project.close()


@pytest.fixture
def package(tmp_path, lead):
    return new_package(tmp_path, lead, AMAL, ["d1", "d2", "d3"])


def annotate(path):
    """A first day of work: entities, a claim with its stance, note and source, statuses."""
    with Annotator(path, AMAL) as session:
        agency = session.add_span("d1", *where(D1, "وكالة أنباء محلية"), "ACTOR")
        session.add_span("d1", *where(D1, "قذائف هاون"), "WEAPON")
        session.add_span("d1", *where(D1, "الزهراء"), "LOCATION")
        ministry = session.add_span("d1", *where(D1, "وزارة الدفاع"), "ACTOR")
        claim = session.add_span("d1", *where(D1, "وجود أي طائرة مسيرة فوق حمص"), "CLAIM",
                                 {"stance": "denied"}, note="نفي رسمي")
        session.link("SOURCE", claim.id, ministry.id)
        session.set_status("d1", Status.DONE)
        session.add_span("d3", *where(DOCUMENTS["d3"], "الموصل"), "LOCATION")
        set_time(session.project, "d1", "amal", 95.5)
    return agency, claim, ministry


def test_a_first_merge_brings_the_layer_with_its_ids(lead, package):
    annotate(package)
    report = merge_files(lead, [package])
    assert layer_state(lead, "amal", ["d1", "d2", "d3"]) == file_state(package, "amal")
    (layer,) = report.files[0].layers
    assert (layer.layer, layer.created, layer.documents) == ("amal", True, 3)
    assert (layer.spans_added, layer.relations_added, layer.documents_changed) == (6, 1, 2)
    assert layer.statuses_changed == 2  # d1 done, d3 in progress
    assert layer.audit_rows > 0
    assert lead.layers()[-1].owner == AMAL.id
    actions = [row["action"] for row in lead.audit_trail() if row["layer"] == "amal"]
    assert "add_span" in actions and actions[-1] == "merge"


def test_merging_the_same_file_twice_changes_nothing(lead, package):
    annotate(package)
    merge_files(lead, [package])
    before, rows = fingerprint(lead.path), audit_count(lead)
    report = merge_files(lead, [package])
    assert not report.changed
    assert report.files[0].layers[0].documents_changed == 0
    assert audit_count(lead) == rows
    assert fingerprint(lead.path) == before


def test_a_newer_state_leaves_exactly_the_annotators_current_work(lead, package):
    agency, claim, ministry = annotate(package)
    merge_files(lead, [package])
    with Annotator(package, AMAL) as session:
        weapon = next(s for s in session.project.spans("d1", "amal") if s.label == "WEAPON")
        session.remove_span(weapon.id)  # deleted
        session.move_span(agency.id, *where(D1, "وكالة أنباء"))  # moved
        place = next(s for s in session.project.spans("d1", "amal") if s.label == "LOCATION")
        session.relabel(place.id, "ACTOR")  # relabelled
        session.set_attribute(claim.id, "stance", "reported")  # re-attributed
        session.set_note(claim.id, "")
        relation = session.project.relations("d1", "amal")[0]
        session.retarget("d1", relation.id, tail=agency.id)  # relinked
        session.set_status("d1", Status.IN_PROGRESS)
        session.add_span("d2", 0, 4, "LOCATION")  # new
        set_time(session.project, "d1", "amal", 130.0)
    report = merge_files(lead, [package])
    state = layer_state(lead, "amal", ["d1", "d2", "d3"])
    assert state == file_state(package, "amal")
    layer = report.files[0].layers[0]
    assert (layer.spans_added, layer.spans_changed, layer.spans_removed) == (1, 3, 1)
    assert (layer.relations_added, layer.relations_changed, layer.relations_removed) == (0, 1, 0)
    assert layer.documents_changed == 2
    spans = {s.id: s for s in lead.spans("d1", "amal")}
    assert weapon.id not in spans
    assert spans[claim.id].attrs == {"stance": "reported"}
    assert lead.relations("d1", "amal")[0].tail == agency.id
    revs = dict(lead.conn.execute("SELECT id, rev FROM span"))
    assert revs[agency.id] == 1 and revs[ministry.id] == 0


def test_spans_that_swap_places_and_labels_merge(lead, package):
    text = DOCUMENTS["d2"]
    with Annotator(package, AMAL) as session:
        first = session.add_span("d2", *where(text, "مصادرُ"), "ACTOR")
        second = session.add_span("d2", *where(text, "الزهراء"), "LOCATION")
        same_place = session.add_span("d2", *where(text, "الزهراء"), "ACTOR")
        doomed = session.add_span("d2", *where(text, "الدفاع المدني"), "ACTOR")
    merge_files(lead, [package])
    with Annotator(package, AMAL) as session:
        # first and second swap place and label; same_place changes label in place
        session.move_span(first.id, 0, 3)
        session.relabel(second.id, "WEAPON")
        session.move_span(second.id, *where(text, "مصادرُ"))
        session.relabel(second.id, "ACTOR")
        session.relabel(first.id, "LOCATION")
        session.move_span(first.id, *where(text, "الزهراء"))
        session.relabel(same_place.id, "WEAPON")
        session.remove_span(doomed.id)
        session.add_span("d2", *where(text, "الدفاع المدني"), "ACTOR")  # same place, new id
    merge_files(lead, [package])
    assert layer_state(lead, "amal", ["d1", "d2", "d3"]) == file_state(package, "amal")


def test_a_done_document_stays_done_and_time_travels(lead, package):
    annotate(package)
    merge_files(lead, [package])
    assert lead.status("d1", "amal") == Status.DONE
    assert lead.conn.execute("SELECT seconds FROM work_time").fetchall() == [(95.5,)]


def test_a_dry_run_reports_and_writes_nothing(lead, package):
    annotate(package)
    before = fingerprint(lead.path)
    report = merge_files(lead, [package], dry_run=True)
    assert report.dry_run and report.files[0].layers[0].spans_added == 6
    assert fingerprint(lead.path) == before
    assert [layer.name for layer in lead.layers()] == []
    real = merge_files(lead, [package])
    assert real.files[0].layers[0].as_dict() == report.files[0].layers[0].as_dict()


def test_documents_the_lead_lacks_are_added(tmp_path):
    with new_lead(tmp_path, ["d1"]) as lead:
        package = new_package(tmp_path, lead, AMAL, ["d1", "d4"])
        with Annotator(package, AMAL) as session:
            session.add_span("d4", 0, 4, "ACTOR")
        report = merge_files(lead, [package])
        assert report.files[0].documents_new == 1
        assert list(lead.document_ids()) == ["d1", "d4"]
        assert [s.label for s in lead.spans("d4", "amal")] == ["ACTOR"]


def test_progress_counts_documents_and_cancel_rolls_back_the_file(lead, package, monkeypatch):
    from annotator.services import merging

    annotate(package)
    assert merging.merge_size([package, lead.path.with_name("lead-docs.jsonl")]) == 3
    monkeypatch.setattr(merging, "BATCH_DOCUMENTS", 1)
    done = []
    before = fingerprint(lead.path)
    with pytest.raises(merging.MergeCancelled, match="cancelled; nothing was changed"):
        merge_files(lead, [package], progress=done.append, cancelled=lambda: len(done) == 2)
    assert done == [1, 1]
    assert fingerprint(lead.path) == before
    merge_files(lead, [package], progress=done.append)
    assert sum(done) == 2 + 3
    assert layer_state(lead, "amal", ["d1", "d2", "d3"]) == file_state(package, "amal")
