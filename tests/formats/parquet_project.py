"""A project holding every kind of thing a dataset record carries, for the Parquet tests.

Three documents (emoji, NBSP, harakat, shadda, tatweel and U+2028 in the texts, so code
points, UTF-16 units and UTF-8 bytes all differ before the spans), layers of three people and a
model with owners, statuses and active time, span attributes and notes, relations, and
metadata with a title, nested values and non-ASCII keys. Written for Tawsim.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from annotator.core.model import Status
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.formats.sample import ARTICLE, DOC_ID, where
from tests.formats.test_export_layers import SECOND_ID, layered_project

THIRD = ("قَالَ مُتَحَدِّثٌ بِاسْمِ الـــشرطة 👮🏽‍♀️ إنّ قوةً\u00a0أمنية دخلت بلدة زُمّار\u2028"
         "صباح الأحد 🇮🇶، وإن “الوضع تحت السيطرة”.\n")
THIRD_ID = "zummar-3"


def _third_record() -> dict:
    police = where(THIRD, "الـــشرطة")
    place = where(THIRD, "زُمّار")
    claim = where(THIRD, "الوضع تحت السيطرة")
    spans = [
        {"id": "s-police", "start": police[0], "end": police[1], "label": "ACTOR",
         "note": "اسم الجهة بتطويل", "annotator": "huda",
         "created_at": "2025-03-01T10:00:00Z", "updated_at": "2025-03-02T11:30:00Z"},
        {"id": "s-place", "start": place[0], "end": place[1], "label": "LOCATION",
         "annotator": "huda"},
        {"id": "s-claim", "start": claim[0], "end": claim[1], "label": "CLAIM",
         "attrs": {"stance": "asserted"}, "annotator": "huda"},
    ]
    return {"id": THIRD_ID, "text": THIRD, "layer": "huda", "layer_owner": "person-huda",
            "status": "done", "time_active_s": 93.25,
            "meta": {"title": "زمار: الوضع تحت السيطرة", "source": {"outlet": "وكالة",
                                                                   "tags": ["أمن", 3, None]},
                     "مفتاح": True},
            "spans": spans,
            "relations": [{"id": "r-1", "type": "SOURCE", "head": "s-claim",
                           "tail": "s-police", "annotator": "huda",
                           "created_at": "2025-03-01T10:05:00Z"}]}


def rich_project(path: Path) -> ProjectStore:
    """The project described in the module's docstring."""
    project = layered_project(path)
    gold = AnnotationSession(project, "amal", layer="gold")
    gold.set_status(DOC_ID, Status.DONE)
    gold.add_active_time(DOC_ID, 61.5)
    gold.set_status(SECOND_ID, Status.IN_PROGRESS)
    assert "\U0001f680" in ARTICLE  # an emoji before the spans: UTF-16 differs
    source = path.parent / "third.jsonl"
    source.write_bytes(orjson.dumps(_third_record()) + b"\n")
    counts = import_paths(project, [source], actor="tester")
    assert counts.rejected == 0
    return project


def native_lines(project: ProjectStore, out: Path) -> list[bytes]:
    """The project's whole native JSONL export, every layer, as lines."""
    export_dataset(project, out, format="jsonl")
    return out.read_bytes().splitlines()
