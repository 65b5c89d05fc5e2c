"""Tawsim JSONL exports made from rows, in one process or several: the same bytes as the
record writer, in document order, every span checked."""

from __future__ import annotations

import os

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, SpanRecord, prepare_record, verify_record
from annotator.core.scheme.loading import default_scheme
from annotator.formats import native
from annotator.formats.base import WriteOptions
from annotator.formats.native_rows import record_line
from annotator.services import export_jobs
from annotator.services.exporting import export_dataset
from annotator.storage import BulkImport, scan
from tests.formats.test_export_layers import layered_project

WORDS = ["قالت", "مصادر", "محلية", "إن", "قذائف", "سقطت", "قرب", "الموصل", "👍🏽", "\u00a0",
         "صواريخ", "وزارة", "الدفاع", "بيان", "\n"]
LABELS = ["ACTOR", "LOCATION", "WEAPON"]


def _article(seed: int) -> DocumentRecord:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(30 + seed % 17)]
    text = " ".join(words) + f" ({seed})"  # each its own text: none matches another
    spans, position = [], 0
    for i, word in enumerate(words):
        if i % 4 == seed % 4 and word.strip():
            spans.append(SpanRecord(position, position + len(word), LABELS[i % 3]))
        position += len(word) + 1
    return DocumentRecord(text=text, id=f"doc-{seed:04d}", layer="gold",
                          status="done" if seed % 3 else None, spans=spans,
                          meta={"title": f"تقرير {seed}"} if seed % 2 else {})


@pytest.fixture
def big(tmp_path):
    """The layered sample (layers, attributes, notes, relations) and 120 more documents."""
    project = layered_project(tmp_path / "مشروع كبير.tawsim")  # the processes open it by name
    with BulkImport(project, actor="tester", source="test") as bulk:
        for seed in range(120):
            bulk.add(prepare_record(_article(seed), project.scheme))
    yield project
    project.close()


@pytest.fixture
def forking(monkeypatch):
    """Several processes even in a test run (which may have threads) and for small projects;
    counts the processes started."""
    started = []
    start = export_jobs._start

    def counting(*args):
        started.append(args[2])
        return start(*args)

    monkeypatch.setattr(export_jobs, "_can_fork", lambda project: True)
    monkeypatch.setattr(export_jobs, "MIN_DOCUMENTS_PER_JOB", 1)
    monkeypatch.setattr(export_jobs, "_start", counting)
    return started


def _record_writer(project, out, **settings):
    """What the export wrote before it was made from rows: records, checked, then native."""
    native.write(scan(project, **settings), out, WriteOptions())
    return out.read_bytes()


@pytest.mark.parametrize("settings", [
    {}, {"layer": "gold"}, {"layer": "omar"}, {"status": "done"},
    {"layer": "pred", "labels": {"CLAIM", "ACTOR"}},
])
def test_several_processes_write_the_same_bytes_as_one_and_as_the_record_writer(
        big, tmp_path, forking, settings):
    one = tmp_path / "one.jsonl"
    three = tmp_path / "three.jsonl"
    report_one = export_dataset(big, one, jobs=1, **settings)
    assert forking == []
    report_three = export_dataset(big, three, jobs=3, **settings)
    assert len(forking) == 2  # this process wrote the first range, two others the rest
    assert one.read_bytes() == three.read_bytes()
    scan_settings = dict(settings)
    if "labels" in scan_settings:
        scan_settings["labels"] = frozenset(scan_settings["labels"])
    assert one.read_bytes() == _record_writer(big, tmp_path / "records.jsonl", **scan_settings)
    assert (report_one.documents, report_one.spans, report_one.relations) == \
        (report_three.documents, report_three.spans, report_three.relations)
    assert report_three.documents == len(one.read_bytes().splitlines())
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["مشروع كبير.tawsim", "مشروع كبير.tawsim-shm", "مشروع كبير.tawsim-wal", "one.jsonl",
         "three.jsonl", "records.jsonl"])


def _tamper_last_document(project):
    """Change a stored span's text (same length, so the database takes it): only the
    export's check can see it."""
    seq = project.conn.execute("SELECT max(seq) FROM document").fetchone()[0]
    project.conn.execute(
        "UPDATE span SET text = substr('ااااااااااااااااااااااااااااااا', 1, length(text)) "
        "WHERE seq = (SELECT min(seq) FROM span WHERE document = ?)", (seq,))
    project.conn.commit()
    return project.conn.execute("SELECT id FROM document WHERE seq = ?", (seq,)).fetchone()[0]


@pytest.mark.parametrize("jobs", [1, 3])
def test_a_span_whose_text_is_not_the_documents_stops_the_export_and_leaves_nothing(
        big, tmp_path, forking, jobs):
    doc_id = _tamper_last_document(big)
    out = tmp_path / "out" / "data.jsonl"
    out.parent.mkdir()
    with pytest.raises(TawsimError, match=f"document {doc_id}: span 1"):
        export_dataset(big, out, jobs=jobs)
    assert os.listdir(out.parent) == []  # no output, no part of another process


SPAN = st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from([*LABELS, "CLAIM"]),
                 st.sampled_from([{}, {"stance": "denied"}, {"stance": "nonsense"}]),
                 st.sampled_from(["", "ملاحظة"]))


@given(text=st.text(min_size=1, max_size=60), spans=st.lists(SPAN, max_size=6),
       shift=st.sampled_from([0, 1]))
def test_a_line_from_rows_is_the_record_writers_line_or_is_left_to_the_full_check(
        text, spans, shift):
    scheme = default_scheme()
    rows = []
    for index, (start, length, label, attrs, note) in enumerate(spans):
        end = min(start + length, len(text))
        covered = text[start + shift:end + shift]  # shifted: the stored text does not match
        rows.append((1, 1, f"s{index}", start, end, label, covered,
                     native_attrs(attrs), note, None, "t0", "t1"))
    document = (1, "d1", text, "digest", '{"title":"x"}', None, None, None)
    line = record_line(document, "gold", None, "new", 0.0, rows, [],
                       scheme.allowed_attribute_values)
    record = DocumentRecord(
        text=text, id="d1", meta={"title": "x"}, layer="gold", status="new",
        spans=[SpanRecord(r[3], r[4], r[5], r[6], r[2], _attrs(r[7]), r[8], None, "t0", "t1")
               for r in rows], text_sha256="digest", time_active_s=0.0)
    try:
        verify_record(record, scheme)
        valid = True
    except TawsimError:
        valid = False
    if line is None:
        assert not valid or any(r[7] != "{}" for r in rows)  # only doubt goes the long way
    else:
        assert valid
        assert line == native_line(record)


def native_attrs(attrs: dict) -> str:
    return orjson.dumps(attrs).decode() if attrs else "{}"


def _attrs(value: str) -> dict:
    return orjson.loads(value)


def native_line(record: DocumentRecord) -> bytes:
    return orjson.dumps(native.record_to_json(record)) + b"\n"
