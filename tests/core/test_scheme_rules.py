"""The scheme rules beyond the JSON Schema: claim roles, hotkeys that cannot clash, and the
look-ups the desk uses."""

import pytest

from annotator.core.errors import SchemeError
from annotator.core.scheme import ClaimRoles, default_scheme, hotkey_of, scheme_from_dict
from tests.scheme_texts import custom_scheme_data


def _data():
    return default_scheme().to_dict()


def test_to_dict_is_a_copy():
    scheme = default_scheme()
    data = scheme.to_dict()
    data["labels"][0]["name"] = "CHANGED"
    assert scheme.to_dict()["labels"][0]["name"] == "LOCATION"


def test_claim_roles_stated_or_by_default_names():
    assert default_scheme().claims == ClaimRoles("CLAIM", "SOURCE", "stance")
    data = _data()
    del data["claims"]
    scheme = scheme_from_dict(data)
    assert scheme.claims is None
    assert scheme.claim_roles == ClaimRoles("CLAIM", "SOURCE", "stance")
    data["relations"] = []
    assert scheme_from_dict(data).claim_roles == ClaimRoles("CLAIM", None, "stance")
    data["labels"] = data["labels"][:3]
    assert scheme_from_dict(data).claim_roles is None


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"label": "STATEMENT"}, "claims/label: the claim label 'STATEMENT' is not a label"),
        ({"label": "CLAIM", "source": "SAID"}, "claims/source: the source 'SAID' is not a "
                                               "relation type"),
        ({"label": "LOCATION", "source": "SOURCE"}, "relation SOURCE does not connect LOCATION"),
        ({"label": "CLAIM", "stance": "tone"}, "claims/stance: CLAIM has no attribute 'tone'"),
        ({"label": "CLAIM", "speaker": "x"}, "Additional properties are not allowed"),
    ],
)
def test_claim_roles_must_name_what_exists(claims, message):
    data = _data()
    data["claims"] = claims
    with pytest.raises(SchemeError, match="invalid scheme") as error:
        scheme_from_dict(data, origin="s.json")
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["relations"][0].update(hotkey="1"),
         "relations/0/hotkey (relation 'SOURCE'): hotkey '1' is given to both LOCATION and "
         "SOURCE"),
        (lambda d: d["labels"][3]["attributes"][0]["values"][0].update(hotkey="2"),
         "hotkey '2' of CLAIM's stance 'asserted' is already ACTOR's hotkey"),
        (lambda d: d["labels"][3]["attributes"].append(
            {"name": "certainty", "values": [{"name": "high", "hotkey": "A"}]}),
         "CLAIM's attribute values give hotkey 'a' twice"),
        (lambda d: d["relations"][0].update({"to": ["ACTOR", "ACTOR"]}),
         "relation SOURCE to names 'ACTOR' twice"),
        (lambda d: d["labels"][0].update(hotkey="F1"), "labels/0/hotkey (label 'LOCATION'): "
         "'F1' does not match '^[0-9A-Za-z]$' (one key: a digit or a Latin letter"),
    ],
)
def test_hotkeys_and_ends_that_clash(change, message):
    data = _data()
    change(data)
    with pytest.raises(SchemeError) as error:
        scheme_from_dict(data)
    assert message in str(error.value)


def test_the_same_value_key_may_serve_different_labels():
    data = custom_scheme_data()
    data["labels"][4]["attributes"][0]["values"][0]["hotkey"] = "a"  # EVENT launch, CLAIM a
    scheme = scheme_from_dict(data)
    assert scheme.value_for_hotkey("EVENT", "A")[1].name == "launch"
    assert scheme.value_for_hotkey("CLAIM", "a")[1].name == "asserted"


def test_lookups_for_the_desk():
    scheme = scheme_from_dict(custom_scheme_data())
    assert [r.name for r in scheme.relations_from("CLAIM")] == ["SOURCE", "RELAYED_BY"]
    assert scheme.relations_from("WEAPON") == ()
    assert scheme.relation_for_hotkey("CLAIM", "S").name == "SOURCE"
    assert scheme.relation_for_hotkey("CLAIM", "n").name == "RELAYED_BY"
    assert scheme.relation_for_hotkey("ACTOR", "s") is None
    assert scheme.label_for_hotkey("5").name == "EVENT"
    attribute, value = scheme.value_for_hotkey("CLAIM", "d")
    assert (attribute.name, value.name, value.display("ar")) == ("stance", "denied", "منفي")
    assert scheme.value_for_hotkey("CLAIM", "z") is None
    assert scheme.owner("RELAYED_BY").display("ar") == "نقلته"
    assert scheme.relation("HAPPENED_IN").display("ar") == "HAPPENED_IN"  # no names: fallback
    with pytest.raises(SchemeError, match="no label or relation type 'NOTHING'"):
        scheme.owner("NOTHING")
    assert len(scheme.rules) == 4 and scheme.rules[1]["ar"].startswith("لا تدخل السوابق")
    stance = scheme.label("CLAIM").attribute("stance")
    assert stance.example and stance.value("denied").hotkey == "d"


@pytest.mark.parametrize(("typed", "key"), [("a", "a"), ("S", "s"), ("ش", "a"), ("س", "s"),
                                            ("ي", "d"), ("ع", "u"), ("ق", "r"), ("٤", "4"),
                                            ("۲", "2"), ("7", "7")])
def test_hotkeys_typed_on_an_arabic_layout(typed, key):
    assert hotkey_of(typed) == key


def test_the_desk_finds_keys_typed_in_arabic():
    scheme = default_scheme()
    assert scheme.value_for_hotkey("CLAIM", "ي")[1].name == "denied"  # the D key
    assert scheme.relation_for_hotkey("CLAIM", "س").name == "SOURCE"  # the S key
    assert scheme.label_for_hotkey("٣").name == "WEAPON"
