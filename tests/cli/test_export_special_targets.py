"""Exports to what is not a regular file: a named pipe, standard output on a full disk.

A file renamed over a device or a pipe would replace it (as root, /dev/null itself), so
such a target is written through, once the export is complete; a write it refuses is one
line naming it, like any other failed write.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from tests.texts import SHORT

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes as on POSIX")


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "p.tawsim"
    assert CliRunner().invoke(cli, ["init", str(path)]).exit_code == 0
    start = SHORT.index("الموصل")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": SHORT, "spans": [
        {"start": start, "end": start + 6, "label": "LOCATION"}]}, ensure_ascii=False) + "\n",
        "utf-8")
    result = CliRunner().invoke(cli, ["import", str(path), str(source), "--layer", "gold"])
    assert result.exit_code == 0, result.output
    return path


def test_an_export_into_a_named_pipe_goes_through_it_and_leaves_the_pipe(project, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = CliRunner().invoke(cli, ["export", str(project), "-o", str(pipe)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # not replaced by a regular file
    record = json.loads(received[0])
    assert record["text"] == SHORT and record["spans"][0]["text"] == "الموصل"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "spacy", "conll"])
def test_standard_output_on_a_full_disk_is_one_line(project, fmt):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "annotator", "export", str(project), "-o",
                               "-", "--format", fmt, "--layer", "gold"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith("Exporting")]
    assert lines == ["tawsim: error: standard output: cannot write the export: the disk is full"]
