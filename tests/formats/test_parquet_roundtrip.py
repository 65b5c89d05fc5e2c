"""A Parquet export imports back losslessly: project -> Parquet -> new project gives the same
native JSONL, from a folder of shards written by worker processes or from one file; shards
keep the document order; a cancelled export leaves nothing and no process behind."""

from __future__ import annotations

import multiprocessing

import orjson
import pytest

from annotator.core.errors import TawsimError
from annotator.formats.parquet import writer
from annotator.services.exporting import ExportCancelled, export_dataset
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from tests.formats.parquet_project import native_lines, rich_project

pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rich")
    project = rich_project(folder / "rich.tawsim")
    lines = native_lines(project, folder / "rich.jsonl")
    yield project, lines
    project.close()


@pytest.fixture(scope="module")
def through_jsonl(rich, tmp_path_factory):
    """The native JSONL of a project made by importing the rich project's own JSONL export:
    identical records, each document's layers in the order the import met them (pred, met on
    the first document, before omar), which a Parquet round trip must match exactly."""
    folder = tmp_path_factory.mktemp("through-jsonl")
    project, _ = rich
    export_dataset(project, folder / "all.jsonl")
    return _imported_lines(folder, folder / "all.jsonl")


def _imported_lines(tmp_path, source) -> list[bytes]:
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        counts = import_paths(copy, [source], actor="tester")
        assert counts.rejected == 0 and counts.warnings == []
        return native_lines(copy, tmp_path / "copy.jsonl")


@pytest.mark.parametrize(("name", "options"), [
    ("dataset", {"shard": "2", "jobs": "2"}),  # three shards, two in worker processes
    ("dataset", {}),  # one shard, written without starting a worker
    ("one.parquet", {"compression": "snappy"}),
    ("plain", {"compression": "none", "jobs": "1", "shard": "1"}),
])
def test_the_round_trip_gives_back_the_same_native_records(rich, through_jsonl, tmp_path,
                                                           name, options):
    project, original = rich
    out = tmp_path / name
    report = export_dataset(project, out, format="parquet", options=options)
    assert report.documents == len(original) == 6
    assert report.spans == sum(len(orjson.loads(line)["spans"]) for line in original)
    back = _imported_lines(tmp_path, out)
    assert sorted(back) == sorted(original)
    assert back == through_jsonl


def test_the_shards_hold_the_documents_in_their_order(rich, tmp_path):
    project, original = rich
    out = tmp_path / "dataset"
    export_dataset(project, out, format="parquet", options={"shard": "1", "jobs": "2"})
    parts = sorted(p.name for p in out.glob("*.parquet"))
    assert parts == [f"part-{i:05d}.parquet" for i in range(len(original))]
    written = [(row["id"], row["layer"]) for part in parts
               for row in pq.read_table(out / part).to_pylist()]
    assert written == [(orjson.loads(x)["id"], orjson.loads(x)["layer"]) for x in original]
    assert sorted(p.name for p in out.iterdir()) == parts  # nothing but the data


def test_a_new_export_replaces_a_tawsim_dataset_and_nothing_else(rich, tmp_path):
    project, _ = rich
    out = tmp_path / "dataset"
    export_dataset(project, out, format="parquet", options={"shard": "1"})
    export_dataset(project, out, format="parquet", layer="gold")  # fewer parts than before
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.parquet"]
    (out / ".tawsim-export").write_text("written by tawsim export\n")  # an older export's
    export_dataset(project, out, format="parquet", layer="gold")
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.parquet"]
    for stranger in ("notes.txt", "other.parquet"):
        if stranger == "other.parquet":
            pq.write_table(pq.read_table(out / "part-00000.parquet").replace_schema_metadata(),
                           out / stranger)
        else:
            (out / stranger).write_text("my notes")
        with pytest.raises(TawsimError, match="not written by Tawsim"):
            export_dataset(project, out, format="parquet", layer="gold")
        assert (out / stranger).exists()
        (out / stranger).unlink()


def test_a_split_export_is_a_folder_per_part_and_imports_whole(rich, tmp_path):
    project, original = rich
    out = tmp_path / "split"
    export_dataset(project, out, format="parquet", split="train=0.5,test=0.5")
    assert {p.parent.name for p in out.rglob("*.parquet")} <= {"train", "test"}
    assert sorted(_imported_lines(tmp_path, out)) == sorted(original)


def test_one_layer_exports_alone(rich, tmp_path):
    project, _ = rich
    out = tmp_path / "gold.parquet"
    report = export_dataset(project, out, format="parquet", layer="gold")
    table = pq.read_table(out)
    assert set(table.column("layer").to_pylist()) == {"gold"}
    assert table.num_rows == report.documents == 3


def test_an_empty_export_is_one_part_with_the_schema(tmp_path):
    with ProjectStore.create(tmp_path / "empty.tawsim") as project:
        report = export_dataset(project, tmp_path / "empty", format="parquet")
        scheme = project.scheme.to_dict()
    assert report.documents == 0
    table = pq.read_table(tmp_path / "empty" / "part-00000.parquet")
    assert table.num_rows == 0
    assert orjson.loads(table.schema.metadata[b"tawsim.scheme"]) == scheme


def test_a_cancelled_export_leaves_nothing_and_stops_the_workers(rich, tmp_path):
    project, _ = rich
    seen = []

    def cancelled():
        seen.append(1)
        return len(seen) > 5  # after four shards of one record went to the workers

    with pytest.raises(ExportCancelled):
        export_dataset(project, tmp_path / "dataset", format="parquet", cancelled=cancelled,
                       options={"shard": "1", "jobs": "2"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert multiprocessing.active_children() == []


def test_a_cancelled_single_file_leaves_nothing(rich, tmp_path):
    project, _ = rich
    seen = []
    with pytest.raises(ExportCancelled):
        export_dataset(project, tmp_path / "one.parquet", format="parquet",
                       cancelled=lambda: seen.append(1) or len(seen) > 3)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_replaces_nothing(rich, tmp_path):
    project, _ = rich
    out = tmp_path / "dataset"
    export_dataset(project, out, format="parquet", layer="gold")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(ExportCancelled):
        export_dataset(project, out, format="parquet", cancelled=lambda: True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


@pytest.mark.parametrize(("cores", "jobs"), [(1, 1), (2, 1), (3, 2), (8, 7)])
def test_by_default_the_exporting_process_keeps_a_core_to_itself(monkeypatch, cores, jobs):
    monkeypatch.setattr(writer, "available_cores", lambda: cores)
    assert writer.default_jobs() == jobs
