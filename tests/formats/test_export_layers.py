"""Exports of a project with several documents and layers: one layer per file, each read back
exactly, and no single-layer format mixing layers when none is chosen."""

import importlib.util

import pytest

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from tests.formats.sample import ARTICLE, DOC_ID, annotated_project, contents, where

# A second composed report, with a claim its source made.
SECOND = ("أعلنت الشرطة في الموصل ضبط شاحنة تحمل صواريخ.\n"
          "وقال ضابط إن “الشاحنة كانت متجهة إلى كركوك” مساء الجمعة.\n")
SECOND_ID = "mosul-2"
LAYERS = ("gold", "omar", "pred")

# format, file name, options, carries attributes and notes, carries relations
FORMATS = [
    ("jsonl", "out.jsonl", {}, True, True),
    ("doccano", "labels.jsonl", {}, False, False),
    ("doccano", "relations.jsonl", {"relations": True}, False, True),
    ("labelstudio", "tasks.json", {}, True, True),
    ("spacy", "train.jsonl", {}, False, False),
    ("docbin", "train.spacy", {}, True, True),
    ("brat", "brat", {}, True, True),
    ("conll", "tokens.conll", {}, False, False),
]
SINGLE_LAYER = sorted({fmt for fmt, *_ in FORMATS} - {"jsonl"})


def _claim(session, doc, text, claim, stance, source):
    actor = session.add_span(doc, *where(text, source), "ACTOR")
    span = session.add_span(doc, *where(text, claim), "CLAIM", {"stance": stance})
    session.link("SOURCE", span.id, actor.id)


def layered_project(path) -> ProjectStore:
    """Two documents; gold on both, a second annotator on one, a model's predictions on both."""
    project = annotated_project(path)  # the first document, gold
    with BulkImport(project, actor="tester", source="sample") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=SECOND, id=SECOND_ID), project.scheme))
    gold = AnnotationSession(project, "amal", layer="gold")
    for part, label in (("الشرطة", "ACTOR"), ("الموصل", "LOCATION"), ("صواريخ", "WEAPON"),
                        ("كركوك", "LOCATION")):
        gold.add_span(SECOND_ID, *where(SECOND, part), label)
    _claim(gold, SECOND_ID, SECOND, "الشاحنة كانت متجهة إلى كركوك", "asserted", "ضابط")
    omar = AnnotationSession(project, "omar", layer="omar")
    omar.add_span(SECOND_ID, *where(SECOND, "الشرطة في الموصل"), "ACTOR", note="جهة رسمية")
    omar.add_span(SECOND_ID, *where(SECOND, "شاحنة"), "WEAPON")
    pred = AnnotationSession(project, "extractor", layer="pred")
    pred.add_span(DOC_ID, *where(ARTICLE, "بلدة الزهراء"), "LOCATION")
    pred.add_span(DOC_ID, *where(ARTICLE, "قذائف هاون"), "WEAPON")
    _claim(pred, DOC_ID, ARTICLE, "وجود أي طائرة مسيرة فوق حمص", "denied", "وزارة الدفاع")
    pred.add_span(SECOND_ID, *where(SECOND, "الموصل"), "LOCATION")
    return project


@pytest.fixture
def source(tmp_path):
    project = layered_project(tmp_path / "source.tawsim")
    yield project
    project.close()


def _needs(fmt):
    if fmt == "docbin" and importlib.util.find_spec("spacy") is None:
        pytest.skip("spaCy is not installed")


@pytest.mark.parametrize(("fmt", "name", "options", "attrs", "relations"), FORMATS,
                         ids=[case[1] for case in FORMATS])
def test_each_layer_exported_on_its_own_reads_back_exactly(source, tmp_path, fmt, name,
                                                           options, attrs, relations):
    _needs(fmt)
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        if fmt == "conll":  # tokens carry no text of their own: they align to the documents
            with BulkImport(copy, actor="tester", source="sample") as bulk:
                for text, doc_id in ((ARTICLE, DOC_ID), (SECOND, SECOND_ID)):
                    bulk.add(prepare_record(DocumentRecord(text=text, id=doc_id),
                                            copy.scheme))
        for layer in LAYERS:
            out = tmp_path / layer / name
            out.parent.mkdir()
            report = export_dataset(source, out, format=fmt, layer=layer, options=options)
            assert report.documents == 2
            counts = import_paths(copy, [out], actor="tester", format=fmt, layer=layer)
            assert counts.rejected == 0
        assert copy.count_documents() == 2
        for layer in LAYERS:
            expected = contents(source, layer, attrs=attrs, relations=relations)
            assert contents(copy, layer, attrs=attrs, relations=relations) == expected, layer
    spans, links = contents(source, "pred")[ARTICLE]
    assert len(spans) == 4 and len(links) == 1  # the fixture is what the test thinks it is


@pytest.mark.parametrize("fmt", SINGLE_LAYER)
def test_a_single_layer_format_asks_for_a_layer_instead_of_mixing_them(source, tmp_path, fmt):
    out = tmp_path / "out"
    with pytest.raises(TawsimError) as raised:
        export_dataset(source, out, format=fmt)
    message = str(raised.value)
    assert "\n" not in message
    assert "layers gold, omar and pred" in message and "--layer NAME" in message
    assert not out.exists() and not list(tmp_path.glob(".out*"))
    with pytest.raises(TawsimError, match="--layer NAME"):
        export_dataset(source, tmp_path / "parts", format=fmt, split="a=0.5,b=0.5")
    assert not (tmp_path / "parts").exists()


def test_jsonl_without_a_layer_writes_every_layer_and_reads_back_into_each(source, tmp_path):
    out = tmp_path / "all.jsonl"
    report = export_dataset(source, out)
    # One record per document and layer holding something: gold 2, omar 1, pred 2.
    assert report.documents == 5
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        import_paths(copy, [out], actor="tester", format="jsonl")
        assert sorted(layer.name for layer in copy.layers()) == sorted(LAYERS)
        for layer in LAYERS:
            assert contents(copy, layer) == contents(source, layer), layer


def test_a_project_with_one_layer_needs_no_layer_option(tmp_path):
    pytest.importorskip("spacy")
    with annotated_project(tmp_path / "one.tawsim") as project:
        for fmt, name, *_ in FORMATS:
            out = tmp_path / fmt / name
            out.parent.mkdir(exist_ok=True)
            assert export_dataset(project, out, format=fmt).documents == 1
