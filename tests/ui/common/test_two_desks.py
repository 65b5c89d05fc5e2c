"""Two desks (or a desk and the command line) on one project file.

The desk looks for commits by other connections once a second and shows them through the
signals the window already follows; an edit refused because its rows changed elsewhere
reloads the document and says so.
"""

from __future__ import annotations

from click.testing import CliRunner

from annotator.cli import cli
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from annotator.ui.common.session import POLL_MS, DeskSession
from tests.texts import ARTICLE_LF

# The desk looks every POLL_MS when idle; a test waits for ten looks, so that a loaded machine
# never fails it (a wait returns as soon as the change is seen).
WAIT_MS = 10 * POLL_MS

WORD = "الزهراء"


def at(word: str) -> tuple[int, int]:
    start = ARTICLE_LF.index(word)
    return start, start + len(word)


def run(*args: object) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output + result.stderr


def two_desks(path):
    a = DeskSession(AnnotationSession(open_project(path), "amal"))
    b = DeskSession(AnnotationSession(open_project(path), "amal"))
    return a, b


def test_a_desk_shows_what_another_desk_wrote(qtbot, make_project):
    path = make_project(ARTICLE_LF)
    a, b = two_desks(path)
    try:
        (doc_id,) = a.project.document_ids()
        a.annotations(doc_id)
        b.annotations(doc_id)
        span = b.add_span(doc_id, *at(WORD), "LOCATION")
        with qtbot.waitSignal(a.spansChanged, timeout=WAIT_MS) as shown:
            pass
        assert shown.args[0] == doc_id
        (change,) = shown.args[1]
        assert change.old is None and change.new == span
        with qtbot.waitSignal(a.spansChanged, timeout=WAIT_MS) as shown:
            b.relabel(span.id, "ACTOR")
        (change,) = shown.args[1]
        assert (change.old.label, change.new.label) == ("LOCATION", "ACTOR")
        with qtbot.waitSignal(a.statusChanged, timeout=WAIT_MS) as shown:
            b.set_status(doc_id, "done")
        assert shown.args == [doc_id, "done"]
    finally:
        a.close()
        b.close()


def test_a_stale_edit_is_refused_and_the_document_reloaded(qtbot, make_project):
    path = make_project(ARTICLE_LF)
    a, b = two_desks(path)
    a.poll_timer.stop()  # the refusal, not the poll, must bring B's change
    try:
        (doc_id,) = a.project.document_ids()
        a.annotations(doc_id)
        span = a.add_span(doc_id, *at(WORD), "LOCATION")
        b.annotations(doc_id)
        b.set_note(span.id, "B's note")
        reloads: list = []
        a.spansChanged.connect(lambda doc, changes: reloads.append(changes))
        with qtbot.waitSignal(a.refused) as refused:
            assert a.relabel(span.id, "ACTOR") is None
        assert "changed elsewhere" in refused.args[0]
        assert "reloaded" in refused.args[0]
        (changes,) = reloads
        assert [c.new.note for c in changes] == ["B's note"]
        assert a.relabel(span.id, "ACTOR") is not None  # now it has seen the note
        stored = b.session.project.span(span.id)
        assert (stored.label, stored.note) == ("ACTOR", "B's note")
    finally:
        a.close()
        b.close()


def test_an_open_desk_hears_of_an_import_and_a_scheme_change(qtbot, make_project, tmp_path):
    path = make_project(ARTICLE_LF)
    desk = DeskSession(AnnotationSession(open_project(path), "amal"))
    try:
        (doc_id,) = desk.project.document_ids()
        desk.annotations(doc_id)
        second = tmp_path / "second.txt"
        second.write_text("نص آخر عن الزهراء.", encoding="utf-8")
        with qtbot.waitSignal(desk.documentsChanged, timeout=WAIT_MS):
            run("import", path, second)
        assert desk.document_count() == 2
        with qtbot.waitSignal(desk.schemeChanged, timeout=WAIT_MS):
            run("scheme", "rename", path, "ACTOR", "SPEAKER")
        assert desk.scheme.has_label("SPEAKER") and not desk.scheme.has_label("ACTOR")
        messages: list[str] = []
        desk.refused.connect(messages.append)
        assert desk.add_span(doc_id, *at(WORD), "ACTOR") is None
        assert messages and "ACTOR" in messages[0]
    finally:
        desk.close()


def test_the_window_follows_another_program_without_being_told(qtbot, open_desk,
                                                               make_project):
    path = make_project(ARTICLE_LF)
    desk = open_desk(path)
    window = desk.window
    doc_id = window.doc_id
    with open_project(path) as other:
        script = AnnotationSession(other, "amal")
        span = script.add_span(doc_id, *at(WORD), "LOCATION")
        qtbot.waitUntil(lambda: span.id in window.view.index, timeout=WAIT_MS)
        assert window.spans.model.rowCount() == 1
        script.relabel(span.id, "WEAPON")
        qtbot.waitUntil(lambda: window.view.index.get(span.id).label == "WEAPON",
                        timeout=WAIT_MS)
        run("scheme", "rename", path, "WEAPON", "ARMS")
        qtbot.waitUntil(lambda: "ARMS" in window.actions_.labels, timeout=WAIT_MS)
        assert window.view.index.get(span.id).label == "ARMS"
        assert "WEAPON" not in window.actions_.labels
