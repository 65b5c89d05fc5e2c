"""Moving span edges by character and by word, and the status counts the desk shows."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.boundaries import is_edge_junk, trim_span
from annotator.core.model import Status
from annotator.core.offsets import is_grapheme_boundary
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from tests.texts import ARTICLE_LF, stored_text

SENTENCE = "وأكد المتحدث باسم الدفاع المدني أن “الطريق مفتوح” أمام المدنيين."


def _session(project, *texts: str) -> AnnotationSession:
    with BulkImport(project, actor="t", source="test") as bulk:
        for n, text in enumerate(texts):
            bulk.add(prepare_record(DocumentRecord(text=text, id=f"d{n}"), project.scheme))
    return AnnotationSession(project, "amal")


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(("edge", "step", "unit", "expected"), [
    ("start", -1, "char", "باسم الدفاع المدني"[3:]),
    ("start", -1, "word", "باسم الدفاع المدني"),
    ("start", 1, "char", "لدفاع المدني"),
    ("start", 1, "word", "المدني"),
    ("end", 1, "char", "الدفاع المدني أ"),
    ("end", 1, "word", "الدفاع المدني أن"),
    ("end", -1, "char", "الدفاع المدن"),
    ("end", -1, "word", "الدفاع"),
])
def test_an_edge_moves_by_a_character_or_a_word(project, edge, step, unit, expected):
    session = _session(project, SENTENCE)
    span = session.add_span("d0", *_at(SENTENCE, "الدفاع المدني"), "ACTOR")
    moved = session.nudge_edge(span.id, edge, step, unit)
    assert moved is not None and moved.text == expected
    assert session.project.span(span.id).text == expected
    session.undo("d0")
    assert session.project.span(span.id).text == "الدفاع المدني"


def test_an_edge_steps_over_quote_marks_and_never_empties_a_span(project):
    session = _session(project, SENTENCE)
    claim = session.add_span("d0", *_at(SENTENCE, "الطريق مفتوح"), "CLAIM")
    assert session.nudge_edge(claim.id, "end", 1, "char").text == "الطريق مفتوح” أ"
    word = session.add_span("d0", *_at(SENTENCE, "أن"), "ACTOR")
    rows = len(session.project.audit_trail())
    assert session.nudge_edge(word.id, "end", -1, "word") is None
    assert session.nudge_edge(word.id, "start", 1, "word") is None
    assert len(session.project.audit_trail()) == rows  # nothing was written
    first = session.add_span("d0", 0, 4, "LOCATION")
    assert session.nudge_edge(first.id, "start", -1, "char") is None


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=stored_text, data=st.data())
def test_moved_edges_stay_on_graphemes_and_off_spaces(tmp_path_factory, text, data):
    start, end = trim_span(text, *sorted((data.draw(st.integers(0, len(text))),
                                         data.draw(st.integers(0, len(text))))))
    if start == end or not text.strip():
        return
    path = tmp_path_factory.mktemp("edges") / "p.tawsim"
    with ProjectStore.create(path) as project:
        session = _session(project, text)
        span = session.add_span("d0", start, end, "CLAIM")
        for _ in range(4):
            edge = data.draw(st.sampled_from(["start", "end"]))
            moved = session.nudge_edge(span.id, edge, data.draw(st.sampled_from([-1, 1])),
                                       data.draw(st.sampled_from(["char", "word"])))
            span = moved or span
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start:span.end] == span.text
            assert is_grapheme_boundary(text, span.start)
            assert is_grapheme_boundary(text, span.end)
            if moved is not None:
                position = span.start if edge == "start" else span.end - 1
                assert not is_edge_junk(text[position])


def test_status_counts_cover_every_document(project):
    session = _session(project, ARTICLE_LF, SENTENCE, "نفت الوزارة ذلك.")
    session.add_span("d1", 0, 4, "ACTOR")
    session.set_status("d2", Status.DONE)
    counts = session.status_counts()
    assert counts[Status.NEW] == 1
    assert counts[Status.IN_PROGRESS] == 1
    assert counts[Status.DONE] == 1
