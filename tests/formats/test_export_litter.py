"""An export writes under a hidden temporary name and renames it into place: a failed or
cancelled one leaves nothing, and what a killed one left is cleared by the next export to the
same place, never the temporary file of another export still running."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time

import pytest

from annotator.core.partfiles import LEGACY_AGE, stale_parts
from annotator.services.exporting import ExportCancelled, export_dataset, export_to_stream
from annotator.storage import ProjectStore
from tests.services.team_data import add_articles

KILLED_EXPORT = r"""
import os, sys
from pathlib import Path
from annotator.formats.atomic import atomic_folder, atomic_output
target = Path(sys.argv[1])
if sys.argv[2] == "file":
    with atomic_output(target) as handle:
        handle.write(b"half a dataset")
        os._exit(9)
with atomic_folder(target) as folder:
    (folder / "train.jsonl").write_bytes(b"half")
    os._exit(9)
"""


def _killed_export(target, kind):
    subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(target), kind])


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def project(tmp_path):
    store = ProjectStore.create(tmp_path / "p.tawsim")
    add_articles(store, 4)
    yield store
    store.close()


def test_the_next_export_clears_what_a_killed_one_left(project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _killed_export(out / "data.jsonl", "file")
    _killed_export(out / "split", "folder")
    leftovers = _names(out)
    assert len(leftovers) == 2 and all(n.endswith(".part") for n in leftovers)
    assert all(n.startswith((".data.jsonl.", ".split.")) for n in leftovers)
    export_dataset(project, out / "data.jsonl")
    assert _names(out) == [leftovers[1], "data.jsonl"]  # the folder export's is not ours
    export_dataset(project, out / "split", split="train=0.5,test=0.5")
    assert _names(out) == ["data.jsonl", "split"]


def test_another_running_exports_file_is_kept(project, tmp_path):
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = tmp_path / f".data.jsonl.{running.pid}-abcd1234.part"
        theirs.write_bytes(b"being written")
        export_dataset(project, tmp_path / "data.jsonl")
        assert theirs.exists()
    finally:
        running.kill()
        running.wait()
    export_dataset(project, tmp_path / "data.jsonl")  # now its writer is gone
    assert not theirs.exists()


def test_unnumbered_leftovers_are_cleared_once_untouched_for_an_hour(tmp_path):
    fresh = tmp_path / ".data.jsonl.k2j4h5g6.part"
    old = tmp_path / ".data.jsonl.a1b2c3d4.part"
    other = tmp_path / ".notes.txt.a1b2c3d4.part"  # another target's: never ours to clear
    for path in (fresh, old, other):
        path.write_bytes(b"x")
    hour_ago = time.time() - LEGACY_AGE - 60
    os.utime(old, (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    assert stale_parts(tmp_path, "data.jsonl") == [old]


def test_a_cancelled_or_failed_export_leaves_nothing(project, tmp_path):
    with pytest.raises(ExportCancelled):
        export_dataset(project, tmp_path / "data.jsonl", cancelled=lambda: True)
    with pytest.raises(ExportCancelled):
        export_dataset(project, tmp_path / "split", split="train=0.5,test=0.5",
                       cancelled=lambda: True)
    assert _names(tmp_path) == ["p.tawsim", "p.tawsim-shm", "p.tawsim-wal"]


def test_an_export_to_standard_output_clears_a_killed_ones_scratch(project, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    left = tmp_path / "scratch" / f".tawsim-export.{int(finished.stdout)}-x1y2z3.part"
    left.mkdir()
    (left / "dataset.jsonl").write_bytes(b"half")
    sink = io.BytesIO()
    export_to_stream(project, sink)
    assert len(sink.getvalue().splitlines()) == 4
    assert _names(tmp_path / "scratch") == []
