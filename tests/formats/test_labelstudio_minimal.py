"""Label Studio's JSON_MIN, CSV and TSV exports come in with their regions, never as articles.

The files are composed here in the shape Label Studio's converter writes: JSON_MIN is one
object per task and annotation with the task's fields at the top, each control's regions as
`{"start", "end", "text", "labels"}` and the annotation's bookkeeping; CSV and TSV have the same
fields as sorted columns, every non-number quoted, the regions as JSON text.
"""

from __future__ import annotations

import csv
import json

import pytest

from annotator.core.errors import TawsimError
from annotator.formats import registry
from annotator.services.importing import import_paths
from annotator.storage import scan

FIRST = "قال المتحدث باسم الجيش إن الطريق إلى حلب مفتوح"
SECOND = "أفادت وكالة محلية بأن صواريخ أطلقت من الموصل\r\nنحو قاعدة في سوريا 🚀 صباحاً"


def _region(text: str, words: str, label: str) -> dict:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words, "labels": [label]}


def _bookkeeping(number: int) -> dict:
    return {"annotator": "amal@example.org", "annotation_id": 100 + number,
            "created_at": "2025-01-02T03:04:05.000000Z", "updated_at": "2025-01-02T03:04:05Z",
            "lead_time": 12.5}


def minimal_records() -> list[dict]:
    return [
        {"text": FIRST, "id": 1, "label": [_region(FIRST, "المتحدث", "ACTOR"),
                                           _region(FIRST, "حلب", "LOCATION")],
         **_bookkeeping(1)},
        {"text": SECOND, "id": 2, "label": [_region(SECOND, "الموصل", "LOCATION"),
                                            _region(SECOND, "سوريا", "LOCATION")],
         **_bookkeeping(2)},
        # A task nobody labelled: no control key, the bookkeeping still there.
        {"text": "نص لم يوسم بعد", "id": 3, "annotator": "amal@example.org",
         "annotation_id": None, "created_at": None, "updated_at": None, "lead_time": None},
    ]


def _write_table(path, records, delimiter):
    columns = sorted({key for record in records for key in record})
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, quoting=csv.QUOTE_NONNUMERIC,
                                delimiter=delimiter)
        writer.writeheader()
        for record in records:
            writer.writerow({key: json.dumps(value, ensure_ascii=False)
                             if isinstance(value, list) else value
                             for key, value in record.items()})
    return path


def _spans(project):
    return {record.id: sorted((s.start, s.end, s.label, s.text) for s in record.spans)
            for record in scan(project)}


def _expected():
    second = SECOND.replace("\r\n", "\n")  # stored text; the spans move with it
    found = {}
    for doc_id, text, marks in (("1", FIRST, [("المتحدث", "ACTOR"), ("حلب", "LOCATION")]),
                                ("2", second, [("الموصل", "LOCATION"),
                                               ("سوريا", "LOCATION")]),
                                ("3", "نص لم يوسم بعد", [])):
        found[doc_id] = sorted((text.index(w), text.index(w) + len(w), label, w)
                               for w, label in marks)
    return found


@pytest.mark.parametrize("kind", ["json", "csv", "tsv"])
@pytest.mark.parametrize("fmt", ["auto", "labelstudio"])
def test_json_min_and_its_tables_import_with_their_regions(project, tmp_path, kind, fmt):
    records = minimal_records()
    if kind == "json":
        path = tmp_path / "export.json"
        path.write_text(json.dumps(records, ensure_ascii=False, indent=2), "utf-8")
    else:
        path = _write_table(tmp_path / f"export.{kind}", records,
                            "," if kind == "csv" else "\t")
    if fmt == "auto":
        assert registry.reader_for(path).name == "labelstudio"
    import_paths(project, [path], actor="t", format=fmt, layer="gold")
    assert _spans(project) == _expected()
    stored = {record.id: record for record in scan(project)}
    assert str(stored["1"].meta["annotator"]) == "amal@example.org"


def test_a_table_cell_left_empty_is_a_field_the_record_lacks(project, tmp_path):
    # The header names every record's fields; the unlabelled task's "label" cell is empty.
    path = _write_table(tmp_path / "export.csv", minimal_records(), ",")
    import_paths(project, [path], actor="t", format="auto", layer="gold")
    unlabelled = next(record for record in scan(project) if record.id == "3")
    assert "label" not in unlabelled.meta


def test_several_annotations_of_one_task_keep_the_first_and_say_so(project, tmp_path):
    first, *_ = minimal_records()
    later = {**first, "label": [_region(FIRST, "الجيش", "ACTOR")], "annotation_id": 7}
    path = tmp_path / "two.json"
    path.write_text(json.dumps([first, later], ensure_ascii=False), "utf-8")
    result = import_paths(project, [path], actor="t", layer="gold")
    assert _spans(project)["1"] == _expected()["1"]
    assert any("several annotations" in warning for warning in result.warnings)


def test_per_region_choices_and_notes_reach_their_span(project, tmp_path):
    claim = _region(FIRST, "الطريق إلى حلب مفتوح", "CLAIM")
    where = {key: claim[key] for key in ("start", "end", "text")}
    record = {"text": FIRST, "id": 9, "label": [claim, _region(FIRST, "المتحدث", "ACTOR")],
              "stance": [{**where, "choices": ["asserted"]}, {**where, "choices": ["asserted"]}],
              "note": [{**where, "text": ["أول"]}, {**where, "text": ["ثان"]}],
              **_bookkeeping(9)}
    path = tmp_path / "regions.json"
    path.write_text(json.dumps([record], ensure_ascii=False), "utf-8")
    import_paths(project, [path], actor="t", layer="gold")
    (stored,) = scan(project)
    (span,) = [s for s in stored.spans if s.label == "CLAIM"]
    assert span.attrs == {"stance": "asserted"} and span.note == "ثان"


# -- never taken for articles ------------------------------------------------------------------


def test_json_min_is_never_read_as_articles(project, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(minimal_records(), ensure_ascii=False), "utf-8")
    with pytest.raises(TawsimError, match=r"Label Studio spans.*--format labelstudio"):
        import_paths(project, [path], actor="t", format="json")
    assert project.count_documents() == 0


def test_doccano_records_in_a_json_array_are_read_as_doccano(project, tmp_path):
    start = FIRST.index("حلب")
    path = tmp_path / "doccano.json"
    path.write_text(json.dumps([{"id": "d1", "text": FIRST,
                                 "label": [[start, start + 3, "LOCATION"]]},
                                {"id": "d2", "text": "نص بلا وسم", "label": []}],
                               ensure_ascii=False), "utf-8")
    assert registry.reader_for(path).name == "doccano"
    import_paths(project, [path], actor="t", layer="gold")
    assert _spans(project) == {"d1": [(start, start + 3, "LOCATION", "حلب")], "d2": []}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_the_article_readers_refuse_objects_with_span_keys(project, tmp_path, fmt):
    start = FIRST.index("حلب")
    item = {"id": "d1", "text": FIRST, "label": [[start, start + 3, "LOCATION"]]}
    path = tmp_path / f"a.{fmt}"
    path.write_text(json.dumps([item] if fmt == "json" else item, ensure_ascii=False), "utf-8")
    with pytest.raises(TawsimError, match=r"doccano spans.*--format doccano"):
        import_paths(project, [path], actor="t", format=fmt)


def test_a_file_auto_cannot_place_names_the_candidates(tmp_path):
    start = FIRST.index("حلب")
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([minimal_records()[0],
                                {"text": FIRST, "label": [[start, start + 3, "LOCATION"]]}],
                               ensure_ascii=False), "utf-8")
    with pytest.raises(TawsimError) as caught:
        registry.reader_for(path)
    message = str(caught.value)
    assert "--format doccano" in message and "--format labelstudio" in message
    assert "\n" not in message


def test_a_csv_that_is_not_label_studio_is_refused_naming_the_format(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("title,text\nعنوان,نص\n", "utf-8")
    with pytest.raises(TawsimError, match="--format labelstudio"):
        registry.reader_for(path)


def test_plain_articles_are_still_articles(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"id": "a", "text": FIRST, "label": "politics",
                                 "entities": ["حلب"]}], ensure_ascii=False), "utf-8")
    assert registry.reader_for(path).name == "json"
