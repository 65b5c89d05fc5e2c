"""The core's half of conditional writes: which fields an update touches, and what a writer
last saw."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.commands import StaleEdit
from annotator.core.commands.fields import FieldChanges, same_content
from annotator.core.commands.revisions import Revisions
from annotator.core.model import Relation, Span, Status

TEXT = "قال المتحدث إن الطريق مفتوح"


def span(**changes) -> Span:
    # Fixed times: two spans made a millisecond apart would otherwise differ in them.
    base = Span(doc_id="d1", layer="amal", start=4, end=11, label="ACTOR", text=TEXT[4:11],
                id="s1", rev=3, created_at="2026-01-01T00:00:00.000Z",
                updated_at="2026-01-01T00:00:00.000Z")
    return replace(base, **changes)


def test_an_update_names_its_fields_and_its_attributes_one_by_one():
    old = span(attrs={"stance": "asserted", "keep": "x"})
    new = old.with_changes(label="CLAIM", attrs={"stance": "denied", "keep": "x"}, note="n")
    changes = FieldChanges.between(old, new)
    assert changes.fields == ("label", "note")
    assert changes.attributes == ("stance",)


def test_undo_carries_only_its_fields_over_what_another_writer_changed():
    old = span(note="")
    new = old.with_changes(note="mine")
    changes = FieldChanges.between(old, new)
    theirs = replace(new, label="LOCATION", attrs={"extra": "1"}, rev=9)
    assert changes.hold(theirs, new)  # the note is still the one this edit set
    undone = changes.carry(theirs, old, same_content(theirs, new))
    assert (undone.label, undone.attrs, undone.note, undone.rev) == \
        ("LOCATION", {"extra": "1"}, "", 9)
    assert not changes.hold(replace(theirs, note="theirs"), new)


def test_a_plain_undo_restores_the_row_exactly():
    old = span(note="")
    new = old.with_changes(note="mine", updated_at="2030-01-01T00:00:00.000Z")
    changes = FieldChanges.between(old, new)
    assert changes.carry(replace(new, rev=7), old, True) == old


def test_an_attribute_cleared_is_cleared_and_one_set_elsewhere_stays():
    old = span(attrs={"a": "1"})
    new = old.with_changes(attrs={})
    changes = FieldChanges.between(old, new)
    current = replace(new, attrs={"b": "2"})
    assert changes.carry(current, old, False).attrs == {"a": "1", "b": "2"}
    assert changes.carry(replace(old, attrs={"a": "1", "b": "2"}), new, False).attrs == \
        {"b": "2"}


def test_revision_is_not_content():
    assert span(rev=1) == span(rev=2)
    assert same_content(span(rev=1, updated_at="x"), span(rev=2, updated_at="y"))
    assert not same_content(span(), span(note="n"))


def test_a_writer_is_refused_what_changed_or_appeared_since_it_looked():
    seen = Revisions()
    row = span()
    seen.check(row)  # a document never read: taken as stored
    link = Relation(doc_id="d1", layer="amal", type="SOURCE", head="s0", tail="s1", id="r1")
    seen.saw_document("d1", [row], Status.NEW)
    seen.check(row)
    with pytest.raises(StaleEdit, match="span was changed elsewhere"):
        seen.check(replace(row, rev=4))
    with pytest.raises(StaleEdit, match="link"):
        seen.check(link)  # it appeared after the writer looked
    seen.saw(link)
    seen.check(link)
    seen.forget(row)
    with pytest.raises(StaleEdit):
        seen.check(row)
    assert seen.knows(Relation, "r1") and not seen.knows(Span, "s1")
    with pytest.raises(StaleEdit, match="status"):
        seen.check_status("d1", Status.DONE)


def test_a_writer_remembers_a_bounded_number_of_documents():
    seen = Revisions(documents=2)
    for doc in ("a", "b", "c"):
        seen.saw_document(doc, [span(doc_id=doc)], Status.NEW)
    assert seen.seen(span(doc_id="a")) is None  # forgotten: taken as stored again
    seen.check(span(doc_id="a", rev=99))
    assert seen.seen(span(doc_id="c")) == 3
