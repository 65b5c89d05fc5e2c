"""Two writers on one project file: the same person in two windows, or a desk and a script.

Each writer has its own connection, as two processes would. An edit, undo or redo applies only
to rows as its writer last saw them; otherwise it is refused with StaleEdit and writes
nothing, and the writer reads the document again. An undo writes back only the fields its
edit changed.
"""

from __future__ import annotations

import pytest

from annotator.core.commands import StaleEdit
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from tests.dumps import dump
from tests.texts import ARTICLE_LF

CLAIM_TEXT = "الطريق مفتوح أمام المدنيين"
ACTOR_TEXT = "المتحدث باسم الدفاع المدني"


def at(word):
    start = ARTICLE_LF.index(word)
    return start, start + len(word)


@pytest.fixture
def two(project, project_path):
    """Window A and window B: the same annotator's layer, each on its own connection."""
    with BulkImport(project, actor="t", source="test") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=ARTICLE_LF, id="d1"), project.scheme))
    other = ProjectStore.open(project_path)
    a, b = AnnotationSession(project, "amal"), AnnotationSession(other, "amal")
    a.annotations("d1")
    b.annotations("d1")
    yield a, b
    other.close()


def test_undoing_a_note_keeps_the_relabel_made_in_the_other_window(two, project_path):
    a, b = two
    span = a.add_span("d1", *at("الزهراء"), "ACTOR")
    a.set_note(span.id, "check the spelling")
    b.annotations("d1")
    b.relabel(span.id, "LOCATION")
    # A has not seen B's relabel: its undo is refused, and nothing is written.
    before = dump(project_path)
    with pytest.raises(StaleEdit, match="changed elsewhere"):
        a.undo("d1")
    assert dump(project_path) == before
    # Once A has looked again (the desk reloads the document), the undo takes back the note
    # alone: B's label stays.
    a.annotations("d1")
    a.undo("d1")
    stored = b.project.span(span.id)
    assert (stored.label, stored.note) == ("LOCATION", "")
    # And redo puts the note back, again on top of B's label.
    a.redo("d1")
    stored = b.project.span(span.id)
    assert (stored.label, stored.note) == ("LOCATION", "check the spelling")


def test_an_edit_of_what_changed_elsewhere_is_refused_and_writes_nothing(two, project_path):
    a, b = two
    claim = a.add_span("d1", *at(CLAIM_TEXT), "CLAIM")
    actor = a.add_span("d1", *at(ACTOR_TEXT), "ACTOR")
    link = a.link("SOURCE", claim.id, actor.id)
    b.annotations("d1")
    b.set_note(claim.id, "B's note")
    b.set_note(actor.id, "B's note")
    before = dump(project_path)
    stale = [
        lambda: a.relabel(actor.id, "LOCATION"),
        lambda: a.set_note(claim.id, "A's note"),
        lambda: a.set_attribute(claim.id, "stance", "denied"),
        lambda: a.move_span(claim.id, claim.start, claim.end - 1),
        lambda: a.nudge_edge(actor.id, "start", 1, "word"),
        lambda: a.remove_span(actor.id),
        lambda: a.link("SOURCE", claim.id, actor.id),
    ]
    for edit in stale:
        with pytest.raises(StaleEdit):
            edit()
        assert dump(project_path) == before
    # After looking again, the same edits apply.
    a.annotations("d1")
    a.set_attribute(claim.id, "stance", "denied")
    a.unlink("d1", link.id)
    assert b.project.span(claim.id).attrs == {"stance": "denied"}
    assert b.project.span(claim.id).note == "B's note"


def test_undo_never_writes_over_a_field_changed_elsewhere(two):
    a, b = two
    span = a.add_span("d1", *at("الزهراء"), "LOCATION")
    a.relabel(span.id, "ACTOR")
    b.annotations("d1")
    b.relabel(span.id, "WEAPON")
    a.annotations("d1")
    with pytest.raises(StaleEdit):
        a.undo("d1")  # it would put LOCATION over B's WEAPON
    assert b.project.span(span.id).label == "WEAPON"
    # The step stays on the stack: nothing was undone.
    assert a.stack("d1").undo_summary is not None


def test_undoing_an_added_span_that_another_window_annotated_is_refused(two):
    a, b = two
    claim = a.add_span("d1", *at(CLAIM_TEXT), "CLAIM")
    actor = a.add_span("d1", *at(ACTOR_TEXT), "ACTOR")
    b.annotations("d1")
    b.link("SOURCE", claim.id, actor.id)
    a.annotations("d1")
    with pytest.raises(StaleEdit):
        a.undo("d1")  # removing the actor would drop B's link with it
    assert len(b.project.relations("d1", "amal")) == 1
    b.set_note(claim.id, "B was here")
    a.annotations("d1")
    a.stack("d1").clear()
    a.remove_span(actor.id)  # a new edit of what A has seen: the link goes with it
    b.undo("d1")  # B's note: its span is as B left it
    assert b.project.span(claim.id).note == ""
    b.annotations("d1")
    with pytest.raises(StaleEdit):
        b.undo("d1")  # B's link: A removed it with its span


def test_removing_a_span_refuses_a_link_made_since_the_desk_looked(two):
    a, b = two
    claim = a.add_span("d1", *at(CLAIM_TEXT), "CLAIM")
    actor = a.add_span("d1", *at(ACTOR_TEXT), "ACTOR")
    b.annotations("d1")
    b.link("SOURCE", claim.id, actor.id)
    with pytest.raises(StaleEdit):
        a.remove_span(actor.id)
    assert len(b.project.relations("d1", "amal")) == 1


def test_a_status_set_elsewhere_is_not_undone_unseen(two):
    a, b = two
    a.add_span("d1", *at("الزهراء"), "LOCATION")
    a.set_status("d1", "done")
    b.annotations("d1")
    b.set_status("d1", "reviewed")
    with pytest.raises(StaleEdit):
        a.undo("d1")
    a.annotations("d1")
    with pytest.raises(StaleEdit):
        a.undo("d1")  # Done -> in progress would undo B's Reviewed
    assert b.status("d1").value == "reviewed"


def test_a_refused_batch_writes_none_of_its_parts(two, project_path):
    a, b = two
    claim = a.add_span("d1", *at(CLAIM_TEXT), "CLAIM")
    actor = a.add_span("d1", *at(ACTOR_TEXT), "ACTOR")
    a.link("SOURCE", claim.id, actor.id)
    a.relabel(actor.id, "LOCATION")  # one edit: the link goes, the label changes
    b.annotations("d1")
    b.set_note(actor.id, "B's note")
    a.annotations("d1")
    before = dump(project_path)
    a.undo("d1")  # the label (the note is B's and stays) and the link come back together
    assert dump(project_path) != before
    stored = b.project.span(actor.id)
    assert (stored.label, stored.note) == ("ACTOR", "B's note")
    assert len(b.project.relations("d1", "amal")) == 1
    b.annotations("d1")
    b.relabel(claim.id, "WEAPON")  # SOURCE no longer fits: B's relabel drops the link
    a.annotations("d1")
    before = dump(project_path)
    with pytest.raises(StaleEdit):
        a.redo("d1")  # its link removal finds the link gone; the relabel must not apply
    assert dump(project_path) == before


def test_revisions_rise_with_every_write_and_are_never_handed_out_twice(two):
    a, _ = two
    span = a.add_span("d1", *at("الزهراء"), "LOCATION")
    revs = [a.project.span(span.id).rev]
    a.set_note(span.id, "x")
    revs.append(a.project.span(span.id).rev)
    a.undo("d1")
    revs.append(a.project.span(span.id).rev)
    a.undo("d1")  # deleted
    a.redo("d1")  # made again: a new revision, not its first one
    revs.append(a.project.span(span.id).rev)
    assert revs == sorted(set(revs)) and revs[0] > 0
