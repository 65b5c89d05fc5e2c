"""Tawsim's JSONL record carries the active time on the document in the layer
(`time_active_s`) and whose layer it is (`layer_owner`); both survive an export and import,
and two people with the same layer name stay in separate layers."""

from __future__ import annotations

import json

import orjson
import pytest

from annotator.core.errors import TawsimError
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.services.validation import record_validator, validate_dataset
from annotator.storage import ProjectStore
from tests.services.merging_helpers import (
    AMAL,
    OTHER_AMAL,
    Annotator,
    new_lead,
    new_package,
    set_time,
)


@pytest.fixture
def worked(tmp_path):
    with new_lead(tmp_path, ["d1", "d3"]) as lead:
        package = new_package(tmp_path, lead, AMAL, ["d1", "d3"])
    with Annotator(package, AMAL) as session:
        session.add_span("d3", 0, 5, "ACTOR")
        set_time(session.project, "d3", "amal", 42.5)
    return package


def lines(path):
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_the_record_carries_time_and_owner_and_fits_its_schema(worked, tmp_path):
    out = tmp_path / "out.jsonl"
    with ProjectStore.open(worked) as project:
        export_dataset(project, out, layer="amal")
        records = {r["id"]: r for r in lines(out)}
        assert records["d3"]["time_active_s"] == 42.5
        assert records["d1"]["time_active_s"] == 0
        assert records["d3"]["layer_owner"] == AMAL.id
        for record in records.values():
            assert not list(record_validator().iter_errors(record))
        assert list(validate_dataset(out, project.scheme)) == []


def test_an_export_imports_back_with_its_time_and_owner(worked, tmp_path):
    out, again = tmp_path / "out.jsonl", tmp_path / "again.jsonl"
    with ProjectStore.open(worked) as project:
        export_dataset(project, out, format="jsonl")
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        import_paths(copy, [out], actor="t")
        assert {(layer.name, layer.owner) for layer in copy.layers()} == {("amal", AMAL.id)}
        export_dataset(copy, again, format="jsonl")
    keep = ("id", "layer", "layer_owner", "status", "time_active_s")
    assert [{k: r[k] for k in keep} for r in lines(again)] == \
        [{k: r[k] for k in keep} for r in lines(out)]


def test_a_record_of_another_owner_goes_into_a_distinct_layer(worked, tmp_path):
    out = tmp_path / "out.jsonl"
    with ProjectStore.open(worked) as project:
        export_dataset(project, out, layer="amal")
    other = tmp_path / "other.jsonl"
    records = [{**r, "layer_owner": OTHER_AMAL.id} for r in lines(out)]
    for record in records:
        for item in record["spans"]:
            item["id"] = item["id"] + "-other"
    other.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    with ProjectStore.open(worked) as project:
        counts = import_paths(project, [other], actor="t")
        assert {(layer.name, layer.owner) for layer in project.layers()} == \
            {("amal", AMAL.id), ("amal (2)", OTHER_AMAL.id)}
        assert "went into layer 'amal (2)'" in " ".join(counts.warnings)
        assert len(project.spans("d3", "amal")) == 1
        assert len(project.spans("d3", "amal (2)")) == 1
        again = import_paths(project, [other], actor="t")  # finds that person's layer again
        assert again.spans_new == 0 and len(project.layers()) == 2


@pytest.mark.parametrize("value", [-1, "12", True, [3]])
def test_a_time_that_is_not_seconds_is_refused_at_its_line(tmp_path, value):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "نص قصير", "layer": "amal",
                                "time_active_s": value}) + "\n", "utf-8")
    with ProjectStore.create(tmp_path / "p.tawsim") as project, \
            pytest.raises(TawsimError, match=r"bad\.jsonl:1: .*time_active_s"):
        import_paths(project, [path], actor="t")
