"""Importing a dataset labelled with other names, through the command line."""

import orjson
from click.testing import CliRunner

from annotator.cli import cli

TEXT = "أعلنت وزارة الداخلية أن انفجاراً وقع في الموصل صباح الأحد."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def entity(word, label):
    start = TEXT.index(word)
    return [start, start + len(word), label]


def write_doccano(path):
    record = {"id": "m1", "text": TEXT, "label": [
        entity("وزارة الداخلية", "ORG"), entity("الموصل", "GPE"), entity("صباح الأحد", "DATE")]}
    path.write_bytes(orjson.dumps(record) + b"\n")


def spans_of(project, tmp_path):
    out = tmp_path / "out.jsonl"
    assert run("export", project, "-o", out, "--layer", "ner").exit_code == 0
    record = orjson.loads(out.read_bytes().splitlines()[0])
    return [(s["label"], TEXT[s["start"]:s["end"]]) for s in record["spans"]]


def test_mapped_labels_import_and_the_left_out_ones_are_counted(tmp_path):
    project, source = tmp_path / "p.tawsim", tmp_path / "ner.jsonl"
    write_doccano(source)
    assert run("init", project).exit_code == 0
    result = run("import", project, source, "--format", "doccano", "--layer", "ner",
                 "--map", "ORG=ACTOR,GPE=LOCATION", "--map", "DATE=")
    assert result.exit_code == 0, result.output
    assert "left out 1 span (1 DATE) by the label map" in result.stderr
    assert spans_of(project, tmp_path) == [("ACTOR", "وزارة الداخلية"),
                                           ("LOCATION", "الموصل")]


def test_an_unmapped_label_is_refused_at_its_line_and_nothing_is_imported(tmp_path):
    project, source = tmp_path / "p.tawsim", tmp_path / "ner.jsonl"
    write_doccano(source)
    assert run("init", project).exit_code == 0
    result = run("import", project, source, "--format", "doccano", "--layer", "ner",
                 "--map", "ORG=ACTOR")
    assert result.exit_code == 1
    assert result.stderr == (f"tawsim: error: {source}:1: label 2: unknown label 'GPE' "
                             "(the scheme has LOCATION, ACTOR, WEAPON, CLAIM)\n")
    assert orjson.loads(run("stats", project, "--json").output)["documents"] == 0


def test_conll_tags_are_mapped_with_the_unknown_ones_left_out(tmp_path):
    project, source = tmp_path / "p.tawsim", tmp_path / "ner.conll"
    rows = [("قصفت", "O"), ("قوات", "B-ORG"), ("الجيش", "I-ORG"), ("مدينة", "B-GPE"),
            ("حلب", "I-GPE"), ("يوم", "B-DATE"), ("الأحد", "I-DATE"), (".", "O")]
    source.write_text("\n".join(f"{token} {tag}" for token, tag in rows) + "\n", "utf-8")
    assert run("init", project).exit_code == 0
    result = run("import", project, source, "--format", "conll", "--layer", "ner",
                 "--map", "ORG=ACTOR", "--map", "GPE=LOCATION", "--drop-unknown-labels")
    assert result.exit_code == 0, result.output
    assert "left out 1 span (1 DATE)" in result.stderr
    out = tmp_path / "out.jsonl"
    assert run("export", project, "-o", out, "--layer", "ner").exit_code == 0
    record = orjson.loads(out.read_bytes().splitlines()[0])
    assert [(s["label"], s["text"]) for s in record["spans"]] == [
        ("ACTOR", "قوات الجيش"), ("LOCATION", "مدينة حلب")]


def test_records_skipped_as_bad_are_not_counted_as_left_out(tmp_path):
    project, source = tmp_path / "p.tawsim", tmp_path / "ner.jsonl"

    def record(doc_id, status, *labelled):
        spans = [{"start": s, "end": e, "label": label} for s, e, label in labelled]
        return orjson.dumps({"id": doc_id, "text": TEXT, "layer": "ner", "status": status,
                             "spans": spans}) + b"\n"

    # The second record's status is refused once its labels are mapped: its two DATE spans
    # were never imported, so they are not among those the map left out.
    source.write_bytes(record("m1", "done", entity("صباح الأحد", "DATE"))
                       + record("m2", "finished", entity("صباح الأحد", "DATE"),
                                entity("الموصل", "DATE")))
    assert run("init", project).exit_code == 0
    result = run("import", project, source, "--map", "DATE=", "--skip-bad")
    assert result.exit_code == 0, result.output
    assert "finished" in result.stderr
    assert "left out 1 span (1 DATE) by the label map" in result.stderr
    assert orjson.loads(run("stats", project, "--json").output)["documents"] == 1
