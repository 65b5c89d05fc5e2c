"""What a merge refuses, in one line naming the file, leaving the lead byte for byte as it
was: files that are not Tawsim projects, newer, damaged or the lead's own; a document id with
another text; a scheme the annotations do not fit; an older copy or a copy edited on two
machines (which --force merges, the file's state winning)."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from annotator.core.errors import TawsimError
from annotator.core.scheme import scheme_from_dict
from annotator.services.merging import MergeDiverged, MergeRefused, merge_files
from annotator.services.projects import open_project
from tests.services.merging_helpers import (
    AMAL,
    DOCUMENTS,
    Annotator,
    file_state,
    fingerprint,
    layer_state,
    new_lead,
    new_package,
    snapshot,
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
    path = new_package(tmp_path, lead, AMAL, ["d1", "d2"])
    with Annotator(path, AMAL) as session:
        session.add_span("d1", *where(D1, "الزهراء"), "LOCATION")
    return path


def refused(lead, paths, match, **options):
    before = fingerprint(lead.path)
    with pytest.raises(TawsimError, match=match) as caught:
        merge_files(lead, paths, **options)
    assert "\n" not in str(caught.value)
    assert fingerprint(lead.path) == before
    return caught.value


def test_a_file_that_is_not_a_project(lead, tmp_path):
    jsonl = tmp_path / "amal.tawsim"
    jsonl.write_text('{"id": "d1", "text": "نص"}\n', "utf-8")
    refused(lead, [jsonl], r"amal\.tawsim: not a Tawsim project")


def test_a_file_from_a_newer_tawsim(lead, package):
    conn = sqlite3.connect(package)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    refused(lead, [package], r"amal\.tawsim: written by a newer version of Tawsim")


def test_a_damaged_file(lead, package, tmp_path):
    data = bytearray(package.read_bytes())
    half = len(data) // 2
    data[half:half + 40000] = b"\xff" * 40000
    damaged = tmp_path / "damaged.tawsim"
    damaged.write_bytes(bytes(data))
    error = refused(lead, [damaged], r"damaged\.tawsim: ")
    assert "damaged" in str(error) or "cannot be read" in str(error)


def test_a_truncated_file(lead, package, tmp_path):
    truncated = tmp_path / "truncated.tawsim"
    truncated.write_bytes(package.read_bytes()[:20000])
    refused(lead, [truncated], r"truncated\.tawsim: ")


def test_the_leads_own_file_and_a_copy_of_it(lead, tmp_path):
    refused(lead, [lead.path], r"lead\.tawsim: this is the lead project itself")
    copy = snapshot(lead.path, tmp_path / "copy.tawsim")
    refused(lead, [copy], r"copy\.tawsim: this is a copy of the lead project itself")


def test_a_document_id_with_another_text_is_refused_by_name(lead, package):
    conn = sqlite3.connect(package)
    conn.execute("DROP TRIGGER document_text_is_fixed")
    conn.execute("UPDATE document SET text = 'نص آخر', text_sha256 = 'x' WHERE id = 'd2'")
    conn.commit()
    conn.close()
    refused(lead, [package], r"amal\.tawsim: document 'd2' has another text in the lead's")


def test_every_file_is_checked_before_the_first_is_merged(lead, package, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("ملاحظات", "utf-8")
    refused(lead, [package, other], r"notes\.txt: not a Tawsim project")
    assert lead.layers() == []


def test_a_scheme_the_annotations_do_not_fit_is_refused_unless_mapped(tmp_path, lead):
    data = lead.scheme.to_dict()
    event = {key: value for key, value in data["labels"][0].items() if key != "hotkey"}
    data["labels"].append({**event, "name": "EVENT"})
    package = new_package(tmp_path, lead, AMAL, ["d1"])
    with open_project(package) as project:
        project.set_scheme(scheme_from_dict(data), "amal")
    with Annotator(package, AMAL) as session:
        session.add_span("d1", *where(D1, "الزهراء"), "EVENT")
    error = refused(lead, [package], r"its scheme differs from the lead's")
    assert "label EVENT (1)" in str(error)
    report = merge_files(lead, [package], label_map=["EVENT=LOCATION"])
    assert [s.label for s in lead.spans("d1", "amal")] == ["LOCATION"]
    assert report.files[0].layers[0].spans_added == 1


def test_an_older_copy_is_refused_and_force_lets_it_win(lead, package, tmp_path):
    older = snapshot(package, tmp_path / "older.tawsim")
    with Annotator(package, AMAL) as session:
        session.add_span("d2", 0, 4, "ACTOR")
    merge_files(lead, [package])
    error = refused(lead, [older], r"older\.tawsim: an older copy of layer 'amal'")
    assert isinstance(error, MergeDiverged) and error.kind == "older"
    assert error.documents == ["d2"] and "differs in 1 document (d2)" in str(error)
    report = merge_files(lead, [older], force=True)
    assert report.files[0].forced
    assert layer_state(lead, "amal", ["d1", "d2"]) == file_state(older, "amal")


def test_a_layer_edited_on_two_machines_is_refused_with_what_diverged(lead, package, tmp_path):
    laptop = snapshot(package, tmp_path / "laptop.tawsim")
    with Annotator(package, AMAL) as session:
        session.add_span("d2", 0, 4, "ACTOR")
    with Annotator(laptop, AMAL) as session:
        session.add_span("d1", *where(D1, "حمص"), "LOCATION")
        session.add_span("d1", *where(D1, "سوريا"), "LOCATION")
    merge_files(lead, [package])
    error = refused(lead, [laptop], r"laptop\.tawsim: layer 'amal' was edited on two machines")
    assert error.kind == "diverged" and error.documents == ["d1", "d2"]
    rows = len(lead.audit_trail())
    report = merge_files(lead, [laptop], force=True)
    assert layer_state(lead, "amal", ["d1", "d2"]) == file_state(laptop, "amal")
    layer = report.files[0].layers[0]
    assert layer.audit_rows == 2  # the laptop's two edits; the common start is there once
    assert "merged anyway (--force)" in " ".join(layer.warnings)
    assert len(lead.audit_trail()) == rows + 3  # and the lead's merge row
    assert not merge_files(lead, [laptop]).changed


def test_a_second_file_of_the_same_person_is_not_divergence(lead, package, tmp_path):
    merge_files(lead, [package])
    second = new_package(tmp_path, lead, AMAL, ["d3", "d4"], name="amal-week2")
    with Annotator(second, AMAL) as session:
        session.add_span("d4", 0, 4, "ACTOR")
    merge_files(lead, [second])
    assert [layer.name for layer in lead.layers()] == ["amal"]
    assert len(lead.spans("d1", "amal")) == 1 and len(lead.spans("d4", "amal")) == 1


def test_a_package_identity_that_is_not_json_is_only_not_named(lead, package):
    conn = sqlite3.connect(package)
    conn.execute("UPDATE project SET value = '{' WHERE key = 'package'")
    conn.commit()
    conn.close()
    report = merge_files(lead, [package])
    assert report.files[0].annotator is None
    assert json.dumps(report.as_dict())


def test_a_missing_file(lead, tmp_path):
    with pytest.raises(MergeRefused, match=r"gone\.tawsim: no such file"):
        merge_files(lead, [tmp_path / "gone.tawsim"])


def test_an_older_schema_is_read_without_being_changed(lead, tmp_path):
    release = tmp_path / "release.tawsim"
    shutil.copyfile("tests/storage/data/release-0.1.sqlite", release)
    before = release.read_bytes()
    report = merge_files(lead, [release])
    assert release.read_bytes() == before
    (layer,) = report.files[0].layers
    assert layer.layer == "amal" and "no owner id" in " ".join(layer.warnings)
    assert layer.spans_added > 0 and report.files[0].documents_new == 3
    assert all(item.name != "gold" for item in lead.layers())  # its gold stays its own
    again = merge_files(lead, [release])
    assert not again.changed
