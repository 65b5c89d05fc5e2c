"""`tawsim export --jobs N` as a user runs it, in a process of its own (where the export
really forks): the file is the same whatever the number of processes, and so is `-o -`."""

import subprocess
import sys

from annotator.core.records import prepare_record
from annotator.services import export_jobs
from annotator.storage import BulkImport
from tests.formats.test_export_layers import layered_project
from tests.services.test_export_jobs import _article


def _tawsim(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True,
                          check=True)


def test_two_processes_write_the_file_one_writes(tmp_path):
    path = tmp_path / "big.tawsim"
    project = layered_project(path)
    # Enough documents for two processes; a few with the sample's layers and relations.
    with BulkImport(project, actor="tester", source="test") as bulk:
        for seed in range(2 * export_jobs.MIN_DOCUMENTS_PER_JOB + 10):
            bulk.add(prepare_record(_article(seed), project.scheme))
    project.close()
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    _tawsim("export", str(path), "-o", str(one), "--jobs", "1")
    done = _tawsim("export", str(path), "-o", str(two), "--jobs", "2")
    streamed = _tawsim("export", str(path), "-o", "-", "--jobs", "2").stdout
    assert one.read_bytes() == two.read_bytes() == streamed
    assert b"Wrote 4015 records" in done.stdout  # the sample's 2 documents in 5 layers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.tawsim", "one.jsonl",
                                                           "two.jsonl"]
