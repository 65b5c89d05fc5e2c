"""Parquet input `tawsim import` cannot take ends in one line naming the file (and the row),
exit status 1 and an unchanged project; Parquet is recognised by its magic bytes and a folder
by its part files; files other tools wrote with the same columns are taken."""

from __future__ import annotations

import sqlite3
import sys

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import TawsimError
from annotator.formats import registry
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TEXT = "قال المتحدث 🚀 باسم الجيش إن الطريق إلى حلب مفتوح"
ACTOR = (TEXT.index("المتحدث"), TEXT.index("المتحدث") + len("المتحدث"))


@pytest.fixture
def proj(tmp_path):
    path = tmp_path / "p.tawsim"
    assert CliRunner().invoke(cli, ["init", str(path)]).exit_code == 0
    return path


def counts(path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("document", "span"))
    finally:
        conn.close()


def refused(proj, path, *words, fmt="auto"):
    before = counts(proj)
    result = CliRunner().invoke(cli, ["import", str(proj), str(path), "--format", fmt,
                                      "--layer", "gold"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("tawsim: error: "), message
    for word in (path.name, *words):
        assert word in message, message
    assert counts(proj) == before
    return message


def span_struct(start=ACTOR[0], end=ACTOR[1], **extra):
    return {"start": start, "end": end, "label": "ACTOR", **extra}


def tawsim_like(tmp_path, rows, name="in.parquet", metadata=None):
    path = tmp_path / name
    table = pa.Table.from_pylist(rows)
    if metadata is not None:
        table = table.replace_schema_metadata(metadata)
    pq.write_table(table, path)
    return path


@pytest.fixture
def good_export(tmp_path):
    """A valid export: a folder of two shards, one record each."""
    source = tmp_path / "source.jsonl"
    source.write_bytes(b"".join(orjson.dumps({"id": f"d{i}", "text": f"{TEXT} {i}",
                                               "layer": "gold",
                                               "spans": [span_struct()]}) + b"\n"
                                for i in range(2)))
    with ProjectStore.create(tmp_path / "source.tawsim") as project:
        import_paths(project, [source], actor="t")
        export_dataset(project, tmp_path / "good", format="parquet", options={"shard": "1"})
    return tmp_path / "good"


def test_a_parquet_file_of_another_schema_is_refused(proj, tmp_path):
    path = tawsim_like(tmp_path, [{"tokens": ["قال"], "ner_tags": [0]}])
    refused(proj, path, "no text column", "tokens")


@pytest.mark.parametrize(("rows", "words"), [
    ([{"text": TEXT, "spans": [1, 2]}], ("spans", "list of span structs")),
    ([{"text": TEXT, "spans": [{"start": "0", "end": 3, "label": "ACTOR"}]}],
     ("start", "whole numbers")),
    ([{"text": TEXT, "spans": [{"start": 0, "end": 3}]}], ("no label field",)),
    ([{"text": TEXT, "spans": [span_struct(colour="red")]}], ("unknown span field",)),
    ([{"text": TEXT, "split": "train"}], ("unknown column", "split")),
    ([{"text": 7}], ("column text must hold text",)),
    ([{"text": TEXT, "time_active_s": "long"}], ("time_active_s",)),
])
def test_columns_of_the_wrong_shape_are_named(proj, tmp_path, rows, words):
    refused(proj, tawsim_like(tmp_path, rows), *words)


def test_other_offset_units_and_newer_layouts_are_refused(proj, tmp_path):
    rows = [{"text": TEXT, "spans": [span_struct()]}]
    refused(proj, tawsim_like(tmp_path, rows, metadata={"offset_unit": "utf16"}), "utf16")
    refused(proj, tawsim_like(tmp_path, rows, "new.parquet", {"tawsim.layout": "9"}),
            "newer", "update Tawsim")


def test_a_bad_row_is_named_by_file_and_row(proj, tmp_path):
    rows = [{"text": TEXT, "spans": [span_struct()]},
            {"text": TEXT, "spans": [span_struct(end=len(TEXT) + 4)]}]
    refused(proj, tawsim_like(tmp_path, rows), "(row 2)", "span 1")
    bad_json = [{"text": TEXT, "spans": [span_struct(attrs="{not json")]}]
    refused(proj, tawsim_like(tmp_path, bad_json, "attrs.parquet"), "attrs is not JSON")
    unknown = [{"text": TEXT, "spans": [span_struct()]},
               {"text": TEXT, "spans": [span_struct(), {**span_struct(), "label": "PERSON"}]}]
    refused(proj, tawsim_like(tmp_path, unknown, "labels.parquet"), "(row 2)", "span 2",
            "unknown label 'PERSON'")


def test_a_truncated_file_is_damaged(proj, tmp_path, good_export):
    part = good_export / "part-00001.parquet"
    data = part.read_bytes()
    part.write_bytes(data[: len(data) // 2])
    refused(proj, good_export, "not a Parquet file, or a damaged one", fmt="parquet")
    assert counts(proj) == (0, 0)  # the good first shard was not kept either


def test_damaged_pages_are_reported_not_raised(proj, tmp_path, good_export):
    part = good_export / "part-00000.parquet"
    data = bytearray(part.read_bytes())
    for offset in range(8, len(data) // 3):  # the column chunks, well before the footer
        data[offset] ^= 0x5A
    part.write_bytes(bytes(data))
    refused(proj, part, "part-00000.parquet")


def test_a_file_that_is_not_parquet_at_all(proj, tmp_path):
    path = tmp_path / "notes.parquet"
    path.write_text("هذا ليس ملف باركيه\n", "utf-8")
    refused(proj, path, "not a Parquet file", fmt="parquet")
    with pytest.raises(TawsimError, match="cannot tell the format"):
        registry.reader_for(path)


def test_an_empty_folder_holds_no_parts(proj, tmp_path):
    (tmp_path / "empty").mkdir()
    refused(proj, tmp_path / "empty", "holds no .parquet files", fmt="parquet")


def test_parquet_is_recognised_by_magic_and_folders_by_their_parts(tmp_path, good_export):
    assert registry.reader_for(good_export).name == "parquet"
    part = good_export / "part-00000.parquet"
    assert registry.reader_for(part).name == "parquet"
    renamed = tmp_path / "data.pq"
    renamed.write_bytes(part.read_bytes())
    assert registry.reader_for(renamed).name == "parquet"


def test_a_file_other_tools_wrote_with_the_same_columns_imports(proj, tmp_path):
    span = pa.struct([("start", pa.int32()), ("end", pa.int32()),
                      ("label", pa.large_string())])
    table = pa.table({"id": pa.array(["a1"], pa.large_string()),
                      "title": pa.array(["عنوان من أداة أخرى"], pa.large_string()),
                      "text": pa.array([TEXT], pa.large_string()),
                      "spans": pa.array([[{"start": ACTOR[0], "end": ACTOR[1],
                                           "label": "ACTOR"}]], pa.large_list(span)),
                      "__index_level_0__": pa.array([0])})
    pq.write_table(table, tmp_path / "polars.parquet")
    result = CliRunner().invoke(cli, ["import", str(proj), str(tmp_path / "polars.parquet"),
                                      "--layer", "gold"])
    assert result.exit_code == 0, result.output
    assert counts(proj) == (1, 1)
    conn = sqlite3.connect(proj)
    title, meta = conn.execute("SELECT title, meta FROM document").fetchone()
    conn.close()
    assert title == "عنوان من أداة أخرى" and orjson.loads(meta) == {"title": title}


def test_without_pyarrow_the_format_says_how_to_get_it(proj, tmp_path, good_export,
                                                       monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    with ProjectStore.open(proj) as project:
        with pytest.raises(TawsimError, match=r"needs pyarrow.*tawsim\[parquet\]"):
            export_dataset(project, tmp_path / "out", format="parquet")
        with pytest.raises(TawsimError, match=r"needs pyarrow.*tawsim\[parquet\]"):
            import_paths(project, [good_export], actor="t", format="parquet")
    assert not (tmp_path / "out").exists()
