"""A Parquet dataset imported the quick way (rows checked once into compact documents,
formats.parquet.prepared) stores exactly what the careful way (record objects) stores, and
refuses the same rows with the same messages, named by file and row."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings

from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from tests.formats.parquet_project import rich_project
from tests.services.test_import_prepared import (
    RECORDS,
    TEXT,
    _records,
    _rows,
    _span,
    count_quick_writes,
)

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _careful(record) -> None:
    """A `fit` that changes nothing: it sends the import the careful way."""


@pytest.fixture
def quick_batches(monkeypatch):
    return count_quick_writes(monkeypatch)


def _both_ways(folder, dataset, **options) -> dict:
    results = {}
    for name, fit in (("careful", _careful), ("quick", None)):
        skipped: list = []
        with ProjectStore.create(folder / f"{name}.tawsim") as project:
            counts = import_paths(project, [dataset], actor="tester", fit=fit,
                                  on_skip=skipped.append, **options)
            results[name] = (sorted(map(str, skipped)), counts.as_dict(), _rows(project))
    return results


def _exported(folder, records) -> object:
    source = folder / "source.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    with ProjectStore.create(folder / "source.tawsim") as project:
        import_paths(project, [source], actor="t", skip_bad=True, on_skip=lambda error: None)
        export_dataset(project, folder / "dataset", format="parquet", options={"shard": "4"})
    return folder / "dataset"


def test_a_rich_export_comes_back_the_same_both_ways(tmp_path):
    """Layers of several people over the same documents (rows of one document after the
    first take the careful way, which merges them), relations, attributes, notes, times."""
    with rich_project(tmp_path / "rich.tawsim") as project:
        export_dataset(project, tmp_path / "rich", format="parquet", options={"shard": "2"})
    results = _both_ways(tmp_path, tmp_path / "rich")
    assert results["quick"] == results["careful"]


def test_bad_rows_are_refused_the_same_both_ways_by_file_and_row(tmp_path, quick_batches):
    good = [{"id": f"d{n}", "text": f"{TEXT} {n}", "layer": "gold",
             "spans": [_span("الموصل", "LOCATION", f"s{n}", f"{TEXT} {n}")]} for n in range(3)]
    bad = [dict(good[1], spans=[dict(good[1]["spans"][0], end=len(good[1]["text"]) + 2)]),
           dict(good[2], spans=good[2]["spans"] * 2)]  # a span and its id twice
    rows = [good[0], bad[0], bad[1]]
    for row in rows:
        row["meta"] = "{}"
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    results = _both_ways(tmp_path, path, skip_bad=True)
    assert results["quick"] == results["careful"]
    skipped = results["quick"][0]
    assert len(skipped) == 2 and all("bad.parquet (row " in message for message in skipped)
    assert quick_batches == [1]


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=RECORDS)
def test_any_dataset_comes_back_the_same_both_ways(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("any")
    results = _both_ways(folder, _exported(folder, records))
    assert results["quick"] == results["careful"]


def test_the_rows_of_many_batches_land_in_their_documents(tmp_path, monkeypatch,
                                                          quick_batches):
    monkeypatch.setattr("annotator.formats.parquet.reader.BATCH_ROWS", 3)
    records = _records("a") + _records("b")
    results = _both_ways(tmp_path, _exported(tmp_path, records))
    assert results["quick"] == results["careful"]
    assert len(quick_batches) > 2
