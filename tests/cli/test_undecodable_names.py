"""Files whose names are not UTF-8 (Arabic names in Windows-1256 from a zip made on
Windows) import under a name that can be stored and shown, with U+FFFD for the bytes
that do not decode; a bad file with such a name is refused in one line."""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import cli

pytestmark = pytest.mark.skipif(sys.platform != "linux",
                                reason="Linux file names are bytes; others are Unicode")

NAME = "خبر".encode("cp1256")  # not UTF-8
TEXT = "قال المتحدث باسم الجيش إن الطريق مفتوح"
ACTOR = "المتحدث"
A0, A1 = TEXT.index(ACTOR), TEXT.index(ACTOR) + len(ACTOR)


def bad_path(folder, suffix: str):
    return folder / os.fsdecode(NAME + suffix.encode())


def stored(project):
    conn = sqlite3.connect(project)
    try:
        return conn.execute("SELECT id, meta, source FROM document").fetchall()
    finally:
        conn.close()


def make_input(tmp_path, fmt: str):
    folder = tmp_path / "in"
    folder.mkdir()
    if fmt == "text":
        bad_path(folder, ".txt").write_text(TEXT, "utf-8")
        return folder
    if fmt == "brat":
        bad_path(folder, ".txt").write_text(TEXT, "utf-8")
        bad_path(folder, ".ann").write_text(f"T1\tACTOR {A0} {A1}\t{ACTOR}\n", "utf-8")
        return folder
    if fmt == "conll":
        path = bad_path(folder, ".conll")
        rows = [f"{word}\t{'B-ACTOR' if word == ACTOR else 'O'}" for word in TEXT.split()]
        path.write_text("\n".join(rows) + "\n", "utf-8")
        return path
    record: object = {
        "json": [{"id": "a", "text": TEXT}],
        "jsonl": {"id": "a", "text": TEXT},
        "doccano": {"id": "a", "text": TEXT, "label": [[A0, A1, "ACTOR"]]},
        "labelstudio": [{"data": {"text": TEXT, "doc_id": "a"}, "annotations": [{"result": [
            {"id": "r", "type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": A0, "end": A1, "labels": ["ACTOR"]}}]}]}],
    }[fmt]
    path = bad_path(folder, ".json" if fmt in ("json", "labelstudio") else ".jsonl")
    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "brat", "conll", "json", "jsonl", "doccano",
                                 "labelstudio"])
def test_a_file_whose_name_is_not_utf8_imports_under_a_displayable_name(fmt, tmp_path):
    project = tmp_path / "p.tawsim"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    source = make_input(tmp_path, fmt)
    result = runner.invoke(cli, ["import", str(project), os.fsdecode(source), "--format", fmt,
                                 "--layer", "gold"])
    assert result.exit_code == 0, (result.output, result.exception)
    ((doc_id, meta, where),) = stored(project)
    assert "\ufffd" in where and where.encode("utf-8")
    if fmt in ("text", "brat"):
        assert json.loads(meta)["filename"].startswith("\ufffd")
    if fmt == "brat":  # the name is the id, but these bytes say nothing: a new id
        assert "\ufffd" not in doc_id


@pytest.mark.parametrize("fmt", ["text", "jsonl", "brat"])
def test_a_bad_file_with_such_a_name_is_refused_in_one_line(fmt, tmp_path):
    project = tmp_path / "p.tawsim"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    source = make_input(tmp_path, fmt)
    broken = bad_path(tmp_path / "in", {"text": ".txt", "jsonl": ".jsonl",
                                        "brat": ".ann"}[fmt])
    broken.write_bytes(b"\xff\xfe\x00" if fmt == "text" else b"{oops\n")
    result = runner.invoke(cli, ["import", str(project), os.fsdecode(source), "--format", fmt])
    assert result.exit_code == 1, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    message = result.stderr.strip()
    assert "\n" not in message and "\ufffd" in message
    assert stored(project) == []
