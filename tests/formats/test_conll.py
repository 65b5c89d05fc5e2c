"""CoNLL/BIO: the core's tokens with the proclitic policy, strict IOB2, text rebuilt or aligned."""

import re

import pytest

from annotator.core.errors import TawsimError
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore, scan
from tests.formats.sample import ARTICLE, CLAIMS, DOC_ID, annotated_project, contents, where
from tests.texts import SHORT

TAG = re.compile(r"^(O|[BI]-[A-Za-z][A-Za-z0-9_-]*)$")


@pytest.fixture
def source(tmp_path):
    project = annotated_project(tmp_path / "source.tawsim")
    yield project
    project.close()


def _sentences(path):
    """Token rows grouped by sentence, comments and -DOCSTART- left out."""
    sentences, current = [], []
    for line in path.read_text("utf-8").split("\n"):
        if line.startswith("# ") or line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        current.append(line.split("\t"))
    if current:
        sentences.append(current)
    return sentences


def test_the_export_is_strict_iob2_with_a_column_per_family(source, tmp_path):
    out = tmp_path / "gold.conll"
    report = export_dataset(source, out, format="conll", layer="gold")
    head = out.read_text("utf-8").split("\n")[:5]
    assert head[0] == "# tawsim conll: columns = TOKEN ENTITY CLAIM"
    assert "proclitics split" in head[2]
    assert head[3] == f"# newdoc id = {DOC_ID}" and head[4] == "-DOCSTART-\tO\tO"
    rows = [row for sentence in _sentences(out) for row in sentence]
    assert all(len(row) == 3 and TAG.match(row[1]) and TAG.match(row[2]) for row in rows)
    for column in (1, 2):  # I- only after B- or I- of the same label
        previous = "O"
        for row in rows:
            if row[column].startswith("I-"):
                assert previous[2:] == row[column][2:] and previous != "O"
            previous = row[column]
    tokens = [row[0] for row in rows]
    syria = tokens.index("سوريا")
    assert tokens[syria - 1] == "ب" and rows[syria][1] == "B-LOCATION"
    assert rows[syria - 1][1] == "O" and rows[syria - 1][2] == "I-CLAIM"
    assert "الجرحى" in tokens and "”" in tokens  # quote and full stop are tokens of their own
    # The claim across a line break stays in one sentence.
    (claim_sentence,) = [s for s in _sentences(out) if any(r[0] == "الإنقاذ" for r in s)]
    # و of وأخلت is a conjunction (the analyser reads no whole word): a token of its own.
    words = [r[0] for r in claim_sentence]
    conjunction = words.index("أخلت") - 1
    assert words[conjunction] == "و"
    assert all(claim_sentence[i][2] == "I-CLAIM" for i in (conjunction, conjunction + 1))
    assert report.spans == 15 and report.issues == []
    assert {"SOURCE", "stance", "note"} <= set(" ".join(report.warnings).split())


def test_aligned_to_the_project_the_spans_come_back_exactly(source, tmp_path):
    out = tmp_path / "gold.conll"
    export_dataset(source, out, format="conll", layer="gold")
    counts = import_paths(source, [out], actor="t", format="conll", layer="pred")
    assert counts.documents_matched == 1 and counts.warnings == []
    assert contents(source, "pred", attrs=False, relations=False) == \
        contents(source, "gold", attrs=False, relations=False)


def test_without_the_document_the_text_is_rebuilt_and_says_so(source, tmp_path):
    out = tmp_path / "gold.conll"
    export_dataset(source, out, format="conll", layer="gold")
    with ProjectStore.create(tmp_path / "new.tawsim") as fresh:
        counts = import_paths(fresh, [out], actor="t", format="conll", layer="gold")
        (record,) = scan(fresh, layer="gold")
    assert any("rebuilt" in w for w in counts.warnings)
    assert "rebuilt" in record.meta["text_note"] and record.id == DOC_ID
    assert record.text.startswith("أفادت وكالة أنباء محلية 🚀 مساء")
    got = sorted((s.label, s.text) for s in record.spans)
    assert ("LOCATION", "سوريا") in got
    # Rebuilt from tokens joined with spaces: the conjunction split off stands apart.
    assert ("CLAIM", CLAIMS[0][0].replace("\n", " ").replace("وأخلت", "و أخلت")) in got
    assert ("CLAIM", "منصة إطلاق صواريخ ضُبطت ب سوريا") in got  # joined with spaces
    assert len(got) == 15


def test_an_edge_inside_a_word_cuts_it_and_is_reported(tmp_path):
    with annotated_project(tmp_path / "p.tawsim") as project:
        session = AnnotationSession(project, "amal", layer="gold")
        start = ARTICLE.index("السبت") + 2  # سبت without the article, against the guidelines
        odd = session.add_span(DOC_ID, start, start + 3, "WEAPON")
        glued = session.add_span(DOC_ID, *where(ARTICLE, "بلدة "), "LOCATION")
        out = tmp_path / "gold.conll"
        report = export_dataset(project, out, format="conll", layer="gold")
        issues = {i.span: i for i in report.issues}
        assert issues[odd.id].action == f"the token was cut at {start}"
        assert issues[glued.id].action.startswith("written as")
        assert len(report.issues) == 2
        rows = [row for s in _sentences(out) for row in s]
        assert ["ال", "O", "O"] in rows and ["سبت", "B-WEAPON", "O"] in rows
        skipped = export_dataset(project, tmp_path / "s.conll", format="conll", layer="gold",
                                 options={"misaligned": "skip"})
        assert {i.span for i in skipped.issues if i.action == "not written"} == {odd.id,
                                                                               glued.id}


def test_overlaps_in_one_family_take_nesting_columns(tmp_path):
    with annotated_project(tmp_path / "p.tawsim") as project:
        session = AnnotationSession(project, "amal", layer="gold")
        session.add_span(DOC_ID, *where(ARTICLE, "بلدة الزهراء"), "LOCATION")
        flat = export_dataset(project, tmp_path / "flat.conll", format="conll", layer="gold")
        assert [(i.label, i.action) for i in flat.issues] == [("LOCATION", "not written")]
        out = tmp_path / "nested.conll"
        nested = export_dataset(project, out, format="conll", layer="gold",
                                options={"nesting": "2"})
        assert nested.issues == [] and nested.spans == 16
        assert out.read_text("utf-8").startswith(
            "# tawsim conll: columns = TOKEN ENTITY ENTITY.2 CLAIM CLAIM.2")
        import_paths(project, [out], actor="t", format="conll", layer="back")
        assert contents(project, "back", attrs=False, relations=False) == \
            contents(project, "gold", attrs=False, relations=False)


# -- reading other people's files ----------------------------------------------------------------


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def _spans(project, layer="gold"):
    return sorted((s.label, s.text) for r in scan(project, layer=layer) for s in r.spans)


def test_crlf_bom_tab_separator_lines_and_split_clitics(project, tmp_path):
    # The shape of NewsFANE: TOKEN<TAB>TAG, CRLF, a line with only a tab between sentences.
    rows = ["أعلنت\tO", "الشرطة\tB-ACTOR", "في\tO", "ال\tO", "موصل\tB-LOCATION", ".\tO", "\t",
            "و\tO", "ب\tO", "سوريا\tB-LOCATION", "قصف\tO"]
    path = _write(tmp_path / "news.txt", "\ufeff" + "\r\n".join(rows) + "\r\n")
    import_paths(project, [path], actor="t", format="conll", layer="gold")
    (record,) = scan(project, layer="gold")
    assert record.text == "أعلنت الشرطة في ال موصل .\nو ب سوريا قصف"
    assert record.id == "news"
    assert _spans(project) == [("ACTOR", "الشرطة"), ("LOCATION", "سوريا"),
                               ("LOCATION", "موصل")]


def test_nested_columns_iob1_and_bioes(project, tmp_path):
    # Wojood's shape: space-separated, extra columns are nested entities, missing ones are O.
    text = ("رئيس B-ACTOR\nبلدية I-ACTOR B-LOCATION\nحمص I-ACTOR I-LOCATION\nقال O\n\n"
            "صواريخ I-WEAPON\nو O\nقذائف B-WEAPON\nهاون E-WEAPON\nفي O\nحلب S-LOCATION\n")
    path = _write(tmp_path / "nested.conll", text)
    import_paths(project, [path], actor="t", format="conll", layer="gold")
    assert _spans(project) == [("ACTOR", "رئيس بلدية حمص"), ("LOCATION", "بلدية حمص"),
                               ("LOCATION", "حلب"), ("WEAPON", "صواريخ"),
                               ("WEAPON", "قذائف هاون")]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("أعلنت O\nالشرطة -\n", 2, ["'-'", "not a valid tag"]),
    ("أعلنت O\nالشرطة X-ACTOR\n", 2, ["not a tag"]),
    ("أعلنت O\nالشرطة B-PERSON\n", 2, ["unknown label 'PERSON'"]),
    ("أعلنت O\nالشرطة\n", 2, ["a token and at least one tag"]),
])
def test_bad_lines_are_refused_with_file_and_line(project, tmp_path, text, line, words):
    path = _write(tmp_path / "bad.conll", text)
    with pytest.raises(TawsimError) as caught:
        import_paths(project, [path], actor="t", format="conll", layer="gold")
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}:")
    for word in words:
        assert word in message
    assert project.count_documents() == 0


def test_tokens_that_do_not_fit_the_documents_text_are_refused(project, tmp_path):
    from annotator.core.records import DocumentRecord, prepare_record
    from annotator.storage import BulkImport

    with BulkImport(project, actor="t", source="t") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=SHORT, id="short"), project.scheme))
    path = _write(tmp_path / "p.conll",
                  "# newdoc id = short\n-DOCSTART- O\n\nأعلنت O\nالشرطه B-ACTOR\n")
    with pytest.raises(TawsimError) as caught:
        import_paths(project, [path], actor="t", format="conll", layer="gold")
    assert str(caught.value).startswith(f"{path}:5:") and "'الشرطه'" in str(caught.value)


@pytest.mark.consumer
def test_seqeval_reads_the_export_in_strict_iob2(source, tmp_path):
    pytest.importorskip("seqeval")
    from seqeval.metrics import classification_report, f1_score
    from seqeval.scheme import IOB2, Entities

    out = tmp_path / "gold.conll"
    report = export_dataset(source, out, format="conll", layer="gold")
    sentences = _sentences(out)
    found = 0
    for column in (1, 2):
        tags = [[row[column] for row in sentence] for sentence in sentences]
        assert f1_score(tags, tags, mode="strict", scheme=IOB2) == 1.0
        classification_report(tags, tags, mode="strict", scheme=IOB2)
        found += sum(len(e) for e in Entities(tags, IOB2).entities)
    assert found == report.spans == 15
