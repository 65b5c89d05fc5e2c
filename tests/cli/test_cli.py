"""The command line as a user meets it: round trips, and bad input refused in one line."""

import json
import subprocess
import sys

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.services.validation import record_validator
from tests.dumps import dump
from tests.texts import ARTICLE_CRLF, ARTICLE_LF, SHORT


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture
def proj(tmp_path):
    path = tmp_path / "p.tawsim"
    run("init", path)
    return path


def _span(text, word, label, span_id, **extra):
    start = text.index(word)
    return {"id": span_id, "start": start, "end": start + len(word), "label": label,
            "text": word, **extra}


def handmade_records():
    """Two records with spans, a SOURCE link and stances; the first written with CRLF."""
    claim = "الطريق مفتوح أمام المدنيين"
    first = {
        "id": "incident-1",
        "text": ARTICLE_CRLF,
        "meta": {"title": "قصف بلدة الزهراء", "url": "https://example.invalid/1"},
        "layer": "gold",
        "status": "done",
        "spans": [
            _span(ARTICLE_CRLF, "الزهراء", "LOCATION", "s-loc"),
            _span(ARTICLE_CRLF, "المتحدث باسم الدفاع المدني", "ACTOR", "s-actor",
                  annotator="amal"),
            _span(ARTICLE_CRLF, claim, "CLAIM", "s-claim", attrs={"stance": "asserted"},
                  note="تصريح مباشر"),
            _span(ARTICLE_CRLF, "قذائفَ", "WEAPON", "s-weapon"),
            _span(ARTICLE_CRLF, "بسوريا", "LOCATION", "s-syria"),
        ],
        "relations": [{"id": "r-1", "type": "SOURCE", "head": "s-claim", "tail": "s-actor",
                       "attrs": {}}],
    }
    denial = "وقوعَ أي إصابات"
    second = {
        "id": "incident-2",
        "text": SHORT + "\nونفت الوزارةُ " + denial + ".",
        "layer": "gold",
        "status": "in_progress",
        "spans": [],
        "relations": [],
    }
    text2 = second["text"]
    second["spans"] = [
        _span(text2, "الموصل", "LOCATION", "t-loc"),
        _span(text2, "الوزارةُ", "ACTOR", "t-actor"),
        _span(text2, denial, "CLAIM", "t-claim", attrs={"stance": "denied"}),
    ]
    second["relations"] = [{"id": "r-2", "type": "SOURCE", "head": "t-claim", "tail": "t-actor"}]
    return [first, second]


def write_jsonl(path, records):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_handmade_dataset_round_trips_exactly(proj, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", handmade_records())
    result = run("import", proj, source)
    assert "Imported 2 new documents, 8 spans and 2 relations into layer gold" in result.output
    out = tmp_path / "out.jsonl"
    run("export", proj, "-o", out, "--layer", "gold")
    exported = read_jsonl(out)
    validator = record_validator()
    for original, record in zip(handmade_records(), exported, strict=True):
        assert not list(validator.iter_errors(record))
        assert record["id"] == original["id"]
        assert record["text"] == original["text"].replace("\r\n", "\n")
        assert record["offset_unit"] == "codepoint"
        assert record["status"] == original["status"]
        by_id = {s["id"]: s for s in record["spans"]}
        for span in original["spans"]:
            got = by_id[span["id"]]
            assert got["text"] == span["text"] == record["text"][got["start"]:got["end"]]
            assert got["label"] == span["label"]
            assert got["attrs"] == span.get("attrs", {})
            assert got["note"] == span.get("note", "")
        assert [(r["id"], r["type"], r["head"], r["tail"]) for r in record["relations"]] == \
            [(r["id"], r["type"], r["head"], r["tail"]) for r in original["relations"]]
    # The export imports into a new project and exports again byte for byte.
    second = tmp_path / "again.tawsim"
    run("init", second)
    run("import", second, out)
    out2 = tmp_path / "out2.jsonl"
    run("export", second, "-o", out2, "--layer", "gold")
    assert out2.read_bytes() == out.read_bytes()
    run("validate", out)


def test_importing_twice_creates_no_duplicates(proj, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", handmade_records())
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE_CRLF.encode("utf-8"))
    run("import", proj, source, article)
    before = dump(proj, per_commit=False)
    result = run("import", proj, source, article)
    assert "Imported 0 new documents (3 already present), 0 spans" in result.output
    stats = json.loads(run("stats", proj, "--json").output)
    assert stats["documents"] == 2  # the .txt file is incident-1's text: matched by hash
    assert stats["layers"]["gold"]["spans"] == {"LOCATION": 3, "ACTOR": 2, "CLAIM": 2,
                                                "WEAPON": 1}
    assert dump(proj, per_commit=False) == before


def test_plain_text_round_trip(proj, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(b"\xef\xbb\xbf" + ARTICLE_CRLF.encode("utf-8"))
    run("import", proj, article)
    out = tmp_path / "out.jsonl"
    run("export", proj, "-o", out)
    (record,) = read_jsonl(out)
    assert record["text"] == ARTICLE_LF
    assert record["layer"] is None and record["spans"] == [] and record["status"] == "new"


def _bad_jsonl_line_3(tmp_path):
    records = handmade_records()
    path = tmp_path / "broken.jsonl"
    path.write_bytes(orjson.dumps(records[0]) + b"\n" + orjson.dumps(records[1]) + b"\n"
                     + b'{"id": "x", "text": \n')
    return path


def _span_past_end(tmp_path):
    record = handmade_records()[1]
    record["spans"][0]["end"] = 10_000
    return write_jsonl(tmp_path / "past.jsonl", [record])


def _unknown_label(tmp_path):
    record = handmade_records()[1]
    record["spans"][1]["label"] = "PERSON"
    return write_jsonl(tmp_path / "label.jsonl", [handmade_records()[0], record])


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: (d / "photo.txt").write_bytes(bytes(range(256)) * 8) and d / "photo.txt",
         "photo.txt: the file looks binary"),
        (lambda d: (d / "empty.txt").write_bytes(b"") or d / "empty.txt",
         "empty.txt: the file is empty"),
        (_bad_jsonl_line_3, "broken.jsonl:3: invalid JSON"),
        (_span_past_end, "past.jsonl:1: span 1: span end 10000 is past the end of the text"),
        (_unknown_label, "label.jsonl:2: span 2: unknown label 'PERSON'"),
    ],
)
def test_bad_input_gets_one_line_and_changes_nothing(proj, tmp_path, make, expected):
    good = write_jsonl(tmp_path / "good.jsonl", [handmade_records()[0]])
    bad = make(tmp_path)
    before = dump(proj)
    result = run("import", proj, good, bad, ok=False)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tawsim: error: ") and expected in lines[0]
    assert "Traceback" not in result.output
    assert dump(proj) == before


def test_skip_bad_imports_the_rest_and_reports_each_skip(proj, tmp_path):
    bad = _bad_jsonl_line_3(tmp_path)
    result = run("import", proj, bad, "--skip-bad")
    assert "skipped: " in result.stderr and "broken.jsonl:3" in result.stderr
    assert "Imported 2 new documents" in result.output


def test_validate_reports_every_bad_line(proj, tmp_path):
    run("import", proj, write_jsonl(tmp_path / "in.jsonl", handmade_records()))
    exported = tmp_path / "v.jsonl"
    run("export", proj, "-o", exported, "--layer", "gold")
    records = read_jsonl(exported)
    records[1]["spans"][0]["text"] = "غلط"
    write_jsonl(exported, [records[0], records[1], {"text": 5}])
    result = run("validate", exported, ok=False)
    assert result.exit_code == 1
    assert "v.jsonl:1" not in result.stderr
    assert "v.jsonl:2: span 1: span" in result.stderr and "not 'غلط'" in result.stderr
    assert "v.jsonl:3: " in result.stderr


def test_validate_reads_the_encoding_it_is_given(proj, tmp_path):
    run("import", proj, write_jsonl(tmp_path / "in.jsonl", handmade_records()))
    exported = tmp_path / "v.jsonl"
    run("export", proj, "-o", exported, "--layer", "gold")
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(exported.read_text(encoding="utf-8").encode("utf-16"))
    assert "wide.jsonl: valid" in run("validate", wide, "--encoding", "utf-16").output
    misread = run("validate", exported, "--encoding", "cp1256", ok=False)
    assert misread.exit_code == 1 and "v.jsonl:1" in misread.stderr
    unknown = run("validate", exported, "--encoding", "klingon", ok=False)
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output + unknown.stderr
    assert "klingon" in unknown.stderr and len(unknown.stderr.strip().splitlines()) == 1


def test_export_filters_by_status(proj, tmp_path):
    run("import", proj, write_jsonl(tmp_path / "in.jsonl", handmade_records()))
    out = tmp_path / "done.jsonl"
    run("export", proj, "-o", out, "--layer", "gold", "--status", "done")
    assert [r["id"] for r in read_jsonl(out)] == ["incident-1"]
    missing = run("export", proj, "-o", out, "--layer", "nobody", ok=False)
    assert "the project has no layer 'nobody'" in missing.stderr


def test_import_into_a_prediction_layer(proj, tmp_path):
    records = handmade_records()
    run("import", proj, write_jsonl(tmp_path / "gold.jsonl", records))
    for record in records:
        record["layer"] = None
        record["spans"] = record["spans"][:2]
        record["relations"] = []
        for span in record["spans"]:
            span["id"] = "p-" + span["id"]
    run("import", proj, write_jsonl(tmp_path / "pred.jsonl", records), "--layer", "model-x")
    stats = json.loads(run("stats", proj, "--json").output)
    assert stats["documents"] == 2
    assert stats["layers"]["model-x"]["kind"] == "model"
    assert sum(stats["layers"]["model-x"]["spans"].values()) == 4


def test_python_dash_m_runs_the_same_cli(tmp_path):
    result = subprocess.run([sys.executable, "-m", "annotator", "init", tmp_path / "m.tawsim"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Created" in result.stdout


def test_stats_counts_in_the_singular_for_one(proj, tmp_path):
    article = tmp_path / "one.txt"
    article.write_text(SHORT, encoding="utf-8")
    run("import", proj, article)
    assert run("stats", proj).output.startswith(f"1 document in {proj}\n")


def test_stats_counts_each_document_once_whatever_its_status_row_says(proj, tmp_path):
    # Records that name their status "new" store a row saying so; documents without a row
    # are new too. Each must be counted once.
    records = [{"id": f"d{n}", "text": f"{SHORT} ({n})", "layer": "gold", "status": status,
                "spans": []}
               for n, status in enumerate(["new", "new", "in_progress", "done"])]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    run("import", proj, source)
    article = tmp_path / "more.txt"
    article.write_text(SHORT + " أمس", encoding="utf-8")
    run("import", proj, article)
    stats = orjson.loads(run("stats", proj, "--json").output)
    assert stats["documents"] == 5
    assert stats["layers"]["gold"]["status"] == {"new": 3, "in_progress": 1, "done": 1}
