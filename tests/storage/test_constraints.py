"""The database refuses bad annotations even when Python's checks are bypassed."""

import sqlite3

import pytest

from annotator.core.records import DocumentRecord, prepare_record
from annotator.storage import BulkImport
from tests.texts import ARTICLE_LF


@pytest.fixture
def doc(project):
    with BulkImport(project, actor="t", source="test") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=ARTICLE_LF, id="d1"), project.scheme))
    layer = project.ensure_layer("tester")
    return project.document_seq("d1"), layer


def _insert(project, doc_layer, start, end, text, span_id="s"):
    seq, layer = doc_layer
    project.conn.execute(
        'INSERT INTO span (id, document, layer, "start", "end", label, text, created_at, '
        "updated_at) VALUES (?, ?, ?, ?, ?, 'ACTOR', ?, 'now', 'now')",
        (span_id, seq, layer, start, end, text),
    )


def test_span_text_must_match_the_document(project, doc):
    start = ARTICLE_LF.index("الزهراء")
    _insert(project, doc, start, start + 7, "الزهراء")
    with pytest.raises(sqlite3.IntegrityError, match="span text does not match"):
        _insert(project, doc, start, start + 7, "الموصلل", "s2")


def test_offsets_count_code_points_after_emoji(project, doc):
    # SQLite's substr counts code points like Python, so an emoji before the span is one.
    start = ARTICLE_LF.index("وأكد")
    _insert(project, doc, start, start + 4, "وأكد")
    with pytest.raises(sqlite3.IntegrityError):
        _insert(project, doc, start + 1, start + 5, "وأكد", "s2")


def test_span_past_the_end_is_refused(project, doc):
    n = len(ARTICLE_LF)
    with pytest.raises(sqlite3.IntegrityError):
        _insert(project, doc, n - 1, n + 1, ARTICLE_LF[-1:] + "x")


def test_document_text_never_changes_and_audit_is_append_only(project, doc):
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        project.conn.execute("UPDATE document SET text = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project.conn.execute("DELETE FROM audit")
