"""The document list read by seq gives exactly what a plain reading of the project gives: for
every filter, with or without gaps in the seqs, whatever order its pages are read in."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import Status
from annotator.services.document_list import DocumentList
from annotator.services.session import AnnotationSession
from tests.services.conftest import add_documents

LAYER = "amal"
WORD = "سوريا"
FILTERS = [(status, text) for status in (None, *Status) for text in (None, WORD)]
_examples = itertools.count()


def reference(project, status: Status | None, text: str | None) -> list[int]:
    layer_id = project.layer_id(LAYER)
    statuses = dict(project.conn.execute(
        "SELECT document, status FROM status WHERE layer = ?", (layer_id,)))
    return [seq for seq, title, body in project.conn.execute(
                "SELECT seq, title, text FROM document ORDER BY seq")
            if (status is None or statuses.get(seq, "new") == status.value)
            and (text is None or text in title or text in body)]


def fill(project, data) -> None:
    """A fresh set of documents (ids never seen by this project object), some removed, and
    random statuses in the layer."""
    conn = project.conn
    conn.execute("DELETE FROM document")
    conn.commit()
    example = next(_examples)
    count = data.draw(st.integers(0, 24), label="documents")
    marked = data.draw(st.lists(st.booleans(), min_size=count, max_size=count))
    add_documents(project, [(f"e{example}-{n}", f"خبر رقم {n}" + (f" عن {WORD}" if m else ""))
                            for n, m in enumerate(marked)])
    seqs = [r[0] for r in conn.execute("SELECT seq FROM document ORDER BY seq")]
    removed = data.draw(st.sets(st.sampled_from(seqs)) if seqs else st.just(set()),
                        label="removed")
    conn.executemany("DELETE FROM document WHERE seq = ?", [(s,) for s in removed])
    layer_id = project.ensure_layer(LAYER)
    for seq in seqs:
        if seq in removed:
            continue
        status = data.draw(st.sampled_from([None, *Status]))
        if status is not None:
            conn.execute("INSERT INTO status (document, layer, status, updated_at) "
                         "VALUES (?, ?, ?, 'now')", (seq, layer_id, status.value))
    conn.commit()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_every_filter_reads_like_a_plain_scan(project, data):
    fill(project, data)
    every = reference(project, None, None)
    for status, text in FILTERS:
        expected = reference(project, status, text)
        listed = DocumentList(project, LAYER, status, text)
        listed.scan_all()
        assert listed.count == len(expected)
        for _ in range(4):  # pages in any order: jumps, and neighbours of pages read
            position = data.draw(st.integers(0, len(expected) + 2))
            limit = data.draw(st.integers(1, 7))
            assert listed.seqs(position, limit) == expected[position:position + limit]
            rows = listed.rows(position, limit)
            assert [row["seq"] for row in rows] == expected[position:position + limit]
        for seq in every:
            assert listed.position_of(seq) == (expected.index(seq) if seq in expected
                                               else None)
    counts = project.status_counts(LAYER)
    for status in Status:
        assert counts[status] == len(reference(project, status, None))


def test_a_text_filter_reads_in_slices(project):
    add_documents(project, [(f"d{n}", f"خبر رقم {n}" + (f" عن {WORD}" if n % 3 else ""))
                            for n in range(20)])
    listed = DocumentList(project, LAYER, None, WORD)
    assert listed.count == 0 and not listed.complete and listed.scanned < 1
    seen = []
    while not listed.complete:
        listed.scan(documents=6)
        seen.append(listed.count)
    assert seen == sorted(seen) and listed.count == 13 and listed.scanned == 1.0
    assert [row["id"] for row in listed.rows(0, 3)] == ["d1", "d2", "d4"]


def test_rows_carry_the_layer_status_and_span_count(project):
    add_documents(project, [("a", "قال مصدر أمني في سوريا"), ("b", "نص آخر عن الموصل")])
    session = AnnotationSession(project, LAYER)
    session.add_span("b", 0, 2, "ACTOR")
    session.set_status("a", Status.DONE)
    rows = session.document_list().rows(0, 10)
    assert [(r["id"], r["status"], r["spans"]) for r in rows] == [
        ("a", "done", 0), ("b", "in_progress", 1)]
    assert session.document_list(Status.IN_PROGRESS).rows(0, 10)[0]["id"] == "b"
    assert session.status_counts() == {Status.NEW: 0, Status.IN_PROGRESS: 1, Status.DONE: 1,
                                       Status.REVIEWED: 0}
    assert session.document_page(1, 5) == rows[1:]
    assert session.document_count(text="الموصل") == 1
