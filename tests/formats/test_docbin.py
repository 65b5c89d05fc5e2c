"""The DocBin export read by spaCy itself: every span found by char_span, nothing dropped."""

import itertools

import pytest

from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore, scan
from tests.formats.sample import ARTICLE, CLAIMS, annotated_project, contents, where

spacy = pytest.importorskip("spacy")
pytestmark = pytest.mark.consumer


@pytest.fixture
def source(tmp_path):
    project = annotated_project(tmp_path / "source.tawsim")
    yield project
    project.close()


def _docs(path):
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def test_spacy_finds_every_exported_span_with_char_span(source, tmp_path):
    out = tmp_path / "train.spacy"
    report = export_dataset(source, out, format="docbin", layer="gold")
    (doc,) = _docs(out)
    assert doc.text == ARTICLE
    (record,) = scan(source, layer="gold")
    for span in record.spans:
        found = doc.char_span(span.start, span.end)
        assert found is not None, span
        assert found.text == span.text
    group = {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
    assert group == {(s.start, s.end, s.label) for s in record.spans}
    entities = [(e.start_char, e.end_char) for e in doc.ents]
    assert entities == sorted(entities)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(entities))
    assert {e.label_ for e in doc.ents} <= {"LOCATION", "ACTOR", "WEAPON"}
    # spaCy keeps بسوريا as one token: the report names the span and the split.
    syria = where(ARTICLE, "سوريا")
    issue = next(i for i in report.issues if (i.start, i.end) == syria)
    assert "بسوريا" in issue.problem and issue.action.startswith("split")
    assert any("split" in w for w in report.warnings)


def test_expand_widens_and_skip_leaves_out_saying_so(source, tmp_path):
    syria = where(ARTICLE, "سوريا")
    report = export_dataset(source, tmp_path / "e.spacy", format="docbin", layer="gold",
                            options={"misaligned": "expand"})
    (doc,) = _docs(tmp_path / "e.spacy")
    issue = next(i for i in report.issues if (i.start, i.end) == syria)
    assert "بسوريا" in issue.action
    assert (syria[0] - 1, syria[1], "LOCATION") in {
        (s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
    report = export_dataset(source, tmp_path / "s.spacy", format="docbin", layer="gold",
                            options={"misaligned": "skip"})
    (doc,) = _docs(tmp_path / "s.spacy")
    # spaCy also glues the closing quote and full stop to الجرحى, the first claim's end.
    claim = where(ARTICLE, CLAIMS[0][0])
    skipped = {(i.start, i.end) for i in report.issues if i.action == "not written"}
    assert skipped == {syria, claim}
    assert report.spans == len(doc.spans["sc"]) == 13


def test_shards_are_a_corpus_spacy_train_reads(source, tmp_path):
    from spacy.training import Corpus

    out = tmp_path / "corpus"
    report = export_dataset(source, out, format="docbin", layer="gold",
                            options={"shard": "1"})
    assert [p.name for p in sorted(out.glob("*.spacy"))] == ["part-00001.spacy"]
    examples = list(Corpus(out)(spacy.blank("ar")))
    assert len(examples) == report.documents == 1
    assert examples[0].reference.text == ARTICLE


def test_a_docbin_reads_back_whole(source, tmp_path):
    out = tmp_path / "train.spacy"
    export_dataset(source, out, format="docbin", layer="gold")
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        import_paths(copy, [out], actor="tester", layer="gold")
        assert contents(copy, "gold") == contents(source, "gold")
        assert list(copy.document_ids()) == ["zahraa-1"]
