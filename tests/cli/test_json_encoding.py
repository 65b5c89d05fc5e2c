"""--encoding applies to JSON and JSON Lines input too: a Windows-1256 or UTF-16 file
imports with the text it holds; bytes the encoding cannot read are refused at their line."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import cli

TEXT = "قال المتحدث إن الطريق إلى حلب مفتوح"
ACTOR = "المتحدث"
A0, A1 = TEXT.index(ACTOR), TEXT.index(ACTOR) + len(ACTOR)

INPUTS = {
    "jsonl": ("in.jsonl", [{"id": "a", "text": TEXT, "title": "عنوان"},
                           {"id": "b", "text": TEXT + " أمس"}]),
    "doccano": ("in.jsonl", [{"id": "a", "text": TEXT, "label": [[A0, A1, "ACTOR"]]}]),
    "json": ("in.json", [{"id": "a", "text": TEXT, "title": "عنوان"}]),
    "labelstudio": ("in.json", [{"data": {"text": TEXT, "doc_id": "a"}, "annotations": [
        {"result": [{"id": "r", "type": "labels", "from_name": "label", "to_name": "text",
                     "value": {"start": A0, "end": A1, "text": ACTOR,
                               "labels": ["ACTOR"]}}]}]}]),
}


def _write(tmp_path, fmt, encoding):
    name, records = INPUTS[fmt]
    if name.endswith(".jsonl"):
        content = "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in records)
    else:
        content = json.dumps(records, ensure_ascii=False, indent=1)
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def _stored(project):
    conn = sqlite3.connect(project)
    try:
        texts = [row[0] for row in conn.execute("SELECT text FROM document ORDER BY seq")]
        spans = [row[0] for row in conn.execute("SELECT text FROM span")]
        return texts, spans
    finally:
        conn.close()


@pytest.fixture
def proj(tmp_path):
    path = tmp_path / "p.tawsim"
    assert CliRunner().invoke(cli, ["init", str(path)]).exit_code == 0
    return path


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16", "utf-8-sig"])
@pytest.mark.parametrize("fmt", list(INPUTS))
def test_json_input_is_read_in_the_encoding_given(proj, tmp_path, fmt, encoding):
    source = _write(tmp_path, fmt, encoding)
    result = CliRunner().invoke(cli, ["import", str(proj), str(source), "--format", fmt,
                                      "--encoding", encoding, "--layer", "gold"])
    assert result.exit_code == 0, (result.output, result.exception)
    texts, spans = _stored(proj)
    assert texts[0] == TEXT
    if fmt in ("doccano", "labelstudio"):
        assert spans == [ACTOR]


def test_a_doccano_file_in_windows_1256_is_recognised_by_its_shape(proj, tmp_path):
    source = _write(tmp_path, "doccano", "cp1256")
    result = CliRunner().invoke(cli, ["import", str(proj), str(source), "--encoding",
                                      "cp1256", "--layer", "gold"])
    assert result.exit_code == 0, result.output
    assert _stored(proj) == ([TEXT], [ACTOR])


def test_bytes_the_encoding_cannot_read_are_refused_at_their_line(proj, tmp_path):
    source = tmp_path / "in.jsonl"
    good = json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False).encode("utf-8")
    source.write_bytes(good + b"\n" + good.replace(b"a", b"b", 1) + b"\n"
                       + json.dumps({"id": "c", "text": TEXT}, ensure_ascii=False)
                       .encode("cp1256") + b"\n")
    result = CliRunner().invoke(cli, ["import", str(proj), str(source), "--format", "jsonl",
                                      "--encoding", "utf-8"])
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "\n" not in message and "in.jsonl:3:" in message and "utf-8" in message
    assert _stored(proj) == ([], [])


def test_without_the_encoding_a_windows_1256_json_file_is_refused(proj, tmp_path):
    source = _write(tmp_path, "jsonl", "cp1256")
    result = CliRunner().invoke(cli, ["import", str(proj), str(source), "--format", "jsonl"])
    assert result.exit_code == 1 and "UTF-8" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("fmt", list(INPUTS))
def test_json_with_a_utf16_or_utf32_bom_needs_no_encoding_nor_format(proj, tmp_path, fmt,
                                                                     encoding):
    source = _write(tmp_path, fmt, encoding)
    if encoding == "utf-16-be":  # Python writes no BOM for an explicit byte order
        source.write_bytes(b"\xfe\xff" + source.read_bytes())
    result = CliRunner().invoke(cli, ["import", str(proj), str(source), "--layer", "gold"])
    assert result.exit_code == 0, (result.output, result.exception)
    texts, spans = _stored(proj)
    assert texts[0] == TEXT
    if fmt in ("doccano", "labelstudio"):
        assert spans == [ACTOR]
