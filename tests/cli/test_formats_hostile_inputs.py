"""Every class of hostile input replayed through `tawsim import` and `tawsim export`.

Each must end in exit status 1 and one line on stderr naming the file, with the project left
as it was: never a traceback, never a silent loss (tests/hostile_inputs lists the classes).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.formats import json_limits, registry
from tests.hostile_inputs import HOSTILE_IMPORTS, HostileInput, full_disk
from tests.texts import SHORT

WRITERS = [fmt.name for fmt in registry.writers()]
OPTIONAL_LIBRARY = {"docbin": "spacy", "parquet": "pyarrow"}


def _init(folder):
    project = folder / "p.tawsim"
    assert CliRunner().invoke(cli, ["init", str(project)]).exit_code == 0
    return project


def _state(project) -> bytes:
    return project.read_bytes()


def assert_one_line_refusal(result, path, expect: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in result.output, message
    assert message.startswith(f"tawsim: error: {path}"), message
    assert expect in message, message


@pytest.mark.parametrize("hostile", HOSTILE_IMPORTS, ids=lambda h: h.name)
def test_every_hostile_input_is_refused_in_one_line(tmp_path, hostile: HostileInput):
    if "DocBin" in hostile.name:
        pytest.importorskip("spacy")
    project = _init(tmp_path)
    path = hostile.make(tmp_path)
    before = _state(project)
    result = CliRunner().invoke(cli, ["import", str(project), str(path), "--format",
                                      hostile.format, "--layer", "gold"])
    assert_one_line_refusal(result, path, hostile.expect)
    assert _state(project) == before


def test_a_json_lines_line_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(json_limits, "MAX_JSON_LINE_BYTES", 1000)
    monkeypatch.setattr(json_limits, "MAX_JSON_FILE_BYTES", 1000)
    project = _init(tmp_path)
    for name, body in (("long.jsonl", '{"text": "' + SHORT * 30 + '"}\n'),
                       ("long.json", '[{"text": "' + SHORT * 30 + '"}]')):
        path = tmp_path / name
        path.write_text(body, "utf-8")
        result = CliRunner().invoke(cli, ["import", str(project), str(path)])
        assert_one_line_refusal(result, path, "the most Tawsim reads at once")


# -- export: a full disk, in every format ------------------------------------------------


def _annotated(folder, documents: int = 1, repeat: int = 1):
    project = _init(folder)
    source = folder / "in.jsonl"
    lines = []
    for number in range(documents):
        text = " ".join([SHORT] * repeat) + f" ({number})"
        start = text.index("الموصل")
        lines.append(json.dumps({"id": f"d{number}", "text": text, "spans": [
            {"start": start, "end": start + 6, "label": "LOCATION"}]}, ensure_ascii=False))
    source.write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["import", str(project), str(source), "--layer", "gold"])
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture
def annotated(tmp_path):
    return _annotated(tmp_path)


def _output(folder, fmt):
    return folder / {"brat": "out-brat", "docbin": "out.spacy"}.get(fmt, f"out.{fmt}")


@pytest.mark.parametrize("fmt", WRITERS)
def test_an_export_to_a_full_disk_is_one_line_in_every_format(annotated, tmp_path, fmt,
                                                              monkeypatch):
    if fmt in OPTIONAL_LIBRARY:  # a format of an optional extra says how to install it
        pytest.importorskip(OPTIONAL_LIBRARY[fmt])
    out = _output(tmp_path, fmt)
    full_disk(monkeypatch)
    result = CliRunner().invoke(cli, ["export", str(annotated), "-o", str(out), "--format",
                                      fmt, "--layer", "gold"])
    monkeypatch.undo()
    assert_one_line_refusal(result, out, "the disk is full")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_split_export_to_a_full_disk_names_the_part_in_the_output(annotated, tmp_path,
                                                                   monkeypatch):
    out = tmp_path / "dataset"
    full_disk(monkeypatch)
    result = CliRunner().invoke(cli, ["export", str(annotated), "-o", str(out), "--split",
                                      "train=0.5,test=0.5", "--layer", "gold"])
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.startswith(f"tawsim: error: {out}{os.sep}")  # not the hidden folder
    assert "the disk is full" in result.stderr and ".part" not in result.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE as on Linux")
@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_a_real_write_failure_from_the_system_is_one_line(tmp_path, fmt):
    project = _annotated(tmp_path, documents=3, repeat=1000)  # texts of about 90 KB
    out = _output(tmp_path, fmt)

    def small_files() -> None:
        # The kernel refuses to grow any file past 64 KiB (EFBIG): the export's, not the
        # project's, which is only read.
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 16, 1 << 16))

    done = subprocess.run([sys.executable, "-m", "annotator", "export", str(project), "-o",
                           str(out), "--format", fmt, "--layer", "gold"],
                          preexec_fn=small_files, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("tawsim: error:")]
    assert "Traceback" not in done.stderr and len(lines) == 1, done.stderr
    assert lines[0].startswith(f"tawsim: error: {out}") and "larger than" in lines[0]
