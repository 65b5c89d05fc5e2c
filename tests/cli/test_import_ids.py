"""Ids another annotation already has, and imports that must stay all or nothing."""

import json
import sqlite3

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def count(path, table):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def record(n, *, relation_id="R1", span_ids=("T1", "T2")):
    """A claim and its source, numbered the way brat-style tools number them."""
    text = f"خبر {n}: قال المتحدث إن الطريق مفتوح"
    claim, actor = "الطريق مفتوح", "المتحدث"
    return {
        "id": f"d{n}", "text": text, "layer": "gold", "status": "done",
        "spans": [
            {"id": span_ids[0], "start": text.index(claim), "end": text.index(claim) + len(claim),
             "label": "CLAIM", "text": claim, "attrs": {"stance": "asserted"}},
            {"id": span_ids[1], "start": text.index(actor), "end": text.index(actor) + len(actor),
             "label": "ACTOR", "text": actor},
        ],
        "relations": [{"id": relation_id, "type": "SOURCE", "head": span_ids[0],
                       "tail": span_ids[1]}],
    }


def write(path, records):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


@pytest.fixture
def proj(tmp_path):
    path = tmp_path / "p.tawsim"
    run("init", path)
    return path


def test_ids_reused_across_documents_get_new_ids_and_nothing_is_lost(proj, tmp_path):
    source = write(tmp_path / "many.jsonl", [record(n) for n in range(2100)])  # > one batch
    result = run("import", proj, source, "--skip-bad")
    assert "Imported 2100 new documents, 4200 spans and 2100 relations" in result.output
    assert "already used by other annotations" in result.stderr
    assert (count(proj, "span"), count(proj, "relation"), count(proj, "status")) == \
        (4200, 2100, 2100)
    again = run("import", proj, source)  # the same file again adds nothing
    assert "0 new documents (2100 already present), 0 spans and 0 relations" in again.output


def test_a_link_whose_id_another_document_uses_is_still_added(proj, tmp_path):
    run("import", proj, write(tmp_path / "a.jsonl", [record(1)]))
    second = record(2)
    run("import", proj, write(tmp_path / "b.jsonl", [{**second, "spans": [],
                                                       "relations": []}]))
    result = run("import", proj, write(tmp_path / "c.jsonl", [second]))
    assert "2 spans and 1 relation" in result.output
    assert count(proj, "relation") == 2


def test_a_dataset_copies_into_another_layer_of_the_same_project(proj, tmp_path):
    source = write(tmp_path / "a.jsonl", [record(1), record(2, relation_id="R2",
                                                            span_ids=("T3", "T4"))])
    run("import", proj, source)
    result = run("import", proj, source, "--layer", "copy")
    assert "4 spans and 2 relations into layer copy" in result.output
    stats = json.loads(run("stats", proj, "--json").output)
    assert stats["layers"]["copy"]["spans"] == stats["layers"]["gold"]["spans"]
    assert stats["layers"]["copy"]["relations"] == {"SOURCE": 2}


def test_a_refusal_by_the_database_is_never_skipped_as_a_bad_record(proj, tmp_path):
    """Rows the checks passed but SQLite refused abort the whole import, --skip-bad or not."""
    conn = sqlite3.connect(proj)
    conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON relation "
                 "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
    conn.commit()
    conn.close()
    source = write(tmp_path / "many.jsonl", [record(n) for n in range(2100)])
    result = run("import", proj, source, "--skip-bad", ok=False)
    assert result.exit_code == 1
    assert "nothing was imported" in result.stderr
    assert count(proj, "document") == 0 and count(proj, "span") == 0
