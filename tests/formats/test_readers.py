"""Importers refuse bad spans in one line naming the file and line, and change nothing."""

import json

import orjson
import pytest

from annotator.core.errors import TawsimError
from annotator.services.importing import import_paths
from annotator.storage import scan
from tests.texts import ARTICLE_CRLF, ARTICLE_LF, SHORT

EMOJI_TEXT = "سقط 🚀 صاروخ على حمص"


def _lines(path, *objects):
    path.write_bytes(b"".join(orjson.dumps(o) + b"\n" for o in objects))
    return path


def _import(project, path, fmt, **kwargs):
    return import_paths(project, [path], actor="t", format=fmt, layer="gold", **kwargs)


def _refused(project, path, fmt, *words):
    with pytest.raises(TawsimError) as caught:
        _import(project, path, fmt)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    assert project.count_documents() == 0
    return message


def _spans(project):
    return sorted((s.start, s.end, s.label, s.text) for r in scan(project, layer="gold")
                  for s in r.spans)


# -- doccano -----------------------------------------------------------------------------------


def test_doccano_end_past_the_text_is_refused_where_doccano_accepts_it(project, tmp_path):
    good = {"id": 1, "text": SHORT, "label": [[0, 5, "ACTOR"]]}
    bad = {"id": 2, "text": SHORT, "label": [[10, len(SHORT) + 3, "LOCATION"]]}
    path = _lines(tmp_path / "d.jsonl", good, bad)
    _refused(project, path, "doccano", f"{path}:2:", "past the end")


@pytest.mark.parametrize(("line", "words"), [
    ({"text": SHORT, "label": [[0, 5, "PERSON"]]}, ["unknown label 'PERSON'"]),
    ({"text": SHORT, "label": [[5, 2, "ACTOR"]]}, ["not before"]),
    ({"text": SHORT, "label": ["ACTOR"]}, ["text-classification"]),
    ({"text": SHORT, "label": [[0, "5", "ACTOR"]]}, ["whole numbers"]),
    ({"text": SHORT, "entities": [{"id": 1, "label": "ACTOR", "start_offset": 0}]},
     ["end_offset"]),
    ({"text": SHORT, "entities": [], "relations": [{"from_id": 1, "to_id": 2,
                                                     "type": "SOURCE"}]},
     ["not an entity"]),
])
def test_doccano_bad_spans_name_the_line(project, tmp_path, line, words):
    path = _lines(tmp_path / "d.jsonl", {"text": SHORT, "label": []}, line)
    _refused(project, path, "doccano", f"{path}:2:", *words)


def test_doccano_offsets_on_crlf_text_are_shifted_with_it(project, tmp_path):
    start = ARTICLE_CRLF.index("بسوريا")
    path = _lines(tmp_path / "d.jsonl", {"id": "x", "text": ARTICLE_CRLF, "source": "wire",
                                         "label": [[start + 1, start + 6, "LOCATION"]]})
    _import(project, path, "doccano")
    (record,) = scan(project, layer="gold")
    assert record.text == ARTICLE_LF and record.meta == {"source": "wire"}
    assert [s.text for s in record.spans] == ["سوريا"]


def test_doccano_relation_form_links_by_its_numbers(project, tmp_path):
    claim = SHORT.index("ضبط شاحنة")
    path = _lines(tmp_path / "d.jsonl", {
        "id": 7, "text": SHORT,
        "entities": [{"id": 10, "label": "ACTOR", "start_offset": 6, "end_offset": 12},
                     {"id": 11, "label": "CLAIM", "start_offset": claim,
                      "end_offset": len(SHORT) - 1}],
        "relations": [{"id": 1, "from_id": 11, "to_id": 10, "type": "SOURCE"}]})
    _import(project, path, "doccano")
    (record,) = scan(project, layer="gold")
    labels = {s.id: s.label for s in record.spans}
    (relation,) = record.relations
    assert (labels[relation.head], labels[relation.tail]) == ("CLAIM", "ACTOR")
    assert record.id == "7"


def test_a_doccano_file_is_recognised_without_naming_the_format(project, tmp_path):
    path = _lines(tmp_path / "d.jsonl", {"text": SHORT, "label": [[6, 12, "ACTOR"]]})
    import_paths(project, [path], actor="t", layer="gold")
    assert _spans(project) == [(6, 12, "ACTOR", "الشرطة")]


# -- Label Studio ------------------------------------------------------------------------------


def _task(text, *results, annotations=1):
    return {"data": {"text": text}, "annotations": [{"result": list(results)}] * annotations}


def _region(rid, start, end, label, text):
    return {"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": start, "end": end, "text": text, "labels": [label]}}


def test_labelstudio_utf16_offsets_are_converted_and_reported(project, tmp_path):
    start = EMOJI_TEXT.index("حمص")
    path = tmp_path / "t.json"  # the old front end counted the rocket as two units
    path.write_text(json.dumps([_task(EMOJI_TEXT, _region("a", start + 1, start + 4,
                                                          "LOCATION", "حمص"))]))
    counts = _import(project, path, "labelstudio")
    assert _spans(project) == [(start, start + 3, "LOCATION", "حمص")]
    assert any("UTF-16" in w for w in counts.warnings)


def test_labelstudio_text_that_does_not_match_is_refused(project, tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps([_task(SHORT, _region("a", 0, 5, "ACTOR", "غير ذلك"))]))
    _refused(project, path, "labelstudio", f"{path} (task 1)", "result 1", "covers")


def test_labelstudio_choices_notes_relations_and_extra_annotations(project, tmp_path):
    claim = SHORT.index("ضبط")
    results = [
        _region("c", claim, len(SHORT) - 1, "CLAIM", SHORT[claim:-1]),
        _region("a", 6, 12, "ACTOR", "الشرطة"),
        {"id": "c", "type": "choices", "from_name": "stance", "to_name": "text",
         "value": {"start": claim, "end": len(SHORT) - 1, "choices": ["asserted"]}},
        {"id": "c", "type": "textarea", "from_name": "note", "to_name": "text",
         "value": {"text": ["ملاحظة"]}},
        {"type": "relation", "from_id": "a", "to_id": "c", "direction": "left",
         "labels": ["SOURCE"]},
        {"type": "choices", "from_name": "topic", "value": {"choices": ["security"]}},
    ]
    path = tmp_path / "t.json"
    path.write_text(json.dumps([_task(SHORT, *results, annotations=2)]))
    counts = _import(project, path, "labelstudio")
    (record,) = scan(project, layer="gold")
    claim_span = next(s for s in record.spans if s.label == "CLAIM")
    assert claim_span.attrs == {"stance": "asserted"} and claim_span.note == "ملاحظة"
    (relation,) = record.relations
    assert relation.head == claim_span.id  # direction "left" points from to_id to from_id
    warnings = " ".join(counts.warnings)
    assert "several annotations: only the first of each was imported" in warnings
    assert "(1 place: task 1)" in warnings
    assert "choices results not imported" in warnings


def test_labelstudio_a_choice_without_an_id_belongs_to_no_region(project, tmp_path):
    # Two claims and a stance, none with an id: the stance cannot be told to be either's.
    first, second = SHORT.index("الشرطة"), SHORT.index("ضبط")
    claims = [_region(None, first, first + 6, "CLAIM", "الشرطة"),
              _region(None, second, second + 3, "CLAIM", "ضبط")]
    stance = {"type": "choices", "from_name": "stance", "to_name": "text",
              "value": {"start": first, "end": first + 6, "choices": ["denied"]}}
    path = tmp_path / "t.json"
    path.write_text(json.dumps([_task(SHORT, *claims, stance)]))
    counts = _import(project, path, "labelstudio")
    (record,) = scan(project, layer="gold")
    assert [(s.text, s.attrs) for s in record.spans] == [("الشرطة", {}), ("ضبط", {})]
    assert "choices results not imported" in " ".join(counts.warnings)


def test_labelstudio_two_way_relations_are_refused(project, tmp_path):
    results = [_region("a", 6, 12, "ACTOR", "الشرطة"),
               _region("b", 0, 5, "CLAIM", SHORT[:5]),
               {"type": "relation", "from_id": "b", "to_id": "a", "direction": "bi",
                "labels": ["SOURCE"]}]
    path = tmp_path / "t.json"
    path.write_text(json.dumps([_task(SHORT, *results)]))
    _refused(project, path, "labelstudio", "(task 1)", "result 3", "one way")


# -- brat --------------------------------------------------------------------------------------


def _brat(folder, text, ann, name="doc"):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, "utf-8")
    (folder / f"{name}.ann").write_text(ann, "utf-8")
    return folder


@pytest.mark.parametrize(("ann", "line", "words"), [
    ("T1\tACTOR 6 12\tالشرطة\nT1\tLOCATION 16 22\tالموصل\n", 2, ["used twice"]),
    ("T1\tACTOR 6 12\tالشرطة\nX\tLOCATION 16 22\tالموصل\n", 2, ["not a brat ID"]),
    ("T1\tACTOR 6 12\tالشرطه\n", 1, ["is not the text"]),
    ("T1\tACTOR 6 99\tالشرطة\n", 1, ["outside the text"]),
    ("T1\tACTOR 0 5;6 12\tأعلنت الشرطة\n", 1, ["discontinuous"]),
    ("T1\tACTOR 6 12\tالشرطة\nA1\tstance T1\n", 2, ["always have a value"]),
    ("T1\tACTOR 6 twelve\tالشرطة\n", 1, ["START END"]),
    ("T1\tPERSON 6 12\tالشرطة\n", 1, ["unknown label"]),
])
def test_brat_lines_are_checked_with_brats_rules(project, tmp_path, ann, line, words):
    folder = _brat(tmp_path / "b", SHORT, ann)
    _refused(project, folder, "brat", f"doc.ann:{line}:", *words)


def test_brat_fragments_across_line_breaks_join_into_one_span(project, tmp_path):
    text = "قال المتحدث إن الطريق\nمفتوح أمام المدنيين."
    start, cut = text.index("الطريق"), text.index("\n")
    ann = (f"T1\tCLAIM {start} {cut};{cut + 1} {len(text) - 1}\t"
           f"{text[start:cut]} {text[cut + 1:-1]}\nT2\tACTOR 4 11\tالمتحدث\n"
           "R1\tSOURCE Arg1:T1 Arg2:T2\nA1\tstance T1 asserted\n"
           "#1\tAnnotatorNotes T1\tعلى سطرين\nE1\tATTACK:T2\n")
    folder = _brat(tmp_path / "b", text, ann, name="news%2F1")
    counts = _import(project, folder, "brat")
    (record,) = scan(project, layer="gold")
    assert record.id == "news/1"
    claim = next(s for s in record.spans if s.label == "CLAIM")
    assert claim.text == "الطريق\nمفتوح أمام المدنيين"
    assert claim.attrs == {"stance": "asserted"} and claim.note == "على سطرين"
    assert len(record.relations) == 1
    assert any("events not imported" in w for w in counts.warnings)


def test_skip_bad_keeps_the_good_documents(project, tmp_path):
    folder = _brat(tmp_path / "b", SHORT, "T1\tACTOR 6 12\tالشرطة\n", name="good")
    _brat(folder, SHORT + " ", "T1\tACTOR 6 99\tالشرطة\n", name="bad")
    skipped = []
    import_paths(project, [folder], actor="t", format="brat", layer="gold", skip_bad=True,
                 on_skip=lambda e: skipped.append(str(e)))
    assert [s[:3] for s in _spans(project)] == [(6, 12, "ACTOR")]
    assert len(skipped) == 1 and "bad.ann:1:" in skipped[0]


def test_a_document_id_too_long_for_a_file_name_gets_a_short_one(project, tmp_path):
    from annotator.core.records import DocumentRecord, prepare_record
    from annotator.services.exporting import export_dataset
    from annotator.storage import BulkImport

    long_id = "خبر-" * 50  # 200 characters, 350 bytes in UTF-8
    with BulkImport(project, actor="t", source="t") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=SHORT, id=long_id), project.scheme))
    report = export_dataset(project, tmp_path / "brat", format="brat")
    (ann,) = (tmp_path / "brat").glob("*.ann")
    assert len(ann.name.encode("utf-8")) < 255
    assert any("too long for a file name" in w for w in report.warnings)


def test_brat_asks_for_a_layer_when_a_document_has_two(tmp_path):
    from annotator.services.exporting import export_dataset
    from annotator.services.session import AnnotationSession
    from tests.formats.sample import DOC_ID, annotated_project

    with annotated_project(tmp_path / "p.tawsim") as project:
        AnnotationSession(project, "extractor", layer="pred").add_span(DOC_ID, 0, 5, "ACTOR")
        with pytest.raises(TawsimError, match=r"layers gold and pred.*--layer"):
            export_dataset(project, tmp_path / "brat", format="brat")
        assert not (tmp_path / "brat").exists()
        export_dataset(project, tmp_path / "brat", format="brat", layer="pred")
        assert len(list((tmp_path / "brat").glob("*.ann"))) == 1
