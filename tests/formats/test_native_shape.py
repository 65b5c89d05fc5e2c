"""A JSON Lines record is a Tawsim record or a plain article by its shape, line by line:
a record with a layer, a status, relations or a text digest but no spans is still a record
(its layer and status are kept as such, not as article metadata)."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import TawsimError
from annotator.formats import native
from annotator.services.importing import import_paths
from annotator.storage import scan

TEXT = "قال المتحدث إن الطريق إلى حلب مفتوح"


def _jsonl(tmp_path, *records):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    "utf-8")
    return path


@pytest.mark.parametrize("record", [
    {"id": "d1", "text": TEXT, "layer": "gold"},
    {"id": "d1", "text": TEXT, "layer": "gold", "status": "done"},
    {"id": "d1", "text": TEXT, "layer": "gold", "relations": []},
    {"id": "d1", "text": TEXT, "layer": "gold", "spans": []},
    {"id": "d1", "text": TEXT, "layer": "gold", "offset_unit": "codepoint"},
])
def test_a_record_without_spans_is_still_a_record(project, tmp_path, record):
    assert native.looks_native(record)
    import_paths(project, [_jsonl(tmp_path, record)], actor="t", format="jsonl")
    (stored,) = scan(project, layer="gold")
    assert stored.id == "d1" and stored.spans == []
    assert "layer" not in stored.meta and "status" not in stored.meta
    assert stored.status == record.get("status", stored.status)


def test_its_status_is_the_documents_status_in_the_layer(project, tmp_path):
    record = {"id": "d1", "text": TEXT, "layer": "gold", "status": "done"}
    import_paths(project, [_jsonl(tmp_path, record)], actor="t", format="jsonl")
    (stored,) = scan(project, layer="gold")
    assert stored.status == "done"


def test_a_record_without_spans_is_checked_as_a_record(project, tmp_path):
    bad = {"id": "d1", "text": TEXT, "layer": "gold", "status": "finished"}
    with pytest.raises(TawsimError, match=r"in\.jsonl:1:.*finished"):
        import_paths(project, [_jsonl(tmp_path, bad)], actor="t", format="jsonl")
    assert list(scan(project)) == []


@pytest.mark.parametrize("article", [
    {"id": "a1", "text": TEXT},
    {"id": "a1", "text": TEXT, "title": "عنوان"},
    # A feed's own status field, with or without fields a record never has: an article.
    {"id": "a1", "text": TEXT, "title": "عنوان", "status": "published"},
    {"id": "a1", "text": TEXT, "status": "published"},
    {"id": "a1", "text": TEXT, "status": "done"},  # kept as the article's, not the layer's
])
def test_plain_articles_stay_articles(project, tmp_path, article):
    assert not native.looks_native(article)
    import_paths(project, [_jsonl(tmp_path, article)], actor="t", format="jsonl")
    (stored,) = scan(project)
    assert stored.id == "a1" and stored.meta.get("status") == article.get("status")
