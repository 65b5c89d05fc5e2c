"""Scheme changes on a project with annotations: renames carry every layer along in one audited
transaction; anything that would be lost is refused with its count unless confirmed."""

import sqlite3

import pytest

from annotator.core.errors import SchemeError
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord, prepare_record
from annotator.core.scheme import scheme_from_dict
from annotator.core.scheme_edits import (
    AddAttribute,
    AddLabel,
    AddRelation,
    AddValue,
    EditLabel,
    EditScheme,
    EditValue,
    MergeLabel,
    MergeRelation,
    MergeValue,
    MoveLabel,
    RemoveAttribute,
    RemoveLabel,
    RemoveRelation,
    RemoveValue,
    RenameAttribute,
    RenameLabel,
    RenameRelation,
    RenameValue,
    ReplaceScheme,
    SetRelationEnds,
)
from annotator.core.scheme_migration import Renames, SchemeChangeRefused
from annotator.services.claims import document_claims
from annotator.services.scheme import (
    change_scheme,
    preview_scheme_change,
    project_violations,
    scheme_usage,
)
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport
from tests.dumps import dump
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER, LAUNCH_MOSUL, at


def _span(word, label, span_id, occurrence=0, **extra):
    start, end = at(CONFLICTING, word, occurrence)
    return SpanRecord(start, end, label, word, id=span_id, **extra)


def _layer(prefix, layer):
    return DocumentRecord(
        text=CONFLICTING, id="report", layer=layer, status="in_progress",
        spans=[
            _span("مصدر أمني", "ACTOR", f"{prefix}-a1"),
            _span(DENIER, "ACTOR", f"{prefix}-a2"),
            _span("الموصل", "LOCATION", f"{prefix}-l1"),
            _span("زمار", "LOCATION", f"{prefix}-l2"),
            _span("الصواريخ", "WEAPON", f"{prefix}-w1"),
            _span("طائرات حربية", "WEAPON", f"{prefix}-w2"),
            _span(LAUNCH_MOSUL, "CLAIM", f"{prefix}-c1", attrs={"stance": "reported"}),
            _span(DENIAL, "CLAIM", f"{prefix}-c2", attrs={"stance": "denied"}, note="نفي"),
        ],
        relations=[
            RelationRecord("SOURCE", f"{prefix}-c1", f"{prefix}-a1", id=f"{prefix}-r1"),
            RelationRecord("SOURCE", f"{prefix}-c2", f"{prefix}-a2", id=f"{prefix}-r2"),
        ],
    )


@pytest.fixture
def filled(project):
    with BulkImport(project, actor="lead", source="test") as bulk:
        for prefix, layer in (("a", "amal"), ("g", "gold")):
            bulk.add(prepare_record(_layer(prefix, layer), project.scheme))
    return project


def labels(project, layer="amal"):
    return {s.id: s.label for s in project.spans("report", layer)}


def test_renaming_a_label_rewrites_every_layer_in_one_audited_step(filled):
    before_audit = len(filled.audit_trail())
    report = change_scheme(filled, RenameLabel("ACTOR", "SPEAKER"), actor="lead")
    assert report.applied and report.counts.spans_relabelled == 4
    assert report.counts.loss == 0
    for layer, prefix in (("amal", "a"), ("gold", "g")):
        assert labels(filled, layer)[f"{prefix}-a1"] == "SPEAKER"
    scheme = filled.scheme  # the cache was dropped: this is the new scheme
    assert scheme.label_names == ("LOCATION", "SPEAKER", "WEAPON", "CLAIM")
    assert scheme.relation("SOURCE").tails == ("SPEAKER",)
    (row,) = filled.audit_trail()[before_audit:]
    assert row["action"] == "change_scheme" and row["actor"] == "lead"
    assert row["after"]["change"] == "rename label ACTOR to SPEAKER"
    assert row["after"]["counts"]["spans_relabelled"] == 4
    assert row["before"]["scheme"]["labels"][1]["name"] == "ACTOR"
    assert project_violations(filled) == []
    # The claims view still finds each claim's source under the new label.
    rows = document_claims(filled, "report", "gold")
    assert [r.sources[0].label for r in rows] == ["SPEAKER", "SPEAKER"]


def test_removing_a_label_in_use_is_refused_with_counts(filled):
    before = dump(filled.conn, per_commit=False)
    with pytest.raises(SchemeChangeRefused) as refused:
        change_scheme(filled, RemoveLabel("ACTOR"), actor="lead")
    message = str(refused.value)
    assert "refused to remove label ACTOR" in message
    assert "4 spans and 4 relations (8 annotations affected, in layers amal, gold)" in message
    assert refused.value.counts.spans_deleted == 4
    assert dump(filled.conn, per_commit=False) == before
    assert filled.scheme.has_label("ACTOR")


def test_removing_a_label_with_consent_deletes_and_audits_what_went(filled):
    report = change_scheme(filled, RemoveLabel("ACTOR"), actor="lead", delete=True)
    assert (report.counts.spans_deleted, report.counts.relations_deleted) == (4, 4)
    assert "ACTOR" not in labels(filled).values() and filled.relations("report", "amal") == []
    # SOURCE linked only ACTOR at its tail, so it went with the label, and the claims
    # section no longer names it.
    assert filled.scheme.relation_names == ()
    assert filled.scheme.claim_roles.source is None
    row = filled.audit_trail()[-1]
    assert sorted(s["id"] for s in row["before"]["deleted_spans"]) == \
        ["a-a1", "a-a2", "g-a1", "g-a2"]
    assert {r["id"] for r in row["before"]["deleted_relations"]} == \
        {"a-r1", "a-r2", "g-r1", "g-r2"}
    assert project_violations(filled) == []


def test_a_dry_run_reports_and_changes_nothing(filled):
    before, scheme = dump(filled.conn, per_commit=False), filled.scheme
    report = preview_scheme_change(filled, [RenameLabel("WEAPON", "ARMS"),
                                            RemoveLabel("LOCATION")])
    assert not report.applied
    assert report.counts.spans_relabelled == 4 and report.counts.spans_deleted == 4
    assert report.describe() == ("Would change the scheme: rename label WEAPON to ARMS; "
                                 "remove label LOCATION; 4 spans relabelled; would delete 4 "
                                 "spans")
    assert report.scheme.label_names == ("ACTOR", "ARMS", "CLAIM")
    assert dump(filled.conn, per_commit=False) == before and filled.scheme == scheme


def test_a_batch_is_all_or_nothing(filled):
    before = dump(filled.conn, per_commit=False)
    with pytest.raises(SchemeChangeRefused, match="remove label WEAPON"):
        change_scheme(filled, [RenameLabel("ACTOR", "SPEAKER"), RemoveLabel("WEAPON")],
                      actor="lead")
    assert dump(filled.conn, per_commit=False) == before and filled.scheme.has_label("ACTOR")


def test_merging_labels_moves_spans_and_drops_exact_duplicates(filled, project_path):
    # gold also marks the first weapon as an ACTOR at the same offsets: merging WEAPON into
    # ACTOR would make two identical spans, so one must go.
    session = AnnotationSession(filled, "lead", layer="gold")
    session.add_span("report", *at(CONFLICTING, "الصواريخ"), "ACTOR")
    with pytest.raises(SchemeChangeRefused, match="1 span "):
        change_scheme(filled, MergeLabel("WEAPON", "ACTOR"), actor="lead")
    report = change_scheme(filled, MergeLabel("WEAPON", "ACTOR"), actor="lead", delete=True)
    assert (report.counts.spans_relabelled, report.counts.spans_deleted) == (3, 1)
    gold = filled.spans("report", "gold")
    assert [s.label for s in gold].count("ACTOR") == 4  # 2 actors, the added one, w2
    assert "g-w1" not in {s.id for s in gold}  # the ACTOR that was there first stays
    assert not filled.scheme.has_label("WEAPON")
    assert project_violations(filled) == []


def test_merging_a_label_clears_attribute_values_the_target_lacks(filled):
    with pytest.raises(SchemeChangeRefused, match="4 attribute values"):
        change_scheme(filled, MergeLabel("CLAIM", "LOCATION"), actor="lead")
    change_scheme(filled, [AddAttribute("LOCATION", "stance",
                                        ["asserted", "reported", "denied", "uncertain"]),
                           MergeLabel("CLAIM", "LOCATION")], actor="lead")
    claim = next(s for s in filled.spans("report", "amal") if s.id == "a-c2")
    assert (claim.label, claim.attrs, claim.note) == ("LOCATION", {"stance": "denied"}, "نفي")
    # The claims section follows the label, and SOURCE now starts from LOCATION.
    assert filled.scheme.claim_roles.label == "LOCATION"
    assert filled.scheme.relation("SOURCE").heads == ("LOCATION",)
    assert len(filled.relations("report", "amal")) == 2


def test_values_rename_merge_and_remove(filled):
    usage = scheme_usage(filled)
    assert usage.attribute("CLAIM", "stance") == 4 and usage.spans["ACTOR"] == 4
    assert usage.relations == {"SOURCE": 4}
    change_scheme(filled, RenameValue("CLAIM", "stance", "reported", "relayed"), actor="lead")
    stances = {s.id: s.attrs for s in filled.spans("report", "gold") if s.label == "CLAIM"}
    assert stances == {"g-c1": {"stance": "relayed"}, "g-c2": {"stance": "denied"}}
    report = change_scheme(filled, MergeValue("CLAIM", "stance", "relayed", "asserted"),
                           actor="lead")
    assert report.counts.spans_reattributed == 2
    with pytest.raises(SchemeChangeRefused, match="2 attribute values"):
        change_scheme(filled, RemoveValue("CLAIM", "stance", "denied"), actor="lead")
    change_scheme(filled, RemoveValue("CLAIM", "stance", "denied"), actor="lead", delete=True)
    stances = {s.id: s.attrs for s in filled.spans("report", "gold") if s.label == "CLAIM"}
    assert stances == {"g-c1": {"stance": "asserted"}, "g-c2": {}}
    assert scheme_usage(filled).values == {("CLAIM", "stance", "asserted"): 2}
    assert project_violations(filled) == []


def test_attributes_rename_and_remove(filled):
    change_scheme(filled, RenameAttribute("CLAIM", "stance", "position"), actor="lead")
    assert filled.scheme.claim_roles.stance == "position"
    (row, _) = document_claims(filled, "report", "amal")
    assert row.stance == "reported"
    with pytest.raises(SchemeChangeRefused, match="4 attribute values"):
        change_scheme(filled, RemoveAttribute("CLAIM", "position"), actor="lead")
    change_scheme(filled, RemoveAttribute("CLAIM", "position"), actor="lead", delete=True)
    assert filled.scheme.claim_roles.stance is None
    assert all(s.attrs == {} for s in filled.spans("report", "amal"))


def test_relation_types_rename_narrow_merge_remove(filled):
    change_scheme(filled, [RenameRelation("SOURCE", "SAID_BY"),
                           AddRelation("QUOTED_BY", ["CLAIM"], ["ACTOR"], hotkey="q")],
                  actor="lead")
    assert {r.type for r in filled.relations("report", "gold")} == {"SAID_BY"}
    assert filled.scheme.claim_roles.source == "SAID_BY"
    # Narrowing SAID_BY to CLAIM -> LOCATION would break every link.
    with pytest.raises(SchemeChangeRefused, match="4 relations"):
        change_scheme(filled, SetRelationEnds("SAID_BY", ["CLAIM"], ["LOCATION"]),
                      actor="lead")
    # Widening is free.
    change_scheme(filled, SetRelationEnds("SAID_BY", ["CLAIM"], ["ACTOR", "LOCATION"]),
                  actor="lead")
    session = AnnotationSession(filled, "amal")
    session.link("QUOTED_BY", "a-c1", "a-a1")
    report = change_scheme(filled, MergeRelation("QUOTED_BY", "SAID_BY"), actor="lead",
                           delete=True)
    # a-c1 -> a-a1 existed in both types: the SAID_BY one stays, the copy goes.
    assert (report.counts.relations_retyped, report.counts.relations_deleted) == (0, 1)
    with pytest.raises(SchemeChangeRefused, match="4 relations"):
        change_scheme(filled, RemoveRelation("SAID_BY"), actor="lead")
    assert project_violations(filled) == []


def test_swapping_two_labels_through_renames(filled):
    # Two spans at the same offsets with the two labels: a swap must not trip the unique
    # index half way.
    session = AnnotationSession(filled, "amal")
    session.add_span("report", *at(CONFLICTING, "الموصل"), "ACTOR")
    old = filled.scheme
    data = old.to_dict()
    data["labels"][0]["name"], data["labels"][1]["name"] = "ACTOR", "LOCATION"
    data["relations"][0]["to"] = ["LOCATION"]
    swapped = scheme_from_dict(data)
    change_scheme(filled, ReplaceScheme(swapped, Renames(labels={"ACTOR": "LOCATION",
                                                                 "LOCATION": "ACTOR"})),
                  actor="lead")
    got = labels(filled)
    assert (got["a-a1"], got["a-l1"]) == ("LOCATION", "ACTOR")
    assert len(filled.relations("report", "amal")) == 2
    assert project_violations(filled) == []


def test_cosmetic_changes_touch_no_annotation(filled):
    def unmarked():  # the scheme itself is in the project table
        return [line for line in dump(filled.conn, per_commit=False)
                if "INTO \"project\"" not in line]

    before = unmarked()
    report = change_scheme(filled, [
        EditLabel("LOCATION", {"color": "#00aa00", "hotkey": "7",
                               "names": {"ar": "موقع"}, "description": {"en": ""}}),
        MoveLabel("CLAIM", 0),
        AddLabel("EVENT", "#123456", hotkey="5", names={"en": "Event", "ar": "حدث"},
                 position=1),
        AddValue("CLAIM", "stance", "rumoured", hotkey="m", names={"ar": "شائعة"}),
        EditValue("CLAIM", "stance", "denied", {"hotkey": "n", "example": "نفى الجيش"}),
        EditScheme({"name": "renamed", "description": {"ar": "وصف"}}),
    ], actor="lead")
    assert report.counts.rewritten == 0 and report.counts.loss == 0
    assert unmarked() == before
    scheme = filled.scheme
    assert scheme.label_names == ("CLAIM", "EVENT", "LOCATION", "ACTOR", "WEAPON")
    location = scheme.label("LOCATION")
    assert (location.color, location.hotkey, location.names) == \
        ("#00aa00", "7", {"en": "Location", "ar": "موقع"})
    assert "en" not in location.description
    denied = scheme.label("CLAIM").attribute("stance").value("denied")
    assert (denied.hotkey, denied.example) == ("n", "نفى الجيش")
    assert scheme.name == "renamed" and scheme.description["ar"] == "وصف"


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (RenameLabel("ACTOR", "WEAPON"), "already has a label 'WEAPON'"),
        (RenameLabel("PERSON", "X"), "no label 'PERSON'"),
        (RenameLabel("ACTOR", "has space"), "labels/1/name"),
        (EditLabel("ACTOR", {"hotkey": "1"}), "hotkey '1' is given to both LOCATION and ACTOR"),
        (EditLabel("ACTOR", {"colour": "#000000"}), "no setting 'colour'"),
        (EditLabel("ACTOR", {"color": "blue"}), "a colour like #9fd8a4"),
        (EditValue("CLAIM", "stance", "denied", {"hotkey": "s"}),
         "hotkey 's' of CLAIM's stance 'denied' is already SOURCE's hotkey"),
        (AddRelation("LINK", ["CLAIM"], ["PERSON"]), "names unknown label 'PERSON'"),
        (MergeLabel("ACTOR", "ACTOR"), "cannot be merged into itself"),
        (RemoveValue("CLAIM", "stance", "nope"), "has no value 'nope'"),
        (AddLabel("SOURCE", "#000000"), "already has a relation type 'SOURCE'"),
    ],
)
def test_changes_that_make_no_sense_are_refused_with_a_reason(filled, op, message):
    before = dump(filled.conn, per_commit=False)
    with pytest.raises(SchemeError) as error:
        change_scheme(filled, op, actor="lead")
    assert message in str(error.value)
    assert dump(filled.conn, per_commit=False) == before


def test_the_desk_keeps_working_after_a_change(filled):
    session = AnnotationSession(filled, "amal")
    change_scheme(filled, RenameLabel("WEAPON", "ARMS"), actor="lead")
    span = session.add_span("report", *at(CONFLICTING, "طائرة مسيّرة"), "ARMS")
    assert filled.span(span.id).label == "ARMS"
    with pytest.raises(SchemeError, match="unknown label 'WEAPON'"):
        session.add_span("report", *at(CONFLICTING, "الشاحنة"), "WEAPON")


def test_every_stored_annotation_is_checked_by_the_checker(filled):
    # Break the project behind the services' back: the checker must see it.
    conn = filled.conn
    conn.execute("UPDATE span SET label = 'PERSON' WHERE id = 'a-l1'")
    conn.execute("UPDATE span SET attrs = '{\"stance\": \"maybe\"}' WHERE id = 'g-c1'")
    conn.commit()
    found = project_violations(filled)
    assert [(v.kind, v.layer, v.count) for v in found] == [("span", "amal", 1),
                                                            ("span", "gold", 1)]
    assert "unknown label 'PERSON'" in str(found[0])
    assert "'maybe' is not a value of CLAIM's stance" in str(found[1])


def test_a_second_connection_sees_the_new_scheme(filled, project_path):
    change_scheme(filled, RenameLabel("ACTOR", "SPEAKER"), actor="lead")
    conn = sqlite3.connect(project_path)
    try:
        labels_seen = {row[0] for row in conn.execute("SELECT label FROM span")}
    finally:
        conn.close()
    assert "SPEAKER" in labels_seen and "ACTOR" not in labels_seen


def test_storing_a_scheme_directly_refuses_one_that_does_not_fit(filled):
    data = filled.scheme.to_dict()
    del data["labels"][3]["attributes"]
    del data["claims"]["stance"]
    before = dump(filled.conn, per_commit=False)
    with pytest.raises(SchemeError, match=r"does not fit 4 stored annotations \(2 spans in "
                                          r"layer amal: CLAIM has no attribute 'stance'"):
        filled.set_scheme(scheme_from_dict(data), "lead")
    assert dump(filled.conn, per_commit=False) == before
    filled.set_scheme(scheme_from_dict(filled.scheme.to_dict() | {"version": 2}), "lead")
    assert filled.scheme.version == 2
