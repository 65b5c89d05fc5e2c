"""Scheme edits on their own: what each does to the scheme's JSON, and where old names go."""

import pytest

from annotator.core.errors import SchemeError
from annotator.core.scheme import default_scheme, scheme_from_dict
from annotator.core.scheme_edits import (
    AddAttribute,
    AddLabel,
    EditLabel,
    EditScheme,
    MergeLabel,
    MergeRelation,
    MergeValue,
    RemoveAttribute,
    RemoveLabel,
    RemoveValue,
    RenameAttribute,
    RenameLabel,
    RenameRelation,
    RenameValue,
    ReplaceScheme,
    SetRelationEnds,
)
from annotator.core.scheme_migration import (
    MigrationCounts,
    Renames,
    SchemeChangeRefused,
    migrate_relation,
    migrate_span,
    parse_renames,
)
from tests.scheme_texts import custom_scheme_data


def apply(op, scheme=None):
    edit = op.edit(scheme or default_scheme())
    return scheme_from_dict(edit.data), edit.renames


def test_renaming_a_label_follows_it_into_relations_and_claim_roles():
    scheme, renames = apply(RenameLabel("CLAIM", "STATEMENT"))
    assert scheme.label_names == ("LOCATION", "ACTOR", "WEAPON", "STATEMENT")
    assert scheme.relation("SOURCE").heads == ("STATEMENT",)
    assert scheme.claims.label == "STATEMENT"
    assert renames == Renames(labels={"CLAIM": "STATEMENT"})
    assert default_scheme().has_label("CLAIM")  # the original is untouched


def test_roles_held_by_default_names_are_made_explicit_before_a_rename():
    data = default_scheme().to_dict()
    del data["claims"]
    scheme, _ = apply(RenameRelation("SOURCE", "SAID_BY"), scheme_from_dict(data))
    assert scheme.claims.source == "SAID_BY" and scheme.claim_roles.label == "CLAIM"


def test_merging_a_label_puts_the_target_in_its_place():
    custom = scheme_from_dict(custom_scheme_data())
    scheme, renames = apply(MergeLabel("EVENT", "WEAPON"), custom)
    assert scheme.relation("HAPPENED_IN").heads == ("WEAPON",)
    assert renames.labels == {"EVENT": "WEAPON"}
    scheme, _ = apply(MergeLabel("CLAIM", "ACTOR"), custom)
    # ACTOR now stands at both ends of SOURCE, and holds the claims without a stance.
    assert scheme.relation("SOURCE").heads == ("ACTOR",)
    assert (scheme.claims.label, scheme.claims.stance) == ("ACTOR", None)


def test_removing_a_label_removes_relation_types_left_without_an_end():
    custom = scheme_from_dict(custom_scheme_data())
    scheme, _ = apply(RemoveLabel("ACTOR"), custom)
    assert scheme.relation_names == ("HAPPENED_IN",)
    assert scheme.claims.label == "CLAIM" and scheme.claims.source is None
    scheme, _ = apply(RemoveLabel("CLAIM"), custom)
    assert scheme.claims is None and scheme.claim_roles is None
    lonely = scheme_from_dict({"name": "x", "labels": [{"name": "A", "color": "#000000"}]})
    with pytest.raises(SchemeError, match="at least one label"):
        RemoveLabel("A").edit(lonely)


def test_relation_ends_and_claim_source():
    scheme, _ = apply(SetRelationEnds("SOURCE", ["WEAPON"], ["ACTOR"]))
    assert scheme.claims.source is None
    custom = scheme_from_dict(custom_scheme_data())
    scheme, renames = apply(MergeRelation("SOURCE", "RELAYED_BY"), custom)
    assert scheme.claims.source == "RELAYED_BY" and renames.relations == {
        "SOURCE": "RELAYED_BY"}


def test_attribute_and_value_edits_keep_defaults_and_roles():
    data = default_scheme().to_dict()
    data["labels"][3]["attributes"][0]["default"] = "reported"
    scheme = scheme_from_dict(data)
    renamed, renames = apply(RenameValue("CLAIM", "stance", "reported", "relayed"), scheme)
    assert renamed.label("CLAIM").attribute("stance").default == "relayed"
    assert renames.values == {("CLAIM", "stance", "reported"): "relayed"}
    merged, _ = apply(MergeValue("CLAIM", "stance", "reported", "asserted"), scheme)
    assert merged.label("CLAIM").attribute("stance").default == "asserted"
    removed, _ = apply(RemoveValue("CLAIM", "stance", "reported"), scheme)
    assert removed.label("CLAIM").attribute("stance").default is None
    moved, renames = apply(RenameAttribute("CLAIM", "stance", "position"))
    assert moved.claims.stance == "position"
    assert renames.attributes == {("CLAIM", "stance"): "position"}
    gone, _ = apply(RemoveAttribute("CLAIM", "stance"))
    assert gone.claims.stance is None and gone.label("CLAIM").attributes == ()


def test_settings_merge_per_language_and_clear_with_none():
    scheme, renames = apply(EditLabel("ACTOR", {"names": {"ar": "جهة", "en": ""},
                                                "hotkey": None, "example": "قال الناطق"}))
    actor = scheme.label("ACTOR")
    assert actor.names == {"ar": "جهة"} and actor.hotkey is None
    assert actor.example == "قال الناطق" and renames.is_empty()
    with pytest.raises(SchemeError, match="given per language"):
        EditLabel("ACTOR", {"names": "جهة"}).edit(default_scheme())
    scheme, _ = apply(EditScheme({"rules": [{"en": "One rule.", "ar": "قاعدة واحدة."}],
                                  "version": 2}))
    assert scheme.rules == ({"en": "One rule.", "ar": "قاعدة واحدة."},) and scheme.version == 2


def test_ops_are_recorded_as_plain_data():
    assert AddLabel("EVENT", "#123456", names={"en": "Event"}).as_dict() == {
        "op": "AddLabel", "name": "EVENT", "color": "#123456", "hotkey": None,
        "names": {"en": "Event"}, "description": {}, "example": "", "style": "background",
        "proclitics": "keep", "position": None}
    assert AddAttribute("WEAPON", "kind", ["rocket", {"name": "drone", "hotkey": "q"}]).edit(
        default_scheme()).data["labels"][2]["attributes"][0]["values"] == [
        {"name": "rocket"}, {"name": "drone", "hotkey": "q"}]
    replace = ReplaceScheme(default_scheme(), Renames(labels={"ACTOR": "ACTOR"}))
    assert replace.as_dict()["renames"]["labels"] == {"ACTOR": "ACTOR"}


def test_replacing_checks_the_renames():
    custom = scheme_from_dict(custom_scheme_data())
    with pytest.raises(SchemeError, match="the new scheme has no label 'EVENT'"):
        ReplaceScheme(default_scheme(), Renames(labels={"WEAPON": "EVENT"})).edit(custom)
    with pytest.raises(SchemeError, match="CLAIM's stance has no value 'maybe'"):
        ReplaceScheme(default_scheme(), Renames(values={("CLAIM", "stance", "maybe"): "x"})
                      ).edit(default_scheme())
    edit = ReplaceScheme(custom, Renames(relations={"SOURCE": "RELAYED_BY"})).edit(
        default_scheme())
    assert edit.renames.relations == {"SOURCE": "RELAYED_BY"}


def test_parsing_renames():
    scheme = scheme_from_dict(custom_scheme_data())
    renames = parse_renames(["ACTOR=SPEAKER", "SOURCE = SAID_BY", "CLAIM.stance=position",
                             "stance:reported=stance:relayed", "EVENT.kind:strike=raid"],
                            scheme)
    assert renames.labels == {"ACTOR": "SPEAKER"}
    assert renames.relations == {"SOURCE": "SAID_BY"}
    assert renames.attributes == {("CLAIM", "stance"): "position"}
    assert renames.values == {("CLAIM", "stance", "reported"): "relayed",
                              ("EVENT", "kind", "strike"): "raid"}
    with pytest.raises(SchemeError, match="renamed twice"):
        parse_renames(["ACTOR=A", "ACTOR=B"], scheme)
    with pytest.raises(SchemeError, match="a value stays in its attribute"):
        parse_renames(["stance:reported=kind:raid"], scheme)


def test_what_an_annotation_becomes():
    new = scheme_from_dict(custom_scheme_data())
    renames = Renames(labels={"WEAPON": "EVENT"}, values={("WEAPON", "kind", "rocket"): "launch"})
    assert migrate_span(new, renames, "WEAPON", {"kind": "rocket"}) == \
        ("EVENT", {"kind": "launch"}, [])
    assert migrate_span(new, renames, "WEAPON", {"kind": "tank", "stance": None}) == \
        ("EVENT", {}, [("kind", "tank"), ("stance", None)])
    assert migrate_span(new, Renames(), "PERSON", {})[0] is None
    assert migrate_relation(new, Renames(), "SOURCE", "CLAIM", "ACTOR", {})[0] == "SOURCE"
    assert migrate_relation(new, Renames(), "SOURCE", "CLAIM", "EVENT", {})[0] is None


def test_counts_read_as_a_sentence():
    counts = MigrationCounts(spans_deleted=1, relations_deleted=3, values_cleared=2,
                             losing_layers={"gold"})
    assert counts.describe_loss() == "1 span, 3 relations and 2 attribute values"
    assert counts.loss == 6
    message = str(SchemeChangeRefused("remove label X", counts))
    assert message.startswith("refused to remove label X: it would delete 1 span, 3 "
                              "relations and 2 attribute values (6 annotations affected, in "
                              "layer gold)")
    assert MigrationCounts().describe_rewrites() == "nothing"
