"""Random interleavings of two writers' edits, undos and redos on one project file.

Whatever the order, a step either writes nothing (it was refused) or changes only rows its
writer saw as they were stored: no writer ever overwrites, deletes or reverts what the other
wrote without having seen it. What a step reports is exactly what it wrote, and the file
always passes the project's invariants and exports.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
from pathlib import Path

import orjson
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from annotator.core.commands import StaleEdit
from annotator.core.errors import TawsimError
from annotator.core.invariants import check_offsets
from annotator.core.model import Span
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services import exporting
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from annotator.storage.scheme_changes import violations
from tests.texts import ARTICLE_LF

PHRASES = ["الزهراء", "قذائفَ", "الطريق مفتوح أمام المدنيين", "المتحدث باسم الدفاع المدني"]
RANGES = [(ARTICLE_LF.index(p), ARTICLE_LF.index(p) + len(p)) for p in PHRASES]
LABELS = ["LOCATION", "ACTOR", "WEAPON", "CLAIM"]

pick = st.integers(0, 20)
ADD = st.tuples(st.just("add"), st.integers(0, len(RANGES) - 1), st.sampled_from(LABELS))
OPS = st.one_of(
    ADD, ADD, st.just(("add", 2, "CLAIM")), st.just(("add", 3, "ACTOR")),
    st.tuples(st.just("relabel"), pick, st.sampled_from(LABELS)),
    st.tuples(st.just("note"), pick, st.sampled_from(["", "x", "y"])),
    st.tuples(st.just("stance"), pick, st.sampled_from([None, "asserted", "denied"])),
    st.tuples(st.just("move"), pick, st.integers(0, len(RANGES) - 1)),
    st.tuples(st.just("remove"), pick),
    st.tuples(st.just("link"), pick, pick),
    st.tuples(st.just("unlink"), pick),
    st.tuples(st.just("status"), st.sampled_from(["done", "in_progress", "reviewed"])),
    st.tuples(st.just("undo")),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("reload")),
)
STEPS = st.lists(st.tuples(st.integers(0, 1), OPS), min_size=8, max_size=40)


def state(path: Path) -> dict:
    """Every annotation's content by row (times and revisions aside), the status, and how
    many audit rows there are."""
    conn = sqlite3.connect(path)
    try:
        rows: dict = {
            ("span", row[0]): row[1:]
            for row in conn.execute('SELECT id, "start", "end", text, label, attrs, note '
                                    "FROM span")}
        rows |= {("relation", row[0]): row[1:] for row in conn.execute(
            "SELECT r.id, r.type, h.id, t.id, r.attrs FROM relation AS r "
            "JOIN span AS h ON h.seq = r.head JOIN span AS t ON t.seq = r.tail")}
        status = conn.execute("SELECT status FROM status").fetchone()
        rows["status"] = status[0] if status else "new"
        rows["audit"] = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return rows
    finally:
        conn.close()


def content(item) -> tuple:
    if isinstance(item, Span):
        return (item.start, item.end, item.text, item.label, _json(item.attrs), item.note)
    return (item.type, item.head, item.tail, _json(item.attrs))


def _json(value: dict) -> str:
    return orjson.dumps(value).decode() if value else "{}"


def key(item) -> tuple[str, str]:
    return ("span" if isinstance(item, Span) else "relation", item.id)


def view_of(session: AnnotationSession) -> dict:
    annotations = session.annotations("d1")
    view = {key(item): content(item) for item in (*annotations.spans, *annotations.relations)}
    view["status"] = annotations.status.value
    return view


def run_step(session: AnnotationSession, view: dict, op: tuple) -> None:
    spans = sorted(k[1] for k in view if isinstance(k, tuple) and k[0] == "span")
    relations = sorted(k[1] for k in view if isinstance(k, tuple) and k[0] == "relation")
    name, *args = op

    def chosen(ids, index):
        if not ids:
            raise LookupError
        return ids[index % len(ids)]

    if name == "add":
        session.add_span("d1", *RANGES[args[0]], args[1])
    elif name == "relabel":
        session.relabel(chosen(spans, args[0]), args[1])
    elif name == "note":
        session.set_note(chosen(spans, args[0]), args[1])
    elif name == "stance":
        session.set_attribute(chosen(spans, args[0]), "stance", args[1])
    elif name == "move":
        session.move_span(chosen(spans, args[0]), *RANGES[args[1]])
    elif name == "remove":
        session.remove_span(chosen(spans, args[0]))
    elif name == "link":  # from a claim to an actor, mostly, so that links get made
        claims = [i for i in spans if view[("span", i)][3] == "CLAIM"] or spans
        actors = [i for i in spans if view[("span", i)][3] == "ACTOR"] or spans
        session.link("SOURCE", chosen(claims, args[0]), chosen(actors, args[1]))
    elif name == "unlink":
        session.unlink("d1", chosen(relations, args[0]))
    elif name == "status":
        session.set_status("d1", args[0])
    elif name == "undo":
        session.undo("d1")
    elif name == "redo":
        session.redo("d1")


def check_invariants(project: ProjectStore) -> None:
    assert violations(project, project.scheme) == []
    for span in project.spans("d1", "amal"):
        check_offsets(ARTICLE_LF, span.start, span.end, span.text)
    exporting.export_to_stream(project, io.BytesIO(), format="jsonl", layer="amal")


@settings(deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=STEPS)
def test_two_writers_never_lose_or_corrupt_each_others_work(steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "two.tawsim"
        first = ProjectStore.create(path)
        with BulkImport(first, actor="t", source="test") as bulk:
            bulk.add(prepare_record(DocumentRecord(text=ARTICLE_LF, id="d1"), first.scheme))
        second = ProjectStore.open(path)
        try:
            sessions = [AnnotationSession(first, "amal"), AnnotationSession(second, "amal")]
            reported: list = []
            for session in sessions:
                session.subscribe(lambda _doc, changes: reported.extend(changes))
            views = [view_of(s) for s in sessions]
            for who, op in steps:
                session, view = sessions[who], views[who]
                if op[0] == "reload":
                    views[who] = view_of(session)
                    continue
                before = state(path)
                reported.clear()
                try:
                    run_step(session, view, op)
                except LookupError:
                    continue
                except TawsimError as refusal:
                    event(f"refused: {type(refusal).__name__}")
                    assert state(path) == before, f"{op} was refused but wrote something"
                    if isinstance(refusal, StaleEdit):
                        views[who] = view_of(session)  # as the desk does
                    continue
                after = state(path)
                event(f"applied: {op[0]}")
                changed = {k for k in before.keys() | after.keys()
                           if k != "audit" and before.get(k) != after.get(k)}
                for k in changed - {"status"}:
                    # Only rows the writer saw as they were stored: nothing unseen is lost.
                    assert before.get(k) == view.get(k), f"{op} overwrote unseen {k}"
                if "status" in changed and op[0] != "status" and not (
                        op[0] in ("undo", "redo") and not (changed - {"status"})):
                    assert (before["status"], after["status"]) == ("new", "in_progress")
                elif "status" in changed:
                    assert before["status"] == view["status"], f"{op} overwrote the status"
                # What the step reported is what it wrote.
                told = {key(c.item): (content(c.new) if c.new is not None else None)
                        for c in reported}
                assert told == {k: after.get(k) for k in changed - {"status"}}
                for k in changed:
                    if after.get(k) is None:
                        view.pop(k, None)
                    else:
                        view[k] = after[k]
                if after["audit"] != before["audit"]:
                    # The desk shows the status again after an edit; a step that wrote
                    # nothing (every write leaves an audit row), such as an undo with nothing
                    # to undo, is no edit, and the writer read nothing new.
                    view["status"] = after["status"]
                check_invariants(first)
        finally:
            second.close()
            first.close()
