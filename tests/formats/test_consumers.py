"""Exports read by the libraries that consume them (skipped when one is not installed)."""

import os

import pytest

from annotator.services.exporting import export_dataset
from tests.formats.bratcheck import check_folder
from tests.formats.sample import ARTICLE, annotated_project, contents

pytestmark = pytest.mark.consumer


@pytest.fixture
def source(tmp_path):
    project = annotated_project(tmp_path / "source.tawsim")
    yield project
    project.close()


@pytest.fixture
def datasets(tmp_path, monkeypatch):
    # Offline, and nothing written outside the test's folder.
    for name, value in (("HF_DATASETS_OFFLINE", "1"), ("HF_HUB_OFFLINE", "1"),
                        ("HF_HOME", str(tmp_path / "hf")),
                        ("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")):
        monkeypatch.setenv(name, value)
    module = pytest.importorskip("datasets")
    return lambda path: module.load_dataset("json", data_files=str(path), split="train",
                                            cache_dir=str(tmp_path / "cache"))


def test_hugging_face_loads_the_native_export_typed(source, tmp_path, datasets):
    out = tmp_path / "gold.jsonl"
    export_dataset(source, out, layer="gold")
    data = datasets(out)
    assert data.num_rows == 1
    row = data[0]
    assert row["text"] == ARTICLE and row["offset_unit"] == "codepoint"
    assert data.features["spans"].feature["start"].dtype == "int64"
    spans, links = contents(source, "gold")[ARTICLE]
    assert {(s["start"], s["end"], s["label"]) for s in row["spans"]} == {s[:3] for s in spans}
    for span in row["spans"]:
        assert ARTICLE[span["start"]:span["end"]] == span["text"]
    assert len(row["relations"]) == len(links)


@pytest.mark.parametrize("relations", [False, True])
def test_hugging_face_loads_the_doccano_exports(source, tmp_path, datasets, relations):
    out = tmp_path / "doccano.jsonl"
    export_dataset(source, out, format="doccano", layer="gold",
                   options={"relations": relations})
    row = datasets(out)[0]
    spans, links = contents(source, "gold")[ARTICLE]
    if relations:
        got = {(e["start_offset"], e["end_offset"], e["label"]) for e in row["entities"]}
        assert len(row["relations"]) == len(links)
    else:
        got = {tuple(item) for item in row["label"]}
    assert got == {s[:3] for s in spans}


def test_the_brat_export_passes_brats_own_checks(source, tmp_path):
    export_dataset(source, tmp_path / "brat", format="brat", layer="gold")
    assert check_folder(tmp_path / "brat") == []
    conf = (tmp_path / "brat" / "annotation.conf").read_text("utf-8")
    assert "SOURCE\tArg1:CLAIM, Arg2:ACTOR" in conf
    assert "stance\tArg:CLAIM, Value:asserted|reported|denied|uncertain" in conf
    assert os.path.exists(tmp_path / "brat" / "visual.conf")
