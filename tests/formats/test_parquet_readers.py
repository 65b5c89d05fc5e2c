"""A Parquet export read as it is by pyarrow, Hugging Face `datasets` and DuckDB: the same
spans at the same code-point offsets as the native JSONL export, and the metadata that says
what the offsets count and which scheme the labels come from."""

from __future__ import annotations

import orjson
import pytest

from annotator import __version__
from annotator.services.exporting import export_dataset
from tests.formats.parquet_project import native_lines, rich_project

pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """(the folder of shards, the native records by (id, layer), the project's scheme)."""
    folder = tmp_path_factory.mktemp("readers")
    with rich_project(folder / "rich.tawsim") as project:
        records = [orjson.loads(line) for line in native_lines(project, folder / "all.jsonl")]
        export_dataset(project, folder / "dataset", format="parquet", options={"shard": "4"})
        scheme = project.scheme.to_dict()
    return folder / "dataset", {(r["id"], r["layer"]): r for r in records}, scheme


def _spans(row):
    return [(s["id"], s["start"], s["end"], s["label"], s["text"]) for s in row["spans"]]


def test_pyarrow_reads_the_spans_at_the_same_offsets(exported):
    folder, native, _ = exported
    rows = pq.read_table(folder).to_pylist()
    assert len(rows) == len(native) == 6
    for row in rows:
        record = native[(row["id"], row["layer"])]
        assert row["text"] == record["text"]
        assert _spans(row) == _spans(record)
        for span in row["spans"]:
            assert row["text"][span["start"]:span["end"]] == span["text"]
            assert orjson.loads(span["attrs"]) == next(
                s["attrs"] for s in record["spans"] if s["id"] == span["id"])
        assert orjson.loads(row["meta"]) == record["meta"]
        assert [r["head"] for r in row["relations"]] == [r["head"] for r in record["relations"]]
        for key in ("text_sha256", "layer_owner", "status", "time_active_s"):
            assert row[key] == record[key], key
    assert any(len(row["text"].encode("utf-16-le")) // 2 != len(row["text"]) for row in rows)


def test_the_metadata_names_the_offset_unit_the_scheme_and_the_version(exported):
    folder, _, scheme = exported
    for part in folder.glob("*.parquet"):
        metadata = pq.read_schema(part).metadata
        assert metadata[b"offset_unit"] == b"codepoint"
        assert metadata[b"tawsim.version"] == __version__.encode()
        assert orjson.loads(metadata[b"tawsim.scheme"]) == scheme
        assert pq.ParquetFile(part).metadata.row_group(0).column(0).compression == "ZSTD"


def test_the_title_column_is_the_title_the_project_shows(exported):
    folder, _, _ = exported
    titles = {row["id"]: row["title"] for row in pq.read_table(folder).to_pylist()}
    assert titles["zummar-3"] == "زمار: الوضع تحت السيطرة"  # from meta
    assert titles["mosul-2"] == "أعلنت الشرطة في الموصل ضبط شاحنة تحمل صواريخ."  # first line


@pytest.mark.consumer
def test_hugging_face_datasets_reads_the_same_spans(exported, tmp_path, monkeypatch):
    for name, value in (("HF_DATASETS_OFFLINE", "1"), ("HF_HUB_OFFLINE", "1"),
                        ("HF_HOME", str(tmp_path / "hf")),
                        ("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")):
        monkeypatch.setenv(name, value)
    datasets = pytest.importorskip("datasets")
    folder, native, _ = exported
    data = datasets.load_dataset("parquet", data_files=str(folder / "*.parquet"),
                                 split="train", cache_dir=str(tmp_path / "cache"))
    assert data.num_rows == len(native)
    assert data.features["spans"].feature["start"].dtype == "int64"
    for row in data:
        record = native[(row["id"], row["layer"])]
        assert _spans(row) == _spans(record)
        for span in row["spans"]:
            assert row["text"][span["start"]:span["end"]] == span["text"]
    assert [row["id"] for row in data] == [key[0] for key in native]  # the shards' order


@pytest.mark.consumer
def test_duckdb_cuts_the_same_span_texts_with_its_own_substring(exported):
    duckdb = pytest.importorskip("duckdb")
    folder, native, _ = exported
    glob = str(folder / "*.parquet").replace("'", "''")
    connection = duckdb.connect()
    total, same, stances = connection.sql(
        "SELECT count(*), count(*) FILTER (WHERE substring(text, s.start + 1, "
        "s.\"end\" - s.start) = s.text), count(json_extract_string(s.attrs, '$.stance')) "
        f"FROM (SELECT text, unnest(spans) AS s FROM read_parquet('{glob}'))").fetchall()[0]
    assert total == same == sum(len(r["spans"]) for r in native.values())
    assert stances == sum(1 for r in native.values() for s in r["spans"]
                          if "stance" in s["attrs"])


@pytest.mark.consumer
def test_polars_reads_the_folder_as_it_is(exported):
    # Not in the consumers extra (its wheel installs ~180 MB): runs where Polars is installed.
    pl = pytest.importorskip("polars")
    folder, native, _ = exported
    spans = (pl.read_parquet(folder).select(pl.col("text").alias("document"), "spans")
             .explode("spans").unnest("spans"))
    cut = spans.select(pl.col("document").str.slice(pl.col("start"),
                                                    pl.col("end") - pl.col("start")))
    assert cut.to_series().to_list() == spans["text"].to_list()
    assert spans.height == sum(len(r["spans"]) for r in native.values())
