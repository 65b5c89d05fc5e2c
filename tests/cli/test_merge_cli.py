"""`tawsim merge` and `tawsim import LEAD FILE.tawsim`: annotators' files merged, reported
per file and layer, bad input refused in one line with the lead left as it was."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from tests.services.merging_helpers import (
    AMAL,
    DOCUMENTS,
    Annotator,
    fingerprint,
    new_lead,
    new_package,
    where,
)


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture
def files(tmp_path):
    with new_lead(tmp_path) as lead:
        package = new_package(tmp_path, lead, AMAL, ["d1", "d2"])
    with Annotator(package, AMAL) as session:
        session.add_span("d1", *where(DOCUMENTS["d1"], "الزهراء"), "LOCATION")
    return tmp_path / "lead.tawsim", package


def test_merge_reports_per_file_and_layer(files):
    lead, package = files
    result = run("merge", lead, package)
    assert "amal (new layer): 1 document of 2 changed; spans +1 ~0 -0" in result.output
    again = run("merge", lead, package, "--json")
    report = json.loads(again.output)
    assert report["changed"] is False
    assert report["files"][0]["layers"][0]["layer"] == "amal"


def test_a_dry_run_writes_nothing(files):
    lead, package = files
    before = fingerprint(lead)
    result = run("merge", lead, package, "--dry-run")
    assert result.output.startswith("Dry run: nothing was written.")
    assert fingerprint(lead) == before


def test_import_routes_a_project_file_to_the_merge(files, tmp_path):
    lead, package = files
    renamed = tmp_path / "amal-work.bin"  # recognised by its content, not its name
    shutil.copyfile(package, renamed)
    result = run("import", lead, renamed)
    assert "cannot tell" not in result.output + result.stderr
    assert "spans +1" in result.output


def test_project_files_are_merged_on_their_own(files, tmp_path):
    lead, package = files
    docs = tmp_path / "lead-docs.jsonl"
    before = fingerprint(lead)
    mixed = run("import", lead, package, docs, ok=False)
    assert mixed.exit_code == 1 and "import project files on their own" in mixed.stderr
    layered = run("import", lead, package, "--layer", "gold", ok=False)
    assert "--layer does not apply to it" in layered.stderr
    assert fingerprint(lead) == before


def test_bad_merge_inputs_are_one_line(files, tmp_path):
    lead, _ = files
    docs = tmp_path / "lead-docs.jsonl"
    before = fingerprint(lead)
    result = run("merge", lead, docs, ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "lead-docs.jsonl: not a Tawsim project" in result.stderr
    own = run("merge", lead, lead, ok=False)
    assert "this is the lead project itself" in own.stderr
    assert fingerprint(lead) == before


def test_import_replace_from_the_command_line(files, tmp_path):
    lead, _ = files
    text = DOCUMENTS["d3"]
    record = {"id": "d3", "text": text, "layer": "model", "spans": [
        {"id": "m1", "start": 0, "end": 5, "label": "ACTOR"}]}
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    record["spans"] = [{"id": "m2", "start": 6, "end": 12, "label": "ACTOR"}]
    second.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    run("import", lead, first)
    result = run("import", lead, second, "--replace")
    assert "removed 1 span and 0 relations" in result.output


def test_import_refuses_a_damaged_project_file_as_a_project(files, tmp_path):
    lead, _ = files
    damaged = tmp_path / "damaged.tawsim"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(200))
    before = fingerprint(lead)
    result = run("import", lead, damaged, ok=False)
    assert result.exit_code == 1 and "damaged.tawsim: " in result.stderr
    assert "format" not in result.stderr
    assert fingerprint(lead) == before
