"""`tawsim package` and `tawsim progress` as a lead meets them."""

import sqlite3

import orjson
import pytest

from annotator.storage import ProjectStore
from tests.cli.cli_helpers import refused, run
from tests.services.team_data import add_articles


@pytest.fixture
def lead(tmp_path):
    path = tmp_path / "lead.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 30)
    return path


def snapshot(path):
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_package_then_progress(lead, tmp_path):
    out = tmp_path / "packages"
    result = run("package", lead, "-o", out, "--annotators", "amal, basel,chadi",
                 "--overlap", "0.2")
    assert "Wrote 3 packages: 30 documents, 6 of them to two annotators" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["amal.tawsim", "basel.tawsim",
                                                     "chadi.tawsim"]
    data = orjson.loads(run("progress", lead, "--json").output)
    assert set(data) >= {"annotators", "overlap_ready"} and data["overlap_ready"] == 0
    assert [row["name"] for row in data["annotators"]] == ["amal", "basel", "chadi"]
    for row in data["annotators"]:
        assert set(row) >= {"layer", "name", "assigned", "started", "done", "active_seconds",
                            "last_merged"}
        assert row["assigned"] == 12 and row["layer"] is None and row["last_merged"] is None
        assert isinstance(row["active_seconds"], float)
    text = run("progress", lead).output
    assert "amal" in text and "overlap documents ready for agreement: 0 of 6" in text


def test_package_json_and_dry_run(lead, tmp_path):
    out = tmp_path / "packages"
    before = snapshot(lead)
    plan = orjson.loads(run("package", lead, "-o", out, "--annotators", "amal,basel",
                            "--per-annotator", "4", "--dry-run", "--json").output)
    assert plan["documents"] == 8 and [p["documents"] for p in plan["packages"]] == [4, 4]
    assert not out.exists() and snapshot(lead) == before
    report = orjson.loads(run("package", lead, "-o", out, "--annotators", "amal,basel",
                              "--per-annotator", "4", "--json").output)
    assert report["documents"] == 8
    assert {p["annotator"] for p in report["packages"]} == {"amal", "basel"}
    assert all(p["project_id"] for p in report["packages"])


@pytest.mark.parametrize(("annotators", "extra", "message"), [
    ("amal,amal", [], "named twice"),
    ("amal,,basel", [], "is empty"),
    ("amal,a/b", [], "cannot name a layer and a file"),
    ("amal", ["--overlap", "0.3"], "at least two annotators"),
    ("amal", ["--with-layer", "model-z"], "no layer 'model-z'"),
])
def test_bad_requests_are_one_line_and_change_nothing(lead, tmp_path, annotators, extra,
                                                       message):
    before = snapshot(lead)
    line = refused("package", lead, "-o", tmp_path / "out", "--annotators", annotators, *extra)
    assert message in line
    assert not (tmp_path / "out").exists() and snapshot(lead) == before


def test_an_existing_package_file_is_named(lead, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "chadi.tawsim").write_bytes(b"")
    before = snapshot(lead)
    line = refused("package", lead, "-o", out, "--annotators", "amal,basel,chadi")
    assert f"{out / 'chadi.tawsim'}: a file already exists" in line
    assert [p.name for p in out.iterdir()] == ["chadi.tawsim"] and snapshot(lead) == before


def test_a_lead_that_is_not_a_project_or_is_too_new_or_a_package(tmp_path, lead):
    text = tmp_path / "notes.tawsim"
    text.write_text("ليست مشروعاً", encoding="utf-8")
    assert "not a Tawsim project" in refused("package", text, "-o", tmp_path / "o",
                                             "--annotators", "amal")
    assert "not a Tawsim project" in refused("progress", text)
    assert "no such project file" in refused("progress", tmp_path / "missing.tawsim")
    newer = tmp_path / "newer.tawsim"
    ProjectStore.create(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert "newer version of Tawsim" in refused("package", newer, "-o", tmp_path / "o",
                                                "--annotators", "amal")
    run("package", lead, "-o", tmp_path / "out", "--annotators", "amal")
    line = refused("package", tmp_path / "out" / "amal.tawsim", "-o", tmp_path / "again",
                   "--annotators", "basel")
    assert "amal's work package, not a lead project" in line
    assert not (tmp_path / "again").exists()


def test_a_damaged_lead_is_one_line(lead, tmp_path):
    conn = sqlite3.connect(lead)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'document'").fetchone()[0]
    conn.close()
    data = bytearray(lead.read_bytes())
    offset = 16384 * (page - 1)
    data[offset: offset + 600] = bytes(range(200)) * 3  # scribble over the documents
    lead.write_bytes(bytes(data))
    line = refused("package", lead, "-o", tmp_path / "out", "--annotators", "amal")
    assert line.startswith(f"tawsim: error: {lead}: ") and "damaged" in line
    assert not (tmp_path / "out").exists()


def test_everything_assigned_asks_for_reassign(lead, tmp_path):
    run("package", lead, "-o", tmp_path / "one", "--annotators", "amal,basel")
    assert "assigned already" in refused("package", lead, "-o", tmp_path / "two",
                                         "--annotators", "chadi")
    result = run("package", lead, "-o", tmp_path / "two", "--annotators", "chadi",
                 "--reassign", "--status", "new", "--per-annotator", "5")
    assert "Wrote 1 package: 5 documents, 0 of them to two annotators" in result.output
