"""A desk's session open while the command line changes the scheme or imports documents.

Every write is checked against the scheme stored at that moment, so a session opened before
`tawsim scheme rename ACTOR SPEAKER` cannot write ACTOR, and no undo brings back a label that
`scheme remove --delete` took away; exports keep working. The session also hears of the
change, and of documents imported meanwhile.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.commands import AddSpan, StaleEdit
from annotator.core.errors import SchemeError
from annotator.core.model import Span
from annotator.core.scheme_edits import RenameLabel
from annotator.services import scheme as schemes
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from tests.texts import ARTICLE_LF

CLAIM_TEXT = "الطريق مفتوح أمام المدنيين"
ACTOR_TEXT = "المتحدث باسم الدفاع المدني"


def at(word):
    start = ARTICLE_LF.index(word)
    return start, start + len(word)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output + result.stderr
    return result


def exported(path, tmp_path):
    out = tmp_path / "out.jsonl"
    run("export", path, "-o", out, "--layer", "amal")
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


@pytest.fixture
def desk(tmp_path):
    """A session on a project file the command line also works on."""
    path = tmp_path / "shared.tawsim"
    run("init", path)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE_LF, encoding="utf-8")
    run("import", path, article)
    project = open_project(path)
    session = AnnotationSession(project, "amal")
    (doc_id,) = project.document_ids()
    session.annotations(doc_id)
    session.changes_elsewhere(doc_id)
    yield session, path, doc_id
    project.close()


def test_after_a_rename_elsewhere_the_open_session_cannot_write_the_old_name(desk, tmp_path):
    session, path, doc_id = desk
    place = session.add_span(doc_id, *at("الزهراء"), "LOCATION")
    session.relabel(place.id, "ACTOR")
    run("scheme", "rename", path, "ACTOR", "SPEAKER")
    change = session.changes_elsewhere(doc_id)
    assert change is not None and change.scheme and change.document
    assert session.scheme.has_label("SPEAKER") and not session.scheme.has_label("ACTOR")
    with pytest.raises(SchemeError, match="ACTOR"):
        session.add_span(doc_id, *at(ACTOR_TEXT), "ACTOR")
    # Even a command pushed without the session's own checks is refused at the write.
    stale = Span(doc_id=doc_id, layer="amal", start=at(ACTOR_TEXT)[0], end=at(ACTOR_TEXT)[1],
                 label="ACTOR", text=ACTOR_TEXT)
    with pytest.raises(SchemeError, match="ACTOR"):
        session.stack(doc_id).push(AddSpan(stale))
    session.add_span(doc_id, *at(ACTOR_TEXT), "SPEAKER")
    # Undoing the relabel to ACTOR would write LOCATION over SPEAKER, a change made
    # elsewhere: refused; so is redoing anything that names ACTOR.
    session.annotations(doc_id)
    session.undo(doc_id)  # the SPEAKER span just added
    with pytest.raises(StaleEdit):
        session.undo(doc_id)
    labels = sorted(s["label"] for s in exported(path, tmp_path)[0]["spans"])
    assert labels == ["SPEAKER"]


def test_a_desk_session_opened_before_the_rename_never_writes_the_old_label(tmp_path):
    # The session learns of the change at its next edit, with no poll at all.
    run("init", tmp_path / "p.tawsim")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_LF, encoding="utf-8")
    run("import", tmp_path / "p.tawsim", article)
    with open_project(tmp_path / "p.tawsim") as project:
        session = AnnotationSession(project, "amal")
        (doc_id,) = project.document_ids()
        assert session.scheme.has_label("ACTOR")  # cached before the change
        run("scheme", "rename", tmp_path / "p.tawsim", "ACTOR", "SPEAKER")
        with pytest.raises(SchemeError, match="ACTOR"):
            session.add_span(doc_id, *at(ACTOR_TEXT), "ACTOR")
        assert not project.spans(doc_id, "amal")


def test_undo_after_remove_delete_elsewhere_does_not_bring_the_label_back(desk, tmp_path):
    session, path, doc_id = desk
    actor = session.add_span(doc_id, *at(ACTOR_TEXT), "ACTOR")
    session.add_span(doc_id, *at("الزهراء"), "LOCATION")
    session.remove_span(actor.id)
    run("scheme", "remove", path, "ACTOR", "--delete")
    with pytest.raises(SchemeError, match="ACTOR"):
        session.undo(doc_id)  # would put the removed ACTOR span back
    assert [s.label for s in session.project.spans(doc_id, "amal")] == ["LOCATION"]
    assert [s["label"] for s in exported(path, tmp_path)[0]["spans"]] == ["LOCATION"]


def test_undo_of_an_added_span_that_remove_delete_took_is_refused(desk, tmp_path):
    session, path, doc_id = desk
    session.add_span(doc_id, *at(ACTOR_TEXT), "ACTOR")
    run("scheme", "remove", path, "ACTOR", "--delete")
    with pytest.raises(StaleEdit):
        session.undo(doc_id)
    session.annotations(doc_id)
    assert exported(path, tmp_path)[0]["spans"] == []


def test_the_open_session_hears_of_documents_imported_elsewhere(desk, tmp_path):
    session, path, doc_id = desk
    assert session.changes_elsewhere(doc_id) is None
    second = tmp_path / "second.txt"
    second.write_text("نص آخر عن الزهراء.", encoding="utf-8")
    run("import", path, second)
    change = session.changes_elsewhere(doc_id)
    assert change is not None and change.documents and not change.scheme
    assert not change.document  # the open document's annotations did not change
    assert session.document_count() == 2
    assert session.changes_elsewhere(doc_id) is None  # told once


def test_a_scheme_change_from_the_desk_starts_from_the_scheme_stored_now(desk, tmp_path):
    session, path, _ = desk
    assert session.scheme.has_label("WEAPON")  # cached by the desk
    run("scheme", "rename", path, "ACTOR", "SPEAKER")
    schemes.change_scheme(session.project, RenameLabel("WEAPON", "ARMS"), actor="amal")
    labels = set(session.project.scheme.label_names)
    assert {"SPEAKER", "ARMS"} <= labels and not {"ACTOR", "WEAPON"} & labels
