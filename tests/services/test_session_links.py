"""What the desk asks of the session for links, attributes and notes: a re-pointed link is
checked before it is saved, an edit that changes nothing leaves nothing to undo, and a scheme
change can drop every document's history."""

import pytest

from annotator.core.errors import SchemeError, TawsimError
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER, at


@pytest.fixture
def session(project):
    with BulkImport(project, actor="t", source="test") as bulk:
        for doc_id, text in (("d1", CONFLICTING), ("d2", CONFLICTING + "(نسخة ثانية)\n")):
            bulk.add(prepare_record(DocumentRecord(text=text, id=doc_id), project.scheme))
    return AnnotationSession(project, "amal")


def test_a_repointed_link_is_checked_before_it_is_saved(session):
    claim = session.add_span("d1", *at(CONFLICTING, DENIAL), "CLAIM")
    actor = session.add_span("d1", *at(CONFLICTING, DENIER), "ACTOR")
    place = session.add_span("d1", *at(CONFLICTING, "زمار"), "LOCATION")
    elsewhere = session.add_span("d2", *at(CONFLICTING, "قناة محلية"), "ACTOR")
    link = session.link("SOURCE", claim.id, actor.id)
    trail = len(session.project.audit_trail())
    with pytest.raises(SchemeError, match="not from CLAIM to LOCATION"):
        session.retarget("d1", link.id, tail=place.id)
    with pytest.raises(TawsimError, match="same document"):
        session.retarget("d1", link.id, tail=elsewhere.id)
    assert session.retarget("d1", link.id, tail=actor.id) is not None  # where it points
    assert len(session.project.audit_trail()) == trail  # none of them was an edit
    (stored,) = session.project.relations("d1", "amal")
    assert stored == link
    assert session.stack("d1").undo_description == "link SOURCE"


def test_setting_what_is_already_set_is_no_edit(session):
    claim = session.add_span("d1", *at(CONFLICTING, DENIAL), "CLAIM")
    session.set_attribute(claim.id, "stance", "denied")
    session.set_note(claim.id, "نفي صريح")
    steps = list(session.stack("d1").history())
    assert session.set_attribute(claim.id, "stance", "denied").attrs == {"stance": "denied"}
    assert session.set_note(claim.id, "نفي صريح").note == "نفي صريح"
    session.set_attribute(claim.id, "stance", None)
    session.set_attribute(claim.id, "stance", None)
    history = list(session.stack("d1").history())
    assert len(history) == len(steps) + 1 and history[1:] == steps  # one step: the clearing
    assert history[0].startswith("set stance of CLAIM")
    with pytest.raises(SchemeError, match="'maybe' is not a value"):
        session.set_attribute(claim.id, "stance", "maybe")
    assert session.project.span(claim.id).attrs == {}


def test_forgetting_the_history_of_every_document(session):
    first = session.add_span("d1", *at(CONFLICTING, "زمار"), "LOCATION")
    session.add_span("d2", *at(CONFLICTING, "الموصل"), "LOCATION")
    session.undo("d1")
    session.forget_history()
    for doc_id in ("d1", "d2"):
        stack = session.stack(doc_id)
        assert (stack.can_undo, stack.can_redo) == (False, False)
    assert session.undo("d2") == [] and session.redo("d1") == []
    assert session.project.spans("d1", "amal") == []  # the undone span stays undone
    assert first.id not in {s.id for s in session.project.spans("d2", "amal")}
