"""The export options and `tawsim audit` as a user meets them on the command line."""

import json

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.splits import parse_split, part_of
from annotator.services.session import AnnotationSession
from tests.formats.sample import ARTICLE, DOC_ID, annotated_project, where
from tests.texts import SHORT


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture
def proj(tmp_path):
    path = tmp_path / "p.tawsim"
    annotated_project(path).close()
    return path


def test_relations_flag_writes_doccanos_relation_form(proj, tmp_path):
    out = tmp_path / "d.jsonl"
    result = run("export", proj, "-o", out, "--format", "doccano", "--relations")
    (line,) = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert set(line) == {"id", "text", "entities", "relations"}
    assert len(line["entities"]) == 15 and len(line["relations"]) == 4
    assert "stance" in result.stderr and "warning" in result.stderr


def test_split_writes_one_file_per_part_by_document_id(tmp_path):
    path = tmp_path / "many.tawsim"
    run("init", path)
    source = tmp_path / "articles.jsonl"
    source.write_bytes(b"".join(orjson.dumps({"id": f"a{n}", "text": f"{SHORT} {n}"}) + b"\n"
                                for n in range(60)))
    run("import", path, source)
    out = tmp_path / "parts"
    run("export", path, "-o", out, "--format", "spacy", "--split", "train=0.6,dev=0.2,test=0.2")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "dev.jsonl", "test.jsonl", "train.jsonl"]
    texts = {name: [orjson.loads(x)[0] for x in (out / f"{name}.jsonl").read_bytes().splitlines()
                    if x] for name in ("train", "dev", "test")}
    split = parse_split("train=0.6,dev=0.2,test=0.2")
    for name, items in texts.items():
        for text in items:
            doc_id = "a" + text.rsplit(" ", 1)[1]
            assert part_of(doc_id, split) == name
    assert sum(len(items) for items in texts.values()) == 60
    # The same command again replaces its own output; a stranger's folder is refused.
    run("export", path, "-o", out, "--format", "brat", "--split", "train=0.5,test=0.5")
    assert (out / "train").is_dir() and not (out / "dev.jsonl").exists()
    stranger = tmp_path / "mine"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("keep me")
    result = run("export", path, "-o", stranger, "--split", "a=0.5,b=0.5", ok=False)
    assert result.exit_code == 1 and "not empty" in result.stderr
    assert (stranger / "notes.txt").read_text() == "keep me"


def test_options_and_report_file(proj, tmp_path):
    pytest.importorskip("spacy")
    report = tmp_path / "report.json"
    run("export", proj, "-o", tmp_path / "t.spacy", "--format", "docbin",
        "--option", "misaligned=skip", "--report", report)
    data = json.loads(report.read_text("utf-8"))
    assert data["documents"] == 1 and data["spans"] == 13
    assert {i["action"] for i in data["issues"]} == {"not written"}
    result = run("export", proj, "-o", tmp_path / "u.spacy", "--format", "docbin",
                 "--option", "misaligned=sideways", ok=False)
    assert "misaligned takes split, expand, skip" in result.stderr
    result = run("export", proj, "-o", tmp_path / "u.spacy", "--option", "oops", ok=False)
    assert "KEY=VALUE" in result.stderr


def test_audit_prints_tables_json_and_html(proj, tmp_path):
    from annotator.storage import ProjectStore

    with ProjectStore.open(proj) as store:
        model = AnnotationSession(store, "extractor", layer="pred")
        model.add_span(DOC_ID, *where(ARTICLE, "بسوريا"), "LOCATION")
        model.add_span(DOC_ID, *where(ARTICLE, "الزهراء"), "LOCATION")
    text = run("audit", proj, "--gold", "gold", "--pred", "pred").output
    assert "exact (same start, end and label)" in text and "boundary errors: 1" in text
    assert "«بسوريا»" in text
    data = json.loads(run("audit", proj, "--gold", "gold", "--pred", "pred", "--json").output)
    assert set(data) == {"exact", "overlap", "relations"}
    for key in ("exact", "overlap"):
        assert set(data[key]) == {"LOCATION", "ACTOR", "WEAPON", "CLAIM", "micro"}
        for figures in data[key].values():
            assert set(figures) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert data["exact"]["LOCATION"]["tp"] == 1 and data["overlap"]["LOCATION"]["tp"] == 2
    assert set(data["relations"]) == {"SOURCE", "micro"}
    detailed = json.loads(run("audit", proj, "--gold", "gold", "--pred", "pred", "--json",
                              "--details").output)
    assert {e["kind"] for e in detailed["errors"]} == {"boundary", "missed"}
    page = tmp_path / "audit.html"
    run("audit", proj, "--gold", "gold", "--pred", "pred", "--html", page)
    assert "<svg" in page.read_text("utf-8")
    result = run("audit", proj, "--gold", "gold", "--pred", "nobody", ok=False)
    assert result.exit_code == 1 and "no layer 'nobody'" in result.stderr


def test_an_option_the_format_lacks_is_refused(proj, tmp_path):
    result = run("export", proj, "-o", tmp_path / "x.jsonl", "--format", "spacy",
                 "--relations", ok=False)
    assert result.exit_code == 1
    assert ("the spacy format has no option 'relations' (its options: families, misaligned)"
            in result.stderr)
    result = run("export", proj, "-o", tmp_path / "x.conll", "--format", "conll",
                 "--option", "nestin=2", ok=False)
    assert "no option 'nestin'" in result.stderr and not (tmp_path / "x.conll").exists()


def test_formats_lists_every_format_with_its_options():
    text = run("formats").output
    for name in ("jsonl", "doccano", "labelstudio", "spacy", "docbin", "conll", "brat"):
        assert f"\n{name} " in "\n" + text
    assert "--option proclitics=... (split|keep), default split" in text


def test_the_dialog_can_preview_a_split(tmp_path):
    from annotator.services.exporting import split_preview
    from annotator.storage import ProjectStore

    with annotated_project(tmp_path / "p.tawsim") as project:
        assert split_preview(project, "train=0.5,test=0.5") in (
            {"train": 1, "test": 0}, {"train": 0, "test": 1})
    with ProjectStore.open(tmp_path / "p.tawsim") as project:
        assert sum(split_preview(project, "a=1,b=0").values()) == 1
