"""Properties of the merge, over any history an annotator can make in the desk: merging the
states of one annotator's file in order leaves the lead holding each state, the last one at
the end; merging any file a second time changes nothing, byte for byte."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.services import merging
from annotator.services.merging import merge_files
from tests.services.merging_helpers import (
    AMAL,
    DOCUMENTS,
    Annotator,
    audit_count,
    file_state,
    fingerprint,
    layer_state,
    new_lead,
    new_package,
    set_time,
    snapshot,
)

DOCS = ["d1", "d2"]
LABELS = ["LOCATION", "ACTOR", "WEAPON", "CLAIM"]

# Sampled rather than integers: integers start from 0, and most spans would collide.
_index = st.sampled_from(range(50))
_start = st.sampled_from(range(0, 300, 3))
_length = st.sampled_from(range(1, 25))
_place = st.tuples(st.sampled_from(DOCS), _start, _length)
_add = st.tuples(st.just("add"), _place, st.sampled_from(LABELS))
_edit = st.one_of(
    st.tuples(st.just("remove"), _index),
    st.tuples(st.just("move"), _index, _start, _length),
    st.tuples(st.just("relabel"), _index, st.sampled_from(LABELS)),
    st.tuples(st.just("stance"), _index, st.sampled_from(["asserted", "denied", None])),
    st.tuples(st.just("note"), _index, st.sampled_from(["", "ملاحظة", "تحقق"])),
    st.tuples(st.just("link"), _index, _index),
    st.tuples(st.just("unlink"), _index),
    st.tuples(st.just("status"), st.sampled_from(DOCS), st.sampled_from(list(Status))),
    st.tuples(st.just("time"), st.sampled_from(DOCS), st.integers(0, 5000)),
)
_send = st.sampled_from([[], [("send",)]])  # the annotator sends the file as it stands
# An annotator adds spans and edits them, sending the file now and then: a history is steps
# of an addition, another edit and maybe a sending (nested one_of would be flattened, and
# additions drawn as rarely as any other edit).
operations = st.lists(st.tuples(_add, _edit, _send), min_size=2, max_size=12).map(
    lambda steps: [item for add, edit, send in steps for item in (add, edit, *send)])


def _span(session, index):
    spans = [s for doc in DOCS for s in session.project.spans(doc, session.layer)]
    return spans[index % len(spans)] if spans else None


def _clip(doc, start, length):
    text = DOCUMENTS[doc]
    start = min(start, len(text) - 1)
    return start, min(start + length, len(text))


def _do(session, operation) -> None:
    kind, *args = operation
    if kind == "add":
        (doc, start, length), label = args
        session.add_span(doc, *_clip(doc, start, length), label)
    elif kind == "status":
        session.set_status(args[0], args[1])
    elif kind == "time":
        set_time(session.project, args[0], session.layer, float(args[1]))
    elif kind == "link":  # a claim's source: the edit the scheme allows between two spans
        spans = [s for doc in DOCS for s in session.project.spans(doc, session.layer)]
        claims = [s for s in spans if s.label == "CLAIM"]
        if claims:
            claim = claims[args[0] % len(claims)]
            actors = [s for s in spans if s.label == "ACTOR" and s.doc_id == claim.doc_id]
            if actors:
                session.link("SOURCE", claim.id, actors[args[1] % len(actors)].id)
    elif kind == "unlink":
        relations = [r for doc in DOCS for r in session.project.relations(doc, session.layer)]
        if relations:
            relation = relations[args[0] % len(relations)]
            session.unlink(relation.doc_id, relation.id)
    elif (span := _span(session, args[0])) is not None:
        if kind == "remove":
            for relation in session.project.annotations_writer.relations_of_span(span.id):
                session.unlink(span.doc_id, relation.id)
            session.remove_span(span.id)
        elif kind == "move":
            session.move_span(span.id, *_clip(span.doc_id, args[1], args[2]))
        elif kind == "relabel":
            session.relabel(span.id, args[1])
        elif kind == "stance" and span.label == "CLAIM":
            session.set_attribute(span.id, "stance", args[1])
        elif kind == "note":
            session.set_note(span.id, args[1])


def _states(folder: Path, lead, history) -> list[Path]:
    """Play `history` in an annotator's file; the copies it sends, the last state last."""
    package = new_package(folder, lead, AMAL, DOCS)
    sent = []
    for operation in [*history, ("send",)]:
        if operation[0] == "send":
            sent.append(snapshot(package, folder / f"sent-{len(sent)}.tawsim"))
            continue
        # an edit the desk refuses (a span that is there already) changes nothing
        with Annotator(package, AMAL) as session, contextlib.suppress(TawsimError):
            _do(session, operation)
    return sent


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_merging_states_in_order_leaves_the_last_and_twice_is_a_no_op(history):
    with tempfile.TemporaryDirectory() as folder, new_lead(Path(folder), DOCS) as lead:
        states = _states(Path(folder), lead, history)
        for state in states:
            merge_files(lead, [state])
            assert layer_state(lead, "amal", DOCS) == file_state(state, "amal")
            before, rows = fingerprint(lead.path), audit_count(lead)
            assert not merge_files(lead, [state]).changed
            assert (fingerprint(lead.path), audit_count(lead)) == (before, rows)


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(operations, st.data(), st.sampled_from([1, 10_000]))
def test_merging_a_later_state_directly_skips_nothing(history, data, batch):
    """Any state may be merged without the ones before it: the lead holds that state, read
    a document at a time or the whole file in one pass."""
    with tempfile.TemporaryDirectory() as folder, new_lead(Path(folder), DOCS) as lead, \
            patch.object(merging, "BATCH_DOCUMENTS", batch):
        states = _states(Path(folder), lead, history)
        picked = data.draw(st.lists(st.integers(0, len(states) - 1), min_size=1))
        chosen = [states[index] for index in sorted(set(picked))]
        for state in chosen:
            merge_files(lead, [state])
        assert layer_state(lead, "amal", DOCS) == file_state(chosen[-1], "amal")
