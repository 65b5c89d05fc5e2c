"""DocBin at its edges: spans that overlap once widened to tokens, an existing folder as the
output, and files that are not DocBins refused in one line naming them."""

import itertools
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from tests.formats.sample import annotated_project, where
from tests.formats.test_properties import _project, _spans, annotated_text

spacy = pytest.importorskip("spacy")
pytestmark = pytest.mark.consumer

# A typing slip glues two towns into one token: each is marked on its own.
GLUED = "وصلت تعزيزات عسكرية إلى حمصوحماة مساء الأحد، وقال مسؤول إن الوضع هادئ.\n"


def _docs(path):
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("ar").vocab))


@pytest.fixture
def glued(tmp_path):
    project = ProjectStore.create(tmp_path / "glued.tawsim")
    with BulkImport(project, actor="tester", source="composed") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=GLUED, id="glued-1"), project.scheme))
    session = AnnotationSession(project, "amal", layer="gold")
    for part, label in (("حمص", "LOCATION"), ("حماة", "LOCATION"), ("مسؤول", "ACTOR")):
        session.add_span("glued-1", *where(GLUED, part), label)
    yield project
    project.close()


def test_spans_widened_onto_the_same_token_keep_doc_ents_free_of_overlaps(glued, tmp_path):
    out = tmp_path / "expand.spacy"
    report = export_dataset(glued, out, format="docbin", options={"misaligned": "expand"})
    (doc,) = _docs(out)
    token = where(GLUED, "حمصوحماة")
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert entities == [(*token, "LOCATION"), (*where(GLUED, "مسؤول"), "ACTOR")]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(entities))
    group = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"])
    assert group == sorted([(*token, "LOCATION"), (*token, "LOCATION"),
                            (*where(GLUED, "مسؤول"), "ACTOR")])
    assert report.spans == 3
    assert "1 span overlapping another entity written only to doc.spans['sc'], not doc.ents" \
        in report.warnings
    assert {(i.start, i.end) for i in report.issues} == {where(GLUED, "حمص"),
                                                         where(GLUED, "حماة")}


def test_the_default_split_keeps_both_towns_as_entities(glued, tmp_path):
    out = tmp_path / "split.spacy"
    export_dataset(glued, out, format="docbin")
    (doc,) = _docs(out)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("حمص", "LOCATION"), ("حماة", "LOCATION"), ("مسؤول", "ACTOR")]


def test_an_existing_folder_gets_shards_even_with_a_spacy_name(glued, tmp_path):
    out = tmp_path / "corpus.spacy"
    out.mkdir()
    export_dataset(glued, out, format="docbin")
    assert [p.name for p in out.glob("*.spacy")] == ["part-00001.spacy"]
    stranger = tmp_path / "mine.spacy"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("keep me")
    with pytest.raises(TawsimError, match="not empty"):
        export_dataset(glued, stranger, format="docbin")
    assert [p.name for p in stranger.iterdir()] == ["notes.txt"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_text(), st.sampled_from(["split", "expand", "skip"]))
@example(case=("اااّ ", [(4, 5, "LOCATION")]), policy="expand")  # white space alone: no token
@example(case=("اّ ", [(0, 3, "LOCATION")]), policy="split")  # the span ends after the space
def test_any_spans_under_any_policy_give_a_docbin_spacy_accepts(case, policy):
    text, spans = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out.spacy"
        with _project(folder, "p.tawsim", text, spans) as project:
            original = _spans(project)
            report = export_dataset(project, out, format="docbin", layer="gold",
                                    options={"misaligned": policy})
        (doc,) = _docs(out)
        assert doc.text == text
        entities = [(e.start_char, e.end_char) for e in doc.ents]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(entities))
        group = {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]}
        assert len(doc.spans["sc"]) == report.spans
        changed = {(i.start, i.end, i.label): i.action for i in report.issues}
        for place in original:
            action = changed.get(place)
            if action is None or action.startswith(("split", "made the space")):
                # Aligned, or aligned by cutting a token (or making a space one).
                assert place in group
            elif policy == "skip":
                assert action == "not written" and place not in group
            elif action != "not written":  # expand: whole tokens around the span
                start, end = map(int, action.split()[2].split("-"))
                # Whole tokens around the span's letters: white space at its edges is in no
                # token, so the widened span may end before it.
                inner = text[place[0]:place[1]]
                first = place[0] + len(inner) - len(inner.lstrip())
                last = place[1] - (len(inner) - len(inner.rstrip()))
                assert start <= first and last <= end
                assert (start, end, place[2]) in group
        with ProjectStore.create(folder / "back.tawsim") as back:
            import_paths(back, [out], actor="t", format="docbin")
            assert _spans(back) == group


def _valid_bytes(tmp_path) -> bytes:
    with annotated_project(tmp_path / "valid.tawsim") as project:
        export_dataset(project, tmp_path / "valid.spacy", format="docbin")
    return (tmp_path / "valid.spacy").read_bytes()


def _damaged_user_data(tmp_path) -> bytes:
    from spacy.tokens import DocBin

    doc = spacy.blank("ar").make_doc("أعلنت الشرطة في الموصل ضبط شاحنة.")
    doc.user_data["tawsim"] = {"id": "x", "spans": "كلام", "relations": []}
    collected = DocBin(store_user_data=True)
    collected.add(doc)
    return collected.to_bytes()


@pytest.mark.parametrize("damage", [
    lambda data: b"this is not a DocBin\n",
    lambda data: data[:len(data) // 2],
    lambda data: data[:-3],
    lambda data: b"",
    lambda data: zlib.compress(b"\x92\x01\x02"),  # a msgpack list where a map belongs
    lambda data: zlib.compress(b"\x81\xa5attrs\x05"),  # a map without DocBin's fields
], ids=["text", "half", "truncated", "empty", "list", "map"])
def test_a_damaged_file_is_one_line_naming_it(tmp_path, damage):
    path = tmp_path / "broken.spacy"
    path.write_bytes(damage(_valid_bytes(tmp_path)))
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        with pytest.raises(TawsimError) as raised:
            import_paths(copy, [path], actor="tester", format="docbin")
        assert copy.count_documents() == 0
    message = str(raised.value)
    assert message == f"{path}: not a spaCy DocBin (.spacy) file, or a damaged one"


def test_damaged_tawsim_details_name_the_document(tmp_path):
    path = tmp_path / "details.spacy"
    path.write_bytes(_damaged_user_data(tmp_path))
    with (ProjectStore.create(tmp_path / "copy.tawsim") as copy,
          pytest.raises(TawsimError) as raised):
        import_paths(copy, [path], actor="tester", format="docbin")
    assert str(raised.value).startswith(f"{path} (doc 1): ")
    assert "spans is not a list" in str(raised.value)


def test_a_folder_without_spacy_files_is_refused(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "readme.txt").write_text("nothing here")
    with (ProjectStore.create(tmp_path / "copy.tawsim") as copy,
          pytest.raises(TawsimError) as raised):
        import_paths(copy, [folder], actor="tester", format="docbin")
    assert str(raised.value) == f"{folder}: the folder holds no .spacy files"


def test_with_skip_bad_the_good_shards_still_import(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "part-00001.spacy").write_bytes(_valid_bytes(tmp_path))
    (folder / "part-00002.spacy").write_bytes(b"garbage")
    skipped = []
    with ProjectStore.create(tmp_path / "copy.tawsim") as copy:
        counts = import_paths(copy, [folder], actor="tester", format="docbin",
                              skip_bad=True, on_skip=skipped.append)
        assert counts.documents_new == 1
        assert [layer.name for layer in copy.layers()] == ["gold"]  # kept in the DocBin
    assert [str(e) for e in skipped] == [
        f"{folder / 'part-00002.spacy'}: not a spaCy DocBin (.spacy) file, or a damaged one"]
