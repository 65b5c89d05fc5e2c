"""`tawsim export` as a user meets it: a layer asked for instead of layers mixed, `-o -` for
standard output, and a folder where a file belongs refused in one line."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.records import DocumentRecord, prepare_record
from annotator.storage import BulkImport
from tests.formats.sample import annotated_project
from tests.formats.test_export_layers import layered_project

LINE_FORMATS = ["jsonl", "doccano", "spacy", "conll"]


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(result, *words):
    assert result.exit_code == 1
    assert result.stderr.startswith("tawsim: error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def layered(tmp_path):
    path = tmp_path / "layers.tawsim"
    layered_project(path).close()
    return path


@pytest.fixture
def single(tmp_path):
    path = tmp_path / "one.tawsim"
    annotated_project(path).close()
    return path


@pytest.mark.parametrize("fmt", ["doccano", "labelstudio", "spacy", "conll", "brat"])
def test_several_layers_without_layer_are_refused_and_nothing_is_written(layered, tmp_path,
                                                                        fmt):
    out = tmp_path / "out"
    refused(run("export", layered, "-o", out, "--format", fmt, ok=False),
            "layers gold, omar and pred", "--layer NAME")
    assert not out.exists()
    run("export", layered, "-o", out, "--format", fmt, "--layer", "omar")
    assert out.exists()


def test_jsonl_writes_every_layer_without_being_asked(layered, tmp_path):
    out = tmp_path / "all.jsonl"
    result = run("export", layered, "-o", out)
    assert "Wrote 5 records" in result.output


@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_dash_writes_the_dataset_to_standard_output(single, tmp_path, fmt):
    out = tmp_path / f"file.{fmt}"
    run("export", single, "-o", out, "--format", fmt)
    result = run("export", single, "-o", "-", "--format", fmt)
    assert result.stdout_bytes == out.read_bytes()
    assert "Wrote 1 record with 15 spans" in result.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt", ["brat", "docbin", "labelstudio"])
def test_dash_is_refused_for_folder_binary_and_two_file_formats(single, tmp_path, fmt,
                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", single, "-o", "-", "--format", fmt, ok=False)
    refused(result, f"the {fmt} format cannot be written to standard output",
            "jsonl, doccano, spacy, conll")
    assert result.stdout_bytes == b""
    assert not (tmp_path / "-").exists()


def test_dash_with_a_split_is_refused(single, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused(run("export", single, "-o", "-", "--split", "a=0.5,b=0.5", ok=False),
            "a split export writes a folder")
    assert not (tmp_path / "-").exists()


def test_a_refused_export_to_standard_output_sends_nothing(layered):
    result = run("export", layered, "-o", "-", "--format", "doccano", ok=False)
    refused(result, "--layer NAME")
    assert result.stdout_bytes == b""


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "out.jsonl"), ("labelstudio", "t.json"),
                                           ("conll", "t.conll"), ("spacy", "t.jsonl")])
def test_a_folder_where_a_file_belongs_is_one_line(single, tmp_path, fmt, name):
    folder = tmp_path / name
    folder.mkdir()
    refused(run("export", single, "-o", folder, "--format", fmt, ok=False),
            str(folder), "the output is a folder")
    assert list(folder.iterdir()) == []


def test_folder_formats_write_into_a_folder_they_wrote_before(single, tmp_path):
    out = tmp_path / "brat"
    run("export", single, "-o", out, "--format", "brat")
    run("export", single, "-o", out, "--format", "brat")
    assert len(list(out.glob("*.ann"))) == 1


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    path = tmp_path / "many.tawsim"
    with annotated_project(path) as project, BulkImport(project, actor="tester",
                                                        source="composed") as bulk:
        for number in range(400):  # about 1.5 KB a record, ten times what a pipe holds
            text = f"خبر رقم {number}: " + "أعلنت الشرطة في الموصل ضبط شاحنة تحمل صواريخ. " * 20
            bulk.add(prepare_record(DocumentRecord(text=text, id=f"n-{number}"),
                                    project.scheme))
    process = subprocess.Popen([sys.executable, "-m", "annotator", "export", str(path), "-o",
                                "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(10)
    process.stdout.close()
    errors = process.stderr.read().decode("utf-8")
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert first.startswith(b'{"id":')
    assert errors == ""
