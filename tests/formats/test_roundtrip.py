"""Every format round-trips the annotated article with what it can carry, and says what not."""

import importlib.util

import pytest

from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from tests.formats.sample import ARTICLE, CLAIMS, DOC_ID, annotated_project, contents

# format, output name, writer options, carries attributes+notes, carries relations, keeps id,
# words that the export's warnings must contain
CASES = [
    ("jsonl", "out.jsonl", {}, True, True, True, []),
    ("doccano", "labels.jsonl", {}, False, False, True,
     ["SOURCE", "relation", "stance", "note"]),
    ("doccano", "relations.jsonl", {"relations": True}, False, True, True, ["stance", "note"]),
    ("labelstudio", "tasks.json", {}, True, True, True, []),
    ("spacy", "train.jsonl", {}, False, False, False, ["SOURCE", "stance", "note", "sc"]),
    ("brat", "brat", {}, True, True, True, ["fragments"]),
]


@pytest.fixture
def source(tmp_path):
    project = annotated_project(tmp_path / "source.tawsim")
    yield project
    project.close()


def _round_trip(source, tmp_path, fmt, name, options):
    out = tmp_path / name
    report = export_dataset(source, out, format=fmt, layer="gold", options=options)
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        counts = import_paths(copy, [out], actor="tester", format=fmt, layer="gold")
        assert counts.rejected == 0
        (record_id,) = list(copy.document_ids())
        return report, counts, contents(copy, "gold"), record_id


@pytest.mark.parametrize(("fmt", "name", "options", "attrs", "relations", "keeps_id",
                          "warned"), CASES, ids=[c[1] for c in CASES])
def test_the_article_comes_back_with_what_the_format_carries(
        source, tmp_path, fmt, name, options, attrs, relations, keeps_id, warned):
    report, counts, back, record_id = _round_trip(source, tmp_path, fmt, name, options)
    expected = contents(source, "gold", attrs=attrs, relations=relations)
    got = {text: (spans if attrs else {(*s[:3], (), "") for s in spans},
                  links if relations else set())
           for text, (spans, links) in back.items()}
    assert got == expected
    spans, links = expected[ARTICLE]
    assert len(spans) == 15 and counts.spans_new == 15
    assert len(links) == (len(CLAIMS) if relations else 0)
    assert (record_id == DOC_ID) == keeps_id
    warnings = " ".join(report.warnings)
    for word in warned:
        assert word in warnings, (word, report.warnings)
    if fmt in ("jsonl", "labelstudio"):
        assert report.warnings == []


def test_a_claim_across_a_line_break_is_two_brat_fragments(source, tmp_path):
    export_dataset(source, tmp_path / "brat", format="brat", layer="gold")
    ann = (tmp_path / "brat" / f"{DOC_ID}.ann").read_text("utf-8")
    claim = CLAIMS[0][0]
    start = ARTICLE.index(claim)
    cut = start + claim.index("\n")
    line = next(x for x in ann.splitlines() if x.endswith(claim.replace("\n", " ")))
    assert f"CLAIM {start} {cut};{cut + 1} {start + len(claim)}\t" in line
    assert "stance" in ann and "AnnotatorNotes" in ann and "Arg1:" in ann
    assert (tmp_path / "brat" / f"{DOC_ID}.txt").read_text("utf-8") == ARTICLE


def test_reimporting_into_the_same_project_adds_a_prediction_layer(source, tmp_path):
    out = tmp_path / "tasks.json"
    export_dataset(source, out, format="labelstudio", layer="gold")
    counts = import_paths(source, [out], actor="tester", format="labelstudio", layer="pred")
    assert (counts.documents_new, counts.documents_matched) == (0, 1)
    assert contents(source, "pred") == contents(source, "gold")


# What each format carries: attributes and notes, relations. Every format that can export must
# be listed here, so a new one cannot ship without its round trip.
CARRIES = {"jsonl": (True, True), "doccano": (False, True), "labelstudio": (True, True),
           "spacy": (False, False), "docbin": (True, True), "brat": (True, True),
           "conll": (False, False), "parquet": (True, True)}
OUTPUTS = {"jsonl": "a.jsonl", "doccano": "a.doccano.jsonl", "labelstudio": "a.json",
           "spacy": "a.spacy.jsonl", "docbin": "a.spacy", "brat": "a-brat", "conll": "a.conll",
           "parquet": "a-parquet"}


def test_every_export_format_round_trips_into_a_layer_of_the_same_project(source, tmp_path):
    from annotator.services.catalog import export_format_names

    assert set(export_format_names()) == set(CARRIES)
    gold = contents(source, "gold")
    for fmt, (attrs, relations) in CARRIES.items():
        if fmt == "docbin" and importlib.util.find_spec("spacy") is None:
            continue  # an optional extra; tests/formats/test_docbin.py says it was skipped
        if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
            continue  # an optional extra; tests/formats/test_parquet_*.py say they were skipped
        out = tmp_path / OUTPUTS[fmt]
        report = export_dataset(source, out, format=fmt, layer="gold",
                                options={"relations": True} if fmt == "doccano" else {})
        # Tokens may be cut at span edges (reported); no span is moved or left out.
        assert all(i.action.startswith(("split", "the token was cut")) for i in report.issues)
        if fmt == "jsonl":  # span ids travel with it: its own export adds nothing to gold
            counts = import_paths(source, [out], actor="t", format=fmt)
            assert (counts.spans_present, counts.spans_new) == (15, 0)
            continue
        counts = import_paths(source, [out], actor="t", format=fmt, layer=f"back-{fmt}")
        assert counts.documents_matched == 1, fmt
        back = contents(source, f"back-{fmt}", attrs=attrs, relations=relations)
        assert back == contents(source, "gold", attrs=attrs, relations=relations), fmt
    assert contents(source, "gold") == gold


def test_without_spacy_the_docbin_export_says_how_to_get_it(source, tmp_path, monkeypatch):
    import sys

    from annotator.core.errors import TawsimError

    monkeypatch.setitem(sys.modules, "spacy", None)  # as if it were not installed
    with pytest.raises(TawsimError, match=r"needs spaCy.*tawsim\[spacy\]"):
        export_dataset(source, tmp_path / "x.spacy", format="docbin", layer="gold")
    assert not (tmp_path / "x.spacy").exists()
