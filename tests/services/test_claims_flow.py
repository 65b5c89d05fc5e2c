"""The issue's flow at the service level: mark a claim, link its source, set its stance to
denied, see it in the claims view, undo and redo each step, export, re-import, all intact."""

from dataclasses import astuple

import pytest

from annotator.core.errors import SchemeError
from annotator.core.model import relation_as_dict, span_as_dict
from annotator.services.claims import (
    claim_rows,
    document_claims,
    link_candidates,
    span_links,
)
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.services.scheme import project_violations
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.scheme_texts import (
    CONFLICTING,
    DENIAL,
    DENIER,
    LAUNCH_MOSUL,
    LAUNCH_ZUMMAR,
    at,
)


@pytest.fixture
def desk(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text(CONFLICTING, encoding="utf-8")
    project = ProjectStore.create(tmp_path / "a.tawsim")
    import_paths(project, [article], actor="lead")
    doc_id = next(project.document_ids())
    yield project, AnnotationSession(project, "amal"), doc_id
    project.close()


def _state(project, doc_id, layer="amal"):
    annotations = project.annotations(doc_id, layer)
    return ([span_as_dict(s) for s in annotations.spans],
            [relation_as_dict(r) for r in annotations.relations])


def test_claim_source_stance_undo_redo_export_reimport(desk, tmp_path):
    project, session, doc = desk
    states = [_state(project, doc)]

    # The entities first, as an annotator would, then the claim around one of them.
    actor = session.add_span(doc, *at(CONFLICTING, DENIER), "ACTOR")
    states.append(_state(project, doc))
    weapon = session.add_span(doc, *at(CONFLICTING, "طائرات حربية"), "WEAPON")
    states.append(_state(project, doc))
    claim = session.add_span(doc, *at(CONFLICTING, DENIAL), "CLAIM")
    states.append(_state(project, doc))

    # S, then choose from the document's actors: the nearest comes first.
    annotations = session.annotations(doc)
    assert [s.id for s in link_candidates(project.scheme, annotations, claim.id, "SOURCE")] \
        == [actor.id]
    link = session.link("SOURCE", claim.id, actor.id)
    states.append(_state(project, doc))
    session.set_attribute(claim.id, "stance", "denied")
    states.append(_state(project, doc))
    session.set_note(claim.id, "ينفي دون أن يذكر مصدر معلوماته")
    states.append(_state(project, doc))

    (row,) = document_claims(project, doc, "amal", language="ar")
    assert (row.span_id, row.text) == (claim.id, DENIAL)
    assert (row.stance, row.stance_title) == ("denied", "منفي")
    assert [(s.span_id, s.text, s.relation_id) for s in row.sources] == \
        [(actor.id, DENIER, link.id)]
    assert row.source_text == DENIER and row.is_complete
    assert [(e.span_id, e.label, e.label_title) for e in row.entities] == \
        [(weapon.id, "WEAPON", "سلاح")]
    assert row.note == "ينفي دون أن يذكر مصدر معلوماته"
    # Selecting the actor names the claim it is the source of (the other end of the link).
    (linked,) = span_links(project.scheme, session.annotations(doc), actor.id, "en")
    assert (linked.span_id, linked.outgoing, linked.type_title) == (claim.id, False, "Source")

    # Undo each step back to the empty layer, checking every state, then redo them all.
    for expected in reversed(states[:-1]):
        session.undo(doc)
        assert _state(project, doc) == expected
    assert document_claims(project, doc, "amal") == []
    for expected in states[1:]:
        session.redo(doc)
        assert _state(project, doc) == expected
    (again,) = document_claims(project, doc, "amal", language="ar")
    assert again == row

    # Export, then import into a new project: everything comes back as it was.
    out = tmp_path / "amal.jsonl"
    export_dataset(project, out, layer="amal")
    with ProjectStore.create(tmp_path / "b.tawsim") as other:
        counts = import_paths(other, [out], actor="lead")
        assert (counts.spans_new, counts.relations_new) == (3, 1)
        assert _state(other, doc) == _state(project, doc)
        assert document_claims(other, doc, "amal", language="ar") == [row]
        assert project_violations(other) == []


def test_conflicting_claims_side_by_side(desk):
    project, session, doc = desk
    source_1 = session.add_span(doc, *at(CONFLICTING, "مصدر أمني"), "ACTOR")
    source_2 = session.add_span(doc, *at(CONFLICTING, "مسؤولًا محليًا"), "ACTOR")
    mosul = session.add_span(doc, *at(CONFLICTING, "الموصل"), "LOCATION")
    zummar = session.add_span(doc, *at(CONFLICTING, "زمار"), "LOCATION")
    syria = session.add_span(doc, *at(CONFLICTING, "سوريا"), "LOCATION")
    rockets = session.add_span(doc, *at(CONFLICTING, "الصواريخ"), "WEAPON")
    first = session.add_span(doc, *at(CONFLICTING, LAUNCH_MOSUL), "CLAIM",
                             {"stance": "asserted"})
    second = session.add_span(doc, *at(CONFLICTING, LAUNCH_ZUMMAR), "CLAIM",
                              {"stance": "asserted"})
    session.link("SOURCE", first.id, source_1.id)
    session.link("SOURCE", second.id, source_2.id)

    rows = claim_rows(project.scheme, session.annotations(doc), "en")
    assert [r.span_id for r in rows] == [first.id, second.id]  # by position
    assert [[e.span_id for e in r.entities] for r in rows] == [
        [rockets.id, mosul.id, syria.id], [zummar.id]]
    assert [r.source_text for r in rows] == ["مصدر أمني", "مسؤولًا محليًا"]
    assert [r.stance_title for r in rows] == ["Asserted", "Asserted"]
    assert [a.name for a in rows[0].attributes] == ["stance"]


def test_links_that_the_scheme_refuses(desk):
    project, session, doc = desk
    weapon = session.add_span(doc, *at(CONFLICTING, "الصواريخ"), "WEAPON")
    place = session.add_span(doc, *at(CONFLICTING, "الموصل"), "LOCATION")
    before = _state(project, doc)
    with pytest.raises(SchemeError, match="goes from CLAIM to ACTOR, not from WEAPON to "
                                          "LOCATION"):
        session.link("SOURCE", weapon.id, place.id)
    assert _state(project, doc) == before
    # A weapon offers no SOURCE link at all, so the desk has no candidates to show.
    assert link_candidates(project.scheme, session.annotations(doc), weapon.id, "SOURCE") == []


def test_changing_and_deleting_a_link(desk):
    project, session, doc = desk
    claim = session.add_span(doc, *at(CONFLICTING, DENIAL), "CLAIM")
    wrong = session.add_span(doc, *at(CONFLICTING, "قناة محلية"), "ACTOR")
    right = session.add_span(doc, *at(CONFLICTING, DENIER), "ACTOR")
    link = session.link("SOURCE", claim.id, wrong.id)
    session.retarget(doc, link.id, tail=right.id)
    (row,) = document_claims(project, doc, "amal")
    assert [s.span_id for s in row.sources] == [right.id]
    session.unlink(doc, link.id)
    (row,) = document_claims(project, doc, "amal")
    assert row.sources == () and not row.is_complete
    session.undo(doc)
    session.undo(doc)
    (row,) = document_claims(project, doc, "amal")
    assert [s.span_id for s in row.sources] == [wrong.id]
    assert astuple(row.sources[0])[0] == link.id
