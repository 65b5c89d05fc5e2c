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


def test_span_length_must_match_its_offsets(project, doc):
    start = ARTICLE_LF.index("الزهراء")
    _insert(project, doc, start, start + 7, "الزهراء")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        _insert(project, doc, start, start + 8, "الزهراء", "s2")


def test_relations_must_join_spans_of_their_own_layer(project, doc):
    seq, layer = doc
    other = project.ensure_layer("someone-else")
    start = ARTICLE_LF.index("الزهراء")
    _insert(project, doc, start, start + 7, "الزهراء", "a")
    _insert(project, (seq, other), start, start + 7, "الزهراء", "b")
    with pytest.raises(sqlite3.IntegrityError, match="same document and layer"):
        project.conn.execute(
            "INSERT INTO relation (id, document, layer, type, head, tail, created_at, "
            "updated_at) SELECT 'r', ?, ?, 'SOURCE', a.seq, b.seq, 'now', 'now' "
            "FROM span AS a, span AS b WHERE a.id = 'a' AND b.id = 'b'",
            (seq, layer),
        )


def test_document_text_never_changes_and_audit_is_append_only(project, doc):
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        project.conn.execute("UPDATE document SET text = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project.conn.execute("DELETE FROM audit")
